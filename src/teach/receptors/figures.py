"""Live figures for lesson 01; each is built once and updated in place from a model state."""

from __future__ import annotations

import numpy as np

from teach.data import short_citation
from teach.receptors.model import (
    CONC_GRID_NM,
    AntagonismState,
    BiasState,
    BindingState,
    EfficacyState,
    binding_table,
    occupancy,
)
from teach.ui import LiveFigure, series_style
from teach.ui.livefigure import FONT_SIZE

CONC_LABEL = "concentration (nM, log scale)"
FIGSIZE = (8.2, 4.0)  # inches: two panels with 10 pt text, and their legend below


def _legend_below(figure, handles, ncol: int = 2) -> None:
    """One legend for the whole figure, under its panels, where it can never cover a curve."""
    figure.legend(handles=handles, loc="outside lower center", ncol=ncol, frameon=False, fontsize=FONT_SIZE)


def _concentration_axis(ax, ylabel: str) -> None:
    ax.set_xscale("log")
    ax.set_xlim(CONC_GRID_NM[0], CONC_GRID_NM[-1])
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(CONC_LABEL)
    ax.set_ylabel(ylabel)
    ax.grid(True, which="major", alpha=0.3)


class BindingFigure(LiveFigure):
    """Left: occupancy curves (a band where studies disagree). Right: every published value.

    ``compounds`` fixes which compounds can be shown; each gets one colour and dash style.
    """

    def __init__(self, affinities: dict):
        super().__init__(1, 2, figsize=(8.2, 4.6))
        self.compounds = list(affinities)
        occ_ax, study_ax = self.axes
        _concentration_axis(occ_ax, "fraction of MOR occupied")
        occ_ax.set_title("Occupancy at equilibrium", fontsize=FONT_SIZE)
        self.curves, self.bands, self.markers = {}, {}, {}
        for i, (name, affinity) in enumerate(affinities.items()):
            style = series_style(i)
            low_curve = occupancy(CONC_GRID_NM, affinity.high_nM)
            high_curve = occupancy(CONC_GRID_NM, affinity.low_nM)
            (self.curves[name],) = occ_ax.plot(CONC_GRID_NM, high_curve, lw=2, label=name, **style)
            self.bands[name] = occ_ax.fill_between(
                CONC_GRID_NM, low_curve, high_curve, color=style["color"], alpha=0.25
            )
            (self.markers[name],) = occ_ax.plot([], [], marker="o", ms=6, ls="none", color=style["color"])
            self.dynamic(self.markers[name])
        self.legend = None  # below both panels, listing the compounds shown (see update)
        self.conc_line = self.dynamic(occ_ax.axvline(1.0, color="0.3", lw=1, ls=":"))
        self._draw_studies(study_ax)

    def _draw_studies(self, ax) -> None:
        table = binding_table()
        ax.set_xscale("log")
        ax.set_xlim(0.03, 1e8)  # room right of the largest value for its label
        ax.set_xlabel("Ki or KD at MOR (nM, log scale)")
        ax.set_title("Each published value, with its study", fontsize=FONT_SIZE)
        ax.grid(True, axis="x", alpha=0.3)
        labels = []
        for y, row in enumerate(table.itertuples()):
            known = row.compound in self.compounds
            colour = series_style(self.compounds.index(row.compound))["color"] if known else "0.35"
            if row.kind == "band":
                low = row.low_nM if np.isfinite(row.low_nM) else row.high_nM / 10
                ax.plot([low, row.high_nM], [y, y], ls=(0, (2, 2)), color=colour, lw=2)
                value = f"{row.low_nM:g}-{row.high_nM:g}" if np.isfinite(row.low_nM) else f"< {row.high_nM:g}"
                value += " nM (category)"
            elif row.low_nM < row.high_nM:
                ax.plot([row.low_nM, row.high_nM], [y, y], color=colour, lw=3)
                value = f"{row.low_nM:g}-{row.high_nM:g} nM"
            else:
                ax.plot([row.high_nM], [y], marker="o", color=colour)
                value = f"{row.high_nM:g} nM"
            ax.annotate(f"{row.measure} {value}", (row.high_nM, y), xytext=(6, -3),
                        textcoords="offset points", fontsize=FONT_SIZE)
            labels.append(f"{row.compound} ({short_citation(row.citation)})")
        ax.set_yticks(range(len(table)), labels, fontsize=FONT_SIZE)
        ax.set_ylim(len(table) - 0.5, -0.5)

    def update(self, state: BindingState) -> None:
        self.conc_line.set_xdata([state.conc_nM, state.conc_nM])
        changed = self.legend is None
        for name in self.compounds:
            shown = name in state.compounds
            if self.curves[name].get_visible() != shown:
                for artist in (self.curves[name], self.bands[name]):
                    artist.set_visible(shown)
                changed = True
            self.markers[name].set_visible(shown)
            if shown:
                self.markers[name].set_data(
                    [state.conc_nM, state.conc_nM], [state.occupancy_low[name], state.occupancy_high[name]]
                )
        if changed:  # static artists: needs a full redraw
            self.request_full_redraw()
            if self.legend is not None:
                self.legend.remove()
            shown = [self.curves[name] for name in self.compounds if name in state.compounds]
            self.legend = self.figure.legend(handles=shown, loc="outside lower center", ncol=4, frameon=False,
                                             fontsize=FONT_SIZE, title="left panel: occupancy curves of")


class EfficacyFigure(LiveFigure):
    """Left: full and partial agonist curves. Right: the full agonist alone and with the partial one."""

    def __init__(self):
        super().__init__(1, 2, figsize=FIGSIZE)
        left, right = self.axes
        _concentration_axis(left, "response (fraction of system maximum)")
        _concentration_axis(right, "response (fraction of system maximum)")
        left.set_title("Efficacy and receptor reserve", fontsize=FONT_SIZE)
        right.set_title("Full agonist with a partial agonist present", fontsize=FONT_SIZE)
        (self.full,) = left.plot(CONC_GRID_NM, CONC_GRID_NM * 0, lw=2, label="full agonist", **series_style(0))
        (self.partial,) = left.plot(CONC_GRID_NM, CONC_GRID_NM * 0, lw=2, label="partial agonist", **series_style(1))
        (self.full_ref,) = right.plot(CONC_GRID_NM, CONC_GRID_NM * 0, lw=2, **series_style(0))
        (self.mixed,) = right.plot(CONC_GRID_NM, CONC_GRID_NM * 0, lw=2,
                                   label="full agonist with the partial agonist (right)", **series_style(2))
        self.partial_level = right.axhline(0, lw=1, label="partial agonist alone (right)", **series_style(1))
        for artist in (self.full, self.partial, self.full_ref, self.mixed, self.partial_level):
            self.dynamic(artist)
        _legend_below(self.figure, [self.full, self.partial, self.mixed, self.partial_level])

    def update(self, state: EfficacyState) -> None:
        self.full.set_ydata(state.full_curve)
        self.partial.set_ydata(state.partial_curve)
        self.full_ref.set_ydata(state.full_curve)
        self.mixed.set_ydata(state.full_with_partial)
        level = state.full_with_partial[0]
        self.partial_level.set_ydata([level, level])


class AntagonismFigure(LiveFigure):
    """Left: the agonist curve and its parallel shift. Right: the Schild plot."""

    def __init__(self):
        super().__init__(1, 2, figsize=FIGSIZE)
        left, right = self.axes
        _concentration_axis(left, "response (fraction of system maximum)")
        left.set_title("Agonist with naloxone (competitive)", fontsize=FONT_SIZE)
        (self.control,) = left.plot(CONC_GRID_NM, CONC_GRID_NM * 0, lw=2, label="agonist alone", **series_style(0))
        (self.shifted,) = left.plot(CONC_GRID_NM, CONC_GRID_NM * 0, lw=2, label="with naloxone", **series_style(1))
        self.ec50_marks = left.plot([], [], ls="none", marker="|", ms=14, mew=2, color="0.2", label="EC50")[0]
        ratios = np.logspace(-2, 3, 50)
        (schild,) = right.loglog(ratios, ratios, color="0.5", lw=1, label="Schild line, slope 1 (right)")
        right.set_xlabel("naloxone concentration / KB (log scale)")
        right.set_ylabel("dose ratio - 1 (log scale)")
        right.set_title("Schild plot", fontsize=FONT_SIZE)
        right.set_xlim(1e-2, 1e3)
        right.set_ylim(1e-2, 1e3)
        right.grid(True, alpha=0.3)
        (self.schild_point,) = right.plot([], [], marker="o", ms=8, ls="none", color=series_style(1)["color"],
                                          label="this naloxone level (right)")
        _legend_below(self.figure, [self.control, self.shifted, self.ec50_marks, schild, self.schild_point])
        for artist in (self.control, self.shifted, self.ec50_marks, self.schild_point):
            self.dynamic(artist)

    def update(self, state: AntagonismState) -> None:
        self.control.set_ydata(state.control)
        self.shifted.set_ydata(state.shifted)
        half = 0.5 * state.control.max()
        self.ec50_marks.set_data([state.ec50_control_nM, state.ec50_shifted_nM], [half, half])
        x = max(state.antagonist_over_kb, 1e-2)
        self.schild_point.set_data([x], [max(state.dose_ratio - 1.0, 1e-2)])


class BiasFigure(LiveFigure):
    """Left: each pathway's concentration-response curve. Right: the bias plot."""

    def __init__(self):
        super().__init__(1, 2, figsize=FIGSIZE)
        left, right = self.axes
        _concentration_axis(left, "response (fraction of pathway maximum)")
        left.set_title("Two pathways, one receptor", fontsize=FONT_SIZE)
        (self.g,) = left.plot(CONC_GRID_NM, CONC_GRID_NM * 0, lw=2, label="test ligand: G protein", **series_style(0))
        (self.arr,) = left.plot(CONC_GRID_NM, CONC_GRID_NM * 0, lw=2, label="test ligand: beta-arrestin-2",
                                **series_style(1))
        (self.ref,) = left.plot(CONC_GRID_NM, CONC_GRID_NM * 0, lw=1.5, label="balanced reference (both)",
                                **series_style(6))
        right.set_xlim(0, 1.02)
        right.set_ylim(0, 1.02)
        right.set_xlabel("G-protein response")
        right.set_ylabel("beta-arrestin-2 response")
        right.set_title("Bias plot (same concentrations)", fontsize=FONT_SIZE)
        right.grid(True, alpha=0.3)
        (self.bias_ref,) = right.plot([0, 1], [0, 1], lw=1.5, **series_style(6))
        (self.bias,) = right.plot([], [], lw=2, label="test ligand, bias plot (right)", **series_style(2))
        _legend_below(self.figure, [self.g, self.arr, self.ref, self.bias])
        for artist in (self.g, self.arr, self.ref, self.bias_ref, self.bias):
            self.dynamic(artist)

    def update(self, state: BiasState) -> None:
        self.g.set_ydata(state.g_protein)
        self.arr.set_ydata(state.arrestin)
        self.ref.set_ydata(state.reference)
        self.bias_ref.set_data(state.reference, state.reference)
        self.bias.set_data(state.g_protein, state.arrestin)
