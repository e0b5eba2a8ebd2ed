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


def test_lab_explorer_keeps_the_laboratory_upper_limit():
    # The DILI criteria and Hy's law use the laboratory's own ULN (Aithal 2011), not Kwo's
    # "healthy ALT" threshold; the explorer has no control that swaps one for the other.
    app = liver_apps.lab_explorer_app()
    assert app.values["alt_uln_U_L"] == 40  # LiverTox case 6972's own laboratory
    assert not hasattr(app, "sex")
    assert "sex" not in app.controls


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
    label = app.controls["alp_uln_U_L"].description  # the learner's words, not the parameter name
    assert label in app.error and "U/L" in app.error and "Input error" in app.readout.text
    app.controls["alp_uln_U_L"].value = -5.0
    assert label in app.error and "alp_uln_U_L" not in app.error


def test_rucam_worksheet_shows_a_reason_for_every_item():
    app = liver_apps.rucam_app()
    lines = app.readout.text.splitlines()
    for number, name in enumerate(model.RUCAM_ITEMS, start=1):
        assert any(line.startswith(f"{name}: ") and "(" in line for line in lines), number
    assert "5. Alternative causes: +0 (1 of 7 group I causes not ruled out" in app.readout.text
    assert "6. Previous hepatotoxicity: +1 (reaction published but unlabelled" in app.readout.text
    assert "7. Re-exposure: +0 (not done, not reported, or other: +0; RUCAM scores missing" in app.readout.text
    assert "2. Course after stopping: +0 (not reported, persisted, rose" in app.readout.text
    assert "3. Risk factors: +1 (alcohol above the limit +1; age 29 < 55: 0)" in app.readout.text
    assert "4. Other drugs or herbs: -2 (a known hepatotoxin, compatible timing" in app.readout.text
    assert "Total of items 1-7: +2, causality 'unlikely'" in app.readout.text
    assert "not scored" not in app.readout.text
    assert app.state.total == 2 and app.state.band == "unlikely"


# The worked cases are mixed, so the cholestatic-or-mixed answers of item 7 apply. Case 6972 starts at +2.
POSITIVE, WITH_FIRST_AGENTS, _NOT_DONE, BELOW_ULN = model.REEXPOSURE["cholestatic or mixed"]
ITEM_SCENARIOS = {
    "three causes open": ({"group1_ruled_out": 4}, 4, -2, 0, "excluded"),
    "groups I and II ruled out": ({"group1_ruled_out": 7, "group2_ruled_out": True}, 4, 2, 4, "possible"),
    "alternative cause": ({"alternative_highly_probable": True}, 4, -3, -1, "excluded"),
    "labelled": ({"previous_hepatotoxicity": "reaction labelled in the product characteristics"}, 5, 2, 3, "possible"),
    "unknown": ({"previous_hepatotoxicity": "reaction unknown"}, 5, 0, 1, "unlikely"),
    "positive re-exposure": ({"reexposure": POSITIVE}, 6, 3, 5, "possible"),
    "doubling with the first agents": ({"reexposure": WITH_FIRST_AGENTS}, 6, 1, 3, "possible"),
    "rise below ULN": ({"reexposure": BELOW_ULN}, 6, -2, 0, "excluded"),
}


@pytest.mark.parametrize("scenario", list(ITEM_SCENARIOS))
def test_rucam_items_5_to_7_drive_model_bars_and_readout(scenario, figure_counter):
    changes, index, points, total, band = ITEM_SCENARIOS[scenario]
    app = liver_apps.rucam_app()

    def expected(state):
        return state.items[index].points == points and state.total == total and state.band == band

    check_update_in_place(app, changes, expected, figure_counter)
    bar = app.figure.bars[index]
    assert bar.get_x() == min(0, points) and bar.get_width() == (abs(points) or 0.05)  # 0: a sliver
    assert (bar.get_hatch() == "//") == (points < 0)
    assert f"{model.RUCAM_ITEMS[index]}: {points:+d}" in app.readout.text
    assert f"Total of items 1-7: {total:+d}, causality '{band}'" in app.readout.text
    assert app.figure.total.get_xdata()[0] == total


def test_rucam_item_5_controls_name_the_causes_they_count():
    app = liver_apps.rucam_app()
    slider, group2 = app.controls["group1_ruled_out"], app.controls["group2_ruled_out"]
    assert (slider.min, slider.max, slider.value) == (0, 7, 6) and "(of 7)" in slider.description
    assert "hepatitis C (anti-HCV, HCV RNA)" in slider.tooltip and "alcoholism (AST/ALT >= 2)" in slider.tooltip
    assert "EBV infection" in group2.tooltip and group2.value is False


def test_rucam_figure_draws_a_bar_for_all_seven_items():
    app = liver_apps.rucam_app()
    assert len(app.figure.bars) == 7 and all(bar in app.figure._dynamic for bar in app.figure.bars)
    labels = [tick.get_text() for tick in app.figure.axes[0].get_yticklabels()]
    assert labels == list(model.RUCAM_ITEMS)


def test_rucam_pattern_switch_changes_the_course_and_reexposure_options():
    app = liver_apps.rucam_app()
    app.set(pattern="hepatocellular")
    assert app.error is None and app.state.scale == "hepatocellular"
    assert list(app.controls["course"].options) == list(model.COURSES["hepatocellular"])
    assert list(app.controls["reexposure"].options) == list(model.REEXPOSURE["hepatocellular"])
    assert app.values["reexposure"] == model.REEXPOSURE_NOT_DONE  # the shared answer is kept
    positive = next(iter(model.REEXPOSURE["hepatocellular"]))
    app.set(course="ALT fell >= 50 % within 8 days", reexposure=positive)
    assert app.state.items[1].points == 3 and app.state.items[6].points == 3
    app.set(pattern="mixed")  # a scale-specific answer falls back to 'not reported'
    assert app.error is None and app.values["reexposure"] == model.REEXPOSURE_NOT_DONE


def test_rucam_case_selector_fills_in_the_case():
    app = liver_apps.rucam_app()
    app.set(days=3, alcohol="no", concomitant="none, or not reported", group1_ruled_out=0,
            alternative_highly_probable=True)
    app.case.value = "livertox_8332"
    assert app.values["days"] == 25 and app.values["alcohol"] == model.ALCOHOL[1] and app.values["age_years"] == 25
    assert app.values["course"] == "ALP/bilirubin fell >= 50 % within 180 days"
    assert app.values["concomitant"] == "a known hepatotoxin, compatible timing"
    assert app.values["group1_ruled_out"] == 7 and app.values["alternative_highly_probable"] is False
    assert app.error is None and app.state.total == 5 and app.state.band == "possible"
    assert [item.points for item in app.state.items] == [2, 2, 1, -2, 1, 1, 0]


def test_fibrosis_app_category_follows_alcohol():
    app = liver_apps.fibrosis_app()
    assert "Category: MASLD" in app.readout.text
    app.set(alcohol_g_week=140)
    assert "MetALD" in app.readout.text
    app.set(alcohol_g_week=360)
    assert "ALD (alcohol-related" in app.readout.text
