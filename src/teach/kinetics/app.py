"""Interactive demos of lesson 02. Each factory returns a ready :class:`~teach.ui.LessonApp`.

In a notebook: ``teach.kinetics.app.single_dose_app()``.
"""

from __future__ import annotations

from functools import partial

from teach.data import short_citation
from teach.kinetics import model
from teach.kinetics.figures import DailyFigure, OccupancyFigure, SaturationFigure, SingleDoseFigure
from teach.ui import LessonApp
from teach.ui.controls import dropdown, log_slider, slider
from teach.ui.tables import LearnerTable
from teach.validation import check_state_argument

TABLE = model.TABLE


def _study_dropdown(study: str):
    return dropdown("study", model.study_labels().items(), study)


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.3g} %"


def _p(name: str) -> float:
    return model._param(name)


# --- 1. One dose: leaf to plasma ----------------------------------------------------------------


@check_state_argument
def describe_single_dose(state: model.SingleDoseState) -> list[str]:
    """Readout lines: the dose and what the chosen study's parameters predict."""
    study = model.studies()[state.study]
    low, high = min(state.cmax_nM.values()), max(state.cmax_nM.values())
    glass = _p("decoction_glass_mg")
    return [
        f"{state.leaf_g:.3g} g leaf x {state.content_percent:.3g} % = {state.dose_mg:.3g} mg mitragynine "
        f"({state.dose_mg / glass:.2g} glasses of Malaysian decoction at {glass:g} mg; {short_citation('singh2014')})",
        f"Study: {study.label}; derived ka {study.ka_per_h:.2g} per h for tmax {study.tmax_h:g} h",
        f"Model peak, mitragynine: {state.cmax_nM[state.study]:.3g} nM (all studies {low:.3g}-{high:.3g} nM)",
        f"Exposure AUC = Dose / (CL/F) = {state.auc_nM_h:.3g} nM h (same for every study: one CL/F)",
        f"7-OH (ratio {state.exposure_ratio:.2f}, t1/2 {study.seven_oh_half_life_h:g} h): "
        f"model peak {state.metabolite_cmax_nM:.2g} nM (measured after 39 mg: {_p('tanna2022_seven_oh_cmax_nM'):g} nM)",
        f"Measured after 39 mg: mitragynine peak {_p('tanna2022_cmax_nM'):g} nM. A one-compartment model gets the "
        "AUC right but the early peak far too low: mitragynine spreads into tissues.",
    ]


def single_dose_app(leaf_g: float = 2.0, content_percent: float | None = None, study: str = "tanna2022",
                    exposure_ratio: float | None = None) -> LessonApp:
    """One dose of leaf: mitragynine and 7-OH in plasma under each human study's parameters."""
    if content_percent is None:  # not `or`: a 0 or an array is refused, not replaced
        content_percent = _p("content_tanna2022_percent")
    if exposure_ratio is None:
        exposure_ratio = round(model.tanna2022_exposure_ratio(), 2)
    controls = {
        "leaf_g": slider("leaf (g)", leaf_g, 0.5, 10.0, 0.1),
        "content_percent": slider("mitragynine (% w/w)", content_percent,
                                   0.1, 5.0, 0.05),
        "study": _study_dropdown(study),
        "exposure_ratio": slider("7-OH : mitragynine", exposure_ratio,
                                  _p("ratio_daily_low"), _p("ratio_single_high"), 0.01, readout_format=".2f"),
    }
    return LessonApp(
        title="From leaf to plasma: one dose",
        controls=controls,
        figure=SingleDoseFigure(),
        compute=model.single_dose_state,
        describe=describe_single_dose,
    )


# --- 2. Daily dosing ----------------------------------------------------------------------------


@check_state_argument
def describe_daily(state: model.DailyState) -> list[str]:
    """Readout lines: accumulation, time to steady state and washout for the chosen study."""
    study = model.studies()[state.study]
    days = state.days_to_90[state.study]
    spread = sorted(state.days_to_90.values())
    return [
        f"Study: {study.label}; dose every {state.interval_h:.3g} h until day {state.stop_day:g}",
        f"Accumulation ratio 1/(1 - exp(-k tau)) = {state.accumulation[state.study]:.3g}",
        f"90 % of steady state after {days:.1f} days (studies: {spread[0]:.1f}-{spread[-1]:.1f} days; "
        f"measured {_p('steady_state_low_days'):g}-{_p('steady_state_high_days'):g} days, "
        f"{short_citation('huestis2024')})",
        f"After the last dose it takes the same {days:.1f} days to fall to 10 % of steady state",
        f"Average level at steady state for {state.daily_leaf_g:.3g} g a day: {state.average_nM:.3g} nM "
        "(Dose / (CL/F x tau): the half-life does not change it)",
    ]


def daily_app(interval_h: float = 24.0, stop_day: float = 14.0, daily_leaf_g: float = 2.0,
              study: str = "tanna2022") -> LessonApp:
    """Repeated doses: accumulation to steady state and washout after stopping."""
    compute = partial(model.daily_state, content_percent=_p("content_tanna2022_percent"))
    controls = {
        "interval_h": slider("dose every (h)", interval_h, 6.0, 48.0, 1.0),
        "stop_day": slider("last dose on day", stop_day, 1.0, 21.0, 1.0),
        "daily_leaf_g": slider("leaf per day (g)", daily_leaf_g, 0.5, 10.0, 0.1),
        "study": _study_dropdown(study),
    }
    return LessonApp(
        title="Daily use: accumulation, steady state and washout",
        controls=controls,
        figure=DailyFigure(),
        compute=compute,
        describe=describe_daily,
    )


# --- 3. Saturable conversion (illustrative) -------------------------------------------------


@check_state_argument
def describe_saturation(state: model.SaturationState) -> list[str]:
    """Readout lines: 7-OH from mitragynine versus 7-OH taken directly at the chosen dose."""
    return [
        "Illustrative, unit-free model of a MOUSE finding (" + short_citation("hill2022") + ")",
        f"Dose: {state.dose_over_km:.3g} x Km; CYP3A activity left: {_percent(state.cyp3a_activity)}",
        f"7-OH exposure from mitragynine: {state.at_dose_from_mitragynine:.2f} (ceiling "
        f"{state.cyp3a_activity:.2f})",
        f"7-OH taken directly, same dose: {state.at_dose_direct:.3g} (no ceiling)",
        "Doubling a mitragynine dose far above Km hardly raises 7-OH; doubling a 7-OH dose doubles it.",
    ]


def saturation_app(dose_over_km: float = 1.0, cyp3a_activity: float = 1.0) -> LessonApp:
    """Saturable (Michaelis-Menten) conversion of mitragynine to 7-OH versus 7-OH taken directly."""
    controls = {
        "dose_over_km": log_slider("dose (x Km)", dose_over_km, -2, 2),
        "cyp3a_activity": slider("CYP3A activity left", cyp3a_activity, 0.05, 1.0, 0.05, readout_format=".0%"),
    }
    return LessonApp(
        title="Why might mitragynine's effect on breathing level off in mice?",
        controls=controls,
        figure=SaturationFigure(),
        compute=model.saturation_state,
        describe=describe_saturation,
    )


# --- 4. Plasma to receptor ------------------------------------------------------------------


@check_state_argument
def describe_occupancy(state: model.OccupancyState) -> list[str]:
    """Readout lines: the peak occupancy range of each compound."""
    fu_low, fu_high = _p("free_fraction_low"), _p("free_fraction_high")
    lines = [
        f"{state.leaf_g:.3g} g leaf; study {model.studies()[state.study].label}",
        f"Unbound fraction reaching the receptor: {fu_low:g} to {fu_high:g} (illustrative: not known)",
    ]
    for name in model.OCCUPANCY_COMPOUNDS:
        low_ki, high_ki = state.ki_nM[name]
        ki = f"{low_ki:g} nM" if low_ki == high_ki else f"{low_ki:g}-{high_ki:g} nM"
        lines.append(f"{name}: peak {_percent(state.peak_low[name])} to {_percent(state.peak_high[name])} of MOR "
                     f"(Ki {ki}, {short_citation('obeng2021')}, as printed)")
    lines.append("Model peaks are below the measured ones (see demo 1), so the upper edge may be low too.")
    return lines


def occupancy_app(leaf_g: float = 2.0, study: str = "tanna2022") -> LessonApp:
    """Receptor occupancy over time after one dose, as a band of uncertainty."""
    compute = partial(model.occupancy_state, content_percent=_p("content_tanna2022_percent"),
                      exposure_ratio=model.tanna2022_exposure_ratio())
    controls = {
        "leaf_g": slider("leaf (g)", leaf_g, 0.5, 10.0, 0.1),
        "study": _study_dropdown(study),
    }
    return LessonApp(
        title="From plasma to receptor: occupancy over time",
        controls=controls,
        figure=OccupancyFigure(),
        compute=compute,
        describe=describe_occupancy,
    )


APPS = {
    "single_dose": single_dose_app,
    "daily": daily_app,
    "saturation": saturation_app,
    "occupancy": occupancy_app,
}


def studies_table() -> LearnerTable:
    """The human pharmacokinetic studies the lesson compares, one row each."""
    return LearnerTable(
        model.studies_table(),
        {"label": "Study", "mg_half_life_h": "Mitragynine half-life (h)", "mg_tmax_h": "Mitragynine tmax (h)",
         "seven_oh_half_life_h": "7-OH half-life (h)", "citation": "Source", "confidence": "Confidence"},
    )


def interaction_table() -> LearnerTable:
    """Predicted and observed changes in probe-drug exposure (AUC ratio) after 2 g of kratom tea."""
    return LearnerTable(
        model.interaction_table(),
        {"probe drug": "Probe drug (enzyme)", "predicted AUC ratio": "Predicted AUC ratio",
         "predicted by": "Predicted by", "observed AUC ratio": "Observed AUC ratio", "observed in": "Observed in"},
    )
