"""Lesson 02 exercises: the accumulation ratio, and the time to 90 % of steady state."""

from __future__ import annotations

import math

from teach.data import load_table
from teach.exercises.registry import Exercise, Wrong, close, number, register
from teach.kinetics import model


def _half_life(study: str) -> float:
    table = load_table("pk_studies")
    return float(table.loc[table.study == study, "mg_half_life_h"].iloc[0])


DAILY_HALF_LIFE_H = _half_life("huestis2024_daily")  # 67.9 h after 15 daily doses (huestis2024)
SHORT_HALF_LIFE_H = _half_life("trakulsrichai2015")  # 23.24 h (trakulsrichai2015)
TAU_H = 24.0


def _accumulation() -> tuple:
    return (float(model.accumulation_ratio(model.elimination_rate_per_h(DAILY_HALF_LIFE_H), TAU_H)),)


def _grade_accumulation(ratio) -> str | None:
    value = number(ratio, "accumulation_ratio")
    t_half, tau = DAILY_HALF_LIFE_H, TAU_H
    k = math.log(2) / t_half
    if close(value, _accumulation()[0]):
        return None
    if close(value, 1 / (1 - math.exp(-tau / t_half))):
        raise Wrong("k is ln 2 / half-life, not 1 / half-life: you left out the ln 2")
    if close(value, 1 - math.exp(-k * tau)):
        raise Wrong("that is 1 - exp(-k tau); the ratio is one over it, 1 / (1 - exp(-k tau))")
    if close(value, math.exp(-k * tau)):
        raise Wrong("that is exp(-k tau), the fraction left after one interval; the ratio is 1 / (1 - exp(-k tau))")
    if close(value, 1 / (1 - math.exp(-k * 1))):
        raise Wrong("the interval and the half-life must be in the same unit: tau is 24 hours, not 1 day")
    if close(value, 1 / (1 - math.exp(-math.log(2) * t_half * tau))) or value < 1:
        raise Wrong("the ratio is at least 1; check k = ln 2 / half-life (per hour) and tau = 24 h")
    raise Wrong(f"compute k = ln 2 / {t_half:g} per hour, then 1 / (1 - exp(-k x {tau:g}))")


register(Exercise(
    "02-accumulation", "02-accumulation",
    "one number: the accumulation ratio (dimensionless)",
    _grade_accumulation, _accumulation,
    solution_code=("import math\n"
                   f"k = math.log(2) / {DAILY_HALF_LIFE_H:g}       # per hour\n"
                   f"accumulation_ratio = 1 / (1 - math.exp(-k * {TAU_H:g}))   # about 4.6"),
    right="k = 0.0102 per h; 1 / (1 - exp(-0.245)) = 4.6: with the 68 h half-life, a day's exposure at "
          "steady state is about 4.6 times the first day's, more than the 3.25 of the 45 h study.",
    no_code={
        "question": "With daily doses, the half-life rises from 45 h to 68 h (the same dose and clearance). "
                    "What happens to the accumulation ratio and to the average level at steady state?",
        "choices": ["The ratio rises; the average level stays the same", "Both rise in proportion to the half-life",
                    "The ratio falls; the average level rises", "Neither changes: only the dose matters"],
        "answer": 0,
        "feedback": ["Right: 1/(1 - exp(-k tau)) grows as k falls, but the average is Dose / (CL/F x tau).",
                     "The average at steady state does not depend on the half-life at fixed clearance.",
                     "A longer half-life means more is left from each dose: the ratio rises.",
                     "The half-life sets how much is left from earlier doses, so the ratio changes."]},
    wrong_answers=(((3.25,), "67.9"), ((0.217,), "one over it"), ((0.783,), "fraction left"),
                   ((3.36,), "ln 2"), ((98.5,), "same unit"), ((-1.0,), "at least 1")),
))


def _time_to_90() -> tuple:
    return (-math.log(1 - 0.9) / float(model.elimination_rate_per_h(SHORT_HALF_LIFE_H)),)


def _grade_time_to_90(hours) -> str | None:
    value = number(hours, "hours_to_90_percent")
    t_half = SHORT_HALF_LIFE_H
    k = math.log(2) / t_half
    right = -math.log(0.1) / k
    if close(value, right):
        return None
    if close(value, right / 24):
        raise Wrong("you gave days; this exercise asks for hours (multiply by 24)")
    if close(value, -math.log(0.9) / k):
        raise Wrong("that is the time to 10 % of steady state; solve 1 - exp(-k t) = 0.9, so t = -ln(0.1) / k")
    if close(value, 3 * t_half):
        raise Wrong("3 half-lives reach 87.5 %; 90 % needs ln(10)/ln(2), about 3.32 half-lives")
    if close(value, 0.9 * t_half) or close(value, 10 * t_half):
        raise Wrong("the fraction of steady state after time t is 1 - exp(-k t): solve it for t")
    if close(value, -math.log(0.1) * t_half):
        raise Wrong("use k = ln 2 / half-life: t = -ln(0.1) / k")
    raise Wrong(f"solve 1 - exp(-k t) = 0.9 with k = ln 2 / {t_half:g} per hour")


register(Exercise(
    "02-time-to-steady-state", "02-accumulation",
    "one number: hours until 90 % of steady state",
    _grade_time_to_90, _time_to_90,
    solution_code=("import math\n"
                   f"k = math.log(2) / {SHORT_HALF_LIFE_H:g}          # per hour\n"
                   "hours_to_90_percent = -math.log(1 - 0.9) / k   # about 77 h, 3.3 half-lives"),
    right="-ln(0.1) / k = 3.32 half-lives = 77 h, about 3.2 days, whatever the dose. With the 68 h half-life "
          "it would be over 9 days, close to the 8-9 days measured.",
    no_code={
        "question": "How many half-lives does it take to reach 90 % of steady state with regular dosing?",
        "choices": ["About 1", "About 2", "About 3.3", "About 10"],
        "answer": 2,
        "feedback": ["One half-life reaches 50 %.", "Two half-lives reach 75 %.",
                     "Right: 1 - 0.5^n = 0.9 gives n = log2(10) = 3.32, whatever the dose.",
                     "Ten half-lives reach 99.9 %, far past 90 %."]},
    wrong_answers=(((3.22,), "days"), ((3.5,), "10 %"), ((69.72,), "87.5 %"), ((53.5,), "ln 2"),
                   ((20.9,), "solve it for t"), (("77",), "should be a number")),
))
