"""App tests of lesson 06: each app built headless and driven through its controls."""

from __future__ import annotations

import pytest

from teach.careplan import app as careplan_apps
from teach.careplan import model
from tests.app_checks import check_update_in_place

SCENARIOS = {
    "plan_builder": ({"liver_test_interval_months": 6, "care_acupuncture": True},
                     lambda s: "acupuncture" in s.plan.care
                     and [e.month for e in s.events if e.kind == "liver tests"] == [0, 6, 12]),
    "monitoring": ({"liver_test_interval_months": 4, "fib4_interval_years": 1.0},
                   lambda s: [e.month for e in s.events if e.kind == "liver tests"] == [0, 4, 8, 12]),
    "guidelines": ({"option": "tramadol"}, lambda s: s.option == "tramadol" and s.disagree),
}


@pytest.mark.parametrize("name", list(careplan_apps.APPS))
def test_controls_drive_model_figure_and_readout_in_place(name, figure_counter):
    changes, expectation = SCENARIOS[name]
    check_update_in_place(careplan_apps.APPS[name](), changes, expectation, figure_counter)


def test_no_app_offers_kratom_as_care():
    builder = careplan_apps.plan_builder_app()
    assert "care_kratom" not in builder.controls and builder.controls["uses_kratom"].value is False
    assert "kratom" not in builder.state.plan.care
    monitoring = careplan_apps.monitoring_app()
    assert monitoring.controls["uses_kratom"].value is False
    options = [value for _, value in careplan_apps.guideline_app().controls["option"].options]
    assert options == list(model.GUIDELINE_OPTIONS) and "kratom" not in options


def test_ticking_uses_kratom_adds_checks_to_the_plan():
    app = careplan_apps.plan_builder_app()
    assert "FLAG tramadol (opioid)" not in app.readout.text
    app.set(uses_kratom=True)
    text = app.readout.text
    assert "FLAG tramadol (opioid)" in text and "FLAG tramadol (seizure)" in text and "naloxone" in text
    assert "red flags: throughout" in text and "kratom" not in app.state.plan.care
    timeline = app.figure.marks["red flags"].get_xydata()
    assert timeline[0, 0] == 0 and timeline[-1, 0] == 12


def test_figure_shows_every_scheduled_test_after_slider_rounding():
    app = careplan_apps.monitoring_app()
    app.set(liver_test_interval_months=3.0000000000000004)  # what a browser slider sends back for 3
    drawn = app.figure.marks["liver tests"].get_xydata()[:, 0].tolist()
    assert drawn == [e.month for e in app.state.events if e.kind == "liver tests"] == [0, 3, 6, 9, 12]
    assert "Liver tests: 5 in 12 months" in app.readout.text


def test_monitoring_readout_lists_every_red_flag_group():
    app = careplan_apps.monitoring_app(uses_kratom=True)
    for group in model.RED_FLAG_GROUPS:
        assert f"  {group}: " in app.readout.text
    assert "pale stools" in app.readout.text and "slow, shallow or stopped breathing" in app.readout.text


def test_guideline_readout_quotes_each_guideline():
    app = careplan_apps.guideline_app("benzodiazepines")
    assert "use particular caution" in app.readout.text and "CDC 2022" in app.readout.text
    app.set(option="acupuncture")
    assert "Do not offer acupuncture" in app.readout.text and "disagree" in app.readout.text
    app.set(option="sleep")
    assert "read no statement" in app.readout.text and "disagree" not in app.readout.text


def test_export_shows_the_plan_as_a_document():
    app = careplan_apps.plan_builder_app()
    app.set(care_sleep=True)
    text = app.export()
    assert "Sleep" in text and "not medical advice" in text and "Sleep" in app.exported.value
    app.export_format.value = "HTML"
    assert app.export().startswith("<div") and "<h4>" in app.exported.value
