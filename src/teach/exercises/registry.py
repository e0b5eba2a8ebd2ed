"""The exercise registry and ``check``: immediate, specific feedback on a learner's answer.

Each lesson module (``lesson01`` ... ``lesson07``) registers its exercises with :func:`register`.
An exercise has a ``grade`` function that returns ``None`` for a right answer or a sentence that
names what is wrong ("you divided the odds the wrong way round: ..."), a reference answer, the
reference solution's code (shown only after an attempt, in a collapsed block) and a no-code
question reaching the same idea. Nothing is sent anywhere; results go to the learner's progress
file (:mod:`teach.progress`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from teach import progress
from teach.validation import Bounds, check_choice, check_instance, check_quantity

PLACEHOLDER_MESSAGE = "Not answered yet: replace each ... with your answer, then run the cell again."


@dataclass(frozen=True)
class Exercise:
    """One code exercise: what it asks, how it is graded, and its reference solution."""

    exercise_id: str
    objective: str
    task: str
    grade: Callable[..., str | None]
    reference: Callable[[], tuple]
    solution_code: str
    right: str
    no_code: dict = field(default_factory=dict)
    wrong_answers: tuple = ()  # ((answers...), "words the feedback must contain"): typical mistakes, tested


_REGISTRY: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add ``exercise`` to the registry (ids are unique)."""
    check_instance(exercise, "exercise", Exercise)
    if exercise.exercise_id in _REGISTRY:
        raise ValueError(f"exercise id {exercise.exercise_id!r} is registered twice")
    _REGISTRY[exercise.exercise_id] = exercise
    return exercise


def exercises() -> dict[str, Exercise]:
    """Every registered exercise, keyed by id (``"03-odds-ratio"``...)."""
    from teach.exercises import lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07  # noqa: F401

    return dict(_REGISTRY)


def exercise(exercise_id: str) -> Exercise:
    """The exercise ``exercise_id``; ValueError naming the known ids otherwise."""
    known = exercises()
    return known[check_choice(exercise_id, "exercise_id", sorted(known))]


# --------------------------------------------------------------------------------------------
# helpers the lesson modules use to grade
# --------------------------------------------------------------------------------------------
def number(value, name: str) -> float:
    """``value`` as a float, or a TypeError-like message for the learner (raised as _Wrong)."""
    if isinstance(value, bool) or (not isinstance(value, int | float) and not hasattr(value, "__float__")):
        raise Wrong(f"{name} should be a number, such as 2.5; you gave {type(value).__name__} {value!r:.40}")
    result = float(value)
    if not math.isfinite(result):
        raise Wrong(f"{name} is {result}: check for a division by zero")
    return result


def _one_of(value, name: str, choices: tuple[str, ...], so_far: str) -> str:
    """``value`` stripped and lower-cased when it is one of ``choices``; otherwise the learner is told
    what is right ``so_far`` and how to give ``name`` (for the lesson modules' graders)."""
    if not isinstance(value, str) or value.strip().lower() not in choices:
        raise Wrong(f"{so_far}; give {name} as one of {', '.join(repr(c) for c in choices)}")
    return value.strip().lower()


_ANY_NUMBER = Bounds(-math.inf, math.inf)


def close(value: float, target: float, rel: float = 0.01) -> bool:
    """Whether ``value`` is within ``rel`` (relative) of ``target``."""
    value, target = (check_quantity(number, name, "the exercise's unit", _ANY_NUMBER)
                     for number, name in ((value, "value"), (target, "target")))
    rel = check_quantity(rel, "rel", "dimensionless", Bounds(0.0, 1.0), meaning="relative tolerance")
    return math.isclose(value, target, rel_tol=rel, abs_tol=1e-12)


class Wrong(Exception):
    """Raised inside a grader to stop at the first thing that is wrong, with feedback."""


def _is_placeholder(answers: tuple) -> bool:
    """True if any answer still is, or still holds, the placeholder ``...``."""
    return any(answer is Ellipsis or (isinstance(answer, list | tuple | set | frozenset)
                                      and any(item is Ellipsis for item in answer)) for answer in answers)


@dataclass
class CheckResult:
    """What ``check`` says: passed or not, the feedback, and (after an attempt) the solution."""

    exercise_id: str
    passed: bool
    message: str
    attempted: bool

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return f"{'Correct' if self.passed else 'Not yet'} ({self.exercise_id}): {self.message}"

    def _repr_html_(self) -> str:
        colour = "#009E73" if self.passed else ("#0072B2" if not self.attempted else "#D55E00")
        lead = "Correct." if self.passed else ("" if not self.attempted else "Not yet.")
        body = (f'<p role="status" style="border-left:4px solid {colour};padding-left:0.5em">'
                f"<strong>{lead}</strong> {html.escape(self.message)}</p>")
        if self.attempted:
            body += solution_html(self.exercise_id)
        return f'<div class="teach-exercise">{body}</div>'


def solution_html(exercise_id: str) -> str:
    """The reference solution in a collapsed block (opened by the learner after an attempt)."""
    code = html.escape(exercise(exercise_id).solution_code.strip())
    return ("<details><summary>Show a reference solution</summary>"
            f"<pre style='background:#f6f6f6;padding:0.5em'>{code}</pre></details>")


def check(exercise_id: str, *answers) -> CheckResult:
    """Check the learner's answer(s) to exercise ``exercise_id`` and say what, if anything, is wrong.

    An answer still holding the placeholder ``...`` is reported as not answered (and not
    recorded); otherwise the attempt and its result are saved in the progress file.
    """
    ex = exercise(exercise_id)
    if not answers or _is_placeholder(answers):
        return CheckResult(exercise_id, False, PLACEHOLDER_MESSAGE, attempted=False)
    try:
        problem = ex.grade(*answers)
    except Wrong as wrong:
        problem = str(wrong)
    except TypeError as err:
        problem = f"the check expected {ex.task}; calling it with your answer gave a TypeError ({err})"
    if problem == PLACEHOLDER_MESSAGE:
        return CheckResult(exercise_id, False, problem, attempted=False)
    passed = problem is None
    first_word = problem.split(" ")[0] if problem else ""
    message = ex.right if passed else (problem if "_" in first_word or first_word[:1] in "'{(" else
                                       problem[0].upper() + problem[1:])
    stored = [a if isinstance(a, int | float | str | bool | list | tuple | set | frozenset) else repr(a)[:80]
              for a in answers]
    progress.current().record_exercise(exercise_id, stored if len(stored) > 1 else stored[0], passed, message)
    return CheckResult(exercise_id, passed, message, attempted=True)


def reference_answers(exercise_id: str) -> tuple:
    """The reference answer(s) of an exercise, exactly as ``check`` expects them."""
    return exercise(exercise_id).reference()
