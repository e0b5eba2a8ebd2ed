"""Live figures for lesson 05: a 12-month plan timeline and an illustrative expected-change view."""

from __future__ import annotations

import numpy as np

from teach.careplan.model import MODALITIES, ChangeState, PlanState
from teach.ui import OKABE_ITO, LiveFigure, series_style
from teach.ui.livefigure import FONT_SIZE

KINDS = ("liver tests", "FIB-4", "red flags", "dependence")
MARKERS = {"liver tests": "o", "FIB-4": "s", "red flags": "v", "dependence": "D"}


class TimelineFigure(LiveFigure):
    """Rows: each part of care (a bar over 12 months when chosen) and each kind of monitoring
    (a marker at each event). Only the bars' and markers' data change."""

    def __init__(self):
        super().__init__(1, 1, figsize=(7.6, 4.4))
        (ax,) = self.axes
        self.rows = [*MODALITIES, *KINDS]
        ax.set_yticks(range(len(self.rows)), [r.replace("_", " ") for r in self.rows], fontsize=FONT_SIZE)
        ax.set_ylim(len(self.rows) - 0.5, -0.5)
        ax.set_xlim(-0.5, 12.5)
        ax.set_xticks(range(0, 13, 1))
        ax.set_xlabel("months from the start of the plan")
        ax.set_title("12-month plan: care (bars) and monitoring (markers)", fontsize=FONT_SIZE)
        ax.axhline(len(MODALITIES) - 0.5, color="0.6", lw=0.8)
        ax.grid(True, axis="x", alpha=0.3)
        self.bars = {}
        for i, part in enumerate(MODALITIES):
            (line,) = ax.plot([], [], lw=6, solid_capstyle="butt", color=series_style(i)["color"])
            self.bars[part] = self.dynamic(line)
        self.marks = {}
        for j, kind in enumerate(KINDS):
            (line,) = ax.plot([], [], ls="none", marker=MARKERS[kind], ms=7, mec="black",
                              mfc=series_style(j)["color"])
            self.marks[kind] = self.dynamic(line)

    def update(self, state: PlanState) -> None:
        horizon = min(12.0, state.horizon_months)
        for i, part in enumerate(MODALITIES):
            self.bars[part].set_data(([0, horizon], [i, i]) if part in state.plan.care else ([], []))
        for j, kind in enumerate(KINDS):
            months = [e.month for e in state.events if e.kind == kind and e.month <= 12.0]
            self.marks[kind].set_data(months, [len(MODALITIES) + j] * len(months))


class ChangeFigure(LiveFigure):
    """Illustrative direction of change in function for up to four chosen parts of care, each
    with a band whose width reflects how weak the evidence is. No scale: no effect sizes."""

    SLOTS = 4

    def __init__(self):
        super().__init__(1, 1, figsize=(7.4, 4.4))
        (ax,) = self.axes
        ax.set_xlim(0, 12)
        ax.set_ylim(-1.0, 2.0)
        ax.set_yticks([0], ["no change"])
        ax.axhline(0, color="0.4", lw=0.8)
        ax.set_xlabel("months from the start of the plan")
        ax.set_ylabel("function (direction only)")
        ax.set_title("ILLUSTRATIVE: expected direction, wider band = weaker evidence", fontsize=FONT_SIZE)
        self.lines, self.lows, self.highs = [], [], []
        for i in range(self.SLOTS):
            style = series_style(i)
            (line,) = ax.plot([], [], lw=2, label=f"slot {i}", **style)
            (low,) = ax.plot([], [], lw=0.8, color=style["color"], ls=":")
            (high,) = ax.plot([], [], lw=0.8, color=style["color"], ls=":")
            for artist in (line, low, high):
                self.dynamic(artist)
            self.lines.append(line)
            self.lows.append(low)
            self.highs.append(high)
        (self.now,) = ax.plot([], [], color=OKABE_ITO["black"], lw=1.2, ls="--")
        self.dynamic(self.now)
        self.legend = self.figure.legend(loc="outside lower center", fontsize=FONT_SIZE, frameon=False)
        self.labels: tuple[str, ...] = ()

    def update(self, state: ChangeState) -> None:
        offsets = np.linspace(0, 0.15, self.SLOTS)
        for i in range(self.SLOTS):
            if i < len(state.parts):
                centre = state.centre[i] + offsets[i]
                self.lines[i].set_data(state.months, centre)
                self.lows[i].set_data(state.months, centre - state.half_width[i])
                self.highs[i].set_data(state.months, centre + state.half_width[i])
            else:
                for artist in (self.lines[i], self.lows[i], self.highs[i]):
                    artist.set_data([], [])
        self.now.set_data([state.month, state.month], [-1.0, 2.0])
        labels = tuple(f"{p.replace('_', ' ')} ({lvl})" for p, lvl in zip(state.parts, state.levels, strict=True))
        if labels != self.labels:
            self.labels = labels
            for i, line in enumerate(self.lines):
                line.set_label(labels[i] if i < len(labels) else "_hidden")
            self.legend.remove()
            self.legend = self.figure.legend(handles=self.lines[: len(labels)], loc="outside lower center", ncol=2,
                                             fontsize=FONT_SIZE, frameon=False)
            self.request_full_redraw()
