"""Lesson 01 exercises: occupancy from a Ki, and the dose ratio of a competitive antagonist."""

from __future__ import annotations

from teach.data import load_table
from teach.exercises.registry import Exercise, Wrong, close, number, register
from teach.receptors import model


def _binding(compound: str, measure: str) -> float:
    table = load_table("receptor_binding")
    row = table[(table.compound == compound) & (table.measure == measure) & (table.kind == "value")].iloc[0]
    return float(row.low_nM)


MORPHINE_KI_NM = _binding("morphine", "Ki")  # 1.2 nM, rat brain [3H]DAMGO (chen1991)
MORPHINE_CONC_NM = 0.4
NALOXONE_KB_NM = _binding("naloxone", "KD")  # 1.5 nM, cloned rat MOR (zastawny1994)
NALOXONE_CONC_NM = 30.0


def _occupancy() -> tuple:
    return (float(model.occupancy(MORPHINE_CONC_NM, MORPHINE_KI_NM)),)


def _grade_occupancy(occupancy) -> str | None:
    value = number(occupancy, "occupancy")
    c, ki = MORPHINE_CONC_NM, MORPHINE_KI_NM
    if close(value, _occupancy()[0]):
        return None
    if close(value, 100 * c / (c + ki)):
        raise Wrong("you gave a percentage; this exercise asks for a fraction from 0 to 1 (25 % is 0.25)")
    if close(value, ki / (c + ki)):
        raise Wrong("that is the fraction of receptors left free, Ki / (C + Ki); occupied is C / (C + Ki)")
    if close(value, c / ki):
        raise Wrong("you divided C by Ki; occupancy is C / (C + Ki), which can never exceed 1")
    if close(value, ki / c):
        raise Wrong("you divided Ki by C; occupancy is C / (C + Ki)")
    if not 0 <= value <= 1:
        raise Wrong("an occupancy is a fraction between 0 and 1; use C / (C + Ki)")
    raise Wrong(f"put C = {c:g} nM and Ki = {ki:g} nM into C / (C + Ki)")


register(Exercise(
    "01-occupancy", "01-occupancy",
    "one number: the fraction of MOR occupied (0 to 1)",
    _grade_occupancy, _occupancy,
    solution_code=(f"occupancy = {MORPHINE_CONC_NM:g} / ({MORPHINE_CONC_NM:g} + {MORPHINE_KI_NM:g})"
                   "  # C / (C + Ki) = 0.25"),
    right="C / (C + Ki) = 0.4 / 1.6 = 0.25: at a third of its Ki, morphine holds a quarter of the receptors.",
    no_code={
        "question": "A drug is present at one third of its Ki. What share of its receptors does it occupy?",
        "choices": ["A quarter (25 %)", "A third (33 %)", "Half (50 %)", "Three quarters (75 %)"],
        "answer": 0,
        "feedback": ["C / (C + Ki) = (1/3) / (1/3 + 1) = 1/4.",
                     "That is C / Ki; occupancy is C / (C + Ki), which is smaller.",
                     "Half is reached only at C = Ki.",
                     "That is the share left free, Ki / (C + Ki)."]},
    wrong_answers=(((25.0,), "percentage"), ((0.75,), "left free"), ((1 / 3,), "divided C by Ki"),
                   ((3.0,), "divided Ki by C"), ((1.5,), "between 0 and 1"), (("0.25",), "should be a number")),
))


def _dose_ratio() -> tuple:
    return (float(model.dose_ratio(NALOXONE_CONC_NM / NALOXONE_KB_NM)),)


def _grade_dose_ratio(dose_ratio) -> str | None:
    value = number(dose_ratio, "dose_ratio")
    b, kb = NALOXONE_CONC_NM, NALOXONE_KB_NM
    if close(value, _dose_ratio()[0]):
        return None
    if close(value, b / kb):
        raise Wrong("you left out the 1: the dose ratio is 1 + [B]/KB (with no naloxone it must be 1)")
    if close(value, 1 + kb / b) or close(value, kb / b):
        raise Wrong("you divided the wrong way round: it is the antagonist's concentration over its KB, [B]/KB")
    if close(value, b * kb) or close(value, 1 + b * kb):
        raise Wrong("you multiplied; the Schild equation divides the concentration by KB: 1 + [B]/KB")
    if close(value, 1 + b):
        raise Wrong("[B] must be divided by KB before adding 1")
    raise Wrong(f"use the Schild equation, dose ratio = 1 + [B]/KB, with [B] = {b:g} nM and KB = {kb:g} nM")


register(Exercise(
    "01-dose-ratio", "01-dose-ratio",
    "one number: the dose ratio (fold shift of the EC50)",
    _grade_dose_ratio, _dose_ratio,
    solution_code=f"dose_ratio = 1 + {NALOXONE_CONC_NM:g} / {NALOXONE_KB_NM:g}  # 1 + [B]/KB = 21",
    right="1 + 30/1.5 = 21: the agonist's curve moves 21-fold to the right, with the same maximum.",
    no_code={
        "question": "Naloxone is present at 20 times its KB. What happens to an agonist's "
                    "concentration-response curve?",
        "choices": ["It shifts 21-fold to the right, same maximum", "It shifts 20-fold to the right, same maximum",
                    "Its maximum falls to one twenty-first", "It shifts 21-fold to the left"],
        "answer": 0,
        "feedback": ["Dose ratio = 1 + [B]/KB = 21; a competitive antagonist is surmountable.",
                     "Close, but the Schild equation adds 1: 1 + 20 = 21.",
                     "A competitive antagonist moves the curve; it does not lower the maximum.",
                     "An antagonist means more agonist is needed: the curve moves right."]},
    wrong_answers=(((20.0,), "left out the 1"), ((1.05,), "wrong way round"), ((45.0,), "multiplied"),
                   ((31.0,), "divided by KB"), (((21, 1),), "should be a number")),
))
