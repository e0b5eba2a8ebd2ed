"""Short code exercises with immediate, specific feedback (Data 8 / Neuromatch style).

In a notebook::

    from teach.exercises import check, no_code
    odds_ratio = ...
    check("03-odds-ratio", odds_ratio)

``check`` names what is wrong, records the attempt in the learner's progress file and, after an
attempt, offers the reference solution in a collapsed block. ``no_code(id)`` asks the same idea
as a choice, for learners who skip code. Each lesson's exercises live in ``lessonNN.py``.
"""

from teach.exercises.nocode import no_code
from teach.exercises.registry import CheckResult, check, exercise, exercises, reference_answers

__all__ = ["CheckResult", "check", "exercise", "exercises", "no_code", "reference_answers"]
