"""Lesson 04 exercise: an R ratio and its pattern for a case read with another laboratory's limit."""

from __future__ import annotations

from teach.exercises.registry import Exercise, Wrong, close, number, register
from teach.liver import model as liver

# LiverTox case 8332 (livertox_kratom): ALT 126 U/L (ULN 35), ALP 218 U/L; read here against an
# ALP upper limit of 115 U/L, the value another laboratory prints (mayo2012).
ALT, ALT_ULN, ALP, ALP_ULN = 126.0, 35.0, 218.0, 115.0
PATTERNS = ("hepatocellular", "mixed", "cholestatic")


def _r_ratio() -> tuple:
    r = liver.r_ratio(ALT, ALP, ALT_ULN, ALP_ULN)
    return (r, liver.injury_pattern(r))


def _grade_r_ratio(r_ratio, pattern) -> str | None:
    value = number(r_ratio, "r_ratio")
    right = (ALT / ALT_ULN) / (ALP / ALP_ULN)
    if not close(value, right):
        if close(value, ALT / ALP):
            raise Wrong("you divided the raw values; divide each enzyme by its own upper limit first")
        if close(value, 1 / right):
            raise Wrong("the ratio is upside down: ALT (as a multiple of its ULN) goes on top, ALP below")
        if close(value, (ALT / ALT_ULN) / (ALP / 130.0)):
            raise Wrong("you used the case laboratory's 130 U/L; this exercise reads ALP against 115 U/L")
        raise Wrong(f"R = (ALT / ULN) / (ALP / ULN) = ({ALT:g}/{ALT_ULN:g}) / ({ALP:g}/{ALP_ULN:g})")
    if pattern is Ellipsis:
        from teach.exercises.registry import PLACEHOLDER_MESSAGE
        return PLACEHOLDER_MESSAGE
    if not isinstance(pattern, str) or pattern.strip().lower() not in PATTERNS:
        raise Wrong(f"R is right; give the pattern as one of {', '.join(repr(p) for p in PATTERNS)}")
    if pattern.strip().lower() != liver.injury_pattern(right):
        raise Wrong(f"R = {right:.2f} is right, but the pattern is not: R <= 2 is cholestatic, 2 < R < 5 mixed, "
                    "R >= 5 hepatocellular")
    return None


register(Exercise(
    "04-r-ratio", "04-r-ratio",
    "two answers: the R ratio (a number) and the pattern (a word)",
    _grade_r_ratio, _r_ratio,
    solution_code=("r_ratio = (126 / 35) / (218 / 115)   # about 1.90\n"
                   "pattern = 'cholestatic'             # R <= 2\n"
                   "# or: from teach.liver import model; model.injury_pattern(model.r_ratio(126, 218, 35, 115))"),
    right="R = 3.6 / 1.90 = 1.90: cholestatic. With its own laboratory's 130 U/L the same blood gave 2.15, mixed. "
          "An R ratio near a cut-off depends on which laboratory's limits you read it against.",
    no_code={
        "question": "The same blood gives R = 2.15 with one laboratory's ALP limit and R = 1.90 with another's. "
                    "What follows?",
        "choices": ["The pattern changes from mixed to cholestatic: compare R only with its own lab's limits",
                    "One of the two laboratories has made an error in its measurement",
                    "The pattern stays mixed, because the enzymes themselves have not changed",
                    "R ratios cannot be used for kratom cases at all"],
        "answer": 0,
        "feedback": ["Right: R uses each enzyme as a multiple of the lab's own ULN, so near a cut-off the "
                     "limit decides.",
                     "Both labs measured correctly; they print different upper limits.",
                     "The pattern is read from R, and R changed across the cut-off of 2.",
                     "R is the standard first step in every DILI case, kratom included."]},
    wrong_answers=(((0.578, "mixed"), "raw values"), ((0.527, "mixed"), "upside down"),
                   ((2.147, "mixed"), "130 U/L"), ((1.899, "mixed"), "pattern is not"),
                   ((1.899, "cholestasis"), "one of"), ((1.899, ...), "Not answered")),
))
