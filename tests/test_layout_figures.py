"""Every figure of every app reads at a glance, at its default state and at seeded control states.

After a full draw, the text the renderer actually drew (tick labels, axis labels, titles, legend
entries, annotations) is collected; then

* no text is smaller than 10 pt, and none leaves the figure;
* no two texts overlap;
* no legend inside an axes covers a point of that axes' lines;
* Okabe-Ito yellow is never used for a line, a marker or text (too light on white).
"""

from __future__ import annotations

from importlib import import_module
from unittest.mock import patch

import numpy as np
import pytest
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import same_color

from teach.ui.controls import CheckGroup
from teach.ui.palette import OKABE_ITO

PACKAGES = ("receptors", "kinetics", "causal", "liver", "careplan", "claims")
APPS = [(package, name) for package in PACKAGES for name in import_module(f"teach.{package}.app").APPS]
STATES = 3  # seeded random control states per app, besides the default


def drawn_texts(figure) -> list:
    """The Text artists a full draw of ``figure`` painted (non-empty strings only)."""
    drawn = []
    original = RendererAgg.draw_text

    def recording(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if mtext is not None and s.strip() and mtext not in drawn:
            drawn.append(mtext)
        return original(self, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    with patch.object(RendererAgg, "draw_text", recording):
        figure.canvas.draw()
    return drawn


def randomise(app, rng) -> None:
    """Set every control of ``app`` to a random value it offers (as a learner could)."""
    for control in app.controls.values():
        if isinstance(control, CheckGroup):
            control.value = tuple(v for v in control.options if rng.random() < 0.5)
        elif hasattr(control, "options"):
            values = [o[1] if isinstance(o, tuple) else o for o in control.options]
            control.value = values[rng.integers(len(values))]
        elif isinstance(control.value, bool):
            control.value = bool(rng.random() < 0.5)
        elif hasattr(control, "max") and hasattr(control, "base"):  # log slider: min/max are exponents
            control.value = float(control.base ** rng.uniform(control.min, control.max))
        elif hasattr(control, "max"):
            value = rng.uniform(control.min, control.max)
            control.value = type(control.value)(round(value) if isinstance(control.value, int) else value)


def dense(points: np.ndarray, steps: int = 12) -> np.ndarray:
    """Points along the segments between consecutive ``points`` (display coordinates), NaN gaps kept out."""
    if len(points) < 2:
        return points[np.isfinite(points).all(axis=1)]
    t = np.linspace(0, 1, steps)[:, None, None]
    between = (points[:-1] + t * (points[1:] - points[:-1])).reshape(-1, 2)
    return between[np.isfinite(between).all(axis=1)]


def layout_problems(figure) -> list[str]:
    """What is wrong with the drawn layout of ``figure`` (a matplotlib Figure)."""
    texts = drawn_texts(figure)
    renderer = figure.canvas.get_renderer()
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    page = figure.bbox
    problems = []
    for text, box in boxes:
        label = repr(text.get_text()[:40])
        if text.get_fontsize() < 10 - 1e-9:
            problems.append(f"{label} is {text.get_fontsize():g} pt")
        if box.x0 < page.x0 - 1 or box.y0 < page.y0 - 1 or box.x1 > page.x1 + 1 or box.y1 > page.y1 + 1:
            problems.append(f"{label} leaves the figure")
        if same_color(text.get_color(), OKABE_ITO["yellow"]):
            problems.append(f"{label} is yellow")
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            overlap_x = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            overlap_y = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if overlap_x > 1 and overlap_y > 1:
                problems.append(f"{a.get_text()[:40]!r} overlaps {b.get_text()[:40]!r}")
    for ax in figure.axes:
        for line in ax.get_lines():
            if line.get_visible() and same_color(line.get_color(), OKABE_ITO["yellow"]):
                problems.append(f"a line or marker in {ax.get_title()!r} is yellow")
        legend = ax.get_legend()
        if legend is None or not legend.get_visible():
            continue
        frame = legend.get_window_extent(renderer)
        for line in ax.get_lines():
            if not line.get_visible() or line in legend.legend_handles:
                continue
            points = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
            points = points[np.isfinite(points).all(axis=1)] if line.get_linestyle() in ("None", "") else dense(points)
            inside = ((points[:, 0] > frame.x0) & (points[:, 0] < frame.x1)
                      & (points[:, 1] > frame.y0) & (points[:, 1] < frame.y1))
            if inside.any():
                problems.append(f"the legend of {ax.get_title()!r} covers data ({line.get_label()!r})")
    return problems


@pytest.mark.parametrize(("package", "name"), APPS, ids=[f"{p}.{n}" for p, n in APPS])
def test_figure_text_is_large_inside_and_never_overlaps(package, name):
    app = import_module(f"teach.{package}.app").APPS[name]()
    rng = np.random.default_rng(11)
    problems = [f"default: {p}" for p in layout_problems(app.figure.figure)]
    for state in range(STATES):
        randomise(app, rng)
        problems += [f"state {state} {app.values}: {p}" for p in layout_problems(app.figure.figure)]
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_checks_catch_overlap_small_text_and_yellow():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(3, 2))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.plot([0, 1], [0, 1], color=OKABE_ITO["yellow"], label="a line")
    ax.legend(loc="center")
    ax.text(0.5, 0.5, "over", fontsize=8)
    ax.text(0.5, 0.5, "here", fontsize=12)
    ax.set_xlabel("x" * 200)
    problems = "\n".join(layout_problems(figure))
    for expected in ("is 8 pt", "overlaps", "leaves the figure", "is yellow", "covers data"):
        assert expected in problems


def test_no_line_colour_is_yellow():
    from teach.ui import STYLES

    assert not any(same_color(style["color"], OKABE_ITO["yellow"]) for style in STYLES)


def test_causal_graph_is_drawn_in_layers_and_paths_are_named_in_words():
    from teach.causal import app, model
    from teach.causal.figures import POSITIONS

    graph = model.causal_graph(selection=True)
    assert all(POSITIONS[parent][1] > POSITIONS[child][1] for parent, child in graph.edges)  # causes above
    estimates = app.estimates_app()
    estimates.set(adjust_for=("clinic",))
    text = estimates.readout.text
    assert "kratom use <- " in text and " - " not in text.split("Open back-door paths")[1]
    assert " alt" not in text and "masld" not in text and "kratom - " not in text  # code names are lower case
