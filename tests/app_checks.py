"""Shared check for app tests: a control change updates model, figure and readout in place."""

from __future__ import annotations

import numpy as np


def dynamic_snapshot(figure) -> list:
    """A comparable snapshot of every dynamic artist of a LiveFigure: its visibility plus its
    data (line points, collection segments or paths, a patch's box, or a text's position and string)."""
    snapshot = []
    for artist in figure._dynamic:
        if hasattr(artist, "get_xydata"):
            data = np.array(artist.get_xydata(), dtype=float)
        elif hasattr(artist, "get_segments"):
            data = np.concatenate([np.asarray(s, dtype=float).ravel() for s in artist.get_segments()] or [[]])
        elif hasattr(artist, "get_paths"):
            data = np.concatenate([p.vertices.ravel() for p in artist.get_paths()] or [[]])
        elif hasattr(artist, "get_height"):
            data = np.array([artist.get_x(), artist.get_y(), artist.get_width(), artist.get_height()], dtype=float)
        elif hasattr(artist, "get_text"):
            data = (tuple(artist.get_position()), artist.get_text())
        else:
            data = None
        snapshot.append((artist.get_visible(), data))
    return snapshot


def _same(a, b) -> bool:
    if a[0] != b[0]:
        return False
    if isinstance(a[1], np.ndarray):
        return a[1].shape == b[1].shape and bool(np.allclose(a[1], b[1], equal_nan=True))
    return a[1] == b[1]


def snapshot_changed(before, after) -> bool:
    """Whether any dynamic artist changed between two snapshots."""
    return not all(_same(a, b) for a, b in zip(before, after, strict=True))


def check_update_in_place(app, changes: dict, expectation, figure_counter) -> None:
    """Set ``changes`` on ``app``'s controls and assert that the model state satisfies
    ``expectation``, the readout and the figure's dynamic artists changed, no new figure was
    created and the repaint took the in-place path."""
    figure = app.figure.figure
    app.figure.canvas.draw()  # what the browser's first paint does
    state, text, data = app.state, app.readout.text, dynamic_snapshot(app.figure)
    fast_before, created_before = app.figure.fast_draws, len(figure_counter)

    app.set(**changes)

    assert app.state is not state and expectation(app.state)
    assert app.readout.text != text and app.error is None
    assert snapshot_changed(data, dynamic_snapshot(app.figure))
    assert app.figure.figure is figure
    assert len(figure_counter) == created_before, "an update created a new figure"
    assert app.figure.fast_draws > fast_before, "the update did not repaint in place"
