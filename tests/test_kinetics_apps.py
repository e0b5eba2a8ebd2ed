"""App tests of lesson 02: each app built headless, driven through its controls."""

from __future__ import annotations

import numpy as np
import pytest

from teach.kinetics import app as kinetics_apps
from teach.kinetics import model
from tests.app_checks import check_update_in_place

# app name, {control: new value}, what must be true of the new state
SCENARIOS = {
    "single_dose": ({"leaf_g": 4.0}, lambda s: s.dose_mg == pytest.approx(4.0 * 1000 * s.content_percent / 100)),
    "daily": ({"interval_h": 12.0}, lambda s: s.accumulation["tanna2022"] == pytest.approx(
        model.accumulation_ratio(model.studies()["tanna2022"].ke_per_h, 12.0))),
    "saturation": ({"dose_over_km": 10.0}, lambda s: s.at_dose_from_mitragynine == pytest.approx(10 / 11)),
    "occupancy": ({"leaf_g": 5.0}, lambda s: s.peak_high["mitragynine"] > s.peak_low["mitragynine"]),
}


@pytest.mark.parametrize("name", list(kinetics_apps.APPS))
def test_controls_drive_model_figure_and_readout_in_place(name, figure_counter):
    changes, expectation = SCENARIOS[name]
    check_update_in_place(kinetics_apps.APPS[name](), changes, expectation, figure_counter)


@pytest.mark.parametrize("name", list(kinetics_apps.APPS))
def test_first_slider_changes_the_readout(name):
    """The browser test and the benchmark move the first slider: it must change what is shown."""
    app = kinetics_apps.APPS[name]()
    slider = next(iter(app.controls.values()))
    text = app.readout.text
    slider.value = slider.max
    assert app.error is None and app.readout.text != text


def test_choosing_a_study_moves_the_bold_curve():
    app = kinetics_apps.single_dose_app()
    before = np.array(app.figure.parent.get_ydata()).copy()
    app.set(study="trakulsrichai2015")
    assert not np.allclose(before, app.figure.parent.get_ydata())
    assert not app.figure.others["trakulsrichai2015"].get_visible()
    assert app.figure.others["tanna2022"].get_visible()
    assert "Trakulsrichai 2015" in app.readout.text


def test_single_dose_readout_states_the_analytic_auc():
    app = kinetics_apps.single_dose_app(leaf_g=2.0, content_percent=1.95)
    assert "39 mg mitragynine" in app.readout.text
    assert "AUC = Dose / (CL/F) = 420 nM h" in app.readout.text


def test_daily_readout_states_the_accumulation_ratio():
    app = kinetics_apps.daily_app(interval_h=24.0, study="tanna2022")
    expected = model.accumulation_ratio(model.studies()["tanna2022"].ke_per_h, 24.0)
    assert f"Accumulation ratio 1/(1 - exp(-k tau)) = {expected:.3g}" in app.readout.text


def test_occupancy_band_vertices_follow_the_state():
    app = kinetics_apps.occupancy_app()
    path = app.figure.bands["mitragynine"].get_paths()[0].vertices
    app.set(leaf_g=8.0)
    assert not np.allclose(path, app.figure.bands["mitragynine"].get_paths()[0].vertices)


def test_saturation_readout_labels_mouse_evidence():
    app = kinetics_apps.saturation_app()
    assert "MOUSE" in app.readout.text and "Illustrative" in app.readout.text
