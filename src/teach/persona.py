"""Sam: one invented person followed through every lesson.

Sam's facts live in one table (``data/persona.csv``), each row with its citation and a note of
what it was built from, so every lesson shows the same person. Each lesson opens with Sam's
question (:func:`opening`) and ends with what that lesson's tools let a learner say about him
(:func:`closing`); the numbers in a closing are computed by the lesson's own models from
Sam's row values, never typed here. Sam is not a real patient.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache

from teach.data import load_table, parameter, short_citation
from teach.validation import check_instance

LESSONS = ("01", "02", "03", "04", "05", "06", "07")
_TEXT_FIELDS = ("name", "sex", "pain_condition", "prescribed_medicine", "kratom_form")
_FLAG_FIELDS = ("type2_diabetes", "steatosis_on_imaging")


@dataclass(frozen=True)
class Person:
    """Sam's facts; units in the field names (U/L, mg/dL, 10^9/L, g/dL, kg/m2, g)."""

    name: str
    age_years: float
    sex: str
    pain_condition: str
    bmi_kg_m2: float
    type2_diabetes: bool
    prescribed_medicine: str
    kratom_form: str
    kratom_dose_g: float
    kratom_doses_per_day: float
    alcohol_g_week: float
    alt_U_L: float
    ast_U_L: float
    alp_U_L: float
    bilirubin_mg_dL: float
    platelets_1e9_L: float
    albumin_g_dL: float
    steatosis_on_imaging: bool

    @property
    def kratom_g_per_day(self) -> float:
        """Leaf powder per day (g)."""
        return self.kratom_dose_g * self.kratom_doses_per_day


@cache
def person() -> Person:
    """Sam, read from ``persona.csv`` (every field required; flags are yes/no)."""
    table = load_table("persona")
    rows = dict(zip(table["field"], table["value"], strict=True))
    values = {}
    for name in Person.__dataclass_fields__:
        if name not in rows:
            raise ValueError(f"persona.csv must have a row for {name!r}")
        raw = str(rows[name]).strip()
        if name in _TEXT_FIELDS:
            values[name] = raw
        elif name in _FLAG_FIELDS:
            if raw not in ("yes", "no"):
                raise ValueError(f"persona.csv {name} must be yes or no; got {raw!r}")
            values[name] = raw == "yes"
        else:
            values[name] = float(raw)
    return Person(**values)


_QUESTIONS = {
    "01": "I take tramadol for my back, and kratom powder twice a day. What does kratom do at the same "
          "receptors as my painkiller?",
    "02": "How much of it is in my body if I take it every day, how long would it take to leave, and does "
          "it change how my tramadol works?",
    "03": "My doctor says I have a fatty liver. I read that kratom might cause it, or might help it. "
          "Does kratom cause my fatty liver?",
    "04": "My routine bloods show a raised ALT. Read against my laboratory's limits, how raised is it, what "
          "pattern is it, and is it a drug-induced liver injury?",
    "05": "Is my raised ALT from the kratom or from my fatty liver? What would it take to blame the kratom, and "
          "what does my FIB-4 say?",
    "06": "What should my care plan look like, and what should it watch, given that I use kratom?",
    "07": "I read online that kratom is not addictive, helps fatty liver and is a safe add-on. Is that true?",
    "08": "Can you put what we know into a short note I can take to my doctor?",
}


def describe(who: Person | None = None) -> str:
    """One paragraph about Sam, from his table row values."""
    p = person() if who is None else check_instance(who, "who", Person)
    diabetes = " and type 2 diabetes" if p.type2_diabetes else ""
    return (
        f"{p.name} (an invented person, not a real patient) is {p.age_years:g}, has {p.pain_condition}, "
        f"obesity (body mass index {p.bmi_kg_m2:g} kg/m²){diabetes}, "
        f"takes prescribed {p.prescribed_medicine}, and uses "
        f"{p.kratom_dose_g:g} g of kratom {p.kratom_form} {_times(p.kratom_doses_per_day)} a day."
    )


def _times(count: float) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count:g} times")


class Story:
    """Markdown shown in a notebook (and as text where Markdown cannot render)."""

    def __init__(self, markdown: str):
        self.markdown = check_instance(markdown, "markdown", str)

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.markdown


def opening(lesson: str) -> Story:
    """Sam's question for ``lesson`` ("01".."07", or "08" for the capstone), with who he is."""
    lesson = _check_lesson(lesson, (*LESSONS, "08"))
    return Story(f"> **{person().name}'s question.** {describe()}\n>\n> *\"{html.escape(_QUESTIONS[lesson])}\"*")


def closing(lesson: str) -> Story:
    """What ``lesson``'s tools let a learner say about Sam (numbers computed by its models)."""
    lesson = _check_lesson(lesson)
    lines = _CLOSINGS[lesson](person())
    body = "\n".join(f"- {line}" for line in lines)
    return Story(f"**What this lesson lets you say about {person().name}**\n\n{body}")


def _check_lesson(lesson, allowed=LESSONS) -> str:
    if not isinstance(lesson, str) or lesson not in allowed:
        raise ValueError(f"lesson must be one of {', '.join(allowed)}; got {lesson!r}")
    return lesson


def _closing_01(p: Person) -> list[str]:
    return [
        "Mitragynine and 7-hydroxymitragynine are partial agonists at the mu-opioid receptor, the receptor "
        f"{p.prescribed_medicine}'s active metabolite acts on: their opioid effects can add up, and a partial "
        "agonist can also blunt a full one.",
        "A partial agonist has a ceiling, but a ceiling on effect is not a ceiling on harm: in mice "
        f"7-hydroxymitragynine depressed breathing with no plateau ({short_citation('hill2022')}).",
        "Published binding constants differ between laboratories; compare them only within one study.",
    ]


def _closing_02(p: Person) -> list[str]:
    from teach.kinetics import model as kinetics

    low = kinetics.mitragynine_dose_mg(p.kratom_g_per_day, parameter("content_low_percent", kinetics.TABLE))
    high = kinetics.mitragynine_dose_mg(p.kratom_g_per_day, parameter("content_high_percent", kinetics.TABLE))
    half_lives = [s.half_life_h for s in kinetics.studies().values()]
    midazolam = parameter("midazolam_auc_observed_fold", kinetics.TABLE)
    dextromethorphan = parameter("dextromethorphan_auc_observed_fold", kinetics.TABLE)
    return [
        f"{p.kratom_g_per_day:g} g of leaf a day holds about {low:.0f} to {high:.0f} mg of mitragynine, depending on "
        f"a product strength he cannot see ({short_citation('fowble2019')}): switching products can change his dose "
        "several-fold.",
        f"With published half-lives of {min(half_lives):.0f} to {max(half_lives):.0f} h, daily use builds up over "
        "days, and it takes days to wash out after the last dose.",
        f"In the laboratory mitragynine inhibits CYP2D6, the enzyme that turns {p.prescribed_medicine} into its "
        "active metabolite, and CYP3A. In volunteers one 2 g dose raised midazolam (CYP3A) exposure "
        f"{midazolam:g}-fold and left dextromethorphan (CYP2D6) at {dextromethorphan:g}-fold "
        f"({short_citation('tanna2023cpt')}); daily use at his dose was not studied. His prescriber needs to know.",
    ]


def _closing_03(p: Person) -> list[str]:
    return [
        "A survey showing more fatty liver (MASLD) among people who use kratom cannot tell whether kratom caused it: "
        "chronic pain, obesity, inactivity and diabetes raise both kratom use and MASLD.",
        f"{p.name} has several of those causes himself (obesity, type 2 diabetes, chronic pain), so his fatty liver "
        "has known explanations whether or not kratom plays a part.",
        "No population study has shown that kratom causes or prevents MASLD; the honest answer for him is "
        "\"not known\".",
    ]


def _lab(p: Person):
    from teach.liver import model as liver

    return liver.lab_state(
        p.alt_U_L, p.ast_U_L, p.alp_U_L, p.bilirubin_mg_dL, "mg/dL", p.platelets_1e9_L, p.age_years,
        parameter("lab_alt_uln_U_L", "liver_thresholds"), parameter("lab_ast_uln_U_L", "liver_thresholds"),
        parameter("lab_alp_uln_U_L", "liver_thresholds"), parameter("lab_bilirubin_uln_mg_dL", "liver_thresholds"),
    )


def _closing_04(p: Person) -> list[str]:
    from teach.liver import model as liver

    lab = _lab(p)
    healthy = liver.healthy_alt_threshold_U_L(p.sex)
    dili = "meets" if lab.dili.met else "does not meet"
    hys = "meets" if lab.hys.met else "does not meet"
    return [
        f"His ALT of {p.alt_U_L:g} U/L is {lab.alt_xuln:.1f} times his laboratory's upper limit, and his ALP "
        f"{lab.alp_xuln:.1f} times; against the guideline's healthy ALT for "
        f"{'men' if p.sex == 'male' else 'women'} ({healthy:g} U/L) it is raised "
        "enough to look for a cause.",
        f"The panel {dili} the international case criteria for drug-induced liver injury, and it {hys} the "
        "biochemical part of Hy's law.",
        f"Its R ratio is {lab.r_ratio:.2f} ({lab.pattern}), but a pattern matters only once an injury meets the "
        "case criteria: a raised ALT below them is not a drug-induced liver injury case, and the next question "
        "is its cause.",
    ]


def _closing_05(p: Person) -> list[str]:
    from teach.liver import model as liver

    lab = _lab(p)
    fibrosis = liver.fibrosis_state(
        p.ast_U_L, p.alt_U_L, p.age_years, p.platelets_1e9_L, p.bmi_kg_m2, p.albumin_g_dL, p.type2_diabetes,
        p.steatosis_on_imaging, p.alcohol_g_week, p.sex,
    )
    rucam = ("RUCAM has no case to score: it weighs a liver injury that meets the case criteria, and his panel "
             "does not" if not lab.dili.met else "RUCAM can weigh his injury")
    return [
        f"FIB-4 is {fibrosis.fib4:.2f} ({fibrosis.fib4_band}) and the NAFLD fibrosis score {fibrosis.nfs:.2f} "
        f"({fibrosis.nfs_band}); with a fatty liver on imaging, obesity and diabetes, the category is "
        f"{fibrosis.category}.",
        f"{rucam}. To blame kratom it would need when he started it and when the ALT rose, what the ALT did after "
        "he stopped, his other medicines, and tests that rule out other causes such as viral hepatitis.",
        "So his raised ALT fits his fatty liver better than kratom injury, but it does not rule kratom out: "
        "symptoms such as jaundice, dark urine, itching or fatigue, or a rising ALT, would change the reading.",
    ]


def _closing_06(p: Person) -> list[str]:
    from teach.careplan import model as careplan

    plan = careplan.CarePlan(pain_condition=p.pain_condition, bmi_kg_m2=p.bmi_kg_m2, diabetes=p.type2_diabetes,
                             uses_kratom=True, medicines=(careplan.medicine(p.prescribed_medicine),))
    state = careplan.plan_state(plan)
    kinds = sorted({flag.kind for flag in state.flags})
    return [
        "His care plan is built from care with evidence behind it (physical therapy and exercise, psychological "
        "care, sleep, and medicines chosen with his clinician), aimed at what he wants to be able to do.",
        f"Kratom is not part of his care: the plan records that he uses it, and beside {p.prescribed_medicine} "
        f"that raises {len(state.flags)} flags for his clinician ({', '.join(kinds)}).",
        f"It watches his liver ({', '.join(careplan.liver_risk_factors(plan))}) and {len(careplan.red_flags())} "
        "red-flag symptoms, any time while he uses kratom, and he takes his questions to his clinician.",
    ]


def _closing_07(p: Person) -> list[str]:
    from teach.claims import model as claims

    verdicts = {claim_id: claims.claim(claim_id).verdict for claim_id in ("not_addictive", "helps_fatty_liver")}
    return [
        f"\"Kratom is not addictive\": {verdicts['not_addictive']} by surveys of people who use it every day.",
        f"\"Kratom helps fatty liver\": {verdicts['helps_fatty_liver']}; the evidence is cell and animal studies and "
        "one survey, with no liver-fat outcome in people.",
        f"\"A safe add-on\": not shown, and not for him: it acts at the same receptor as {p.prescribed_medicine}, "
        "and it can change the exposure to other medicines.",
    ]


_CLOSINGS = {"01": _closing_01, "02": _closing_02, "03": _closing_03, "04": _closing_04, "05": _closing_05,
             "06": _closing_06, "07": _closing_07}
