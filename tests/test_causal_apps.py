"""Lesson 03 app tests: each app built headless, driven through its controls."""

from __future__ import annotations

import pytest

from teach.causal import app as causal_apps
from tests.test_apps import _changed
from tests.test_apps import _dynamic_data as _line_data


def _dynamic_data(figure):
    """Like tests.test_apps._dynamic_data, plus bar heights (Rectangle artists)."""
    bars = [a for a in figure._dynamic if hasattr(a, "get_height")]
    others = type("Others", (), {"_dynamic": [a for a in figure._dynamic if a not in bars]})()
    return [*_line_data(others), *(str((b.get_visible(), b.get_height())) for b in bars)]

# app factory, {control: new value}, what must be true of the new state
SCENARIOS = {
    "estimates": ({"kratom_or": 2.0}, lambda s: s.true_or == pytest.approx(2.0) and s.causal_or > 1.5),
    "selection": ({"clinic_kratom_or": 1.0}, lambda s: s.clinic_kratom_or == pytest.approx(1.0)),
    "indication": ({"pain_opioid_or": 1.0}, lambda s: s.pain_opioid_or == pytest.approx(1.0)),
}


@pytest.mark.parametrize("name", list(causal_apps.APPS))
def test_controls_drive_model_figure_and_readout_in_place(name, figure_counter):
    app = causal_apps.APPS[name]()
    figure = app.figure.figure
    app.figure.canvas.draw()
    state, text, data = app.state, app.readout.text, _dynamic_data(app.figure)
    fast_before, created_before = app.figure.fast_draws, len(figure_counter)
    changes, expectation = SCENARIOS[name]

    app.set(**changes)

    assert app.state is not state and expectation(app.state)
    assert app.readout.text != text and app.error is None
    assert _changed(data, _dynamic_data(app.figure))
    assert app.figure.figure is figure
    assert len(figure_counter) == created_before, "an update created a new figure"
    assert app.figure.fast_draws > fast_before, "the update did not repaint in place"


def test_adjusting_for_a_collider_is_flagged_and_drawn():
    app = causal_apps.estimates_app()
    assert "a valid adjustment set" in app.readout.text
    app.set(adjust_for=("pain", "male", "clinic"))
    assert "NOT a valid adjustment set" in app.readout.text
    assert "collider" in app.readout.text
    assert len(app.figure.open_paths.get_xdata()) > 0


def test_crude_only_leaves_a_back_door_open():
    app = causal_apps.estimates_app(adjust_for=())
    assert "NOT a valid adjustment set" in app.readout.text
    assert "Open back-door paths: 0" not in app.readout.text


def test_survey_sample_has_no_comparison_group():
    app = causal_apps.selection_app(sample="online survey")
    assert "no one to compare with" in app.readout.text
    assert app.state.users_female[1] > app.state.users_female[0]


def test_bad_control_value_shows_an_error_and_keeps_the_last_state():
    app = causal_apps.indication_app()
    good = app.state
    app._compute = lambda **_: causal_apps.model.indication_state(pain_opioid_or=-1.0)
    app.update()
    assert app.state is good
    assert "pain_opioid_or" in app.error and "Input error" in app.readout.text
