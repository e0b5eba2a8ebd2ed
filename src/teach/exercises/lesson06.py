"""Lesson 06 exercises: which medicines need an enzyme-interaction flag with kratom; a function
for the AASLD 2023 FIB-4 rule."""

from __future__ import annotations

from teach.data import load_table
from teach.exercises.registry import PLACEHOLDER_MESSAGE, Exercise, Wrong, register
from teach.liver.model import BMI
from teach.validation import check_flag, check_quantity

ENZYME_COLUMNS = ("cyp3a_substrate", "cyp2d6_substrate")


def medicines():
    """The course's example medicines with their properties (careplan_medicines.csv)."""
    return load_table("careplan_medicines")


def _enzyme_flagged() -> tuple:
    table = medicines()
    return (set(table.loc[(table[list(ENZYME_COLUMNS)] == 1).any(axis=1), "medicine"]),)


def _grade_flags(flagged) -> str | None:
    if isinstance(flagged, str) or not isinstance(flagged, set | frozenset | list | tuple):
        raise Wrong("give the medicine names as a set, for example {'midazolam'}")
    table = medicines().set_index("medicine")
    chosen = set(flagged)
    unknown = chosen - set(table.index)
    if unknown:
        raise Wrong(f"{sorted(unknown)[0]!r} is not in the table; the names are {', '.join(table.index)}")
    (right,) = _enzyme_flagged()
    missing = sorted(right - chosen)
    if missing:
        row = table.loc[missing[0]]
        enzyme = "CYP3A" if row.cyp3a_substrate == 1 else "CYP2D6"
        raise Wrong(f"{missing[0]} is missing: it is a {enzyme} substrate, and mitragynine inhibits {enzyme}")
    extra = sorted(chosen - right)
    if extra:
        raise Wrong(f"{extra[0]} is not a CYP3A or CYP2D6 substrate in the table; it may need another flag "
                    "(opioid, sedative, liver), but not this enzyme flag")
    return None


register(Exercise(
    "06-enzyme-flags", "06-interactions",
    "a set of medicine names from the table",
    _grade_flags, _enzyme_flagged,
    solution_code=("from teach.data import load_table\n"
                   "meds = load_table('careplan_medicines')\n"
                   "enzyme = (meds['cyp3a_substrate'] == 1) | (meds['cyp2d6_substrate'] == 1)\n"
                   "flagged = set(meds.loc[enzyme, 'medicine'])"),
    right="These are the medicines cleared (or activated) by CYP3A or CYP2D6, the enzymes mitragynine inhibits. "
          "In people, 2 g of kratom raised midazolam (CYP3A) 1.39-fold; the CYP2D6 probe did not change.",
    no_code={
        "question": "Why does the plan flag a CYP3A substrate when the person uses kratom?",
        "choices": ["Kratom slowed the CYP3A probe's clearance in people: its exposure rose",
                    "Kratom speeds up CYP3A, so the medicine stops working",
                    "CYP3A turns kratom into a liver toxin",
                    "Every medicine is flagged with kratom, whatever its enzyme"],
        "answer": 0,
        "feedback": ["Right: midazolam exposure rose 1.39-fold after 2 g kratom tea (Tanna et al. 2023).",
                     "Mitragynine inhibits CYP3A; it does not induce it.",
                     "CYP3A forms 7-OH from mitragynine; the flag is about the other medicine's exposure.",
                     "Only medicines with a known reason (enzyme, opioid, sedative, liver) are flagged."]},
    wrong_answers=(((set(),), "missing"), (("midazolam",), "as a set"), (({"aspirin"},), "not in the table")),
))


# AASLD 2023 (rinella2023aasld): FIB-4 every 1-2 years with prediabetes or type 2 diabetes, or with two or
# more metabolic risk factors; BMI >= 25 kg/m2 counts as one (rinella2023).
FIB4_CASES = (  # (diabetes, bmi_kg_m2, hypertension, dyslipidaemia) -> FIB-4 due
    ((True, 22.0, False, False), True), ((False, 27.0, False, False), False), ((False, 27.0, True, False), True),
    ((False, 23.0, True, True), True), ((False, 23.0, True, False), False), ((False, 25.0, False, True), True),
    ((False, 24.9, False, True), False), ((False, 40.0, False, False), False),
)


def reference_needs_fib4(diabetes: bool, bmi_kg_m2: float, hypertension: bool, dyslipidaemia: bool) -> bool:
    """The AASLD 2023 rule as taught in lesson 05."""
    diabetes, hypertension, dyslipidaemia = (check_flag(diabetes, "diabetes"), check_flag(hypertension, "hypertension"),
                                             check_flag(dyslipidaemia, "dyslipidaemia"))
    bmi_kg_m2 = check_quantity(bmi_kg_m2, "bmi_kg_m2", "kg/m2", BMI, meaning="body-mass index")
    factors = int(bmi_kg_m2 >= 25) + int(hypertension) + int(dyslipidaemia)
    return bool(diabetes or factors >= 2)


def _grade_fib4_rule(needs_fib4) -> str | None:
    if not callable(needs_fib4):
        raise Wrong("give the function itself: check('06-fib4-due', needs_fib4), without brackets after its name")
    for args, due in FIB4_CASES:
        try:
            said = needs_fib4(*args)
        except Exception as err:  # the learner's code: report, never crash
            raise Wrong(f"your function raised {type(err).__name__} ({err}) for {_case(args)}") from None
        if said is Ellipsis:
            return PLACEHOLDER_MESSAGE
        if not isinstance(said, bool):
            raise Wrong(f"return True or False; for {_case(args)} your function returned {said!r}")
        if said != due:
            why = ("diabetes alone is enough" if args[0] else
                   "BMI >= 25 kg/m2 counts as one metabolic factor; two or more are needed" if due else
                   "one metabolic factor is not enough (BMI 24.9 does not count)" if args[1] == 24.9 else
                   "one metabolic factor is not enough; two or more are needed")
            raise Wrong(f"for {_case(args)} your function says {said}, but FIB-4 is {'' if due else 'not '}due: {why}")
    return None


def _case(args) -> str:
    diabetes, bmi, hypertension, lipids = args
    parts = [f"BMI {bmi:g}"] + (["diabetes"] if diabetes else []) + (["hypertension"] if hypertension else []) + (
        ["dyslipidaemia"] if lipids else [])
    return "a person with " + ", ".join(parts)


register(Exercise(
    "06-fib4-due", "06-monitoring",
    "a function needs_fib4(diabetes, bmi_kg_m2, hypertension, dyslipidaemia) returning True or False",
    _grade_fib4_rule, lambda: (reference_needs_fib4,),
    solution_code=("def needs_fib4(diabetes, bmi_kg_m2, hypertension, dyslipidaemia):\n"
                   "    factors = (bmi_kg_m2 >= 25) + hypertension + dyslipidaemia\n"
                   "    return bool(diabetes or factors >= 2)"),
    right="Your rule agrees with AASLD 2023 on all eight test people: diabetes alone, or two or more metabolic "
          "risk factors (BMI >= 25 counts as one).",
    no_code={
        "question": "Which person should have FIB-4 every 1-2 years under AASLD 2023?",
        "choices": ["BMI 27 and high blood pressure", "BMI 27 only", "Uses kratom, BMI 22", "BMI 24.9 and high lipids"],
        "answer": 0,
        "feedback": ["Right: two metabolic risk factors (BMI >= 25 and hypertension).",
                     "One metabolic factor is not enough.",
                     "Kratom is not a metabolic risk factor; FIB-4 does not track acute injury.",
                     "BMI 24.9 does not count, so there is only one factor."]},
    wrong_answers=(((lambda d, b, h, lip: bool(d),), "two or more"),
                   ((lambda d, b, h, lip: d or b >= 25,), "not enough"),
                   ((lambda d, b, h, lip: d or (b > 25 and (h or lip)) or (h and lip),), "25"),
                   ((lambda d, b, h, lip: 1,), "True or False"),
                   ((lambda d, b, h, lip: ...,), "Not answered"), ((True,), "the function itself")),
))
