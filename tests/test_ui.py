"""The shared UI parts: palette, live figure, readout and self-check widget."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_rgb

from teach.ui import OKABE_ITO, STYLES, LiveFigure, Readout, series_style


def test_palette_is_okabe_ito_with_distinct_line_styles():
    assert {style["color"] for style in STYLES} == set(OKABE_ITO.values()) - {OKABE_ITO["yellow"]}
    assert len({(style["color"], str(style["linestyle"])) for style in STYLES}) == len(STYLES)
    assert len({str(style["linestyle"]) for style in STYLES}) == len(STYLES)
    assert len({style["marker"] for style in STYLES}) == len(STYLES)
    assert series_style(9) == series_style(1)
    assert "marker" not in series_style(0)
    assert to_rgb(OKABE_ITO["vermillion"]) == pytest.approx((213 / 255, 94 / 255, 0))


class _Line(LiveFigure):
    def __init__(self):
        super().__init__()
        (self.line,) = self.axes[0].plot([0, 1], [0, 1])
        self.dynamic(self.line)

    def update(self, state):
        self.line.set_ydata(state)


def test_live_figure_repaints_only_dynamic_artists_after_first_draw():
    fig = _Line()
    fig.refresh()  # no background cached yet: asks for a full draw
    assert fig.fast_draws == 0
    fig.canvas.draw()
    assert fig.full_draws == 1
    sent = []
    fig.canvas.send_binary = sent.append
    fig.update([1, 0])
    fig.refresh()
    assert fig.fast_draws == 1 and fig.full_draws == 1
    assert sent, "the in-place repaint sent no image to the browser"


def test_live_figure_falls_back_to_full_draw_after_resize():
    fig = _Line()
    fig.canvas.draw()
    fig.figure.set_size_inches(4, 2)
    fig.canvas.draw_idle = lambda: setattr(fig, "asked_full", True)
    fig.refresh()
    assert getattr(fig, "asked_full", False) and fig.fast_draws == 0


def test_live_figure_subclass_must_define_update():
    with pytest.raises(NotImplementedError):
        LiveFigure().update(None)


def test_readout_text_and_alert():
    readout = Readout()
    readout.show(["a < b"], error="x must be > 0")
    assert readout.text == "Input error: x must be > 0\na < b"
    assert "&lt;" in readout.value and 'role="alert"' in readout.value and "aria-live" in readout.value
