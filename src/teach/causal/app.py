"""Interactive demos of lesson 03. Each factory returns a ready :class:`~teach.ui.LessonApp`.

In a notebook: ``teach.causal.app.estimates_app()``.

The odds-ratio sliders update as they move: a change re-simulates only the variables
downstream of the arrow it sets (the same people, the same random draws) and refits every
estimate, in about 10 ms. Cohort size and seed draw a whole new cohort (up to about 100 ms
for the largest), so those two update when released (``continuous_update=False``).
"""

from __future__ import annotations

from functools import partial

import ipywidgets as widgets

from teach.causal import model
from teach.causal.figures import EstimatesFigure, IndicationFigure, SelectionFigure
from teach.data import parameter, short_citation
from teach.ui import LessonApp
from teach.ui.controls import STYLE, log_slider, slider
from teach.validation import check_choice, check_choices, check_state_argument

TABLE = model.TABLE


_or_slider = partial(log_slider, step=0.02)


def _ci(est: model.Estimate | None, digits: str = ".2f") -> str:
    if est is None or est.value != est.value:  # NaN: too few people to estimate
        return "not estimable (too few people)"
    return f"{est.value:{digits}} (95 % CI {est.low:{digits}} to {est.high:{digits}})"


def _default(value, name: str):
    """``value``, or the table's ``name`` when it is None (not ``or``: 0 or an array is refused, not replaced)."""
    return parameter(name, TABLE) if value is None else value


def _adjust_options():
    return [(model.LABELS[n], n) for n in (*model.NODES, "clinic") if n not in ("kratom", "masld")]


# --- 1. Estimates against the truth ----------------------------------------------------------


@check_state_argument
def describe_estimates(state: model.EstimatesState) -> list[str]:
    """Readout lines: the truth, each estimate with its interval, and whether the set is valid."""
    names = ", ".join(model.LABELS[n] for n in state.adjust_for) or "nothing"
    open_backdoor = [p for p in state.paths if p.backdoor and p.open]
    lines = [
        f"True effect set: odds ratio {state.true_or:.3g} (population causal OR {state.causal_or:.3g}; "
        f"risk difference {100 * state.causal_rd:+.1f} points)",
        f"Cohort {state.n_people:,} people, {state.kratom_users:,} kratom users; trial {state.n_trial:,} people",
        f"Crude: OR {_ci(state.estimates[0])}; RD {100 * state.risk_difference.value:+.1f} points "
        f"({100 * state.risk_difference.low:+.1f} to {100 * state.risk_difference.high:+.1f})",
        f"Mantel-Haenszel: OR {_ci(state.estimates[1])}",
        f"Logistic regression: OR {_ci(state.estimates[2])}",
        f"Randomised trial: OR {_ci(state.estimates[3])}",
        f"Adjusted for: {names} -> " + ("a valid adjustment set (back-door criterion)" if state.valid else
                                        "NOT a valid adjustment set"),
        f"Open back-door paths: {len(open_backdoor)}"
        + (f" (e.g. {' - '.join(open_backdoor[0].nodes)})" if open_backdoor else ""),
    ]
    opened = [p for p in state.paths if p.open and "collider" in p.reason]
    if opened:
        lines.append(f"Warning: {opened[0].reason} opens a path that was closed")
    return lines


def estimates_app(kratom_or: float = 1.0, pain_kratom_or: float | None = None, n_people: float = 20_000,
                  adjust_for=("pain", "male"), seed: int = 0) -> LessonApp:
    """Crude, stratified, regression-adjusted and randomised estimates against the true effect."""
    pain_kratom_or = _default(pain_kratom_or, "or_pain_kratom")
    adjust_for = check_choices(adjust_for, "adjust_for", [value for _label, value in _adjust_options()])
    controls = {
        "kratom_or": _or_slider("true effect of kratom (OR)", kratom_or, -0.6, 0.6),
        "pain_kratom_or": _or_slider("pain -> kratom (OR)", pain_kratom_or,
                                     0, 1.3),
        "n_people": log_slider("cohort size", n_people, 3, 5.5, step=0.1, readout_format=",.0f", continuous=False),
        "adjust_for": widgets.SelectMultiple(options=_adjust_options(), value=tuple(adjust_for), rows=6,
                                             description="adjust for", style=STYLE),
        "seed": slider("seed", seed, 0, 99, 1, integer=True, width="18em", continuous=False),
    }
    return LessonApp(
        title="Does kratom cause fatty liver? Four estimates against the truth you set",
        controls=controls,
        figure=EstimatesFigure(),
        compute=model.estimates_state,
        describe=describe_estimates,
    )


# --- 2. Selection bias -----------------------------------------------------------------------


@check_state_argument
def describe_selection(state: model.SelectionState) -> list[str]:
    """Readout lines: who is in the sample, and the estimate there against the whole cohort."""
    pct = lambda x: "n/a" if x != x else f"{100 * x:.0f} %"  # noqa: E731
    lines = [
        f"Sample: {state.sample} ({state.n_selected:,} people); kratom -> clinic OR {state.clinic_kratom_or:.3g}",
        f"Women among kratom users: cohort {pct(state.users_female[0])}, sample {pct(state.users_female[1])} "
        f"(online survey published 61 %, {short_citation('garciaromeu2020')})",
        f"In chronic pain among users: cohort {pct(state.users_pain[0])}, sample {pct(state.users_pain[1])} "
        "(survey: 91 % used kratom for pain)",
        f"Kratom -> MASLD, adjusted for pain and sex, whole cohort: OR {_ci(state.whole)}",
    ]
    if state.selected is None:
        lines.append("Online survey: every respondent uses kratom, so there is no one to compare with.")
    else:
        lines.append(f"Same estimate inside the {state.sample}: OR {_ci(state.selected)} (true OR 1)")
    return lines


def selection_app(clinic_kratom_or: float | None = None, sample: str = "liver clinic") -> LessonApp:
    """Selection (collider) bias: a liver-clinic sample and a self-selected online survey."""
    clinic_kratom_or = _default(clinic_kratom_or, "or_kratom_clinic")
    sample = check_choice(sample, "sample", model.SAMPLES)
    controls = {
        "clinic_kratom_or": _or_slider("kratom -> liver clinic (OR)",
                                       clinic_kratom_or, -0.5, 1.3),
        "sample": widgets.ToggleButtons(options=list(model.SAMPLES), value=sample, description="sample",
                                        style={"button_width": "8em"}),
    }
    return LessonApp(
        title="Selection bias: who gets into the sample?",
        controls=controls,
        figure=SelectionFigure(),
        compute=model.selection_state,
        describe=describe_selection,
    )


# --- 3. Confounding by indication ------------------------------------------------------------


@check_state_argument
def describe_indication(state: model.IndicationState) -> list[str]:
    """Readout lines: crude versus pain-stratified odds ratios for opioids and kratom."""
    rows = dict(state.rows)
    return [
        f"pain -> opioid prescription OR {state.pain_opioid_or:.3g}; true kratom effect OR {state.kratom_or:.3g}; "
        "opioids have no effect on MASLD",
        f"Opioids, crude: OR {_ci(rows['opioid: crude'])}",
        f"Opioids, pooled within pain and sex strata: OR {_ci(rows['opioid: pooled (M-H, pain + sex)'])}",
        f"Kratom, crude: OR {_ci(rows['kratom: crude'])}",
        f"Kratom, pooled within pain and sex strata: OR {_ci(rows['kratom: pooled (M-H, pain + sex)'])}",
    ]


def indication_app(pain_opioid_or: float | None = None, kratom_or: float = 1.0) -> LessonApp:
    """Confounding by indication and Simpson's paradox: stratify by the reason for treatment."""
    pain_opioid_or = _default(pain_opioid_or, "or_pain_opioid")
    controls = {
        "pain_opioid_or": _or_slider("pain -> opioid Rx (OR)", pain_opioid_or,
                                     -0.3, 1.3),
        "kratom_or": _or_slider("true effect of kratom (OR)", kratom_or, -0.6, 0.6),
    }
    return LessonApp(
        title="Confounding by indication: pain leads to opioids, kratom and fatty liver",
        controls=controls,
        figure=IndicationFigure(),
        compute=model.indication_state,
        describe=describe_indication,
    )


APPS = {
    "estimates": estimates_app,
    "selection": selection_app,
    "indication": indication_app,
}
