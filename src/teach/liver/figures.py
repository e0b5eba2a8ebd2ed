"""Live figures for lessons 04 and 05; each is built once and updated in place from a model state.

Pattern regions, cut-off bands and published cases are static; only the patient's markers,
a range line and the few band edges that move with age are registered as dynamic.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from teach.data import parameter
from teach.liver.model import RUCAM_ITEMS, FibrosisState, LabState, RucamResult, case_summary
from teach.ui import OKABE_ITO, LiveFigure
from teach.ui.livefigure import FONT_SIZE
from teach.validation import Bounds, check_instance, check_quantity

SCORE_RANGE = Bounds(-100.0, 100.0)

TABLE = "liver_thresholds"
BAND_STYLE = {
    "low risk": {"facecolor": OKABE_ITO["bluish_green"], "hatch": ""},
    "indeterminate": {"facecolor": OKABE_ITO["yellow"], "hatch": ".."},
    "high risk": {"facecolor": OKABE_ITO["vermillion"], "hatch": "//"},
}


class ScoreStrip:
    """A horizontal strip of low / indeterminate / high bands with a patient marker.

    The bands are static: they change only when the low cut-off changes with age (at 65), and
    then the strip asks its figure for one full redraw. Only the marker is dynamic.
    """

    def __init__(self, figure: LiveFigure, ax, title: str, xlim: tuple[float, float]):
        check_instance(figure, "figure", LiveFigure)
        check_instance(ax, "ax", Axes)
        low, high = (check_quantity(x, "xlim", "score", SCORE_RANGE) for x in check_instance(xlim, "xlim", tuple))
        if not low < high:
            raise ValueError(f"xlim (score range) must run from low to high; got {xlim!r}")
        self.figure, self.ax, self.xlim = figure, ax, xlim
        ax.set_xlim(*xlim)
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        ax.set_title(title, fontsize=FONT_SIZE)
        self.rects = {}
        for name, style in BAND_STYLE.items():
            rect = Rectangle((xlim[0], 0.3), 0, 0.4, alpha=0.45, edgecolor="0.3", lw=0.5, label=name, **style)
            ax.add_patch(rect)
            self.rects[name] = rect
        self.cutoffs: tuple[float, float] | None = None
        (self.marker,) = ax.plot([], [], ls="none", marker="v", ms=11, color="black", label="patient")
        figure.dynamic(self.marker)

    def update(self, value: float, low: float, high: float) -> None:
        if self.cutoffs != (low, high):
            x0, x1 = self.xlim
            self.rects["low risk"].set_bounds(x0, 0.3, low - x0, 0.4)
            self.rects["indeterminate"].set_bounds(low, 0.3, high - low, 0.4)
            self.rects["high risk"].set_bounds(high, 0.3, x1 - high, 0.4)
            if self.cutoffs is not None:
                self.figure.request_full_redraw()
            self.cutoffs = (low, high)
        shown = float(np.clip(value, *self.xlim))
        self.marker.set_data([shown], [0.8])


class LabFigure(LiveFigure):
    """Left: the R-ratio pattern map (ALT against ALP, as multiples of ULN) with the DILI thresholds
    and two published kratom cases. Right: the patient's FIB-4 on its bands."""

    def __init__(self):
        super().__init__(1, 2, figsize=(8.2, 4.4))
        pattern_ax, score_ax = self.axes
        score_ax.set_box_aspect(0.35)
        self._draw_pattern_map(pattern_ax)
        (self.patient,) = pattern_ax.plot([], [], ls="none", marker="o", ms=9, mfc=OKABE_ITO["blue"],
                                          mec="black", label="this patient")
        self.dynamic(self.patient)
        self.strip = ScoreStrip(self, score_ax, "FIB-4 (chronic disease; not for acute injury)", (0.0, 6.0))
        score_ax.set_xlabel("FIB-4 (values above 6 are drawn at 6)")
        bands = [Patch(alpha=0.45, edgecolor="0.3", label=f"FIB-4 {name}", **style)
                 for name, style in BAND_STYLE.items()]
        self.figure.legend(handles=[self.patient, *bands], loc="outside lower center", ncol=4, fontsize=FONT_SIZE,
                           frameon=False)

    def _draw_pattern_map(self, ax) -> None:
        hepato, chole = parameter("r_hepatocellular_min", TABLE), parameter("r_cholestatic_max", TABLE)
        xs = np.logspace(-1, 2, 60)
        top, bottom = 1000.0, 0.1
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(xs[0], xs[-1])
        ax.set_ylim(bottom, top)
        ax.fill_between(xs, hepato * xs, top, color=OKABE_ITO["vermillion"], alpha=0.18, hatch="//", lw=0)
        ax.fill_between(xs, chole * xs, hepato * xs, color=OKABE_ITO["yellow"], alpha=0.25, hatch="..", lw=0)
        ax.fill_between(xs, bottom, chole * xs, color=OKABE_ITO["sky_blue"], alpha=0.25, lw=0)
        ax.text(0.12, 300, f"hepatocellular\nR >= {hepato:g}", fontsize=FONT_SIZE, va="top")
        ax.text(12, 35, "mixed", fontsize=FONT_SIZE, rotation=35)
        ax.text(8, 0.3, f"cholestatic\nR <= {chole:g}", fontsize=FONT_SIZE)
        alt_line, alp_line = parameter("dili_alt_xuln", TABLE), parameter("dili_alp_xuln", TABLE)
        ax.axhline(alt_line, color="0.25", lw=1, ls="--")
        ax.axvline(alp_line, color="0.25", lw=1, ls=":")
        ax.text(0.11, alt_line * 1.1, f"ALT {alt_line:g} x ULN", fontsize=FONT_SIZE)
        ax.text(alp_line * 1.08, 0.12, f"ALP {alp_line:g} x ULN", fontsize=FONT_SIZE, rotation=90)
        for name, label in (("livertox_6972", "6972"), ("livertox_8332", "8332")):
            summary = case_summary(name)
            ax.plot([summary["alp_xuln"]], [summary["alt_xuln"]], ls="none", marker="s", ms=6, mfc="white",
                    mec="black")
            ax.annotate(f"kratom {label}", (summary["alp_xuln"], summary["alt_xuln"]),
                        xytext=(6, 4) if label == "6972" else (-8, -10), ha="left" if label == "6972" else "right",
                        textcoords="offset points", fontsize=FONT_SIZE)
        ax.set_xlabel("ALP (x ULN, log scale)")
        ax.set_ylabel("ALT (x ULN, log scale)")
        ax.set_title("Pattern of injury: R = (ALT/ULN) / (ALP/ULN)", fontsize=FONT_SIZE, pad=10)

    def update(self, state: LabState) -> None:
        x = float(np.clip(state.alp_xuln, 0.1, 100.0))
        y = float(np.clip(state.alt_xuln, 0.1, 1000.0))
        self.patient.set_data([x], [y])
        self.strip.update(state.fib4, *state.fib4_cutoffs)


class FibrosisFigure(LiveFigure):
    """Two strips: FIB-4 and the NAFLD fibrosis score, each with bands that follow the age rule."""

    def __init__(self):
        super().__init__(2, 1, figsize=(6.0, 3.2))
        fib_ax, nfs_ax = self.axes
        self.fib4 = ScoreStrip(self, fib_ax, "FIB-4", (0.0, 6.0))
        self.nfs = ScoreStrip(self, nfs_ax, "NAFLD fibrosis score", (-5.0, 3.0))
        fib_ax.set_xlabel("FIB-4 (drawn at the edge when off scale)", fontsize=FONT_SIZE)
        nfs_ax.set_xlabel("NFS (drawn at the edge when off scale)", fontsize=FONT_SIZE)
        nfs_ax.legend(handles=[Patch(alpha=0.45, edgecolor="0.3", label=name, **style)
                               for name, style in BAND_STYLE.items()],
                      loc="upper center", bbox_to_anchor=(0.5, -0.55), ncol=3, fontsize=FONT_SIZE, frameon=False)

    def update(self, state: FibrosisState) -> None:
        self.fib4.update(state.fib4, *state.fib4_cutoffs)
        self.nfs.update(state.nfs, *state.nfs_cutoffs)


BANDS = (("excluded", -12, 0.5), ("unlikely", 0.5, 2.5), ("possible", 2.5, 5.5), ("probable", 5.5, 8.5),
         ("highly probable", 8.5, 15))


class RucamFigure(LiveFigure):
    """Left: points per RUCAM item, all seven (negative bars hatched). Right: the total on the
    causality bands."""

    def __init__(self):
        super().__init__(1, 2, figsize=(7.4, 3.3))
        item_ax, total_ax = self.axes
        item_ax.set_yticks(range(len(RUCAM_ITEMS)), RUCAM_ITEMS, fontsize=FONT_SIZE)
        item_ax.set_ylim(len(RUCAM_ITEMS) - 0.5, -0.5)
        item_ax.set_xlim(-3.5, 3.5)
        item_ax.axvline(0, color="0.3", lw=1)
        item_ax.set_xlabel("points")
        item_ax.set_title("Points per item", fontsize=FONT_SIZE)
        item_ax.grid(True, axis="x", alpha=0.3)
        self.bars = []
        for y in range(len(RUCAM_ITEMS)):
            rect = Rectangle((0, y - 0.35), 0, 0.7, facecolor=OKABE_ITO["blue"], edgecolor="black")
            item_ax.add_patch(rect)
            self.bars.append(self.dynamic(rect))
        total_ax.set_xlim(-10, 15)
        total_ax.set_ylim(0, 1)
        total_ax.set_yticks([])
        colours = ("sky_blue", "bluish_green", "yellow", "orange", "vermillion")
        for (name, low, high), colour in zip(BANDS, colours, strict=True):
            total_ax.axvspan(low, high, color=OKABE_ITO[colour], alpha=0.3, lw=0)
            total_ax.text((max(low, -10) + high) / 2, 0.93, name, fontsize=FONT_SIZE, ha="center", va="top",
                          rotation=90)
        total_ax.set_xlabel("RUCAM total (points)")
        total_ax.set_title("Total of items 1-7 and its causality band", fontsize=FONT_SIZE)
        (self.total,) = total_ax.plot([], [], ls="none", marker="D", ms=10, mfc=OKABE_ITO["blue"], mec="black",
                                      label="total")
        self.dynamic(self.total)
        self.figure.legend(handles=[self.total], loc="outside lower center", fontsize=FONT_SIZE, frameon=False)

    def update(self, state: RucamResult) -> None:
        for rect, item in zip(self.bars, state.items, strict=True):
            rect.set_x(min(0, item.points))
            rect.set_width(abs(item.points) if item.points else 0.05)
            negative = item.points < 0
            rect.set_facecolor(OKABE_ITO["vermillion" if negative else "blue"])
            rect.set_hatch("//" if negative else "")
        self.total.set_data([state.total], [0.35])
