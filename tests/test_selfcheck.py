"""Self-check widgets: every item accepts its key, numbers are read with their units, and the
learner is told what to fix when an answer cannot be read."""

from __future__ import annotations

import pytest

from teach.data import self_checks
from teach.ui import SelfCheck, self_check
from teach.ui.answers import read_number


@pytest.mark.parametrize("check_id", sorted(self_checks()))
def test_every_self_check_accepts_its_answer_and_rejects_others(check_id):
    widget = self_check(check_id)
    spec = widget.spec
    if spec["kind"] == "choice":
        assert len(spec["feedback"]) == len(spec["choices"])
        wrong = next(i for i in range(len(spec["choices"])) if i != spec["answer"])
        widget.answer.value = wrong
        assert widget.check() is False and "Not quite" in widget.feedback.value
        widget.answer.value = spec["answer"]
    else:
        widget.answer.value = str(spec["answer"] * 2 + 1)
        assert widget.check() is False
        widget.answer.value = f" {spec['answer']} "
    assert widget.check() is True and "Correct" in widget.feedback.value
    widget.show_hint()
    assert "Hint" in widget.feedback.value


@pytest.mark.parametrize("check_id", sorted(self_checks()))
def test_feedback_says_its_verdict_once(check_id):
    widget = self_check(check_id)
    widget.answer.value = widget.spec["answer"] if widget.spec["kind"] == "choice" else str(widget.spec["answer"])
    widget.check()
    text = widget.feedback.value
    after = text.split("Correct.", 1)[1].lstrip()
    assert not after.lower().startswith(("right", "correct", "yes.")), text


@pytest.mark.parametrize(("typed", "unit", "expected"), [
    ("50 %", "%", 50.0), ("50%", "%", 50.0), ("  50 percent ", "%", 50.0), ("420 nM h", "nM h", 420.0),
    ("420nM*h", "nM h", 420.0), ("420", "nM h", 420.0), ("0.5", "dimensionless", 0.5), (".5", "%", 0.5),
    ("10x", "fold", 10.0), ("10-fold", "fold", 10.0), ("39.9 mg", "mg", 39.9), ("-2 points", "points", -2.0),
    ("1e3", "mg", 1000.0),
])
def test_numbers_are_read_with_or_without_their_unit(typed, unit, expected):
    assert read_number(typed, unit) == pytest.approx(expected)


@pytest.mark.parametrize(("typed", "unit", "message"), [
    ("3,25", "dimensionless", "comma"), ("1,000", "mg", "comma"), ("12 mg", "nM h", "this question expects nM h"),
    ("2 %", "dimensionless", "expects no unit"), ("ten", "fold", "type a number"), ("", "%", "type a number"),
])
def test_unreadable_answers_say_what_to_fix(typed, unit, message):
    with pytest.raises(ValueError, match=message):
        read_number(typed, unit)


def test_a_decimal_comma_is_refused_not_guessed():
    widget = self_check("02-accumulation")  # 3.25, dimensionless
    widget.answer.value = "3,25"
    assert widget.check() is False
    assert "comma" in widget.feedback.value and "Not quite" not in widget.feedback.value


def test_a_fraction_for_a_percentage_is_pointed_out():
    widget = self_check("01-occupancy-at-ki")
    percent = widget.spec["answer"]
    assert widget.spec["unit"] == "%"
    widget.answer.value = f"{percent / 100:g}"
    assert widget.check() is False and "fraction" in widget.feedback.value and f"{percent:g} %" in widget.feedback.value
    for typed in (f"{percent:g} %", f"{percent:g}%", f"{percent:g}"):
        widget.answer.value = typed
        assert widget.check() is True, typed
    assert "within 2 %" in widget.feedback.value


def test_unit_that_cannot_be_read_names_the_expected_unit():
    widget = self_check("02-auc")
    widget.answer.value = "420 mg/L"
    assert widget.check() is False and "nM h" in widget.feedback.value


def test_self_check_without_answer_asks_for_one():
    widget = self_check("01-dose-ratio")
    widget.answer.value = ""
    assert widget.check() is False and "type a number" in widget.feedback.value
    choice = self_check("01-bias-safe")
    assert choice.check() is False and "Choose an option" in choice.feedback.value


def test_numeric_placeholder_names_a_real_unit():
    assert "dimensionless" not in self_check("02-accumulation").answer.placeholder
    assert "nM h" in self_check("02-auc").answer.placeholder


def test_options_carry_the_wrapping_style():
    widget = self_check("07-bias-breathing")
    assert "teach-selfcheck" in widget._dom_classes
    css = widget.children[0].value
    assert "white-space: normal" in css and "radio-box label" in css and "height: auto" in css


def test_unknown_self_check_and_kind():
    with pytest.raises(ValueError, match="check_id must be one of"):
        self_check("99-nothing")
    with pytest.raises(ValueError, match="kind"):
        SelfCheck("x", {"kind": "essay", "question": "?"})
