"""Live figures for lesson 03; each is built once and updated in place from a model state."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import NullLocator

from teach.causal.model import (
    ESTIMATORS,
    LABELS,
    EstimatesState,
    IndicationState,
    SelectionState,
    causal_graph,
    parameter,
)
from teach.ui import LiveFigure, series_style
from teach.ui.livefigure import FONT_SIZE
from teach.ui.palette import OKABE_ITO
from teach.validation import check_instance

#: The node names drawn in the DAG: short, but words a learner reads without a key.
SHORT = {
    "age": "age", "male": "sex", "pain": "chronic pain", "inactive": "inactivity", "obese": "obesity",
    "diabetes": "diabetes", "opioid": "opioids", "alcohol": "alcohol", "kratom": "KRATOM", "masld": "MASLD",
    "alt": "ALT", "clinic": "liver clinic", "survey": "online survey",
}


def layered_positions(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Node positions in layers: each topological generation a row, causes above their effects."""
    check_instance(graph, "graph", nx.DiGraph)
    for layer, nodes in enumerate(nx.topological_generations(graph)):
        for node in nodes:
            graph.nodes[node]["layer"] = layer
    spread = nx.multipartite_layout(graph, subset_key="layer", align="horizontal", scale=1.0)
    layers = max(nx.get_node_attributes(graph, "layer").values())
    # multipartite_layout puts layer 0 at the bottom; causes read best on top, one unit per layer
    widest = max(abs(float(x)) for x, _ in spread.values())
    return {node: (2.5 * float(x) / widest, float(layers - graph.nodes[node]["layer"]))
            for node, (x, _) in spread.items()}


#: Where each variable sits in the drawn DAG (x, y), from the graph with the selection nodes.
POSITIONS = layered_positions(causal_graph(selection=True))
OR_LIMITS = (0.2, 5.0)


def _segments(paths) -> tuple[np.ndarray, np.ndarray]:
    """The distinct edges of ``paths`` as NaN-separated two-point segments (x and y arrays).

    Many paths share edges; each edge is drawn once, which keeps a repaint cheap.
    """
    edges = sorted({tuple(sorted(pair)) for path in paths for pair in pairwise(path)})
    xs = [value for a, b in edges for value in (POSITIONS[a][0], POSITIONS[b][0], np.nan)]
    ys = [value for a, b in edges for value in (POSITIONS[a][1], POSITIONS[b][1], np.nan)]
    return np.array(xs, dtype=float), np.array(ys, dtype=float)


def _forest_axis(ax, labels, title: str) -> None:
    ax.set_xscale("log")
    ax.set_xlim(*OR_LIMITS)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.set_yticks(range(len(labels)), labels[::-1], fontsize=FONT_SIZE)
    ax.set_xticks([0.25, 0.5, 1, 2, 4], ["0.25", "0.5", "1", "2", "4"])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xlabel("odds ratio (95 % CI, log scale)")
    ax.axvline(1.0, color="0.6", lw=0.8)
    ax.set_title(title, fontsize=FONT_SIZE)
    ax.grid(True, axis="x", alpha=0.3)


def _interval_data(estimates) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Points and NaN-separated CI segments, top row first; values clipped to the axis."""
    count = len(estimates)
    low, high = OR_LIMITS
    px, py, cx, cy = [], [], [], []
    for i, est in enumerate(estimates):
        y = count - 1 - i
        if est is None or not np.isfinite(est.value):
            continue
        px.append(np.clip(est.value, low, high))
        py.append(y)
        cx.extend([np.clip(est.low, low, high), np.clip(est.high, low, high), np.nan])
        cy.extend([y, y, np.nan])
    return (np.array(px, dtype=float), np.array(py, dtype=float), np.array(cx, dtype=float),
            np.array(cy, dtype=float))


def draw_dag(ax, *, selection: bool = False) -> None:
    """Draw the causal graph's nodes and arrows (static artists) on ``ax``."""
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes; got {type(ax).__name__}")
    graph = causal_graph(selection=selection)
    for parent, child in graph.edges:
        ax.annotate("", xy=POSITIONS[child], xytext=POSITIONS[parent],
                    arrowprops={"arrowstyle": "-|>", "color": "0.6", "lw": 0.8, "shrinkA": 9, "shrinkB": 9})
    for node in graph.nodes:
        x, y = POSITIONS[node]
        bold = node in ("kratom", "masld")
        ax.text(x, y, SHORT[node], ha="center", va="center", fontsize=FONT_SIZE,
                fontweight="bold" if bold else "normal", zorder=5,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "0.3" if bold else "0.7", "lw": 0.8})
    xs = [x for x, _ in POSITIONS.values()]
    ys = [y for _, y in POSITIONS.values()]
    ax.set_xlim(min(xs) - 0.9, max(xs) + 0.9)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.5)
    ax.axis("off")


class EstimatesFigure(LiveFigure):
    """Left: the DAG with open (solid) and blocked (dotted) back-door paths and the adjusted
    variables (squares). Right: each estimate with its 95 % CI against the true effect."""

    def __init__(self):
        super().__init__(1, 2, figsize=(8.2, 5.2))
        dag, forest = self.axes
        dag.get_subplotspec().get_gridspec().set_width_ratios([1.5, 1])  # the graph needs the room
        draw_dag(dag, selection=True)
        dag.set_title("Paths from kratom to MASLD", fontsize=FONT_SIZE)
        orange, grey = OKABE_ITO["vermillion"], "0.45"
        (self.open_paths,) = dag.plot([], [], color=orange, lw=4, alpha=0.4, solid_capstyle="round",
                                      label="open path")
        # Drawn over the node labels (in-place repaints sit on top), so thin and see-through.
        (self.blocked_paths,) = dag.plot([], [], color=grey, lw=1.6, alpha=0.6, ls=(0, (1, 1.5)),
                                         label="path blocked by adjustment")
        (self.adjusted,) = dag.plot([], [], ls="none", marker="_", ms=46, mew=3, color=OKABE_ITO["blue"],
                                    label="adjusted for (underlined)")
        kx, ky = POSITIONS["kratom"]
        mx, my = POSITIONS["masld"]
        (self.effect,) = dag.plot([kx, mx], [ky, my], color=OKABE_ITO["bluish_green"], lw=3, label="true effect")

        _forest_axis(forest, list(ESTIMATORS), "Estimates of kratom -> MASLD")
        (self.cis,) = forest.plot([], [], lw=2.5, **series_style(0))
        (self.points,) = forest.plot([], [], ls="none", marker="o", ms=6, color=OKABE_ITO["blue"])
        self.truth = forest.axvline(1.0, lw=2, label="true effect you set (right)", **series_style(2))
        underline = Line2D([], [], color=OKABE_ITO["blue"], lw=3, label=self.adjusted.get_label())
        self.figure.legend(handles=[self.open_paths, self.blocked_paths, underline, self.effect, self.truth],
                           loc="outside lower center", ncol=3, frameon=False, fontsize=FONT_SIZE)
        for artist in (self.open_paths, self.blocked_paths, self.adjusted, self.effect, self.cis, self.points,
                       self.truth):
            self.dynamic(artist)

    def update(self, state: EstimatesState) -> None:
        self.open_paths.set_data(*_segments([p.nodes for p in state.paths if p.open]))
        # Paths blocked only at an unconditioned collider are many and need no action: not drawn.
        blocked = [p.nodes for p in state.paths if not p.open and "adjusting" in p.reason]
        self.blocked_paths.set_data(*_segments(blocked))
        shown = [n for n in state.adjust_for if n in POSITIONS]
        self.adjusted.set_data([POSITIONS[n][0] for n in shown], [POSITIONS[n][1] - 0.3 for n in shown])
        self.effect.set_visible(state.true_or != 1.0)
        px, py, cx, cy = _interval_data(state.estimates)
        self.points.set_data(px, py)
        self.cis.set_data(cx, cy)
        truth = float(np.clip(state.true_or, *OR_LIMITS))
        self.truth.set_xdata([truth, truth])


class SelectionFigure(LiveFigure):
    """Left: who the people who use kratom are, in the cohort and in the sample. Right: the kratom ->
    MASLD odds ratio (no true effect) in the whole cohort and in the selected sample."""

    def __init__(self):
        super().__init__(1, 2, figsize=(8.2, 4.2))
        bars, forest = self.axes
        x = np.arange(2)
        self.cohort_bars = bars.bar(x - 0.2, [0, 0], width=0.38, label="everyone who uses kratom (cohort)",
                                    color=OKABE_ITO["sky_blue"], edgecolor="0.2")
        self.sample_bars = bars.bar(x + 0.2, [0, 0], width=0.38, label="people who use kratom in the sample",
                                    color=OKABE_ITO["orange"], edgecolor="0.2", hatch="//")
        survey = [parameter("survey_female_share", "cohort_parameters"),
                  parameter("survey_pain_share", "cohort_parameters")]
        bars.plot(x + 0.2, survey, ls="none", marker="_", ms=22, mew=2.5, color="0.1",
                  label="published online survey (61 %, 91 %)")
        bars.set_xticks(x, ["women", "in chronic pain"], fontsize=FONT_SIZE)
        bars.set_ylim(0, 1.18)
        bars.set_ylabel("share of people who use kratom")
        bars.set_title("Who the people who use kratom are", fontsize=FONT_SIZE)
        self.figure.legend(handles=bars.get_legend_handles_labels()[0], loc="outside lower center", ncol=2,
                           frameon=False, fontsize=FONT_SIZE)
        for bar in (*self.cohort_bars, *self.sample_bars):
            self.dynamic(bar)
        _forest_axis(forest, ["whole cohort", "selected sample"], "Kratom -> MASLD (no true effect)")
        (self.cis,) = forest.plot([], [], lw=2.5, color=OKABE_ITO["vermillion"])
        (self.points,) = forest.plot([], [], ls="none", marker="s", ms=6, color=OKABE_ITO["vermillion"])
        self.dynamic(self.cis)
        self.dynamic(self.points)

    def update(self, state: SelectionState) -> None:
        for bar, value in zip(self.cohort_bars, (state.users_female[0], state.users_pain[0]), strict=True):
            bar.set_height(value)
        for bar, value in zip(self.sample_bars, (state.users_female[1], state.users_pain[1]), strict=True):
            bar.set_height(0.0 if not np.isfinite(value) else value)
        px, py, cx, cy = _interval_data([state.whole, state.selected])
        self.points.set_data(px, py)
        self.cis.set_data(cx, cy)


class IndicationFigure(LiveFigure):
    """Odds ratios of MASLD for opioids and for kratom: crude, within pain strata and pooled."""

    ROWS = ("opioid: crude", "opioid: no chronic pain", "opioid: chronic pain", "opioid: pooled (M-H, pain + sex)",
            "kratom: crude", "kratom: no chronic pain", "kratom: chronic pain", "kratom: pooled (M-H, pain + sex)")

    def __init__(self):
        super().__init__(1, 1, figsize=(7.0, 4.2))
        (ax,) = self.axes
        _forest_axis(ax, list(self.ROWS), "Confounding by indication: stratify by pain")
        (self.cis,) = ax.plot([], [], lw=2.5, **series_style(0))
        (self.points,) = ax.plot([], [], ls="none", marker="D", ms=5, color=OKABE_ITO["blue"])
        self.truth = ax.axvline(1.0, lw=2, label="true kratom effect (set)", **series_style(2))
        self.figure.legend(handles=[self.truth], loc="outside lower center", frameon=False, fontsize=FONT_SIZE)
        for artist in (self.cis, self.points, self.truth):
            self.dynamic(artist)

    def update(self, state: IndicationState) -> None:
        px, py, cx, cy = _interval_data([est for _, est in state.rows])
        self.points.set_data(px, py)
        self.cis.set_data(cx, cy)
        truth = float(np.clip(state.kratom_or, *OR_LIMITS))
        self.truth.set_xdata([truth, truth])


__all__ = ["LABELS", "POSITIONS", "EstimatesFigure", "IndicationFigure", "SelectionFigure", "draw_dag"]
