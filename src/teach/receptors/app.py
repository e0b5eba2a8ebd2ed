"""Interactive demos of lesson 01. Each factory returns a ready :class:`~teach.ui.LessonApp`.

In a notebook: ``teach.receptors.app.binding_app()``.
"""

from __future__ import annotations

from functools import partial

from teach.data import parameter, short_citation
from teach.receptors import model
from teach.receptors.figures import AntagonismFigure, BiasFigure, BindingFigure, EfficacyFigure
from teach.ui import LessonApp
from teach.ui.controls import CheckGroup, log_slider, slider
from teach.validation import check_choices, check_state_argument

DEFAULT_COMPOUNDS = ("mitragynine", "7-hydroxymitragynine", "morphine", "naloxone")


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.0f} %"


# --- 1. Binding and occupancy ----------------------------------------------------------------


@check_state_argument
def describe_binding(state: model.BindingState) -> list[str]:
    """Readout lines: each compound's occupancy at the chosen concentration."""
    lines = [f"Concentration: {state.conc_nM:.3g} nM"]
    for name in state.compounds:
        affinity = state.affinities[name]
        low, high = state.occupancy_low[name], state.occupancy_high[name]
        occupied = _percent(high) if not affinity.is_range else f"{_percent(low)} to {_percent(high)}"
        constant = (
            f"{affinity.low_nM:g} nM" if not affinity.is_range else f"{affinity.low_nM:g}-{affinity.high_nM:g} nM"
        )
        lines.append(f"{name}: {occupied} of MOR occupied (Ki/KD {constant}; {'; '.join(affinity.sources)})")
    return lines


def binding_app(conc_nM: float = 100.0, compounds=DEFAULT_COMPOUNDS) -> LessonApp:
    """Occupancy of MOR by each compound, from its published Ki or KD, at a chosen concentration."""
    affinities = model.affinities()
    compounds = check_choices(compounds, "compounds", affinities)
    controls = {
        "conc_nM": log_slider("concentration (nM)", conc_nM, -2, 5),
        "compounds": CheckGroup("compounds shown", list(affinities), compounds),
    }
    return LessonApp(
        title="Binding: how much of the receptor does each compound occupy?",
        controls=controls,
        figure=BindingFigure(affinities),
        compute=model.binding_state,
        describe=describe_binding,
    )


# --- 2. Efficacy, partial agonism and receptor reserve ---------------------------------------


@check_state_argument
def describe_efficacy(state: model.EfficacyState) -> list[str]:
    """Readout lines: the partial agonist's ceiling and what it does to a full agonist."""
    full_max = state.full_curve[-1]
    top = state.full_with_partial[-1]
    return [
        "Illustrative agonists (operational model; " + short_citation("black1983") + ")",
        f"Receptors left: {_percent(state.reserve)}",
        f"Full agonist maximum: {_percent(full_max)} of the system maximum",
        f"Partial agonist maximum: {_percent(state.partial_max)}; EC50 {state.partial_ec50_nM:.3g} nM",
        f"Partial agonist at {state.partial_nM:.3g} nM on its own: {_percent(state.full_with_partial[0])}",
        f"Full agonist at the top of the range with it present: {_percent(top)}",
    ]


def efficacy_app(partial_tau: float | None = None, reserve: float = 1.0, partial_nM: float = 300.0) -> LessonApp:
    """Full versus partial agonists (operational model), receptor reserve, and blunting."""
    partial_tau = parameter("partial_agonist_tau") if partial_tau is None else partial_tau  # not `or`: 0 is refused
    compute = partial(
        model.efficacy_state, full_tau=parameter("full_agonist_tau"), ka_nM=parameter("agonist_KA_nM")
    )
    controls = {
        "partial_tau": log_slider("partial agonist efficacy (tau)", partial_tau,
                                   -2, 2),
        "reserve": slider("receptors left", reserve, 0.01, 1.0, 0.01, readout_format=".0%"),
        "partial_nM": log_slider("partial agonist (nM)", partial_nM, -1, 5),
    }
    return LessonApp(
        title="Efficacy: why a partial agonist has a ceiling, and can blunt a full agonist",
        controls=controls,
        figure=EfficacyFigure(),
        compute=compute,
        describe=describe_efficacy,
    )


# --- 3. Competitive antagonism by naloxone ---------------------------------------------------


@check_state_argument
def describe_antagonism(state: model.AntagonismState) -> list[str]:
    """Readout lines: dose ratio and the EC50 shift."""
    return [
        f"Naloxone at {state.antagonist_over_kb:.3g} x its KB",
        f"Dose ratio = 1 + [B]/KB = {state.dose_ratio:.3g}",
        f"Agonist EC50: {state.ec50_control_nM:.3g} nM alone, {state.ec50_shifted_nM:.3g} nM with naloxone",
        f"Maximum response: {_percent(state.control.max())} alone, {_percent(state.shifted.max())} with naloxone "
        "(surmountable: a high enough agonist concentration still wins)",
    ]


def antagonism_app(antagonist_over_kb: float = 10.0) -> LessonApp:
    """Competitive antagonism: naloxone shifts the agonist curve right by the dose ratio."""
    compute = partial(model.antagonism_state, ka_nM=parameter("agonist_KA_nM"), tau=parameter("full_agonist_tau"))
    controls = {"antagonist_over_kb": log_slider("naloxone / KB", antagonist_over_kb, -2, 3)}
    return LessonApp(
        title="Antagonism: naloxone shifts the curve, it does not flatten it",
        controls=controls,
        figure=AntagonismFigure(),
        compute=compute,
        describe=describe_antagonism,
    )


# --- 4. Signalling bias ----------------------------------------------------------------------


@check_state_argument
def describe_bias(state: model.BiasState) -> list[str]:
    """Readout lines: each pathway's maximum for the test ligand."""
    g_max, arr_max = state.g_protein[-1], state.arrestin[-1]
    return [
        f"Test ligand: tau(G) = {state.tau_g:.3g}, tau(arrestin) = {state.tau_arrestin:.3g} (illustrative)",
        f"Maximum G-protein response: {_percent(g_max)}",
        f"Maximum beta-arrestin-2 response: {_percent(arr_max)}",
        "A curve below the diagonal of the bias plot means less arrestin for the same G-protein signal; "
        "a low-efficacy partial agonist can look biased in the same way.",
    ]


def bias_app(tau_g: float | None = None, tau_arrestin: float | None = None) -> LessonApp:
    """G-protein versus beta-arrestin-2 signalling of one ligand, with a bias plot."""
    tau_g = parameter("g_protein_tau") if tau_g is None else tau_g  # not `or`: 0 is refused, not replaced
    tau_arrestin = parameter("arrestin_tau") if tau_arrestin is None else tau_arrestin
    compute = partial(
        model.bias_state, ka_nM=parameter("agonist_KA_nM"), reference_tau=parameter("full_agonist_tau")
    )
    controls = {
        "tau_g": log_slider("tau, G protein", tau_g, -2, 2),
        "tau_arrestin": log_slider("tau, beta-arrestin-2", tau_arrestin, -2, 2),
    }
    return LessonApp(
        title="Signalling bias: G protein versus beta-arrestin-2",
        controls=controls,
        figure=BiasFigure(),
        compute=compute,
        describe=describe_bias,
    )


APPS = {
    "binding": binding_app,
    "efficacy": efficacy_app,
    "antagonism": antagonism_app,
    "bias": bias_app,
}
