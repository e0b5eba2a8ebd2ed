"""A holistic care plan for chronic pain that watches the liver: a validated data model.

Pure functions and frozen dataclasses; no widgets, no plotting. Every public function validates
its input and raises a ValueError naming the parameter, its unit and the valid range.

Kratom is never a part of care here. A plan may record that the person uses kratom
(``CarePlan.uses_kratom``); the plan then shows what that asks of it: interaction checks, a
watch for liver and opioid-toxicity red flags, dependence checks and questions for the clinician.
Nothing in this module rates kratom as a treatment or draws a benefit for it.

Rules (every number and statement read from a ``careplan_*.csv`` table, each row with its citation
and where in the source it was read)
------------------------------------------------------------------------------------------------
* Parts of care (``careplan_parts.csv``): each asks the same things of the person (time, effort,
  downsides); what each guideline says about it is in ``careplan_guidelines.csv``, in the
  guideline's own words and strength, so that guidelines that disagree are shown side by side.
* Medicines (``careplan_medicines.csv``, ``careplan_medicine_cautions.csv``): interaction
  properties and liver, kidney or stomach cautions that depend on the person's risk factors.
* Interactions with kratom: mitragynine inhibits CYP3A (2 g kratom tea raised midazolam AUC
  1.39-fold, 90% CI 1.23-1.57 [@tanna2023cpt]) and CYP2D6 in vitro (IC50 0.67 uM [@tanna2023dmd]),
  although dextromethorphan AUC did not change in people (0.99); midazolam and dextromethorphan are
  the study's probe drugs, the evidence behind the CYP3A and CYP2D6 flags, not medicines of the
  plan. 7-hydroxymitragynine depressed breathing without a ceiling in mice [@hill2022]. CDC 2022
  Recommendation 11 asks clinicians to "use particular caution" with opioids and benzodiazepines
  together and to "consider whether benefits outweigh risks" [@cdc2022opioids].
* Monitoring: liver tests at baseline when any liver risk factor applies, then at an interval
  that **no guideline sets** (the default is an illustrative teaching value); FIB-4 every 1-2 years
  with prediabetes/type 2 diabetes or two or more metabolic risk factors [@rinella2023aasld];
  red-flag symptoms (``careplan_red_flags.csv``) watched throughout use, because liver injury
  appears a median 14-21 days after starting [@ahmad2021] [@schimmel2020], faster than any test
  interval; dependence and withdrawal checked at every review when the person uses kratom.

This is a teaching model. It is not medical advice and it does not replace a clinician.

Validation limits (reject mistyped input only; not clinical ranges): BMI 10-100 kg/m2; pain score
0-10 points; intervals 1-24 months; FIB-4 interval 1-2 years; horizon 1-36 months; text fields
at most 200 characters; at most 10 goals and 20 medicines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from teach.data import load_table, parameter
from teach.validation import Bounds, check_choice, check_choices, check_instance, check_quantity

TABLE = "careplan_parameters"
SCHEMA_VERSION = 1

BMI = Bounds(10.0, 100.0)
PAIN_SCORE = Bounds(0.0, 10.0)
INTERVAL_MONTHS = Bounds(1.0, 24.0)
HORIZON_MONTHS = Bounds(1.0, 36.0)
MAX_TEXT = 200
MAX_GOALS = 10
MAX_MEDICINES = 20

#: The parts of care a plan can hold. Kratom is not one of them (see ``CarePlan.uses_kratom``).
MODALITIES = ("physical_therapy", "psychological_therapy", "mindfulness", "acupuncture", "sleep",
              "weight_management", "medicines")
RISK_FLAGS = ("alcohol", "diabetes", "hypertension", "dyslipidaemia", "viral_hepatitis", "liver_disease",
              "hepatotoxic_other")
MEDICINE_FLAGS = ("cyp3a_substrate", "cyp2d6_substrate", "opioid", "sedative", "serotonergic",
                  "lowers_seizure_threshold", "hepatotoxic_possible")
#: Guidelines compared in ``careplan_guidelines.csv``: id -> short name.
GUIDELINES = {"acp2017": "ACP 2017", "cdc2022": "CDC 2022", "nice_ng193": "NICE NG193", "nice_ng59": "NICE NG59",
              "acr2019": "ACR 2019"}
#: Options the guideline table covers: the non-drug parts of care, then medicine classes.
GUIDELINE_OPTIONS = ("physical_therapy", "psychological_therapy", "mindfulness", "acupuncture", "weight_management",
                     "sleep", "paracetamol", "nsaid", "duloxetine", "tramadol", "other_opioids", "benzodiazepines")
#: Stances as the guidelines word them, from most in favour to most against.
STANCES = ("strong for", "conditional for", "weak for", "caution", "not preferred", "against")
NOT_VERIFIED = "not addressed, or not verified here"
RED_FLAG_GROUPS = ("liver", "opioid toxicity", "seizure")
WITHDRAWAL_SIGNS = ("muscle pain and spasm", "insomnia", "watery eyes or nose", "hot flashes", "fever",
                    "poor appetite", "diarrhoea")


@cache
def _p(name: str) -> float:
    return parameter(name, TABLE)


@cache
def _table(name: str):
    """A shipped table, read once (it does not change at run time; never modified here)."""
    return load_table(name)


def _text(value, name: str, *, allow_empty: bool = True) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} (text) must be a string of at most {MAX_TEXT} characters; got {value!r}")
    if len(value) > MAX_TEXT or (not allow_empty and not value.strip()):
        raise ValueError(f"{name} (text) must be a {'non-empty ' if not allow_empty else ''}string of at most "
                         f"{MAX_TEXT} characters; got {len(value)} characters")
    return value


def _flag(value, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} (yes/no) must be True or False; got {value!r}")
    return value


def red_flags(group: str | None = None) -> tuple[str, ...]:
    """Red-flag symptoms that mean stop and seek care at once (``careplan_red_flags.csv``),
    all of them or one ``group`` ("liver", "opioid toxicity" or "seizure")."""
    table = _table("careplan_red_flags")
    if group is not None:
        check_choice(group, "group", RED_FLAG_GROUPS)
        table = table[table["group"] == group]
    return tuple(table["flag"])


@dataclass(frozen=True)
class Medicine:
    """One current medicine or supplement and what matters about it for interactions."""

    name: str
    cyp3a_substrate: bool = False
    cyp2d6_substrate: bool = False
    opioid: bool = False
    sedative: bool = False
    serotonergic: bool = False
    lowers_seizure_threshold: bool = False
    hepatotoxic_possible: bool = False

    def __post_init__(self):
        _text(self.name, "medicine name", allow_empty=False)
        for flag in MEDICINE_FLAGS:
            _flag(getattr(self, flag), f"medicine {flag}")


@dataclass(frozen=True)
class CarePlan:
    """A person's care plan: pain and goals, liver risk factors, medicines and the chosen care.

    ``uses_kratom`` records that the person uses kratom. It is a fact the plan must respond to
    (interactions, red-flag watch, dependence checks, the conversation with the clinician), never
    a part of care: ``care`` refuses "kratom".
    """

    pain_condition: str = "chronic low back pain"
    goals: tuple[str, ...] = ("walk 30 minutes without stopping",)
    pain_score_0_10: float = 6.0
    bmi_kg_m2: float = 27.0
    alcohol: bool = False
    diabetes: bool = False
    hypertension: bool = False
    dyslipidaemia: bool = False
    viral_hepatitis: bool = False
    liver_disease: bool = False
    hepatotoxic_other: bool = False
    uses_kratom: bool = False
    medicines: tuple[Medicine, ...] = ()
    care: tuple[str, ...] = ("physical_therapy", "psychological_therapy")
    liver_test_interval_months: float = field(default_factory=lambda: _p("liver_test_interval_months"))
    fib4_interval_years: float = field(default_factory=lambda: _p("fib4_repeat_max_years"))
    notes: str = ""

    def __post_init__(self):
        _text(self.pain_condition, "pain_condition", allow_empty=False)
        _text(self.notes, "notes")
        if not isinstance(self.goals, tuple) or len(self.goals) > MAX_GOALS:
            raise ValueError(f"goals (list of text) must hold at most {MAX_GOALS} goals; got {self.goals!r}")
        for goal in self.goals:
            _text(goal, "goal", allow_empty=False)
        check_quantity(self.pain_score_0_10, "pain_score_0_10", "points", PAIN_SCORE, meaning="pain score")
        check_quantity(self.bmi_kg_m2, "bmi_kg_m2", "kg/m2", BMI, meaning="body-mass index")
        check_quantity(self.liver_test_interval_months, "liver_test_interval_months", "months", INTERVAL_MONTHS,
                       meaning="time between liver tests")
        low, high = _p("fib4_repeat_min_years"), _p("fib4_repeat_max_years")
        check_quantity(self.fib4_interval_years, "fib4_interval_years", "years", Bounds(low, high),
                       meaning="time between FIB-4 scores (AASLD 2023)")
        for flag in (*RISK_FLAGS, "uses_kratom"):
            _flag(getattr(self, flag), flag)
        if not isinstance(self.medicines, tuple) or len(self.medicines) > MAX_MEDICINES:
            raise ValueError(f"medicines (list) must hold at most {MAX_MEDICINES} medicines; got {self.medicines!r}")
        for medicine in self.medicines:
            if not isinstance(medicine, Medicine):
                raise ValueError(f"medicines (list) must hold Medicine entries; got {medicine!r}")
        if not isinstance(self.care, tuple) or len(set(self.care)) != len(self.care):
            raise ValueError(f"care (list) must be distinct choices from {', '.join(MODALITIES)}; got {self.care!r}")
        for part in self.care:
            if part == "kratom":
                raise ValueError("care (list) cannot hold 'kratom': kratom is not a part of care; record that the "
                                 "person uses it with uses_kratom=True")
            check_choice(part, "care", MODALITIES)

    def to_dict(self) -> dict:
        """A JSON-ready dictionary, with the schema version."""
        data = {"schema_version": SCHEMA_VERSION}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "medicines":
                value = [{f: getattr(m, f) for f in ("name", *MEDICINE_FLAGS)} for m in value]
            elif isinstance(value, tuple):
                value = list(value)
            data[name] = value
        return data

    @classmethod
    def from_dict(cls, data) -> CarePlan:
        """Build and validate a plan from :meth:`to_dict` output (every field required); ValueError
        names what is wrong. See :func:`teach.careplan.planfile.plan_from_data`."""
        from teach.careplan.planfile import plan_from_data

        return plan_from_data(data)


def medicine(name: str) -> Medicine:
    """An example medicine from ``careplan_medicines.csv`` (each row cited), by its id
    (``"paracetamol"``, ``"tramadol"``...) or its label."""
    table = _table("careplan_medicines")
    check_choice(name, "name (medicine)", (*table["medicine"], *table["label"]))
    row = table[(table["medicine"] == name) | (table["label"] == name)].iloc[0]
    return Medicine(name=row["label"], **{flag: bool(row[flag]) for flag in MEDICINE_FLAGS})


def example_medicines() -> tuple[str, ...]:
    """Ids of the example medicines shipped with the lesson."""
    return tuple(_table("careplan_medicines")["medicine"])


def medicine_row(name: str) -> dict:
    """The medicine table's row for ``name`` (id or label): label, flags, note and its source."""
    table = _table("careplan_medicines")
    check_choice(name, "name", (*table["medicine"], *table["label"]))
    return table[(table["medicine"] == name) | (table["label"] == name)].iloc[0].to_dict()


def part(name: str) -> dict:
    """One part of care: label, what it is, what it asks of the person and the downsides to
    discuss. Every part is described by the same columns."""
    check_choice(name, "name", MODALITIES)
    table = _table("careplan_parts")
    return table[table["part"] == name].iloc[0].to_dict()


def guideline_view(option: str) -> list[dict]:
    """What each compared guideline says about ``option`` (a part of care or a medicine class), in
    its own words: one dict per guideline, with ``stance`` NOT_VERIFIED where no row was read."""
    check_choice(option, "option", GUIDELINE_OPTIONS)
    table = _table("careplan_guidelines")
    rows = table[table["option"] == option]
    view = []
    for guideline, name in GUIDELINES.items():
        match = rows[rows["guideline"] == guideline]
        if len(match):
            view.append({**match.iloc[0].to_dict(), "guideline": name})
        else:
            view.append({"guideline": name, "option": option, "stance": NOT_VERIFIED, "wording": "",
                         "condition": "", "citation": ""})
    return view


def guidelines_disagree(option: str) -> bool:
    """Whether at least one compared guideline is for ``option`` while another is against it or
    prefers other options."""
    stances = {row["stance"] for row in guideline_view(option)}
    return bool(stances & {"strong for", "conditional for", "weak for"}) and bool(
        stances & {"against", "not preferred"})


@dataclass(frozen=True)
class GuidelineState:
    """One option's row of the guideline table, as the guideline-comparison demo shows it."""

    option: str
    view: list[dict]
    disagree: bool


def guideline_state(option: str = "acupuncture") -> GuidelineState:
    """What each guideline says about ``option``, and whether they disagree."""
    return GuidelineState(option, guideline_view(option), guidelines_disagree(option))


def kratom_harms() -> list[dict]:
    """The harms of kratom the plan must discuss (``careplan_kratom_harms.csv``), each cited.
    There is no benefit row: the course found no clinical evidence of benefit."""
    return _table("careplan_kratom_harms").to_dict("records")


# --- Interaction flags ------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """One interaction flag or caution: what, why, and the source."""

    medicine: str
    kind: str
    message: str
    citation: str


BENZODIAZEPINE_FLAG = ('CDC 2022 (Recommendation 11): clinicians should "use particular caution" when '
                       'prescribing opioids and benzodiazepines together and "consider whether benefits outweigh '
                       'risks" of combining opioids with other central nervous system depressants')


def _kratom_flags(m: Medicine) -> list[Flag]:
    flags = []
    if m.cyp3a_substrate:
        ratio, low, high = _p("midazolam_auc_ratio"), _p("midazolam_auc_ratio_low"), _p("midazolam_auc_ratio_high")
        flags.append(Flag(m.name, "CYP3A", f"kratom inhibits CYP3A: 2 g kratom tea raised the exposure of midazolam, "
                          f"the study's CYP3A probe, {ratio:g}-fold (90% CI {low:g}-{high:g}); {m.name} is also "
                          "cleared by CYP3A", "tanna2023cpt"))
    if m.cyp2d6_substrate:
        flags.append(Flag(m.name, "CYP2D6", f"mitragynine inhibits CYP2D6 in vitro (IC50 {_p('cyp2d6_ic50_uM'):g} uM), "
                          "though exposure to dextromethorphan, the study's CYP2D6 probe, did not change in people "
                          f"(ratio {_p('dextromethorphan_auc_ratio'):g}); {m.name} is cleared or activated by CYP2D6",
                          "tanna2023dmd"))
    if m.opioid:
        flags.append(Flag(m.name, "opioid", "kratom's 7-hydroxymitragynine is an opioid agonist whose effect on "
                          "breathing had no ceiling in mice: opioid effects add up; ask about naloxone", "hill2022"))
    if m.sedative:
        flags.append(Flag(m.name, "sedative", "kratom with a sedative: added sedation and slowed breathing; tell the "
                          "clinician", "hill2022"))
    if m.lowers_seizure_threshold:
        flags.append(Flag(m.name, "seizure", f"FDA lists seizures among kratom's serious adverse events, and {m.name} "
                          "lowers the seizure threshold", "fda_kratom"))
    if m.hepatotoxic_possible:
        flags.append(Flag(m.name, "liver", "two products that can injure the liver: harder to tell which caused any "
                          "injury (drug-induced liver injury is a diagnosis of exclusion)", "chalasani2021"))
    return flags


def _cautions(plan: CarePlan) -> list[Flag]:
    """Medicine cautions that apply to this person (``careplan_medicine_cautions.csv``)."""
    table = _table("careplan_medicine_cautions")
    labels = dict(zip(_table("careplan_medicines")["label"], _table("careplan_medicines")["medicine"], strict=True))
    flags = []
    for m in plan.medicines:
        rows = table[table["medicine"] == labels.get(m.name, "")]
        for row in rows.itertuples():
            if row.applies_with == "always" or getattr(plan, row.applies_with):
                condition = row.applies_with.replace("_", " ")
                kind = "caution" if row.applies_with == "always" else f"caution with {condition}"
                flags.append(Flag(m.name, kind, row.caution, row.citation))
    return flags


def interactions(plan: CarePlan) -> list[Flag]:
    """Interaction flags and medicine cautions of a plan, each with its source (see the module
    docstring). Kratom flags appear only when ``plan.uses_kratom``."""
    if not isinstance(plan, CarePlan):
        raise ValueError(f"plan (CarePlan) must be a CarePlan; got {type(plan).__name__}")
    meds = plan.medicines
    flags = [f for m in meds for f in _kratom_flags(m)] if plan.uses_kratom else []
    opioids = [m.name for m in meds if m.opioid]
    sedatives = [m.name for m in meds if m.sedative]
    if opioids and sedatives:
        flags.append(Flag(" + ".join(opioids + sedatives), "opioid + sedative", BENZODIAZEPINE_FLAG, "cdc2022opioids"))
    serotonergic = [m.name for m in meds if m.serotonergic]
    if len(serotonergic) >= 2:
        flags.append(Flag(" + ".join(serotonergic), "serotonergic", "two serotonergic medicines: serotonin syndrome is "
                          "possible (agitation, fever, shaking, fast heartbeat); the duloxetine label names tramadol",
                          "label_duloxetine"))
    return flags + _cautions(plan)


# --- Monitoring schedule --------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One monitoring event: month from the start of the plan, what, and the source. A
    ``continuous`` event lasts from its month to the end of the plan."""

    month: float
    kind: str
    label: str
    citation: str
    continuous: bool = False


def liver_risk_factors(plan: CarePlan) -> list[str]:
    """The plan's liver risk factors, in words."""
    if not isinstance(plan, CarePlan):
        raise ValueError(f"plan (CarePlan) must be a CarePlan; got {type(plan).__name__}")
    found = [name.replace("_", " ") for name in RISK_FLAGS if getattr(plan, name)]
    if plan.bmi_kg_m2 >= _p("overweight_bmi_kg_m2"):
        found.append(f"BMI >= {_p('overweight_bmi_kg_m2'):g}")
    if plan.uses_kratom:
        found.append("uses kratom (documented cause of liver injury)")
    found += [f"{m.name} (possibly hepatotoxic)" for m in plan.medicines if m.hepatotoxic_possible]
    return found


def metabolic_risk_count(plan: CarePlan) -> int:
    """Metabolic risk factors among BMI >= 25, diabetes, hypertension and dyslipidaemia."""
    if not isinstance(plan, CarePlan):
        raise ValueError(f"plan (CarePlan) must be a CarePlan; got {type(plan).__name__}")
    return (int(plan.bmi_kg_m2 >= _p("overweight_bmi_kg_m2")) + int(plan.diabetes) + int(plan.hypertension)
            + int(plan.dyslipidaemia))


def fib4_applies(plan: CarePlan) -> bool:
    """AASLD 2023: FIB-4 every 1-2 years with prediabetes/type 2 diabetes or >= 2 metabolic risk factors."""
    if not isinstance(plan, CarePlan):
        raise ValueError(f"plan (CarePlan) must be a CarePlan; got {type(plan).__name__}")
    return plan.diabetes or metabolic_risk_count(plan) >= 2


def symptom_watch_applies(plan: CarePlan) -> bool:
    """Red-flag symptoms are watched throughout when the person uses kratom or takes a medicine
    that can injure the liver or is an opioid or sedative."""
    check_instance(plan, "plan", CarePlan)
    return plan.uses_kratom or any(m.hepatotoxic_possible or m.opioid or m.sedative for m in plan.medicines)


def monitoring(plan: CarePlan, horizon_months: float | None = None) -> list[Event]:
    """The plan's monitoring events up to ``horizon_months`` (default: the illustrative 12 months)."""
    horizon = _p("plan_months") if horizon_months is None else horizon_months
    horizon = check_quantity(horizon, "horizon_months", "months", HORIZON_MONTHS, meaning="plan horizon")
    events = []
    if liver_risk_factors(plan):
        for month in _every(plan.liver_test_interval_months, horizon):
            label = "liver tests (baseline)" if month == 0 else "liver tests (interval illustrative)"
            events.append(Event(month, "liver tests", label, "chalasani2021"))
    if fib4_applies(plan):
        events += [Event(month, "FIB-4", "FIB-4 score (AASLD 2023: every 1-2 years)", "rinella2023aasld")
                   for month in _every(12 * plan.fib4_interval_years, horizon)]
    if symptom_watch_applies(plan):
        events.append(Event(0.0, "red flags", "watch for red-flag symptoms throughout; stop and seek care at once if "
                            "any appear (liver injury appears a median 14-21 days after starting, faster than any "
                            "test interval)", "ahmad2021", continuous=True))
    if plan.uses_kratom:
        events += [Event(month, "dependence", "check for dependence and withdrawal (interval illustrative)",
                         "singh2014") for month in _every(_p("review_interval_months"), horizon)[1:]]
    return sorted(events, key=lambda e: (e.month, e.kind))


def _every(step: float, horizon: float) -> list[float]:
    """Months 0, step, 2 step ... up to ``horizon``, each computed as k x step and rounded to
    1e-9 months, so that a slider value such as 3.0000000000000004 still gives month 12."""
    count = int(horizon / step + 1e-9)
    return [round(k * step, 9) for k in range(count + 1)]


# --- The state an app shows -------------------------------------------------------------------


@dataclass(frozen=True)
class PlanState:
    """A plan with its interaction flags and monitoring schedule."""

    plan: CarePlan
    flags: list[Flag]
    events: list[Event]
    risks: list[str]
    horizon_months: float


def plan_state(plan: CarePlan, horizon_months: float | None = None) -> PlanState:
    """Everything derived from a plan: flags, risk factors and the monitoring schedule."""
    events = monitoring(plan, horizon_months)
    horizon = _p("plan_months") if horizon_months is None else float(horizon_months)
    return PlanState(plan, interactions(plan), events, liver_risk_factors(plan), horizon)


def build_plan(liver_test_interval_months: float = 3, bmi_kg_m2: float = 27.0, care=(), medicines=(),
               risks=(), uses_kratom: bool = False, pain_condition: str = "chronic low back pain",
               goal: str = "walk 30 minutes without stopping", pain_score_0_10: float = 6.0,
               fib4_interval_years: float = 2.0) -> PlanState:
    """Build a plan from simple choices (what the plan builder's widgets hold) and derive its state."""
    risks = check_choices(risks, "risks", RISK_FLAGS, distinct=True)
    care = check_choices(care, "care", MODALITIES)
    meds = tuple(medicine(name) for name in check_choices(medicines, "medicines", example_medicines()))
    _text(goal, "goal")
    plan = CarePlan(pain_condition=pain_condition, goals=(goal,) if goal.strip() else (),
                    pain_score_0_10=pain_score_0_10, bmi_kg_m2=bmi_kg_m2, medicines=meds, care=tuple(care),
                    uses_kratom=uses_kratom, liver_test_interval_months=liver_test_interval_months,
                    fib4_interval_years=fib4_interval_years, **{name: True for name in risks})
    return plan_state(plan)


# --- Questions and shared decisions ---------------------------------------------------------


def clinician_questions(plan: CarePlan) -> list[str]:
    """Questions to take to a clinician, chosen by what the plan contains. Every part of care
    gets the same question; kratom use adds the questions it raises."""
    if not isinstance(plan, CarePlan):
        raise ValueError(f"plan (CarePlan) must be a CarePlan; got {type(plan).__name__}")
    questions = ["Which goal matters most to me, and how will we know if the plan is helping me do it?"]
    questions += [f"{part(p)['label']}: what does it ask of me, what do the guidelines for my kind of pain say, "
                  "and what are its downsides?" for p in plan.care]
    if plan.uses_kratom:
        questions += ["I use kratom: does it interact with any of my medicines?",
                      "Which symptoms mean I should stop and seek care at once, and should I have liver tests?",
                      "What signs of dependence or withdrawal should I watch for, and what help is there if I "
                      "want to cut down or stop?",
                      "Should I or the people I live with have naloxone?"]
    if fib4_applies(plan):
        questions.append("Should my FIB-4 score be calculated, and when again?")
    if any(m.opioid for m in plan.medicines) and any(m.sedative for m in plan.medicines):
        questions.append("Do the benefits of taking my opioid and my sedative together outweigh the risks for me?")
    return questions


SHARED_DECISION_PROMPTS = (
    "What matters most to you: less pain, doing more, sleeping better, fewer medicines?",
    "What are the options, including doing nothing new for now?",
    "What are the likely benefits and harms of each, and how sure is the evidence?",
    "What can you realistically fit into your week?",
)


# --- Save, load and export: in teach.careplan.planfile ---------------------------------------

_PLANFILE_NAMES = ("save_plan", "load_plan", "to_markdown", "to_html", "MAX_FILE_BYTES")


def __getattr__(name: str):
    """``save_plan``, ``load_plan``, ``to_markdown`` and ``to_html`` live in :mod:`teach.careplan.planfile`
    and stay reachable here (imported on first use: planfile imports this module)."""
    if name in _PLANFILE_NAMES:
        from teach.careplan import planfile

        return getattr(planfile, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
