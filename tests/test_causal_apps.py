"""Lesson 03 app tests: each app built headless, driven through its controls."""

from __future__ import annotations

import pytest

from teach.causal import app as causal_apps
from tests.app_checks import check_update_in_place

# app factory, {control: new value}, what must be true of the new state
SCENARIOS = {
    "estimates": ({"kratom_or": 2.0}, lambda s: s.true_or == pytest.approx(2.0) and s.causal_or > 1.5),
    "selection": ({"clinic_kratom_or": 1.0}, lambda s: s.clinic_kratom_or == pytest.approx(1.0)),
    "indication": ({"pain_opioid_or": 1.0}, lambda s: s.pain_opioid_or == pytest.approx(1.0)),
}


@pytest.mark.parametrize("name", list(causal_apps.APPS))
def test_controls_drive_model_figure_and_readout_in_place(name, figure_counter):
    changes, expectation = SCENARIOS[name]
    check_update_in_place(causal_apps.APPS[name](), changes, expectation, figure_counter)


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
    label = app.controls["pain_opioid_or"].description  # the learner's words, not the parameter name
    assert label in app.error and "pain_opioid_or" not in app.error and "Input error" in app.readout.text


def test_odds_ratio_sliders_move_live_and_whole_new_cohorts_wait_for_release():
    for factory in causal_apps.APPS.values():
        app = factory()
        live = {name for name, control in app.controls.items() if getattr(control, "continuous_update", None)}
        assert live and all(name.endswith("_or") for name in live)
    estimates = causal_apps.estimates_app()
    assert not estimates.controls["n_people"].continuous_update
    assert not estimates.controls["seed"].continuous_update


def test_moving_the_true_effect_keeps_the_same_people():
    app = causal_apps.estimates_app()
    users = app.state.kratom_users
    crude_before = app.state.estimates[0].value
    app.set(kratom_or=3.0)
    assert app.state.kratom_users == users  # the same cohort: only MASLD among users changed
    assert app.state.estimates[0].value > crude_before
