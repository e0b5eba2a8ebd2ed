"""App tests: each lesson app built headless, driven through its controls."""

from __future__ import annotations

import numpy as np
import pytest

from teach.receptors import app as receptor_apps
from tests.app_checks import check_update_in_place

# app factory, {control: new value}, what must be true of the new state
SCENARIOS = {
    "binding": ({"conc_nM": 709.0}, lambda s: s.occupancy_low["7-hydroxymitragynine"] == pytest.approx(0.5)),
    "efficacy": ({"reserve": 0.1}, lambda s: s.partial_max == pytest.approx(0.1 / 1.1)),
    "antagonism": ({"antagonist_over_kb": 99.0}, lambda s: s.dose_ratio == pytest.approx(100.0)),
    "bias": ({"tau_arrestin": 3.0}, lambda s: np.allclose(s.arrestin, s.g_protein)),
}


@pytest.mark.parametrize("name", list(receptor_apps.APPS))
def test_controls_drive_model_figure_and_readout_in_place(name, figure_counter):
    changes, expectation = SCENARIOS[name]
    check_update_in_place(receptor_apps.APPS[name](), changes, expectation, figure_counter)


def test_binding_app_hides_deselected_compounds():
    app = receptor_apps.binding_app()
    app.set(compounds=("morphine",))
    assert not app.figure.curves["mitragynine"].get_visible()
    assert app.figure.curves["morphine"].get_visible()
    assert "mitragynine" not in app.readout.text and "morphine" in app.readout.text


def test_bad_control_value_shows_an_error_and_keeps_the_last_state():
    app = receptor_apps.antagonism_app()
    state = app.state
    app.controls["antagonist_over_kb"].value = 1e3
    good = app.state
    assert good is not state
    # A value the slider cannot produce but code can: the model refuses, the readout says why.
    app._compute = lambda **_: receptor_apps.model.dose_ratio(-1.0)
    app.update()
    assert app.state is good
    # named by the control's label, not the code's parameter name; the stale lines are cleared
    assert "naloxone / KB" in app.error and "antagonist_over_kb" not in app.error
    assert "Input error" in app.readout.text and "Dose ratio" not in app.readout.text


def test_readout_describes_the_figure():
    app = receptor_apps.antagonism_app(antagonist_over_kb=9.0)
    assert "Dose ratio = 1 + [B]/KB = 10" in app.readout.text


def test_exported_png_contains_the_dynamic_artists():
    app = receptor_apps.efficacy_app()
    app.figure.canvas.draw()
    png_with = app.figure.to_png()
    for artist in app.figure._dynamic:
        artist.set_visible(False)
    assert app.figure.to_png() != png_with
