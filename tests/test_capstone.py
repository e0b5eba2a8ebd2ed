"""The capstone brief: every checkable part passes the right answer, names the typical mistakes,
and the learner's text is exported without forming Markdown structure."""

from __future__ import annotations

import pytest

from teach.capstone import app, model
from teach.careplan.model import red_flags
from teach.causal.model import valid_adjustment_sets


def right_brief() -> model.Brief:
    low, high = model.expected_daily_mg()
    met, band = model.expected_panel()
    return model.Brief(daily_mg_low=low, daily_mg_high=high, dili_met=met, fib4_band=band,
                       adjustment_set=valid_adjustment_sets()[0], red_flags=red_flags())


def test_the_right_answers_pass_every_part():
    results = model.check_brief(right_brief())
    assert [f.part for f in results] == ["daily dose", "DILI criteria", "FIB-4 band", "adjustment set", "red flags"]
    assert all(f.right for f in results), results


@pytest.mark.parametrize(
    ("change", "part", "says"),
    [
        ({"daily_mg_low": 8.4, "daily_mg_high": 60.0}, 0, "That is one dose"),
        ({"daily_mg_low": 1680.0, "daily_mg_high": 12000.0}, 0, "factor of 100"),
        ({"daily_mg_low": None}, 0, "as numbers"),
        ({"dili_met": True}, 1, "A raised ALT is not enough"),
        ({"dili_met": None}, 1, "yes or no"),
        ({"fib4_band": "high risk"}, 2, "Compute FIB-4"),
        ({"adjustment_set": ("pain", "male", "alt")}, 3, "Leave out ALT"),
        ({"adjustment_set": ()}, 3, "back-door path is still open"),
        ({"red_flags": ("a runny nose",)}, 4, "ordinary symptom"),
        ({"red_flags": ()}, 4, "you left out"),
    ],
)
def test_typical_mistakes_get_feedback_that_names_them(change, part, says):
    brief = right_brief().__class__(**{**right_brief().__dict__, **change})
    feedback = model.check_brief(brief)[part]
    assert not feedback.right and says in feedback.message


def test_the_dili_answer_follows_the_lesson_04_criteria():
    met, band = model.expected_panel()
    assert met is False and band in model.fib4_bands()


def test_symptom_choices_hold_every_red_flag_and_some_ordinary_symptoms():
    choices = set(model.symptom_choices())
    assert set(red_flags()) <= choices and set(model.NOT_RED_FLAGS) <= choices
    assert not set(model.NOT_RED_FLAGS) & set(red_flags())


def test_export_escapes_the_learners_text():
    text = "# Heading\n<script>alert(1)</script> [link](javascript:alert(1))\n- list"
    markdown = model.to_markdown(model.Brief(text={"known": text}))
    assert "\n# Heading" not in markdown and "<script>" not in markdown and "](javascript" not in markdown
    assert "## What is known" in markdown and "Educational exercise, not medical advice." in markdown


def test_model_brief_carries_the_computed_numbers():
    low, high = model.expected_daily_mg()
    brief = model.model_brief()
    assert f"{low:.0f}-{high:.0f} mg" in brief and "How sure we are" in brief


def test_the_form_checks_what_the_learner_entered():
    form = app.brief_form()
    low, high = model.expected_daily_mg()
    form.daily_low.value, form.daily_high.value = low, high
    form.dili.value = False
    results = form.check()
    assert results[0].right and results[1].right and not results[2].right
    assert "2 of 5 checkable parts right" in form.feedback.value
    form.sections["known"].value = "He takes kratom daily."
    assert "He takes kratom daily\\." in form.export()
