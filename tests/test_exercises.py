"""Code exercises: every reference solution passes its check, every typical mistake fails with
feedback that names it, placeholders run without error, and results reach the progress file."""

from __future__ import annotations

import collections

import pytest

from teach import progress
from teach.exercises import check, exercise, exercises, no_code, reference_answers
from teach.exercises.registry import PLACEHOLDER_MESSAGE, solution_html

IDS = sorted(exercises())


@pytest.fixture(autouse=True)
def fresh_store(tmp_path, monkeypatch):
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "progress.json"))


def test_at_least_two_exercises_per_content_lesson():
    per_lesson = collections.Counter(exercise_id[:2] for exercise_id in IDS)
    assert all(per_lesson[lesson] >= 2 for lesson in ("01", "02", "03", "04", "05", "06", "07")), per_lesson


def test_every_exercise_names_a_valid_objective():
    import json

    from tests.conftest import ROOT

    objectives = json.loads((ROOT / "src" / "teach" / "data" / "objectives.json").read_text(encoding="utf-8"))
    for exercise_id in IDS:
        assert exercise(exercise_id).objective in objectives[exercise_id[:2]], exercise_id


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_reference_solution_passes_and_is_recorded(exercise_id):
    result = check(exercise_id, *reference_answers(exercise_id))
    assert result.passed, result.message
    assert result.message == exercise(exercise_id).right
    assert progress.current().exercise(exercise_id)["correct"] is True
    assert "<details>" in result._repr_html_() and "reference solution" in result._repr_html_()


@pytest.mark.parametrize("exercise_id", IDS)
def test_typical_mistakes_fail_with_feedback_that_names_them(exercise_id):
    wrong = exercise(exercise_id).wrong_answers
    assert len(wrong) >= 3, "each exercise is tested against at least three typical mistakes"
    for answers, names in wrong:
        result = check(exercise_id, *answers)
        assert not result.passed, (exercise_id, answers)
        assert names.lower() in result.message.lower(), (exercise_id, answers, result.message)
        assert result.message != exercise(exercise_id).right


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_placeholder_runs_without_error_and_is_not_recorded(exercise_id):
    n_answers = len(reference_answers(exercise_id))
    result = check(exercise_id, *([...] * n_answers))
    assert not result.passed and result.message == PLACEHOLDER_MESSAGE and not result.attempted
    assert "<details>" not in result._repr_html_()  # no solution before an attempt
    assert progress.current().exercise(exercise_id) is None


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_solution_code_really_solves_the_exercise(exercise_id):
    namespace: dict = {}
    exec(exercise(exercise_id).solution_code, namespace)  # our own code from the package, not the learner's
    answers = reference_answers(exercise_id)
    produced = [value for name, value in namespace.items() if not name.startswith("__")]
    if callable(answers[0]):
        function = next(v for v in produced if callable(v) and getattr(v, "__name__", "") == "needs_fib4")
        assert check(exercise_id, function).passed
    elif len(answers) == 1:
        assert any(_same(value, answers[0]) for value in produced), (exercise_id, answers)
    else:
        for answer in answers:
            assert any(_same(value, answer) for value in produced), (exercise_id, answer)


def _same(value, answer) -> bool:
    import math

    import networkx as nx

    if isinstance(answer, nx.DiGraph):
        return isinstance(value, nx.DiGraph) and set(value.edges) == set(answer.edges)
    if isinstance(answer, float):
        return isinstance(value, float) and math.isclose(value, answer, rel_tol=0.01)
    if isinstance(answer, tuple):
        pairs = zip(value, answer, strict=True) if isinstance(value, tuple) else ()
        return isinstance(value, tuple) and all(math.isclose(a, b, rel_tol=0.01) for a, b in pairs)
    return type(value) is type(answer) and value == answer


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_no_code_path_reaches_the_same_idea(exercise_id):
    widget = no_code(exercise_id)
    spec = exercise(exercise_id).no_code
    assert 3 <= len(spec["choices"]) == len(spec["feedback"])
    for label, value in widget.answer.options:
        assert label == spec["choices"][value]
    widget.answer.value = (spec["answer"] + 1) % len(spec["choices"])
    assert not widget.check() and "Not quite" in widget.feedback.value
    widget.answer.value = spec["answer"]
    assert widget.check() and progress.current().exercise(exercise_id)["correct"]


def test_an_unknown_exercise_is_named():
    with pytest.raises(ValueError, match="exercise_id must be one of"):
        check("99-nothing", 1)


def test_a_learner_function_that_crashes_gets_feedback_not_a_traceback():
    result = check("06-fib4-due", lambda *args: 1 / 0)
    assert not result.passed and "ZeroDivisionError" in result.message


def test_solutions_are_shown_only_in_a_collapsed_block():
    html = solution_html("03-odds-ratio")
    assert html.startswith("<details>") and "<summary>" in html


@pytest.mark.parametrize("exercise_id, placeholder", [
    ("03-woolf-interval", ((..., ...),)), ("03-adjustment-set", ({...},)),
    ("03-causal-graph", ([("pain", "kratom"), ...],)),
    ("04-r-ratio", (1.9, ...)),
])
def test_a_partly_filled_placeholder_is_still_unanswered(exercise_id, placeholder):
    result = check(exercise_id, *placeholder)
    assert not result.attempted and result.message == PLACEHOLDER_MESSAGE
    assert progress.current().exercise(exercise_id) is None
