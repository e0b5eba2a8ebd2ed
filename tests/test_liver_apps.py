"""App tests of lesson 04: each app built headless and driven through its controls."""

from __future__ import annotations

import pytest

from teach.liver import app as liver_apps
from teach.liver import model
from tests.app_checks import check_update_in_place

# app factory, {control: new value}, what must be true of the new state
SCENARIOS = {
    "lab_explorer": ({"alt_U_L": 200.0, "alp_U_L": 130.0}, lambda s: s.r_ratio == pytest.approx(5.0)
                     and s.pattern == "hepatocellular"),
    "rucam": ({"days": 120}, lambda s: s.items[0].points == 1 and s.total == 1),
    "fibrosis": ({"platelets_1e9_L": 250, "age_years": 65},
                 lambda s: s.fib4_cutoffs == (2.0, 2.67) and s.fib4_band == "low risk"),
}


@pytest.mark.parametrize("name", list(liver_apps.APPS))
def test_controls_drive_model_figure_and_readout_in_place(name, figure_counter):
    changes, expectation = SCENARIOS[name]
    check_update_in_place(liver_apps.APPS[name](), changes, expectation, figure_counter)


def test_lab_explorer_starts_from_the_published_case():
    app = liver_apps.lab_explorer_app()
    assert app.state.r_ratio == pytest.approx(6.8 / (428 / 130))
    assert "mixed pattern" in app.readout.text and "DILI case criteria met: yes" in app.readout.text


def test_sex_sets_the_alt_upper_limit_default():
    app = liver_apps.lab_explorer_app()
    app.sex.value = "female"
    assert app.values["alt_uln_U_L"] == 25
    app.sex.value = "male"
    assert app.values["alt_uln_U_L"] == 33


def test_bilirubin_unit_switch_converts_the_values():
    app = liver_apps.lab_explorer_app()
    before = app.state.bilirubin_xuln
    app.controls["bilirubin_unit"].value = "umol/L"
    assert app.error is None
    assert app.controls["bilirubin"].value == pytest.approx(22.4 * model.umol_per_L_per_mg_dL(), rel=0.01)
    assert app.state.bilirubin_mg_dL == pytest.approx(22.4, rel=0.01)
    assert app.state.bilirubin_xuln == pytest.approx(before, rel=0.01)


def test_zero_upper_limit_is_an_input_error_and_keeps_the_last_picture():
    app = liver_apps.lab_explorer_app()
    good = app.state
    app.controls["alp_uln_U_L"].value = 0.0
    assert app.state is good
    assert "alp_uln_U_L" in app.error and "U/L" in app.error and "Input error" in app.readout.text
    app.controls["alp_uln_U_L"].value = -5.0
    assert "alp_uln_U_L" in app.error


def test_rucam_worksheet_shows_a_reason_for_every_item():
    app = liver_apps.rucam_app()
    for number in "1234":
        assert f"{number}. " in app.readout.text
    assert "Items 5-7" in app.readout.text and "not scored" in app.readout.text
    assert app.state.total == 2 and app.state.band == "unlikely"


def test_rucam_pattern_switch_changes_the_course_options():
    app = liver_apps.rucam_app()
    app.set(pattern="hepatocellular")
    assert app.error is None and app.state.scale == "hepatocellular"
    assert list(app.controls["course"].options) == list(model.COURSES["hepatocellular"])
    app.set(course="ALT fell >= 50 % within 8 days")
    assert app.state.items[1].points == 3


def test_rucam_case_selector_fills_in_the_case():
    app = liver_apps.rucam_app()
    app.set(days=3, alcohol=model.ALCOHOL[1])
    app.case.value = "livertox_8332"
    assert app.values["days"] == 25 and app.values["alcohol"] == "not reported" and app.values["age_years"] == 25
    assert app.error is None and app.state.total == 2


def test_fibrosis_app_category_follows_alcohol():
    app = liver_apps.fibrosis_app()
    assert "Category: MASLD" in app.readout.text
    app.set(alcohol_g_week=140)
    assert "MetALD" in app.readout.text
    app.set(alcohol_g_week=360)
    assert "ALD (alcohol-related" in app.readout.text
