"""Live figures for lesson 07; each is built once and updated in place from a model state."""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from teach.claims.model import LEARNER_LABELS, LEVELS, LevelState, RatingState, claim_ids, claims, source_counts
from teach.ui import LiveFigure, series_style
from teach.ui.livefigure import FONT_SIZE

_SHORT_LEVELS = ("in vitro", "animal", "case report", "survey", "clinical study", "RCT")


def _claim_axis(ax) -> np.ndarray:
    rows = np.arange(len(claim_ids()))
    ax.set_yticks(rows, [claims()[cid].text for cid in claim_ids()], fontsize=FONT_SIZE)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    return rows


def _level_grid(ax) -> None:
    """Claims x source levels: one dot per level used, its size growing with the number of sources."""
    counts = source_counts()
    rows, cols = np.nonzero(counts)
    ax.scatter(cols + 1, rows, s=40 * counts[rows, cols], color=series_style(2)["color"], marker="s", zorder=3)
    ax.set_xticks(np.arange(1, len(LEVELS) + 1), _SHORT_LEVELS, fontsize=FONT_SIZE, rotation=90)
    ax.set_xlim(0.5, len(LEVELS) + 0.5)
    ax.grid(True, alpha=0.3)


class RatingFigure(LiveFigure):
    """Left: each claim's rating, the learner's (circles) and the evidence's (diamonds) with the gap.
    Right: the level of each claim's sources (hidden until the evidence is revealed)."""

    def __init__(self):
        super().__init__(1, 2, figsize=(8.2, 4.8))
        left, right = self.axes
        self.rows = _claim_axis(left)
        left.set_xlim(0.7, 5.3)
        ends = {k: f"{k}\n{v}" if k in (min(LEARNER_LABELS), max(LEARNER_LABELS)) else f"{k}"
                for k, v in LEARNER_LABELS.items()}  # the words between the ends do not fit side by side
        left.set_xticks(list(ends), list(ends.values()), fontsize=FONT_SIZE)
        left.set_xlabel("how true (1 = false, 5 = true)")
        left.set_title("Your rating against the evidence", fontsize=FONT_SIZE)
        left.grid(True, axis="x", alpha=0.3)
        you, evidence = series_style(0, marker=True), series_style(1, marker=True)
        self.gaps = self.dynamic(left.add_collection(LineCollection([], colors="0.4", linewidths=1.5)))
        (self.learner,) = left.plot(self.rows * 0 + 3, self.rows, ls="none", ms=8, marker=you["marker"],
                                    color=you["color"], label="your rating")
        (self.evidence,) = left.plot(self.rows * 0 + 3, self.rows, ls="none", ms=8, marker="D",
                                     color=evidence["color"], label="evidence", visible=False)
        self.dynamic(self.learner)
        self.dynamic(self.evidence)
        self.figure.legend(handles=[Line2D([], [], ls="none", ms=7, marker=you["marker"], color=you["color"]),
                                    Line2D([], [], ls="none", ms=7, marker="D", color=evidence["color"])],
                           labels=["your rating", "evidence"], loc="outside lower center", ncol=2, frameon=False,
                           fontsize=FONT_SIZE)
        right.set_yticks(self.rows, [])
        right.set_ylim(len(self.rows) - 0.5, -0.5)
        right.set_title("Level of each claim's sources", fontsize=FONT_SIZE)
        _level_grid(right)
        self.level_artists = list(right.collections)
        self.hidden_note = right.text(3.5, len(self.rows) / 2 - 0.5, "rate every claim first,\nthen show the evidence",
                                      ha="center", va="center", fontsize=FONT_SIZE, color="0.3")
        self._revealed = None

    def update(self, state: RatingState) -> None:
        self.learner.set_data(state.learner, self.rows)
        self.evidence.set_data(state.evidence, self.rows)
        self.evidence.set_visible(state.revealed)
        self.gaps.set_visible(state.revealed)
        self.gaps.set_segments([[(a, y), (b, y)] for a, b, y in zip(state.learner, state.evidence, self.rows,
                                                                  strict=True)])
        if state.revealed != self._revealed:  # static artists: needs a full redraw
            for artist in self.level_artists:
                artist.set_visible(state.revealed)
            self.hidden_note.set_visible(not state.revealed)
            self._revealed = state.revealed
            self.request_full_redraw()


class LevelFigure(LiveFigure):
    """Claims x source levels; the shaded band marks the levels at or above the chosen minimum,
    and a star marks each claim that has a source inside it."""

    def __init__(self):
        super().__init__(1, 1, figsize=(7.6, 4.4))
        (ax,) = self.axes
        self.rows = _claim_axis(ax)
        _level_grid(ax)
        ax.set_xlim(0.5, len(LEVELS) + 1.0)
        ax.set_xlabel("level of the source, weakest on the left\n(survey: cross-sectional; RCT: randomised trial)")
        ax.set_title("Claims with evidence at this level or stronger", fontsize=FONT_SIZE)
        self.band = self.dynamic(ax.add_patch(Rectangle((3.5, -0.5), len(LEVELS) + 0.5 - 3.5, len(self.rows),
                                                        color=series_style(4)["color"], alpha=0.2, lw=0)))
        (self.stars,) = ax.plot([], [], ls="none", marker="*", ms=10, color=series_style(1)["color"])
        self.dynamic(self.stars)

    def update(self, state: LevelState) -> None:
        start = np.ceil(state.min_rank - 1e-9) - 0.5
        self.band.set_x(start)
        self.band.set_width(len(LEVELS) + 0.5 - start)
        reaching = [claim_ids().index(cid) for cid in state.reaching]
        self.stars.set_data([len(LEVELS) + 0.75] * len(reaching), reaching)
