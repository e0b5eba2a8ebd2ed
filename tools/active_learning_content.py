# ruff: noqa: E501  (prose and notebook-cell text, kept as written)
"""The content the wiring script puts into the notebooks (issue 13): "Check your thinking" blocks,
rewrites of prompts that gave their answer away, exercise cells, new self-checks, the concept
inventory and the progress view. tools/wire_active_learning.py applies it; nothing here runs."""

# --------------------------------------------------------------------------------------------
# "Check your thinking": one collapsed block per "What happens if" list, keyed by the demo call
# that the list follows. Each entry: (notebook, [demo-call anchors, first found wins], block).
# --------------------------------------------------------------------------------------------
THINKING = [
    ("01_alkaloids_and_receptors.ipynb", ["binding_app()"], """
1. **1.5 nM.** Naloxone, whose KD is about 1.5 nM, sits at exactly 50 %: that is what a Ki or KD *means*, the
   concentration that fills half the receptors. Compounds that bind more tightly (sufentanil, hydromorphone) are
   above 50 %, those that bind less tightly (hydrocodone, tramadol, mitragynine, 7-OH) below. Morphine's band
   spans 50 % because its published values (1.2-4 nM) lie on both sides of 1.5 nM.
2. **Ten-fold more.** Far below its Ki a compound's occupancy rises almost ten-fold, because C / (C + Ki) is close
   to C / Ki there. Far above its Ki it barely moves (99 % can only go to 99.9 %): the receptors are already full.
   This is why doubling a dose matters a lot for a weakly bound drug and little for a tightly bound one.
3. **The Obeng pairing.** The paper's own binding table, or another study that measured both compounds in one
   assay. As printed, mitragynine looks about nine times *tighter* than 7-OH, the reverse of every other dataset.
   A single surprising number from an abstract is a reason to look for a transcription error, not a finding.
"""),
    ("01_alkaloids_and_receptors.ipynb", ["efficacy_app()"], """
1. **10 % of receptors left.** The full agonist still reaches about 75 % of the system maximum; the partial
   agonist falls from 50 % to about 9 %. A full agonist needs only a few receptors to give a large signal, so it
   has spare receptors (reserve) to lose; a partial agonist needs nearly all of them, so every lost receptor
   costs it response. This is why a partial agonist looks "full" in a tissue with many receptors and weak in one
   with few.
2. **tau = 0.01.** Its own maximum drops to about 1 %: it still binds (the Ki did not change) but almost no
   longer activates. A compound that occupies receptors without activating them is a competitive antagonist,
   which is how mitragynine behaved in Obeng's G-protein assay. Affinity and efficacy are separate properties.
3. **Adding the partial agonist.** At low full-agonist concentrations the partial agonist *adds* response (the
   receptors were idle); where the full agonist alone is near its maximum, the partial agonist *lowers* it,
   because it takes receptors the full agonist would have used better. The crossing point is where the full
   agonist alone gives about the partial agonist's ceiling.
"""),
    ("01_alkaloids_and_receptors.ipynb", ["antagonism_app()"], """
1. **1 x KB.** The dose ratio is 1 + 1 = 2: the EC50 doubles (3.2 to 6.5 nM in the readout). At a concentration
   equal to its KB the antagonist holds half the receptors at rest, so twice the agonist is needed to compete.
2. **1,000 x KB.** The curve moves about 1,000-fold to the right but the maximum stays (97 % vs 96 %): competitive
   block is surmountable. For reversal, the reverse matters: a high-affinity or high-concentration opioid can
   out-compete naloxone, and a long-acting opioid can outlast it, so repeated or continued naloxone may be needed.
3. **A Schild slope that is not 1.** The simple model (one site, competition, equilibrium) does not hold: the
   antagonist may not have reached equilibrium, may act at more than one site or receptor type, may be removed
   or taken up in the tissue, or may not be purely competitive. The slope is a check of the model, not a detail.
"""),
    ("01_alkaloids_and_receptors.ipynb", ["bias_app()"], """
1. **Equal tau values (0.3 and 0.3).** In this demo both pathways share the same amplification, so with equal
   efficacy the test ligand's curve lies *on* the diagonal, only shorter (both maxima 23 %): no bias. In real
   cells the arrestin readout is usually less amplified than the G-protein readout, so a low-efficacy agonist
   loses its arrestin signal first and can *look* biased without any preference of its own ("system bias").
   That is the trap behind reading little arrestin recruitment as safety.
2. **tau(arrestin) = tau(G protein).** The curve sits on the diagonal at any shared value. Equal taus make a
   balanced ligand; whether it is a full agonist depends on the size of tau (3 gives 75 %, 0.05 only 5 %), not
   on the balance. Bias and efficacy are different axes.
"""),
    ("02_from_leaf_to_receptor.ipynb", ["single_dose_app()"], """
1. **Switching studies.** The shape changes (peak height and how fast the curve falls: 23 h vs 68 h half-life),
   but the AUC stays at 420 nM h, because the model uses one apparent clearance (CL/F) for every study and
   AUC = Dose / (CL/F). The half-life changes the *shape* of exposure over time, not its total.
2. **Double the leaf.** In a linear model both the peak and the AUC double (420 to 840 nM h). Doubling the
   grams is not the only way to double the dose: the content does it too.
3. **0.3 % vs 2 %.** 2 g of 0.3 % leaf holds 6 mg; 2 g of 2 % leaf 40 mg, about seven times more. Switching to a
   stronger product of unknown content at the same grams can multiply the dose several-fold without anyone
   noticing, one reason the course treats product strength as a safety question, not a conversion exercise.
4. **Model vs measured peak.** The AUC matches the measured 420 nM h, but the model's peak (4-12 nM depending
   on the study, about 6 nM with Tanna's) is far below the measured 81.9 nM. A one-compartment model spreads the drug into one big volume at once; in reality it stays in the
   blood at first and then moves into tissues. Conclusions that rest on the AUC (average exposure) are safer here
   than conclusions that rest on the early peak.
"""),
    ("02_from_leaf_to_receptor.ipynb", ["daily_app()"], """
1. **Every 6 h, same amount per day.** The swings between doses shrink (the accumulation ratio rises from 3.25
   to about 11 because each dose is a quarter of the size), but the average level at steady state stays at
   17.5 nM: it depends on the daily dose and the clearance only.
2. **23 h vs 68 h.** 90 % of steady state takes 3.2 days with 23 h and 9.4 days with 68 h. The measured 8-9 days
   fits the long half-life from repeated dosing, one reason to distrust the 23 h estimate from only 24 h of
   sampling.
3. **Stopping on day 3.** Levels had not reached steady state, but the fall after the last dose follows the same
   half-life: about 3.3 half-lives (6.3 days at 45 h) to fall to 10 % of the steady-state level, and since the
   levels started lower they cross that line sooner.
4. **A medicine started a day after stopping.** After one day (24 h) at a 45 h half-life about 70 % of the
   mitragynine is still there (exp(-ln 2 x 24 / 45)); at 68 h, about 78 %. An interaction can therefore start
   days after the last kratom dose.
"""),
    ("02_from_leaf_to_receptor.ipynb", ["saturation_app()"], """
1. **1, 10, 100 x Km.** 7-OH from mitragynine goes 0.50, 0.91, 0.99 (of Vmax): each ten-fold step gives less,
   because the enzyme saturates. 7-OH taken directly goes 1, 10, 100: no ceiling, proportional to the dose.
2. **Less CYP3A activity (ketoconazole).** The ceiling drops with the enzyme (at 20 % activity the ceiling is
   0.20), because Vmax is the amount of working enzyme. The 7-OH-taken-directly line does not change: it skips
   the enzyme. In mice this is what ketoconazole did: less effect from mitragynine, none on 7-OH.
3. **A concentrated 7-OH product.** The 7-OH-taken-directly curve describes them. Any protection from a
   metabolic ceiling is gone, because the step that saturates is skipped. And this is mouse evidence: the
   ceiling is not a safe human dose for leaf either.
"""),
    ("02_from_leaf_to_receptor.ipynb", ["occupancy_app()"], """
1. **5 g instead of 2 g.** The band's upper edge rises from 7.5 % to about 17 %, a little less than 2.5-fold.
   Where occupancy is small, C / (C + Ki) is close to C / Ki and rises in proportion to the dose; near 100 %
   there is no room left, so the same dose step adds little.
2. **68 h half-life.** The peak is lower (5.2 % instead of 7.5 % at the upper edge) but the curve falls more
   slowly, so 48 h after the dose more receptors are occupied than with 45 h. The half-life moves occupancy in
   time more than in height.
3. **An unbound fraction of 0.05.** The *upper* edge comes down (it used the largest fraction, 1); the lower
   edge (0.01) stays. The band narrows to a factor of about 5 in concentration instead of 100. The remaining
   width would come from the Ki, which is the other unknown.
"""),
    ("03_correlation_vs_causation.ipynb", ["estimates_app()"], """
1. **Nothing adjusted for.** The readout counts 22 open back-door paths. The Mantel-Haenszel and regression rows
   become the crude estimate (nothing to stratify or adjust for) and sit above 1 although the true effect is 1;
   only the randomised trial stays near 1. Randomisation cuts every arrow into kratom; adjustment has to block
   them one by one.
2. **True effect 2 or 0.5.** The adjusted and randomised estimates follow the truth (roughly; the adjusted
   ones recover the conditional OR, the trial the population OR). The crude estimate stays pushed upward by
   confounding: with a protective true effect of 0.5 it can sit near 1 or even above it, so the crude estimate
   can hide a benefit or point the wrong way.
3. **pain -> kratom ten times stronger.** The crude estimate moves most, because the confounding path through
   pain gets stronger; the valid adjusted estimates and the trial barely move.
4. **300,000 people, nothing adjusted.** The interval narrows around the crude value (about 1.26 in one seed),
   far from 1: a larger sample makes a biased answer more precise, not more correct.
5. **Adding liver clinic.** The readout warns that conditioning on the clinic opens a path, and the adjusted
   estimates drop below 1 (kratom looks protective). The clinic is a collider (kratom -> clinic <- ALT <- MASLD);
   adjusting for it creates an association.
"""),
    ("03_correlation_vs_causation.ipynb", ["selection_app()"], """
1. **kratom -> clinic = 1.** The clinic estimate comes back near 1 (in one seed OR 1.24, interval 0.75-2.04): the
   strong distortion needs kratom to affect who is in the sample. The composition of the sample still differs
   (more women and more people in pain), because other causes of referral remain.
2. **kratom -> clinic = 20.** The clinic estimate goes further below 1 (about 0.5 in one seed) while the truth is
   1. The stronger kratom drives referral, the more the people who use kratom in the clinic are people *without* raised
   ALT, which makes kratom look protective.
3. **Online survey.** Respondents are more often women and in pain (about 59 % and 92 % in one seed, close to the
   published 61 % and 91 %) than people who use kratom in the cohort. The survey cannot estimate kratom's effect at all:
   everyone in it uses kratom, so there is no comparison group.
"""),
    ("03_correlation_vs_causation.ipynb", ["indication_app()"], """
1. **pain -> opioid Rx = 1.** The crude opioid association goes to about 1. It existed only because pain leads
   to opioid prescriptions and, through inactivity and obesity, to MASLD: confounding by indication.
2. **True kratom effect 0.5.** The crude kratom row is weaker than the pooled row (nearer to 1), because pain
   pushes people who use kratom towards MASLD. Yes, confounding can hide or shrink a real benefit, just as it can invent
   a harm.
3. **Within-stratum rows.** Each stratum holds only part of the people, and the people in pain who use kratom
   are few, so each within-stratum estimate has a wider interval. Pooling the strata with Mantel-Haenszel
   recovers precision without reintroducing the confounding.
"""),
    ("04_reading_a_liver_panel.ipynb", ["lab_explorer_app()"], """
1. **ALP upper limit 115 U/L.** The same ALP becomes 3.72 x ULN instead of 3.29, R falls from 2.07 to 1.83, and
   case 6972 becomes *cholestatic*. An R ratio near a cut-off depends on the laboratory's limits, so R values
   from different hospitals cannot be compared without their limits.
2. **Sex (women).** Read against a guideline's healthy limit (25 U/L for women, 33 for men) instead of the
   case laboratory's 40 U/L, the same ALT is a larger multiple of the ULN. The DILI case definition and Hy's law
   use the *laboratory's own* limit; a guideline's healthy limit is for deciding when to look into a raised ALT.
3. **Bilirubin in umol/L.** The number changes (22.4 mg/dL = 383 umol/L), but the verdicts do not: they use
   bilirubin as a multiple of its upper limit, and the limit converts by the same factor.
4. **ALP upper limit 0.** The input is refused with a message naming the limit and its valid range, and the
   figure keeps the last good picture: a zero limit would divide by zero and give a meaningless R.
"""),
    ("05_causality_in_one_patient.ipynb", ["rucam_app()"], """
1. **Bilirubin instead of ALP.** Item 2 goes from 0 to +2 and the total from +2 to +4: 'unlikely' becomes
   'possible'. One judgement call about which marker to follow moves the case a whole band.
2. **Onset at 120 days.** Item 1 drops from +2 to +1 (total +1, 'unlikely'). Most drug-induced liver injury
   appears within three months of starting; the later the onset, the more time other causes had.
3. **Hepatocellular scale.** The course and re-exposure options change to ALT-based ones (fell >= 50 % within
   8 days, within 30 days, ...). Liver-cell injury heals faster than bile-duct injury, so this scale asks for a
   faster fall; the cholestatic scale allows 180 days.
4. **Kava stopped long before.** Item 4 goes from -2 to 0 and the total to +4, 'possible'. A competing suspect
   with compatible timing costs the kratom score two points: RUCAM weighs one suspect *against* the others.
5. **HCV RNA negative; then group II too.** All 7 group I causes ruled out gives item 5 +1 (total +3); ruling out
   group II as well gives +2 (total +4). A complete work-up is worth points.
6. **Only four group I causes checked.** Three untested causes cost -2 in item 5 (total 0, 'excluded'), while an
   unreported course after stopping costs nothing (0 in item 2). Missing *tests* count against the product
   because an untested cause is still possible; missing *follow-up* scores 0.
7. **Another cause highly probable.** Item 5 becomes -3 whatever else was ruled out (total -1, 'excluded'). If
   hepatitis E explains the injury, nothing else about the timeline can make kratom the likely cause.
8. **'Labelled in the product characteristics'.** Item 6 goes to +2 (total +3). Kratom as sold cannot earn this:
   it is not a licensed medicine; published reports earn +1 at most.
9. **Accidental re-exposure, ALP doubled.** Item 7 gives +3 (total +5, 'possible'); doubling with the other
   herbs also present gives only +1. A rise that stays below the ULN in the same conditions gives -2 (total 0):
   a negative re-challenge counts against the product.
"""),
    ("05_causality_in_one_patient.ipynb", ["fibrosis_app()"], """
1. **65 instead of 58.** FIB-4 rises from 1.79 to 2.01 with nothing else changed, because age is in the
   numerator. At 65 the low cut-off rises to 2.0, so she stays *indeterminate* (just above it); with platelets at
   250 FIB-4 falls to 1.52, *low risk*. The age-specific cut-off corrects for ageing, not for her liver.
2. **Alcohol 140 then 360 g a week.** At 140 g (a woman) the category becomes MetALD; at 360 g, above 350,
   alcohol-related liver disease. The definition needs separate names because the cause, the outlook and the
   care differ: alcohol is then a driver of the liver disease, not a bystander.
3. **No diabetes, BMI 24.** No cardiometabolic criterion is left among those entered, so the category becomes
   cryptogenic steatotic liver disease: fat without a metabolic explanation, a prompt to look for other causes
   (blood pressure and lipids, not entered here, could still count).
4. **ALT doubles.** FIB-4 *falls* (1.79 to 1.27, low risk), because ALT is in the denominator. A score that drops
   when liver enzymes rise is not a measure of "liver damage"; it estimates fibrosis in chronic disease, and it
   means nothing in an acute injury.
"""),
    ("07_checking_the_claims.ipynb", ["rating_app()"], """
1. **All 3 ('unsure').** The mean distance from the evidence is 1.6 points, because the evidence rates five
   claims 'contradicted' (1) and three 'not supported' (2). 'Unsure' is honest where evidence is missing, but
   here there is evidence against most claims: the distance shows where a closer look would have moved you.
2. **'Helps' and 'causes' fatty liver both 5.** Both cannot be fully true at once for the same people, and the
   evidence rates both 'not supported' (2): cell studies and a survey for 'helps', acute drug-induced injury
   (not steatosis) for 'causes'. No study has measured liver fat in people who use kratom.
3. **Changing a rating after revealing.** Your first ratings are kept in your progress file (run the cell below
   to compare them with your final ones). The claims furthest off are usually the ones rated from a headline, a
   friend or a vendor; the ones closest are often those where you knew the kind of study behind them.
"""),
    ("07_checking_the_claims.ipynb", ["levels_app()"], """
1. **Randomised trials only (6).** One claim is left: 'Kratom is a proven painkiller', through one small
   randomised study. It tested cold-water pain in 26 men who already drank kratom daily, not clinical pain in
   patients, so it does not test the claim as people state it.
2. **Case reports and stronger (3).** The two claims that drop out are '7-OH is just natural kratom' and
   'Signalling bias makes kratom safe for breathing': their sources are cells and animals. Mechanism claims are
   argued from cells and animals because that is where mechanisms can be measured, but they cannot show what
   happens in people.
3. **In vitro (1).** Every claim now 'has evidence'. A claim that cites 'studies' without saying which kind
   tells you almost nothing: the level of the study decides what it can show.
"""),
    ("07_checking_the_claims.ipynb", ["bias_app()"], """
1. **Arrestin tau lowered until the curve is far below the diagonal.** The ligand looks strongly biased, yet the
   mouse studies above show breathing depression by mitragynine and, without a ceiling, by 7-hydroxymitragynine,
   and mice without beta-arrestin-2 still have opioid respiratory depression: the premise that arrestin causes
   it does not hold.
2. **G-protein tau lowered too, so both are low.** In this demo equal low efficacies lie on the diagonal, with
   small maxima. In real assays the less-amplified pathway drops out first, so low efficacy alone can produce a
   'biased'-looking plot: a claim of bias has to rule this out.
3. **Equal tau values.** The curve lies on the diagonal: no bias. A claim of bias would need the ligand to
   favour one pathway *relative to a reference agonist in the same assay*, and then still would not show safety
   for breathing in people.
"""),
]

# --------------------------------------------------------------------------------------------
# Prompts that gave their answer away: (notebook, exact old text, new text). Not found = reported.
# --------------------------------------------------------------------------------------------
GIVEAWAYS = [
    ("01_alkaloids_and_receptors.ipynb",
     "...you set the concentration to 77.9 nM? Which compound is at exactly 50 %?",
     "...you set the concentration to 1.5 nM? Which compound is at exactly 50 %, and why?"),
    ("01_alkaloids_and_receptors.ipynb",
     "...you set the partial agonist's $\\tau$ to 0.01? What is left is nearly a pure competitive antagonist.",
     "...you set the partial agonist's $\\tau$ to 0.01? What is left of its own response, and what kind of drug "
     "does it now behave like?"),
    ("01_alkaloids_and_receptors.ipynb",
     "...you lower **both** $\\tau$ values equally, to 0.3? The curve still falls below the diagonal. A "
     "low-efficacy partial agonist can look \"biased\" because the weaker pathway drops out first.",
     "...you set **both** $\\tau$ values to the same low value, 0.3? Where does the curve lie, and how could a "
     "low-efficacy agonist look \"biased\" in a real assay?"),
    ("01_alkaloids_and_receptors.ipynb",
     "...you go to 1,000 × $K_B$? Is the maximum lower?",
     "...you go to 1,000 × $K_B$? What happens to the maximum?"),
    ("02_from_leaf_to_receptor.ipynb",
     "...you compare the model's mitragynine peak with the measured one (open square)? The model gets the exposure "
     "right but the early peak about ten times too low.",
     "...you compare the model's mitragynine peak with the measured one (open square), and the model's AUC with the "
     "measured 420 nM h? Which does the model get right, and why might the other be off?"),
    ("02_from_leaf_to_receptor.ipynb",
     "...you switch between studies? Which part of the curve changes, and why does the AUC in the readout stay the "
     "same?",
     "...you switch between studies? Which part of the curve changes, and what happens to the AUC in the readout?"),
    ("02_from_leaf_to_receptor.ipynb",
     "How many grams of the weaker leaf give the same mitragynine as 2 g of the stronger one?",
     "How many times more mitragynine does the same 2 g carry at 2 % than at 0.3 %, and what does that mean for "
     "someone who switches to a product of unknown strength?"),
    ("03_correlation_vs_causation.ipynb",
     "...you raise the **cohort size** to 300,000 with nothing adjusted for? The interval narrows, but around what?",
     "...you raise the **cohort size** to 300,000 with nothing adjusted for? What happens to the interval, and to "
     "the estimate it surrounds?"),
    ("03_correlation_vs_causation.ipynb",
     "...you add **liver clinic** to the adjustment set? Read the warning.",
     "...you add **liver clinic** to the adjustment set? What happens to the adjusted estimates, and why?"),
    ("05_causality_in_one_patient.ipynb",
     "...you set **pattern** to hepatocellular? The options for the course and for a re-exposure change: the two "
     "scales ask different questions, because liver-cell injury usually heals faster than bile-duct injury, and "
     "ALT and ALP are read against different baselines.",
     "...you set **pattern** to hepatocellular? What changes in the options for the course and for a "
     "re-exposure, and why might the two scales ask different questions?"),
    ("04_reading_a_liver_panel.ipynb",
     "...you type an ALP upper limit of **0**? Read the error: the last good picture stays.",
     "...you type an ALP upper limit of **0**? What happens to the readout and the figure?"),
    ("07_checking_the_claims.ipynb",
     "What is your mean distance from it, and why is \"unsure\" a poor answer to a claim the evidence contradicts?",
     "What is your mean distance from it, and when is \"unsure\" a good answer and when not?"),
    ("07_checking_the_claims.ipynb",
     "...you go down to in vitro (1)? Every claim now \"has evidence\". What does that tell you",
     "...you go down to in vitro (1)? How many claims now \"have evidence\", and what does that tell you"),
]

# --------------------------------------------------------------------------------------------
# Code exercises: a worked example, then a faded one the learner completes, then the no-code path.
# --------------------------------------------------------------------------------------------
EXERCISES = {
    "01-occupancy": dict(
        title="occupancy from a Ki",
        intro="**Worked example.** Naloxone binds MOR with a KD of about 1.5 nM (Zastawny et al. 1994). At 4.5 nM, "
              "three times its KD, it occupies C / (C + KD) of the receptors:",
        worked="occupancy = 4.5 / (4.5 + 1.5)   # C / (C + Ki), a fraction from 0 to 1\noccupancy",
        task="**Your turn.** Morphine's Ki in rat brain is 1.2 nM (Chen et al. 1991). What fraction of MOR does it "
             "occupy at 0.4 nM? Replace `...`, run the cell and read the feedback.",
        faded="from teach.exercises import check\n\noccupancy = ...   # C / (C + Ki) with C = 0.4 nM and Ki = 1.2 nM\n"
              "check(\"01-occupancy\", occupancy)"),
    "01-dose-ratio": dict(
        title="the dose ratio of a competitive antagonist",
        intro="**Worked example.** With naloxone at 4 times its KB, the Schild equation gives the shift of the "
              "agonist's curve:",
        worked="dose_ratio = 1 + 4   # 1 + [B]/KB: the EC50 moves 5-fold to the right\ndose_ratio",
        task="**Your turn.** Naloxone's KB at the cloned rat receptor is about 1.5 nM (Zastawny et al. 1994). By what "
             "factor does 30 nM naloxone shift the agonist's EC50?",
        faded="from teach.exercises import check\n\ndose_ratio = ...   # 1 + [B]/KB with [B] = 30 nM and KB = 1.5 nM\n"
              "check(\"01-dose-ratio\", dose_ratio)"),
    "02-accumulation": dict(
        title="an accumulation ratio",
        intro="**Worked example.** With Tanna et al.'s half-life of 45.3 h and one dose every 24 h (the value the "
              "readout of demo 2 shows):",
        worked="import math\nk = math.log(2) / 45.3          # elimination rate constant, per hour\n"
               "ratio = 1 / (1 - math.exp(-k * 24))\nround(ratio, 2)",
        task="**Your turn.** After 15 daily doses Huestis et al. 2024 measured a half-life of 67.9 h. What is the "
             "accumulation ratio with one dose every 24 h?",
        faded="import math\nfrom teach.exercises import check\n\nk = ...                   # per hour, from the 67.9 h half-life\n"
              "accumulation_ratio = ...  # 1 / (1 - exp(-k tau)) with tau = 24 h\n"
              "check(\"02-accumulation\", accumulation_ratio)"),
    "02-time-to-steady-state": dict(
        title="time to 90 % of steady state",
        intro="**Worked example.** The fraction of steady state reached after t hours is 1 - exp(-k t). For 50 % "
              "that is one half-life, whatever the dose:",
        worked="import math\nk = math.log(2) / 45.3\nhours_to_50_percent = -math.log(1 - 0.5) / k   # = 45.3 h, one half-life\n"
               "hours_to_50_percent",
        task="**Your turn, with less help.** With Trakulsrichai et al.'s half-life of 23.24 h, how many **hours** "
             "until 90 % of steady state?",
        faded="from teach.exercises import check\n\nhours_to_90_percent = ...\ncheck(\"02-time-to-steady-state\", "
              "hours_to_90_percent)"),
    "03-odds-ratio": dict(
        title="an odds ratio from a 2 x 2 table",
        intro="**Worked example.** Large kidney stones (Charig et al. 1986): open surgery succeeded in 192 of 263, "
              "percutaneous nephrolithotomy (PCNL) in 55 of 80. The odds of success are successes / failures in each "
              "group; the odds ratio puts the exposed group (open surgery) on top:",
        worked="a, b = 192, 263 - 192   # open surgery: successes, failures\nc, d = 55, 80 - 55      # PCNL\n"
               "odds_ratio_large = (a / b) / (c / d)\nround(odds_ratio_large, 2)",
        task="**Your turn.** Do the same for **small** stones: open surgery 81 of 87, PCNL 234 of 270.",
        faded="from teach.exercises import check\n\nodds_ratio = ...   # (a/b) / (c/d), open surgery on top\n"
              "check(\"03-odds-ratio\", odds_ratio)"),
    "03-woolf-interval": dict(
        title="its 95 % (Woolf) interval",
        intro="**Worked example.** Woolf's interval is built on the log scale, from the standard error (SE): "
              "SE = sqrt(1/a + 1/b + 1/c + 1/d), "
              "then exp(log OR -+ 1.96 SE). For the large stones above:",
        worked="import math\nse = math.sqrt(1/192 + 1/71 + 1/55 + 1/25)\nlog_or = math.log((192 / 71) / (55 / 25))\n"
               "(round(math.exp(log_or - 1.96 * se), 2), round(math.exp(log_or + 1.96 * se), 2))",
        task="**Your turn.** Give the 95 % interval for your small-stone odds ratio as `(lower, upper)`.",
        faded="from teach.exercises import check\n\ninterval = (..., ...)   # (lower, upper)\ncheck(\"03-woolf-interval\", "
              "interval)"),
    "03-causal-graph": dict(
        title="a causal graph in networkx",
        intro="**Worked example.** A graph is a list of arrows, each (cause, effect). Pain leads to kratom use and "
              "to an opioid prescription:",
        worked="import networkx as nx\nexample = nx.DiGraph([(\"pain\", \"kratom\"), (\"pain\", \"opioid\")])\n"
               "sorted(example.edges)",
        task="**Your turn.** Draw this story: chronic pain leads to kratom use and to physical inactivity; inactivity "
             "leads to MASLD; MASLD raises ALT; kratom use and a raised ALT both lead to a liver-clinic visit. Use "
             "the names `pain`, `kratom`, `inactive`, `masld`, `alt`, `clinic`.",
        faded="import networkx as nx\nfrom teach.exercises import check\n\n"
              "arrows = [(\"pain\", \"kratom\"), ...]   # add the other five arrows, then delete the ...\n"
              "check(\"03-causal-graph\", arrows)\n"
              "# when it passes: graph = nx.DiGraph(arrows); nx.is_directed_acyclic_graph(graph)"),
    "03-adjustment-set": dict(
        title="one valid adjustment set",
        intro="**Worked example.** The course's model checks a set with the back-door criterion. Adjusting for "
              "the liver clinic alone is not valid:",
        worked="model.is_valid_adjustment([\"clinic\"])",
        task="**Your turn.** Give one set of variables that *is* a valid adjustment set (names as in "
             "`model.NODES`); the feedback names any path you leave open.",
        faded="from teach.exercises import check\n\nadjust_for = {...}   # for example {'age', ...}\n"
              "check(\"03-adjustment-set\", adjust_for)"),
    "04-r-ratio": dict(
        title="an R ratio and its pattern",
        intro="**Worked example.** Case 6972 with its own laboratory's limits: ALT 272 (ULN 40), ALP 428 (ULN 130):",
        worked="r = (272 / 40) / (428 / 130)   # each enzyme over its own ULN first\nround(r, 2), model.injury_pattern(r)",
        task="**Your turn.** Case 8332 had ALT 126 U/L (ULN 35) and ALP 218 U/L. Read its ALP against **115 U/L**, "
             "the limit another laboratory prints. Give R and the pattern ('hepatocellular', 'mixed' or "
             "'cholestatic').",
        faded="from teach.exercises import check\n\nr_ratio = ...\npattern = ...\ncheck(\"04-r-ratio\", r_ratio, pattern)"),
    "04-sam-dili": dict(
        title="is Sam's panel a case?",
        intro="**Worked example.** Case 6972 with its laboratory's limits: ALT 272 (ULN 40), ALP 428 (ULN 130), "
              "bilirubin 22.4 mg/dL (ULN 1.2):",
        worked="alt_x, alp_x, bili_x = 272 / 40, 428 / 130, 22.4 / 1.2\n"
               "model.dili_criteria(alt_xuln=alt_x, alp_xuln=alp_x, bilirubin_xuln=bili_x).met",
        task="**Your turn.** Sam's panel: ALT 82 U/L, ALP 70 U/L, bilirubin 0.7 mg/dL; his laboratory's upper "
             "limits are 55 U/L, 115 U/L and 1.0 mg/dL. Give his ALT as a multiple of ULN, and whether the panel "
             "meets the case criteria (`True` or `False`).",
        faded="from teach.exercises import check\n\nalt_xuln = ...\nmeets_criteria = ...\n"
              "check(\"04-sam-dili\", alt_xuln, meets_criteria)"),
    "05-rucam-other-reading": dict(
        title="a RUCAM total read another way",
        intro="**Worked example.** Case 8332 with venlafaxine counted only as \"another agent\" (item 4):",
        worked="answers = model.rucam_case_answers(\"livertox_8332\")\n"
               "answers[\"concomitant\"] = \"another agent, compatible timing\"\n"
               "result = model.rucam(**answers)\nresult.total, result.band",
        task="**Your turn.** Score case 6972 with its course after stopping read from the bilirubin "
             "(`\"ALP/bilirubin fell >= 50 % within 180 days\"`) and its hepatitis C RNA negative, so that all 7 "
             "group I causes are ruled out (`group1_ruled_out = 7`). Give the total and its band.",
        faded="from teach.exercises import check\n\ntotal = ...\nband = ...\n"
              "check(\"05-rucam-other-reading\", total, band)"),
    "05-fib4": dict(
        title="FIB-4 from a panel",
        intro="**Worked example.** The illustrative MASLD patient of demo 3: 58 years, AST 38, ALT 42, platelets 190:",
        worked="import math\nfib4 = 58 * 38 / (190 * math.sqrt(42))\nround(fib4, 2), model.fibrosis_band(\"FIB-4\", fib4, 58)",
        task="**Your turn.** Another illustrative patient: 70 years, AST 30 U/L, ALT 42 U/L, platelets 200 x 10^9/L. "
             "Give FIB-4 and its band ('low risk', 'indeterminate' or 'high risk'), using the age-specific cut-off.",
        faded="from teach.exercises import check\n\nfib4 = ...\nband = ...\ncheck(\"05-fib4\", fib4, band)"),
    "06-enzyme-flags": dict(
        title="which medicines need an enzyme flag",
        intro="**Worked example.** The course's medicines table marks each medicine's properties. The opioids "
              "are:",
        worked="from teach.data import load_table\nmeds = load_table(\"careplan_medicines\")\n"
               "set(meds.loc[meds[\"opioid\"] == 1, \"medicine\"])",
        task="**Your turn.** Which medicines in the same table need the *enzyme* flag when kratom is used, that is, "
             "which are CYP3A or CYP2D6 substrates?",
        faded="from teach.exercises import check\n\nflagged = ...   # a set of names from meds['medicine']\n"
              "check(\"06-enzyme-flags\", flagged)"),
    "06-fib4-due": dict(
        title="the AASLD 2023 FIB-4 rule as a function",
        intro="**Worked example.** Counting metabolic risk factors: BMI >= 25 kg/m2 counts as one, and so do "
              "hypertension and dyslipidaemia:",
        worked="def metabolic_factors(bmi_kg_m2, hypertension, dyslipidaemia):\n"
               "    return (bmi_kg_m2 >= 25) + hypertension + dyslipidaemia\n\nmetabolic_factors(27, True, False)",
        task="**Your turn.** Write `needs_fib4`: True when FIB-4 is due every 1-2 years under AASLD 2023 (diabetes, "
             "or two or more metabolic risk factors). The check tries it on eight people.",
        faded="from teach.exercises import check\n\ndef needs_fib4(diabetes, bmi_kg_m2, hypertension, dyslipidaemia):\n"
              "    return ...\n\ncheck(\"06-fib4-due\", needs_fib4)"),
    "07-strongest-level": dict(
        title="the strongest kind of study behind a claim",
        intro="**Worked example.** The sources of 'Kratom is not an opioid' and their levels:",
        worked="[source.level for source in model.claim(\"not_an_opioid\").sources]",
        task="**Your turn.** What is the strongest level among the sources of 'Kratom helps fatty liver' "
             "(`\"helps_fatty_liver\"`)? `model.level_rank` ranks a level from 1 (in vitro) to 6 (randomised trial).",
        faded="from teach.exercises import check\n\nstrongest = ...   # one level, as text\n"
              "check(\"07-strongest-level\", strongest)"),
    "07-claims-at-level": dict(
        title="which claims reach a level you would accept",
        intro="**Worked example.** The claims whose strongest source is a randomised trial:",
        worked="{cid for cid in model.claim_ids() if model.claim(cid).best_level == \"randomised trial\"}",
        task="**Your turn.** Which claims have a source at the level of a **clinical study or higher**?",
        faded="from teach.exercises import check\n\naccepted = ...   # a set of claim ids\n"
              "check(\"07-claims-at-level\", accepted)"),
}

# Where each exercise goes: after the code cell that contains the anchor.
EXERCISE_PLACES = [
    ("01_alkaloids_and_receptors.ipynb", 'self_check("01-occupancy-at-ki")', ["01-occupancy"]),
    ("01_alkaloids_and_receptors.ipynb", 'self_check("01-dose-ratio")', ["01-dose-ratio"]),
    ("02_from_leaf_to_receptor.ipynb", 'self_check("02-withdrawal-timing")', ["02-accumulation", "02-time-to-steady-state"]),
    ("03_correlation_vs_causation.ipynb", 'self_check("03-sample-size")', ["03-odds-ratio", "03-woolf-interval"]),
    ("03_correlation_vs_causation.ipynb", 'self_check("03-adjust-collider")', ["03-causal-graph", "03-adjustment-set"]),
    ("04_reading_a_liver_panel.ipynb", 'self_check("04-pattern-at-cutoff")', ["04-r-ratio"]),
    ("04_reading_a_liver_panel.ipynb", "dili_severity(", ["04-sam-dili"]),
    ("05_causality_in_one_patient.ipynb", "Then check your answer with the worksheet.", ["05-rucam-other-reading"]),
    ("05_causality_in_one_patient.ipynb", 'self_check("05-fib4-older")', ["05-fib4"]),
    ("06_holistic_care_planning.ipynb", 'self_check("06-tramadol")', ["06-enzyme-flags"]),
    ("06_holistic_care_planning.ipynb", 'self_check("06-fib4-rule")', ["06-fib4-due"]),
    ("07_checking_the_claims.ipynb", 'self_check("07-fatty-liver-level")', ["07-strongest-level"]),
    ("07_checking_the_claims.ipynb", 'self_check("07-best-level-painkiller")', ["07-claims-at-level"]),
]

# New self-check cells (items added by issue 13): (notebook, anchor, [ids]) -> after the anchor cell.
SELF_CHECK_PLACES = [
    ("00_start_here.ipynb", 'self_check("00-what-for")', ["00-strands", "00-readout"]),
    ("02_from_leaf_to_receptor.ipynb", "studies_table()", ["02-half-life-range"]),
    ("04_reading_a_liver_panel.ipynb", "umol_per_L_per_mg_dL()", ["04-uln-units"]),
    ("04_reading_a_liver_panel.ipynb", "dili_severity(", ["04-dili-hy"]),
    ("07_checking_the_claims.ipynb", 'self_check("07-addiction-range")', ["07-rate-compare"]),
]

PREDICT_NOTE = ("**Predict first.** Every demo in this course asks for your prediction before it responds: choose an "
                "answer (or type a number), add a reason if you like, and press **Commit my prediction**. The "
                "controls then unlock, and the demo shows what you expected beside what happens.")

INVENTORY_PRE = ("## 4. Where you start: a short concept inventory\n\n14 questions across the three strands. Answer "
                 "with what you think now: there are no marks and no feedback here. The closing page asks the same "
                 "questions again and shows your own gain. Your answers stay in a small file on your computer "
                 "(your Jupyter data folder); nothing is sent anywhere.")
PROGRESS_MD = ("## 5. Your progress\n\nYour predictions, self-check answers, code-exercise results and inventory "
               "answers are kept in one small file on your computer, so they survive a kernel restart. The table "
               "below shows what you have done in each lesson; **Reset my progress** deletes it (after asking).")
INVENTORY_POST = ("## Your gain: the concept inventory again\n\nThe same 14 questions as in lesson 00. Answer them "
                  "now, then save: you will see your score before and after the course, and your gain.")
PROGRESS_POST = "Everything you have done in the course, lesson by lesson:"
RATINGS_MD = ("**Your first and final ratings.** Your ratings at the moment you first revealed the evidence are kept; "
              "later changes are your final ratings. Compare them with the evidence:")

# A rewrite that is not a give-away but became untrue: self-check answers are now kept (locally).
GIVEAWAYS.append((
    "00_start_here.ipynb",
    "A self-check gives you feedback at once; nothing is recorded or graded.",
    "A self-check gives you feedback at once. Nothing is graded, and nothing is sent anywhere: your answers are "
    "kept only in a small file on your computer, so that you can see your progress (section 5).",
))
