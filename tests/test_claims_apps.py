"""App tests of lesson 06: each app built headless and driven through its controls."""

from __future__ import annotations

import numpy as np
import pytest

from teach.claims import app as claims_apps


def _dynamic_data(figure):
    """A snapshot of every dynamic artist: line data, segments, or a patch's position and size."""
    snapshot = []
    for artist in figure._dynamic:
        if hasattr(artist, "get_xydata"):
            snapshot.append(np.array(artist.get_xydata(), dtype=float).copy())
        elif hasattr(artist, "get_segments"):
            snapshot.append(np.array(artist.get_segments(), dtype=float).reshape(-1))
        else:
            snapshot.append(np.array([artist.get_x(), artist.get_y(), artist.get_width(), artist.get_height()]))
    return snapshot


def _changed(before, after):
    return any(a.shape != b.shape or not np.allclose(a, b) for a, b in zip(before, after, strict=True))


SCENARIOS = {
    "rating": ({"not_an_opioid": 4.5}, lambda s: s.learner[1] == 4.5 and s.focus == "not_an_opioid"),
    "levels": ({"min_rank": 6.0}, lambda s: s.reaching == ["proven_painkiller"]),
}


@pytest.mark.parametrize("name", list(claims_apps.APPS))
def test_controls_drive_model_figure_and_readout_in_place(name, figure_counter):
    app = claims_apps.APPS[name]()
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


def test_evidence_stays_hidden_until_revealed():
    app = claims_apps.rating_app()
    assert "evidence" not in " ".join(app._lines[1:]) and not app.figure.evidence.get_visible()
    assert not any(a.get_visible() for a in app.figure.level_artists)
    app.set(reveal=True)
    assert app.figure.evidence.get_visible() and all(a.get_visible() for a in app.figure.level_artists)
    assert "evidence 1 (contradicted)" in app.readout.text and "Kruegel et al. 2016" not in app.readout.text
    assert "Mean distance from the evidence" in app.readout.text


def test_levels_readout_cites_the_sources():
    app = claims_apps.levels_app()
    app.set(min_rank=1.0)
    assert "Kruegel et al. 2016" in app.readout.text and "8 of 8 claims" in app.readout.text
