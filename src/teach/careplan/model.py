"""A holistic care plan for chronic pain that watches the liver: a validated data model.

Pure functions and frozen dataclasses; no widgets, no plotting. Every public function validates
its input and raises a ValueError naming the parameter, its unit and the valid range.

Rules (each number read from ``careplan_parameters.csv``, where every row cites its source)
------------------------------------------------------------------------------------------
* Interactions with kratom: mitragynine inhibits CYP3A (2 g kratom tea raised midazolam AUC
  1.39-fold, 90% CI 1.23-1.57 [@tanna2023cpt]) and CYP2D6 in vitro (IC50 0.67 uM [@tanna2023dmd]),
  although dextromethorphan AUC did not change in people (0.99). 7-hydroxymitragynine depresses
  breathing without a ceiling in mice [@hill2022]; CDC 2022 asks to avoid opioids with sedatives
  [@cdc2022opioids]. More than one possibly hepatotoxic product complicates any DILI work-up
  [@chalasani2014].
* Monitoring: liver tests at baseline when any liver risk factor applies and then at an interval
  that **no guideline sets** (the default is an illustrative teaching value); FIB-4 every 1-2 years
  with prediabetes/type 2 diabetes or two or more metabolic risk factors [@rinella2023aasld];
  red-flag symptoms watched most closely in the first 49 days after starting kratom, the longest
  published latency of kratom liver injury [@schimmel2020]; dependence and withdrawal checked at
  every review when the person uses kratom [@singh2014] [@smith2022].

This is a teaching model. It is not medical advice and it does not replace a clinician.

Validation limits (reject mistyped input only; not clinical ranges): BMI 10-100 kg/m2; pain score
0-10 points; intervals 1-24 months; FIB-4 interval 1-2 years; horizon 1-36 months; text fields
at most 200 characters; at most 10 goals and 20 medicines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from teach.data import load_table, parameter
from teach.validation import Bounds, check_choice, check_choices, check_quantity

TABLE = "careplan_parameters"
SCHEMA_VERSION = 1

BMI = Bounds(10.0, 100.0)
PAIN_SCORE = Bounds(0.0, 10.0)
INTERVAL_MONTHS = Bounds(1.0, 24.0)
HORIZON_MONTHS = Bounds(1.0, 36.0)
MAX_TEXT = 200
MAX_GOALS = 10
MAX_MEDICINES = 20

MODALITIES = ("medicines", "physical_therapy", "acupuncture", "mindfulness", "psychological_therapy", "sleep",
              "weight_management", "kratom")
RISK_FLAGS = ("alcohol", "diabetes", "hypertension", "dyslipidaemia", "viral_hepatitis", "liver_disease",
              "hepatotoxic_other")
MEDICINE_FLAGS = ("cyp3a_substrate", "cyp2d6_substrate", "opioid", "sedative", "hepatotoxic_possible")
RED_FLAGS = ("yellow skin or eyes (jaundice)", "dark urine", "itching", "pale stools")
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


@dataclass(frozen=True)
class Medicine:
    """One current medicine or supplement and what matters about it for interactions."""

    name: str
    cyp3a_substrate: bool = False
    cyp2d6_substrate: bool = False
    opioid: bool = False
    sedative: bool = False
    hepatotoxic_possible: bool = False

    def __post_init__(self):
        _text(self.name, "medicine name", allow_empty=False)
        for flag in MEDICINE_FLAGS:
            _flag(getattr(self, flag), f"medicine {flag}")


@dataclass(frozen=True)
class CarePlan:
    """A person's care plan: pain and goals, liver risk factors, medicines and the chosen care."""

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
    medicines: tuple[Medicine, ...] = ()
    care: tuple[str, ...] = ("physical_therapy", "mindfulness")
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
        for flag in RISK_FLAGS:
            _flag(getattr(self, flag), flag)
        if not isinstance(self.medicines, tuple) or len(self.medicines) > MAX_MEDICINES:
            raise ValueError(f"medicines (list) must hold at most {MAX_MEDICINES} medicines; got {self.medicines!r}")
        for medicine in self.medicines:
            if not isinstance(medicine, Medicine):
                raise ValueError(f"medicines (list) must hold Medicine entries; got {medicine!r}")
        if not isinstance(self.care, tuple) or len(set(self.care)) != len(self.care):
            raise ValueError(f"care (list) must be distinct choices from {', '.join(MODALITIES)}; got {self.care!r}")
        for part in self.care:
            check_choice(part, "care", MODALITIES)

    @property
    def uses_kratom(self) -> bool:
        return "kratom" in self.care

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
    """An example medicine from ``careplan_medicines.csv`` (each row cited)."""
    table = _table("careplan_medicines")
    check_choice(name, "name (medicine)", list(table["medicine"]))
    row = table[table["medicine"] == name].iloc[0]
    return Medicine(name=name, **{flag: bool(row[flag]) for flag in MEDICINE_FLAGS})


def example_medicines() -> tuple[str, ...]:
    """Names of the example medicines shipped with the lesson."""
    return tuple(_table("careplan_medicines")["medicine"])


def evidence(modality: str) -> dict:
    """The evidence row of one part of care: label, rating, citation, finding and what it asks."""
    check_choice(modality, "modality", MODALITIES)
    table = _table("careplan_evidence")
    return table[table["modality"] == modality].iloc[0].to_dict()


# --- Interaction flags ------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """One interaction flag: what, why, and the source."""

    medicine: str
    kind: str
    message: str
    citation: str


def interactions(plan: CarePlan) -> list[Flag]:
    """Interaction flags of a plan, each with its source (see the module docstring)."""
    if not isinstance(plan, CarePlan):
        raise ValueError(f"plan (CarePlan) must be a CarePlan; got {type(plan).__name__}")
    flags = []
    meds = plan.medicines
    if plan.uses_kratom:
        ratio, low, high = _p("midazolam_auc_ratio"), _p("midazolam_auc_ratio_low"), _p("midazolam_auc_ratio_high")
        for m in meds:
            if m.cyp3a_substrate:
                flags.append(Flag(m.name, "CYP3A", f"kratom inhibits CYP3A: 2 g kratom tea raised midazolam exposure "
                                  f"{ratio:g}-fold (90% CI {low:g}-{high:g})", "tanna2023cpt"))
            if m.cyp2d6_substrate:
                flags.append(Flag(m.name, "CYP2D6", f"mitragynine inhibits CYP2D6 in vitro (IC50 "
                                  f"{_p('cyp2d6_ic50_uM'):g} uM), though dextromethorphan exposure did not change in "
                                  f"people (ratio {_p('dextromethorphan_auc_ratio'):g})", "tanna2023dmd"))
            if m.opioid:
                flags.append(Flag(m.name, "opioid", "kratom's 7-hydroxymitragynine is an opioid agonist whose effect "
                                  "on breathing had no ceiling in mice: added opioid effects", "hill2022"))
            if m.sedative:
                flags.append(Flag(m.name, "sedative", "kratom with a sedative: added sedation; tell the clinician",
                                  "cdc2022opioids"))
            if m.hepatotoxic_possible:
                flags.append(Flag(m.name, "liver", "two products that can injure the liver: harder to tell which "
                                  "caused any injury", "chalasani2014"))
    opioids = [m.name for m in meds if m.opioid]
    sedatives = [m.name for m in meds if m.sedative]
    if opioids and sedatives:
        flags.append(Flag(" + ".join(opioids + sedatives), "opioid + sedative",
                          "CDC 2022: avoid combining opioids with benzodiazepines or other sedatives where possible",
                          "cdc2022opioids"))
    return flags


# --- Monitoring schedule --------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One monitoring event: month from the start of the plan, what, and the source."""

    month: float
    kind: str
    label: str
    citation: str


def liver_risk_factors(plan: CarePlan) -> list[str]:
    """The plan's liver risk factors, in words."""
    if not isinstance(plan, CarePlan):
        raise ValueError(f"plan (CarePlan) must be a CarePlan; got {type(plan).__name__}")
    found = [name.replace("_", " ") for name in RISK_FLAGS if getattr(plan, name)]
    if plan.bmi_kg_m2 >= _p("overweight_bmi_kg_m2"):
        found.append(f"BMI >= {_p('overweight_bmi_kg_m2'):g}")
    if plan.uses_kratom:
        found.append("kratom")
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


def monitoring(plan: CarePlan, horizon_months: float | None = None) -> list[Event]:
    """The plan's monitoring events up to ``horizon_months`` (default: the illustrative 12 months)."""
    horizon = _p("plan_months") if horizon_months is None else horizon_months
    horizon = check_quantity(horizon, "horizon_months", "months", HORIZON_MONTHS, meaning="plan horizon")
    risks = liver_risk_factors(plan)
    events = []
    if risks:
        step = plan.liver_test_interval_months
        month = 0.0
        while month <= horizon + 1e-9:
            label = "liver tests (baseline)" if month == 0 else "liver tests (interval illustrative)"
            events.append(Event(month, "liver tests", label, "chalasani2014"))
            month += step
    if fib4_applies(plan):
        month = 0.0
        while month <= horizon + 1e-9:
            events.append(Event(month, "FIB-4", "FIB-4 score (AASLD 2023: every 1-2 years)", "rinella2023aasld"))
            month += 12 * plan.fib4_interval_years
    if plan.uses_kratom:
        window = _p("dili_latency_max_days") / 30.4375
        events.append(Event(window, "red flags", "end of the closest watch for liver red flags (longest published "
                            "latency)", "schimmel2020"))
        step = _p("review_interval_months")
        month = step
        while month <= horizon + 1e-9:
            events.append(Event(month, "dependence", "check for dependence and withdrawal", "singh2014"))
            month += step
    return sorted(events, key=lambda e: (e.month, e.kind))


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
               risks=(), pain_condition: str = "chronic low back pain",
               goal: str = "walk 30 minutes without stopping", pain_score_0_10: float = 6.0,
               fib4_interval_years: float = 2.0) -> PlanState:
    """Build a plan from simple choices (what the plan builder's widgets hold) and derive its state."""
    risks = check_choices(risks, "risks", RISK_FLAGS, distinct=True)
    care = check_choices(care, "care", MODALITIES)
    meds = tuple(medicine(name) for name in check_choices(medicines, "medicines", example_medicines()))
    _text(goal, "goal")
    plan = CarePlan(pain_condition=pain_condition, goals=(goal,) if goal.strip() else (),
                    pain_score_0_10=pain_score_0_10, bmi_kg_m2=bmi_kg_m2, medicines=meds, care=tuple(care),
                    liver_test_interval_months=liver_test_interval_months, fib4_interval_years=fib4_interval_years,
                    **{name: True for name in risks})
    return plan_state(plan)


# --- Questions and shared decisions ---------------------------------------------------------


def clinician_questions(plan: CarePlan) -> list[str]:
    """Questions to take to a clinician, chosen by what the plan contains."""
    if not isinstance(plan, CarePlan):
        raise ValueError(f"plan (CarePlan) must be a CarePlan; got {type(plan).__name__}")
    questions = ["Which goal matters most to me, and how will we know if the plan is helping me do it?",
                 "Which parts of this plan have the best evidence for my kind of pain?"]
    if plan.uses_kratom:
        questions += ["I use kratom: does it interact with any of my medicines?",
                      "Should I have liver tests, and how often?",
                      "What signs of dependence or withdrawal should I watch for?"]
    if fib4_applies(plan):
        questions.append("Should my FIB-4 score be calculated, and when again?")
    if any(m.opioid for m in plan.medicines) and any(m.sedative for m in plan.medicines):
        questions.append("Is it safe for me to take my opioid and my sedative together?")
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


# --- Expected change (qualitative, illustrative) --------------------------------------------

EVIDENCE_LEVELS = ("moderate", "low", "mixed", "not verified here")


@dataclass(frozen=True)
class ChangeState:
    """Illustrative direction-of-change curves for the chosen parts of care (no effect sizes)."""

    months: object
    parts: tuple[str, ...]
    levels: tuple[str, ...]
    centre: object
    half_width: object
    month: float


def expected_change(month: float = 6.0, care=("physical_therapy", "mindfulness")) -> ChangeState:
    """ILLUSTRATIVE shapes only: an upward direction of change in function over the months, with a
    band that widens as the evidence grows weaker. No effect size is implied or published."""
    import numpy as np

    month = check_quantity(month, "month", "months", Bounds(0.0, 12.0), meaning="time since the plan started")
    parts = tuple(dict.fromkeys(check_choices(care, "care", MODALITIES)))
    months = np.linspace(0.0, 12.0, 121)
    shape = 1.0 - np.exp(-months / _p("change_shape_months"))  # an illustrative shape, not data
    width_by_level = {"moderate": _p("band_half_width_moderate"), "low": _p("band_half_width_low"),
                      "mixed": _p("band_half_width_mixed"), "not verified here": _p("band_half_width_not_verified")}
    levels = tuple(evidence(p)["evidence"] for p in parts)
    half = np.array([width_by_level[level] * shape for level in levels]) if parts else np.zeros((0, months.size))
    centre = np.tile(shape, (len(parts), 1))
    return ChangeState(months, parts, levels, centre, half, month)
