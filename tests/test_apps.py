"""App tests: each lesson app built headless, driven through its controls."""

from __future__ import annotations

import numpy as np
import pytest

from teach.receptors import app as receptor_apps


def _dynamic_data(figure):
    """A snapshot of every dynamic artist's data and visibility."""
    snapshot = []
    for artist in figure._dynamic:
        if hasattr(artist, "get_xydata"):
            snapshot.append(np.array(artist.get_xydata(), dtype=float).copy())
        elif hasattr(artist, "get_paths"):
            snapshot.append(artist.get_visible())
        else:
            snapshot.append((artist.get_visible(), artist.get_position()))
    return snapshot


def _changed(before, after):
    return any(
        not (np.array_equal(a, b) if isinstance(a, np.ndarray) else a == b) for a, b in zip(before, after, strict=True)
    )


# app factory, {control: new value}, what must be true of the new state
SCENARIOS = {
    "binding": ({"conc_nM": 709.0}, lambda s: s.occupancy_high["7-hydroxymitragynine"] == pytest.approx(0.5)),
    "efficacy": ({"reserve": 0.1}, lambda s: s.partial_max == pytest.approx(0.1 / 1.1)),
    "antagonism": ({"antagonist_over_kb": 99.0}, lambda s: s.dose_ratio == pytest.approx(100.0)),
    "bias": ({"tau_arrestin": 3.0}, lambda s: np.allclose(s.arrestin, s.g_protein)),
}


@pytest.mark.parametrize("name", list(receptor_apps.APPS))
def test_controls_drive_model_figure_and_readout_in_place(name, figure_counter):
    app = receptor_apps.APPS[name]()
    figure = app.figure.figure
    app.figure.canvas.draw()  # what the browser's first paint does
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
    assert "antagonist_over_kb" in app.error and "Input error" in app.readout.text


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
