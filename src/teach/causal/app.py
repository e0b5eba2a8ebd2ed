"""Interactive demos of lesson 03. Each factory returns a ready :class:`~teach.ui.LessonApp`.

In a notebook: ``teach.causal.app.estimates_app()``.

The odds-ratio sliders update as they move: a change re-simulates only the variables
downstream of the arrow it sets (the same people, the same random draws) and refits every
estimate, in about 10 ms. Cohort size and seed draw a whole new cohort (up to about 100 ms
for the largest), so those two update when released (``continuous_update=False``).
"""

from __future__ import annotations

from functools import partial
from itertools import pairwise

import pandas as pd

from teach.causal import model
from teach.causal.figures import EstimatesFigure, IndicationFigure, SelectionFigure
from teach.data import parameter, short_citation
from teach.ui import LessonApp
from teach.ui.controls import CheckGroup, log_slider, slider, toggles
from teach.ui.tables import LearnerTable, format_value
from teach.validation import check_choice, check_choices, check_instance, check_state_argument

TABLE = model.TABLE


_or_slider = partial(log_slider, step=0.02)


def _ci(est: model.Estimate | None, digits: str = ".2f") -> str:
    if est is None or est.value != est.value:  # NaN: too few people to estimate
        return "not estimable (too few people)"
    return f"{est.value:{digits}} (95 % CI {est.low:{digits}} to {est.high:{digits}})"


def path_in_words(nodes) -> str:
    """A path through the causal graph in the learner's words, arrows pointing the way the causes go:
    ``kratom use <- chronic pain -> MASLD``."""
    nodes = check_choices(nodes, "nodes", tuple(model.LABELS))
    if not nodes:
        raise ValueError("nodes must list at least one node of the causal graph; got none")
    graph = model.causal_graph(selection=True)
    words = [model.LABELS[nodes[0]]]
    for a, b in pairwise(nodes):
        words += ["->" if graph.has_edge(a, b) else "<-", model.LABELS[b]]
    return " ".join(words)


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
        f"Cohort {state.n_people:,} people, {state.kratom_users:,} of whom use kratom; "
        f"trial {state.n_trial:,} people",
        f"Crude: OR {_ci(state.estimates[0])}; RD {100 * state.risk_difference.value:+.1f} points "
        f"({100 * state.risk_difference.low:+.1f} to {100 * state.risk_difference.high:+.1f})",
        f"Mantel-Haenszel: OR {_ci(state.estimates[1])}",
        f"Logistic regression: OR {_ci(state.estimates[2])}",
        f"Randomised trial: OR {_ci(state.estimates[3])}",
        f"Adjusted for: {names} -> " + ("a valid adjustment set (back-door criterion)" if state.valid else
                                        "NOT a valid adjustment set"),
        f"Open back-door paths: {len(open_backdoor)}"
        + (f" (e.g. {path_in_words(open_backdoor[0].nodes)})" if open_backdoor else ""),
    ]
    opened = [p for p in state.paths if p.open and "collider" in p.reason]
    if opened:
        collider = opened[0].reason.rsplit(" ", 1)[-1]
        lines.append(f"Warning: adjusting for {model.LABELS.get(collider, collider)}, a common effect (collider), or "
                     f"for something it causes opens a path that was closed: {path_in_words(opened[0].nodes)}")
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
        "seed": slider("seed", seed, 0, 99, 1, integer=True, continuous=False),
        "adjust_for": CheckGroup("adjust for (stratify or put in the regression)", _adjust_options(), adjust_for),
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
        f"Women among people who use kratom: cohort {pct(state.users_female[0])}, sample {pct(state.users_female[1])} "
        f"(online survey published 61 %, {short_citation('garciaromeu2020')})",
        f"In chronic pain among people who use kratom: cohort {pct(state.users_pain[0])}, "
        f"sample {pct(state.users_pain[1])} "
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
                                       _default(clinic_kratom_or, "or_kratom_clinic"), -0.5, 1.3),
        "sample": toggles("sample", list(model.SAMPLES), sample),
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


def _parameter_label(name: str) -> str:
    """What one row of the cohort's parameter table sets, in words."""
    arrow = next(((p, c) for (p, c), row in model.ARROWS.items() if row == name), None)
    if arrow:
        return f"{model.LABELS[arrow[0]]} → {model.LABELS[arrow[1]]}"
    node = name.removeprefix("p_")
    if name.startswith("p_") and node in model.LABELS:
        return f"share with {model.LABELS[node]}"
    return name.replace("_", " ")


def parameter_table() -> LearnerTable:
    """The cohort's parameter table, one row per number the simulation uses, collapsed."""
    frame = model.parameter_table()
    frame["what"] = [_parameter_label(name) for name in frame["name"]]
    return LearnerTable(
        frame,
        {"what": "What it sets", "value": "Value", "unit": "Unit", "kind": "Kind",
         "citation": "Source", "confidence": "Confidence"},
        caption=f"Every number the simulated cohort is built from ({len(frame)} rows): open to read",
        collapsed=True,
    )


def prevalence_table(cohort: model.Cohort) -> LearnerTable:
    """Share of the simulated people with each condition."""
    check_instance(cohort, "cohort", model.Cohort)
    frame = pd.DataFrame({
        "condition": [model.LABELS[node] for node in model.BINARY_NODES],
        "percent": [100 * cohort.prevalence(node) for node in model.BINARY_NODES],
    })
    return LearnerTable(frame, {"condition": "Condition", "percent": "People with it (%)"},
                        caption=f"The simulated cohort of {format_value(cohort.n_people)} people")


def estimates_table(*estimates: model.Estimate, caption: str = "") -> LearnerTable:
    """Effect estimates as a table: method, measure, estimate and 95 % confidence interval."""
    frame = pd.DataFrame({
        "method": [e.method for e in estimates],
        "measure": [e.measure for e in estimates],
        "value": [e.value for e in estimates],
        "interval": [f"{format_value(e.low)} to {format_value(e.high)}" for e in estimates],
        "people": [e.n_people for e in estimates],
    })
    return LearnerTable(
        frame,
        {"method": "Method", "measure": "Measure", "value": "Estimate", "interval": "95 % interval",
         "people": "People"},
        caption=caption,
    )


def kidney_stones_table() -> LearnerTable:
    """Charig et al.'s kidney-stone data with each group's success rate."""
    frame = model.kidney_stones()
    frame["rate"] = 100 * frame["successes"] / frame["patients"]
    return LearnerTable(
        frame,
        {"stone_size": "Stone size", "treatment": "Treatment", "successes": "Successes",
         "patients": "Patients", "rate": "Success (%)", "citation": "Source"},
    )


def _names(nodes) -> str:
    return ", ".join(model.LABELS[node] for node in nodes)


def adjustment_sets_text() -> str:
    """The smallest valid adjustment sets for kratom -> MASLD, in words (printed by the notebook)."""
    sets = model.valid_adjustment_sets()
    lines = [f"{len(sets)} smallest valid adjustment sets for the effect of kratom use on MASLD:"]
    return "\n".join(lines + [f"  {{{_names(s)}}}" for s in sets])


def adjustment_verdict(adjust_for) -> str:
    """Whether ``adjust_for`` is a valid adjustment set, in words."""
    chosen = check_choices(adjust_for, "adjust_for", [*model.NODES, *model.SELECTION_NODES])
    valid = model.is_valid_adjustment(chosen)
    return f"{{{_names(chosen)}}}: {'a valid' if valid else 'not a valid'} adjustment set"


def simpson_table() -> LearnerTable:
    """Each treatment's success rate within each stone size and overall (Charig et al. 1986)."""
    rates = model.simpson_summary()
    frame = pd.DataFrame([{"size": size, "treatment": treatment, "rate": 100 * rate}
                          for (size, treatment), rate in rates.items()])
    return LearnerTable(frame, {"size": "Stone size", "treatment": "Treatment", "rate": "Success (%)"},
                        caption="Success rates: within each stone size, and all stones together")
