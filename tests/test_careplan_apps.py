"""App tests of lesson 05: each app built headless and driven through its controls."""

from __future__ import annotations

import pytest

from teach.careplan import app as careplan_apps
from tests.test_liver_apps import _changed, _dynamic_data

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
    app = careplan_apps.APPS[name]()
    figure = app.figure.figure
    app.figure.canvas.draw()
    state, text, data = app.state, app.readout.text, _dynamic_data(app.figure)
    created_before = len(figure_counter)
    changes, expectation = SCENARIOS[name]
    app.set(**changes)
    assert app.state is not state and expectation(app.state)
    assert app.readout.text != text and app.error is None
    assert _changed(data, _dynamic_data(app.figure))
    assert app.figure.figure is figure
    assert len(figure_counter) == created_before, "an update created a new figure"


def test_export_shows_the_plan_as_a_document():
    app = careplan_apps.plan_builder_app()
    app.set(care_sleep=True)
    text = app.export()
    assert "Sleep" in text and "not medical advice" in text and "Sleep" in app.exported.value
    app.export_format.value = "HTML"
    assert app.export().startswith("<div") and "<h4>" in app.exported.value
