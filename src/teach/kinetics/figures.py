"""Live figures for lesson 02; each is built once and updated in place from a model state."""

from __future__ import annotations

import numpy as np

from teach.data import parameter
from teach.kinetics.model import (
    DAYS_GRID,
    OCCUPANCY_COMPOUNDS,
    SATURATION_GRID,
    TABLE,
    TIME_GRID_H,
    DailyState,
    OccupancyState,
    SaturationState,
    SingleDoseState,
    studies,
)
from teach.ui import LiveFigure, series_style
from teach.ui.livefigure import FONT_SIZE

GREY = "0.6"
FIGSIZE = (7.6, 4.4)  # inches: one panel with 10 pt text and its legend below


def _legend_below(ax, ncol: int = 2) -> None:
    """The panel's legend under it (outside the data, whatever the sliders do)."""
    ax.figure.legend(handles=ax.get_legend_handles_labels()[0], loc="outside lower center", ncol=ncol,
                     frameon=False, fontsize=FONT_SIZE)


def _band_vertices(x, low, high):
    """Polygon vertices of the band between ``low`` and ``high`` over ``x``."""
    return np.concatenate([np.column_stack([x, low]), np.column_stack([x[::-1], high[::-1]])])


class SingleDoseFigure(LiveFigure):
    """Mitragynine after one dose under each study's parameters (grey; the chosen one bold),
    7-OH for the chosen study, and the concentrations measured by Tanna et al. 2022."""

    def __init__(self):
        super().__init__(1, 1, figsize=FIGSIZE)
        (ax,) = self.axes
        ax.set_yscale("log")
        ax.set_xlim(0, TIME_GRID_H[-1])
        ax.set_ylim(0.01, 1000)
        ax.set_xlabel("time after the dose (h)")
        ax.set_ylabel("plasma concentration (nM, log scale)")
        ax.set_title("One oral dose: mitragynine and 7-hydroxymitragynine", fontsize=FONT_SIZE)
        ax.grid(True, which="major", alpha=0.3)
        ax.set_xticks(np.arange(0, 73, 12))
        self.others = {}
        for key in studies():
            (self.others[key],) = ax.plot(TIME_GRID_H, TIME_GRID_H * 0 + 1e-3, color=GREY, lw=1, ls="-")
            self.dynamic(self.others[key])
        self.others[next(iter(self.others))].set_label("mitragynine, other studies")
        (self.parent,) = ax.plot(TIME_GRID_H, TIME_GRID_H * 0 + 1e-3, lw=2.2, label="mitragynine, chosen study",
                                 **series_style(0))
        (self.metabolite,) = ax.plot(TIME_GRID_H, TIME_GRID_H * 0 + 1e-3, lw=2, label="7-OH, chosen study",
                                     **series_style(1))
        for artist in (self.parent, self.metabolite):
            self.dynamic(artist)
        tmax = 1.0
        ax.plot([tmax], [parameter("tanna2022_cmax_nM", TABLE)], ls="none", marker="s", ms=6, mfc="white",
                color=series_style(0)["color"], label="measured peak, 39 mg (Tanna 2022)")
        ax.plot([tmax], [parameter("tanna2022_seven_oh_cmax_nM", TABLE)], ls="none", marker="^", ms=6, mfc="white",
                color=series_style(1)["color"], label="measured 7-OH peak, same study")
        _legend_below(ax)

    def update(self, state: SingleDoseState) -> None:
        for key, line in self.others.items():
            line.set_ydata(np.maximum(state.parent_nM[key], 1e-3))
            line.set_visible(key != state.study)
        self.parent.set_ydata(np.maximum(state.parent_nM[state.study], 1e-3))
        self.metabolite.set_ydata(np.maximum(state.metabolite_nM, 1e-3))


class DailyFigure(LiveFigure):
    """Daily dosing, then stopping: concentration relative to the steady-state average."""

    def __init__(self):
        super().__init__(1, 1, figsize=FIGSIZE)
        (ax,) = self.axes
        ax.set_xlim(0, DAYS_GRID[-1])
        ax.set_ylim(0, 2.6)
        ax.set_xlabel("days since the first dose")
        ax.set_ylabel("mitragynine / steady-state average")
        ax.set_title("Repeated doses: accumulation, steady state and washout", fontsize=FONT_SIZE)
        ax.grid(True, alpha=0.3)
        ax.axhline(1.0, color="0.3", lw=1, ls=":", label="steady-state average")
        ax.axhline(0.9, color="0.5", lw=0.8, ls=(0, (1, 3)), label="90 % of steady state")
        self.others = {}
        for key in studies():
            (self.others[key],) = ax.plot(DAYS_GRID, DAYS_GRID * 0, color=GREY, lw=0.8)
            self.dynamic(self.others[key])
        self.others[next(iter(self.others))].set_label("other studies")
        (self.chosen,) = ax.plot(DAYS_GRID, DAYS_GRID * 0, lw=1.6, label="chosen study", **series_style(0))
        self.stop_line = ax.axvline(14, color=series_style(1)["color"], lw=1.2, ls="--", label="last dose")
        (self.reach,) = ax.plot([], [], ls="none", marker="o", ms=6, color=series_style(2)["color"],
                                label="90 % of steady state reached")
        for artist in (self.chosen, self.stop_line, self.reach):
            self.dynamic(artist)
        _legend_below(ax)

    def update(self, state: DailyState) -> None:
        for key, line in self.others.items():
            line.set_ydata(state.relative[key])
            line.set_visible(key != state.study)
        self.chosen.set_ydata(state.relative[state.study])
        self.stop_line.set_xdata([state.stop_day, state.stop_day])
        day = state.days_to_90[state.study]
        if day <= state.stop_day:
            self.reach.set_data([day], [0.9])
        else:
            self.reach.set_data([], [])


class SaturationFigure(LiveFigure):
    """7-OH exposure against dose: saturable conversion from mitragynine versus 7-OH taken directly."""

    def __init__(self):
        super().__init__(1, 1, figsize=FIGSIZE)
        (ax,) = self.axes
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(SATURATION_GRID[0], SATURATION_GRID[-1])
        ax.set_ylim(SATURATION_GRID[0] / 2, SATURATION_GRID[-1] * 2)
        ax.set_xlabel("dose (multiples of the enzyme's Km, log scale; unit-free)")
        ax.set_ylabel("7-OH exposure (relative units, log scale)")
        ax.set_title("Illustrative model of a mouse finding: saturable conversion", fontsize=FONT_SIZE)
        ax.grid(True, alpha=0.3)
        (self.mitragynine,) = ax.plot(SATURATION_GRID, SATURATION_GRID * 0, lw=2,
                                      label="from mitragynine (CYP3A, saturable)", **series_style(0))
        (self.direct,) = ax.plot(SATURATION_GRID, SATURATION_GRID, lw=2, label="7-OH taken directly",
                                 **series_style(1))
        self.dose_line = ax.axvline(1.0, color="0.3", lw=1, ls=":")
        (self.points,) = ax.plot([], [], ls="none", marker="o", ms=6, color="0.2")
        for artist in (self.mitragynine, self.dose_line, self.points):
            self.dynamic(artist)
        _legend_below(ax)

    def update(self, state: SaturationState) -> None:
        self.mitragynine.set_ydata(state.from_mitragynine)
        self.dose_line.set_xdata([state.dose_over_km, state.dose_over_km])
        self.points.set_data([state.dose_over_km] * 2, [state.at_dose_from_mitragynine, state.at_dose_direct])


class OccupancyFigure(LiveFigure):
    """Fraction of MOR occupied over time after one dose, as a band for each compound."""

    def __init__(self):
        super().__init__(1, 1, figsize=FIGSIZE)
        (ax,) = self.axes
        ax.set_yscale("log")
        ax.set_xlim(0, TIME_GRID_H[-1])
        ax.set_ylim(1e-5, 1)
        ax.set_xlabel("time after the dose (h)")
        ax.set_ylabel("fraction of MOR occupied (log scale)")
        ax.set_title("From plasma to receptor: a band, not a line", fontsize=FONT_SIZE)
        ax.grid(True, which="major", alpha=0.3)
        ax.set_xticks(np.arange(0, 73, 12))
        self.bands, self.edges = {}, {}
        floor = np.full_like(TIME_GRID_H, 1e-6)
        for i, name in enumerate(OCCUPANCY_COMPOUNDS):
            style = series_style(i)
            self.bands[name] = ax.fill_between(TIME_GRID_H, floor, floor * 2, color=style["color"], alpha=0.3,
                                               label=f"{name}: range", lw=0)
            (self.edges[name],) = ax.plot(TIME_GRID_H, floor, lw=1.5, label=f"{name}: upper edge", **style)
            self.dynamic(self.bands[name])
            self.dynamic(self.edges[name])
        _legend_below(ax)

    def update(self, state: OccupancyState) -> None:
        for name in OCCUPANCY_COMPOUNDS:
            low = np.maximum(state.low[name], 1e-6)
            high = np.maximum(state.high[name], 1e-6)
            self.bands[name].set_verts([_band_vertices(TIME_GRID_H, low, high)])
            self.edges[name].set_ydata(high)
