"""App tests of lesson 05: each app built headless and driven through its controls."""

from __future__ import annotations

import pytest

from teach.careplan import app as careplan_apps
from tests.app_checks import check_update_in_place

SCENARIOS = {
    "plan_builder": ({"liver_test_interval_months": 6, "care_acupuncture": True},
                     lambda s: "acupuncture" in s.plan.care
                     and [e.month for e in s.events if e.kind == "liver tests"] == [0, 6, 12]),
    "monitoring": ({"liver_test_interval_months": 4, "fib4_interval_years": 1.0},
                   lambda s: [e.month for e in s.events if e.kind == "liver tests"] == [0, 4, 8, 12]),
    "change": ({"month": 9.0, "care_mindfulness": True}, lambda s: s.month == 9.0 and "mindfulness" in s.parts),
}


@pytest.mark.parametrize("name", list(careplan_apps.APPS))
def test_controls_drive_model_figure_and_readout_in_place(name, figure_counter):
    changes, expectation = SCENARIOS[name]
    check_update_in_place(careplan_apps.APPS[name](), changes, expectation, figure_counter)


def test_export_shows_the_plan_as_a_document():
    app = careplan_apps.plan_builder_app()
    app.set(care_sleep=True)
    text = app.export()
    assert "Sleep" in text and "not medical advice" in text and "Sleep" in app.exported.value
    app.export_format.value = "HTML"
    assert app.export().startswith("<div") and "<h4>" in app.exported.value
