"""Lesson 05 exercise: a FIB-4 and its age-specific band for an illustrative panel."""

from __future__ import annotations

import math

from teach.exercises.registry import Exercise, Wrong, _one_of, close, number, register
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
    if _one_of(band, "the band", BANDS, "FIB-4 is right") != liver.fibrosis_band("FIB-4", right, AGE):
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


# RUCAM for LiverTox case 6972 (livertox_kratom; answers in liver_case_rucam.csv), with two facts read
# the other way: its course after stopping from the bilirubin, and hepatitis C RNA tested negative.
BILIRUBIN_COURSE = "ALP/bilirubin fell >= 50 % within 180 days"
RUCAM_BANDS = ("excluded", "unlikely", "possible", "probable", "highly probable")


def _rucam_other_reading() -> tuple:
    answers = {**liver.rucam_case_answers("livertox_6972"), "course": BILIRUBIN_COURSE, "group1_ruled_out": 7}
    result = liver.rucam(**answers)
    return (result.total, result.band)


def _grade_rucam(total, band) -> str | None:
    value = number(total, "total")
    right, want = _rucam_other_reading()
    as_read = liver.rucam(**liver.rucam_case_answers("livertox_6972")).total
    if not close(value, right):
        if close(value, as_read):
            raise Wrong(f"{as_read:+d} is the lesson's own reading; change both answers, then score again")
        if close(value, as_read + 2):
            raise Wrong("that changes item 2 only; a negative HCV RNA also clears all 7 group I causes (item 5)")
        if close(value, as_read + 1):
            raise Wrong("that changes item 5 only; reading the bilirubin also changes item 2")
        raise Wrong("start from model.rucam_case_answers('livertox_6972'), change 'course' and "
                    "'group1_ruled_out', then add up the seven items with model.rucam(**answers)")
    if _one_of(band, "the band", RUCAM_BANDS, "the total is right") != want:
        raise Wrong(f"{right:+d} is right, but the bands are: <= 0 excluded, 1-2 unlikely, 3-5 possible, "
                    "6-8 probable, >= 9 highly probable")
    return None


register(Exercise(
    "05-rucam-other-reading", "05-rucam",
    "two answers: the RUCAM total (a number) and its band (a word)",
    _grade_rucam, _rucam_other_reading,
    solution_code=("from teach.liver import model\n"
                   "answers = model.rucam_case_answers('livertox_6972')\n"
                   "answers['course'] = 'ALP/bilirubin fell >= 50 % within 180 days'   # item 2: 0 -> +2\n"
                   "answers['group1_ruled_out'] = 7                                   # item 5: 0 -> +1\n"
                   "result = model.rucam(**answers)\n"
                   "total, band = result.total, result.band   # +5, 'possible'"),
    right="+2 + 2 (item 2) + 1 (item 5) = +5: 'possible', one point short of 'probable'. Two facts read "
          "differently move case 6972 a band; for 'probable' it needs a third, such as kava cleared.",
    no_code={
        "question": "Case 6972 scores +2 ('unlikely'). Its bilirubin, not its ALP, fell by half after stopping, "
                    "and its hepatitis C RNA was never tested. What does that say about the score?",
        "choices": ["It rests on judgement calls and a gap: read the other way it would be 'possible'",
                    "It shows that kratom did not cause this man's liver injury",
                    "It is fixed: RUCAM leaves no room for judgement",
                    "It is meaningless, because one test was missing"],
        "answer": 0,
        "feedback": ["Right: reading bilirubin (+2) and a negative HCV RNA (+1) give +5, 'possible'.",
                     "A low score describes the record, not the product: it is not evidence of safety.",
                     "Which marker to follow in item 2 is a judgement call; careful raters can differ by a band.",
                     "A missing test costs points in item 5; the rest of the record still counts."]},
    wrong_answers=(((2, "unlikely"), "lesson's own reading"), ((4, "possible"), "item 2 only"),
                   ((3, "possible"), "item 5 only"), ((5, "probable"), "bands are"),
                   ((5, "likely"), "one of"), ((5, ...), "Not answered")),
))
