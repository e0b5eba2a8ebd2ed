"""Lesson 05 exercise: a FIB-4 and its age-specific band for an illustrative panel."""

from __future__ import annotations

import math

from teach.exercises.registry import Exercise, Wrong, close, number, register
from teach.liver import model as liver

# An illustrative patient (made up for teaching): 70 years, AST 30 U/L, ALT 42 U/L, platelets 200 x 10^9/L.
AGE, AST, ALT_F, PLATELETS = 70, 30.0, 42.0, 200.0
BANDS = ("low risk", "indeterminate", "high risk")


def _fib4() -> tuple:
    value = liver.fib4(AGE, AST, ALT_F, PLATELETS)
    return (value, liver.fibrosis_band("FIB-4", value, AGE))


def _grade_fib4(fib4, band) -> str | None:
    value = number(fib4, "fib4")
    right = AGE * AST / (PLATELETS * math.sqrt(ALT_F))
    if not close(value, right):
        if close(value, AGE * AST / (PLATELETS * ALT_F)):
            raise Wrong("the ALT is under a square root: platelets x sqrt(ALT)")
        if close(value, AGE * ALT_F / (PLATELETS * math.sqrt(AST))):
            raise Wrong("AST and ALT are swapped: AST goes on top, sqrt(ALT) below")
        if close(value, AGE * AST * math.sqrt(ALT_F) / PLATELETS):
            raise Wrong("sqrt(ALT) belongs in the denominator, with the platelets")
        raise Wrong("FIB-4 = age x AST / (platelets x sqrt(ALT))")
    if band is Ellipsis:
        from teach.exercises.registry import PLACEHOLDER_MESSAGE
        return PLACEHOLDER_MESSAGE
    if not isinstance(band, str) or band.strip().lower() not in BANDS:
        raise Wrong(f"FIB-4 is right; give the band as one of {', '.join(repr(b) for b in BANDS)}")
    if band.strip().lower() != liver.fibrosis_band("FIB-4", right, AGE):
        raise Wrong(f"FIB-4 = {right:.2f} is right, but at {AGE} years the low cut-off is 2.0, not 1.30 "
                    "(age is in the formula, so the cut-off rises from 65)")
    return None


register(Exercise(
    "05-fib4", "05-fibrosis",
    "two answers: FIB-4 (a number) and its band (a phrase)",
    _grade_fib4, _fib4,
    solution_code=("import math\n"
                   "fib4 = 70 * 30 / (200 * math.sqrt(42))   # about 1.62\n"
                   "band = 'low risk'                         # from 65 the low cut-off is 2.0\n"
                   "# or: from teach.liver import model\n"
                   "#     model.fibrosis_band('FIB-4', model.fib4(70, 30, 42, 200), 70)"),
    right="70 x 30 / (200 x 6.48) = 1.62: low risk at 70, because from 65 the low cut-off is 2.0. At 58 the same "
          "score would be indeterminate (1.30 to 2.67).",
    no_code={
        "question": "A 70-year-old and a 50-year-old have the same FIB-4 of 1.6. How are they classified?",
        "choices": ["The 70-year-old low risk, the 50-year-old indeterminate", "Both indeterminate",
                    "Both low risk", "The 70-year-old high risk, the 50-year-old low risk"],
        "answer": 0,
        "feedback": ["Right: age raises FIB-4 by itself, so from 65 the low cut-off is 2.0 instead of 1.30.",
                     "The cut-offs differ by age: from 65 the low one is 2.0.",
                     "For the 50-year-old, 1.6 is above the low cut-off of 1.30.",
                     "An older age makes the same score less worrying, not more."]},
    wrong_answers=(((0.25, "low risk"), "square root"), ((2.684, "low risk"), "swapped"),
                   ((2.684, "indeterminate"), "swapped"), ((1.620, "indeterminate"), "2.0"),
                   ((1.620, "low"), "one of"), ((1.62, ...), "Not answered")),
))
