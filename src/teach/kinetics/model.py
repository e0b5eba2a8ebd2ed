"""From leaf to receptor, for lesson 02: dose, absorption, conversion to 7-OH, daily dosing,
saturable conversion and drug interactions.

Pure functions with units in their names (``dose_mg``, ``half_life_h``, ``conc_nM``); no widgets,
no plotting. Every public function validates its input and raises a ValueError naming the
parameter, its unit and the valid range.

What is and is not known
------------------------
Human absolute oral bioavailability F of mitragynine is **not known** (no intravenous study in
people). So the model works with *apparent* quantities, CL/F and V/F, and with the dose that
reaches the circulation expressed as ``F x dose``; ``F`` never needs a value [@tanna2022].

Formulas
--------
* Dose: ``mg mitragynine = g leaf x 1000 x (% w/w) / 100``.
* One-compartment model, first-order absorption ``ka`` and elimination ``ke = ln 2 / t1/2``.
  Plasma concentration (Bateman function):
  ``C(t) = F D / V x ka / (ka - ke) x (exp(-ke t) - exp(-ka t))``; ``tmax = ln(ka/ke) / (ka - ke)``.
  ``ka`` is not published; it is *derived* by solving that tmax equation for ``ka`` (brentq)
  from each study's tmax and half-life.
* Exposure: ``AUC = F x Dose / CL`` (here ``Dose / (CL/F)``).
* 7-hydroxymitragynine, formed from mitragynine by CYP3A4 [@kamble2019] during absorption
  (first pass): the fraction converted is not known, so formation is scaled so that the
  metabolite's AUC is ``r`` times the parent's, with ``r`` the measured 7-OH : mitragynine ratio
  [@huestis2024]: ``dCm/dt = r km (ka A_gut) / (CL/F) - km Cm``.
* Repeated doses every ``tau`` hours: superposition; accumulation ratio ``1 / (1 - exp(-ke tau))``;
  the fraction of steady state reached after time t is ``1 - exp(-ke t)``.
* Saturable (Michaelis-Menten) conversion: ``v = Vmax S / (Km + S)``, a unit-free teaching
  model of the mouse finding of Hill et al. [@hill2022].
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from teach.data import load_table, parameter, short_citation
from teach.receptors.model import affinities, occupancy
from teach.validation import Bounds, check_choice, check_quantity

TABLE = "kinetics_parameters"
LN2 = math.log(2.0)

LEAF_G = Bounds(0.001, 1000.0)  # 1 mg to 1 kg of leaf
CONTENT_PERCENT = Bounds(0.001, 100.0)
DOSE_MG = Bounds(1e-6, 1e6)  # 1 ng to 1 kg of pure compound
DOSE_NMOL = Bounds(1e-3, 1e10)
MOLAR_MASS = Bounds(1.0, 1e4)
HALF_LIFE_H = Bounds(0.01, 1e4)
RATE_PER_H = Bounds(1e-6, 1e4)
TIME_H = Bounds(0.0, 1e5)
INTERVAL_H = Bounds(0.1, 1e4)
VOLUME_L = Bounds(0.1, 1e7)
CLEARANCE_L_PER_H = Bounds(0.01, 1e7)
FRACTION = Bounds(0.001, 1.0)
FRACTION_OF_STEADY_STATE = Bounds(0.01, 0.999)
RATIO = Bounds(0.0, 100.0)
N_DOSES = Bounds(1, 10000)
RELATIVE = Bounds(0.0, 1e6)  # unit-free amounts of the Michaelis-Menten teaching model
POSITIVE_RELATIVE = Bounds(1e-6, 1e6)

#: Time grid of the single-dose figures, h (0-72 h, 201 points).
TIME_GRID_H = np.linspace(0.0, 72.0, 201)
#: Time grid of the daily-dosing figure, days (0-28 days, 300 points).
DAYS_GRID = np.linspace(0.0, 28.0, 300)


@cache
def _param(name: str) -> float:
    """A value of the kinetics parameter table (cached: the apps read it on every slider event)."""
    return parameter(name, TABLE)


@cache
def _mor_affinities():
    return affinities()


def _time(time_h):
    return check_quantity(time_h, "time_h", "h", TIME_H, meaning="time after the first dose", allow_array=True)


def _rate(value, name, meaning):
    return check_quantity(value, name, "per h", RATE_PER_H, meaning=meaning)


# --- 1. From leaf to milligrams ---------------------------------------------------------------


def mitragynine_dose_mg(leaf_g, content_percent):
    """Milligrams of mitragynine in ``leaf_g`` grams of leaf containing ``content_percent`` % w/w.

    Product analyses find 0.28-2.0 % w/w in leaf products [@fowble2019]; extracts are far higher.
    """
    leaf = check_quantity(leaf_g, "leaf_g", "g", LEAF_G, meaning="leaf powder")
    content = check_quantity(content_percent, "content_percent", "% w/w", CONTENT_PERCENT,
                             meaning="mitragynine content")
    return leaf * 1000.0 * content / 100.0


def mg_to_nmol(dose_mg, molar_mass_g_per_mol):
    """Amount in nmol of ``dose_mg`` milligrams of a compound of molar mass ``molar_mass_g_per_mol``."""
    dose = check_quantity(dose_mg, "dose_mg", "mg", DOSE_MG, meaning="dose")
    mass = check_quantity(molar_mass_g_per_mol, "molar_mass_g_per_mol", "g/mol", MOLAR_MASS, meaning="molar mass")
    return dose * 1e6 / mass


def mitragynine_nmol(dose_mg):
    """Amount in nmol of ``dose_mg`` milligrams of mitragynine (molar mass from PubChem)."""
    return mg_to_nmol(dose_mg, _param("mitragynine_molar_mass_g_per_mol"))


# --- 2. One dose: absorption, elimination and 7-OH formation --------------------------------


def elimination_rate_per_h(half_life_h):
    """First-order rate constant (per h) for a half-life ``half_life_h`` (h): ``ln 2 / t1/2``."""
    return LN2 / check_quantity(half_life_h, "half_life_h", "h", HALF_LIFE_H, meaning="half-life")


def tmax_h(ka_per_h, ke_per_h):
    """Time of the peak (h) after one oral dose: ``ln(ka/ke) / (ka - ke)`` (``1/k`` when equal)."""
    ka = _rate(ka_per_h, "ka_per_h", "absorption rate constant")
    ke = _rate(ke_per_h, "ke_per_h", "elimination rate constant")
    if math.isclose(ka, ke, rel_tol=1e-12):
        return 1.0 / ka
    return math.log(ka / ke) / (ka - ke)


def absorption_rate_per_h(tmax_h, half_life_h):
    """Absorption rate constant ka (per h) that puts the peak at ``tmax_h`` for a half-life ``half_life_h``.

    Solves ``tmax = ln(ka/ke) / (ka - ke)`` for ``ka > ke`` with scipy's brentq. A peak is only
    possible before ``1/ke`` hours; a later tmax is refused.
    """
    ke = elimination_rate_per_h(half_life_h)
    latest = 1.0 / ke
    tmax = check_quantity(tmax_h, "tmax_h", "h", Bounds(0.01, latest, high_inclusive=False),
                          meaning="time of the peak")
    # tmax(ka) falls from 1/ke (ka -> ke) towards 0 (ka -> infinity); bracket the root.
    low, high = ke * (1.0 + 1e-9), ke * 2.0
    while _tmax_unchecked(high, ke) > tmax:
        high *= 2.0
    return brentq(lambda ka: _tmax_unchecked(ka, ke) - tmax, low, high, xtol=1e-12, rtol=1e-12)


def _tmax_unchecked(ka, ke):
    return math.log(ka / ke) / (ka - ke)


def _separate(a, b):
    """Nudge equal rate constants apart (by 1 ppm) so the closed forms stay finite."""
    return b * (1.0 + 1e-6) if math.isclose(a, b, rel_tol=1e-6) else b


def bateman_conc_nM(time_h, dose_nmol, v_over_f_L, ka_per_h, ke_per_h):
    """Plasma concentration (nM) after one oral dose at time 0, one-compartment model.

    ``dose_nmol`` is the dose (nmol) and ``v_over_f_L`` the apparent volume V/F (L), so ``F`` is
    folded in. ``C = D/(V/F) x ka/(ka-ke) x (exp(-ke t) - exp(-ka t))``.
    """
    t = _time(time_h)
    dose = check_quantity(dose_nmol, "dose_nmol", "nmol", DOSE_NMOL, meaning="dose")
    volume = check_quantity(v_over_f_L, "v_over_f_L", "L", VOLUME_L, meaning="apparent volume V/F")
    ka = _rate(ka_per_h, "ka_per_h", "absorption rate constant")
    ke = _rate(ke_per_h, "ke_per_h", "elimination rate constant")
    c0 = dose / volume
    if math.isclose(ka, ke, rel_tol=1e-9):
        return c0 * ke * t * np.exp(-ke * t)
    return c0 * ka / (ka - ke) * (np.exp(-ke * t) - np.exp(-ka * t))


def metabolite_conc_nM(time_h, dose_nmol, v_over_f_L, ka_per_h, ke_per_h, km_per_h, exposure_ratio):
    """7-hydroxymitragynine concentration (nM) after one oral dose of mitragynine.

    7-OH is formed by CYP3A4 [@kamble2019], here during absorption (first pass through gut wall
    and liver), and eliminated with rate constant ``km_per_h``. The fraction converted is not
    known, so formation is scaled to make the 7-OH AUC ``exposure_ratio`` times the parent's
    ``Dose / (CL/F)`` with ``CL/F = ke x V/F``:
    ``Cm = r x Dose/(CL/F) x km ka / (ka - km) x (exp(-km t) - exp(-ka t))``.

    Why first pass: 7-OH peaks when mitragynine does (about 1 h) and falls with its own, much
    shorter, half-life [@tanna2022]. Formed only from circulating mitragynine, it could not fall
    faster than mitragynine does.
    """
    t = _time(time_h)
    dose = check_quantity(dose_nmol, "dose_nmol", "nmol", DOSE_NMOL, meaning="dose")
    volume = check_quantity(v_over_f_L, "v_over_f_L", "L", VOLUME_L, meaning="apparent volume V/F")
    ka = _rate(ka_per_h, "ka_per_h", "absorption rate constant")
    ke = _rate(ke_per_h, "ke_per_h", "elimination rate constant")
    km = _rate(km_per_h, "km_per_h", "7-OH elimination rate constant")
    r = check_quantity(exposure_ratio, "exposure_ratio", "dimensionless", RATIO, meaning="7-OH : mitragynine AUC")
    scale = r * dose / (ke * volume)
    if math.isclose(ka, km, rel_tol=1e-9):
        return scale * km * ka * t * np.exp(-km * t)
    return scale * km * ka / (ka - km) * (np.exp(-km * t) - np.exp(-ka * t))


def auc_nM_h(dose_nmol, clearance_L_per_h, bioavailability=1.0):
    """Area under the concentration-time curve to infinity (nM h): ``F x Dose / CL``.

    With apparent clearance CL/F (the only kind known for mitragynine in people), pass
    ``clearance_L_per_h = CL/F`` and leave ``bioavailability`` at 1.
    """
    dose = check_quantity(dose_nmol, "dose_nmol", "nmol", DOSE_NMOL, meaning="dose")
    cl = check_quantity(clearance_L_per_h, "clearance_L_per_h", "L/h", CLEARANCE_L_PER_H, meaning="clearance")
    f = check_quantity(bioavailability, "bioavailability", "fraction of the dose", FRACTION,
                       meaning="oral bioavailability")
    return f * dose / cl


SIMULATE_MAX_STEPS = 20_000  # right-hand-side evaluations (about 0.5 s); a clear error past it


class _OverBudget(Exception):
    """Raised inside the ODE right-hand side when :func:`simulate` exceeds its step budget."""


@dataclass(frozen=True)
class Simulation:
    """Amounts (nmol) and concentrations (nM) from :func:`simulate`, one value per time point."""

    time_h: np.ndarray
    gut_nmol: np.ndarray
    body_nmol: np.ndarray
    eliminated_nmol: np.ndarray
    given_nmol: np.ndarray
    parent_nM: np.ndarray
    metabolite_nM: np.ndarray


def simulate(time_h, dose_nmol, v_over_f_L, ka_per_h, ke_per_h, km_per_h, exposure_ratio,
             interval_h=24.0, n_doses=1):
    """Solve the absorption-elimination-formation equations numerically (scipy solve_ivp).

    ``n_doses`` doses of ``dose_nmol`` (nmol) are given every ``interval_h`` hours from time 0.
    States: gut (nmol), body (nmol), eliminated (nmol) and 7-OH concentration (nM). Mass balance
    ``gut + body + eliminated = doses given`` holds at every time.
    """
    t = np.atleast_1d(_time(time_h))
    if np.any(np.diff(t) < 0):
        raise ValueError("time_h (time after the first dose, h) must be in increasing order")
    dose = check_quantity(dose_nmol, "dose_nmol", "nmol", DOSE_NMOL, meaning="dose")
    volume = check_quantity(v_over_f_L, "v_over_f_L", "L", VOLUME_L, meaning="apparent volume V/F")
    ka = _rate(ka_per_h, "ka_per_h", "absorption rate constant")
    ke = _rate(ke_per_h, "ke_per_h", "elimination rate constant")
    km = _rate(km_per_h, "km_per_h", "7-OH elimination rate constant")
    r = check_quantity(exposure_ratio, "exposure_ratio", "dimensionless", RATIO, meaning="7-OH : mitragynine AUC")
    tau = check_quantity(interval_h, "interval_h", "h", INTERVAL_H, meaning="dosing interval")
    n = int(check_quantity(n_doses, "n_doses", "doses", N_DOSES, meaning="number of doses"))

    calls = 0

    def rhs(_t, y):
        nonlocal calls
        calls += 1
        if calls > SIMULATE_MAX_STEPS:
            raise _OverBudget
        gut, body, _out, cm = y
        absorbed = ka * gut  # nmol/h; 7-OH forms from it in first pass (see metabolite_conc_nM)
        return [-absorbed, absorbed - ke * body, ke * body, r * km * absorbed / (ke * volume) - km * cm]

    out = np.empty((4, t.size))
    given = np.empty(t.size)
    state = np.zeros(4)
    start = 0.0
    n = min(n, math.floor(t[-1] / tau) + 1)  # doses after the last requested time change nothing
    for k in range(n):
        state[0] += dose
        end = (k + 1) * tau if k < n - 1 else max(t[-1], k * tau)
        inside = (t >= start) & ((t < end) if k < n - 1 else (t <= end))
        if end - start <= 1e-9:  # under 4 microseconds: nothing changes (the solver would crawl)
            out[:, inside] = state[:, None]
        else:
            try:
                sol = solve_ivp(rhs, (start, end), state, method="LSODA", rtol=1e-9,
                                atol=[1e-12 * dose] * 3 + [1e-12], dense_output=True)
            except _OverBudget:
                raise ValueError(f"simulate needs more than {SIMULATE_MAX_STEPS} solver steps for these inputs; "
                                 "use fewer doses (n_doses), a shorter time_h or the closed forms "
                                 "(bateman_conc_nM, repeated_dose_conc)") from None
            except (ValueError, IndexError, ArithmeticError) as err:  # scipy's own failure, not the caller's
                raise ValueError(f"simulate: the ODE solver failed for these inputs ({err})") from None
            if not sol.success:
                raise ValueError(f"simulate: the ODE solver failed for these inputs ({sol.message})")
            if inside.any():
                out[:, inside] = sol.sol(t[inside])
            state = sol.y[:, -1].copy()
        given[inside] = (k + 1) * dose
        start = end
    return Simulation(t, out[0], out[1], out[2], given, out[1] / volume, out[3])


# --- 3. Daily dosing ---------------------------------------------------------------------------


def accumulation_ratio(ke_per_h, interval_h):
    """Steady-state over first-dose exposure with a dose every ``interval_h`` h: ``1/(1 - exp(-ke tau))``."""
    ke = _rate(ke_per_h, "ke_per_h", "elimination rate constant")
    tau = check_quantity(interval_h, "interval_h", "h", INTERVAL_H, meaning="dosing interval")
    return 1.0 / -math.expm1(-ke * tau)


def time_to_steady_state_h(half_life_h, fraction=0.9):
    """Time (h) to reach ``fraction`` of steady state with regular dosing: ``-ln(1 - f) / ke``.

    The same time is needed to fall to ``1 - fraction`` of steady state once dosing stops.
    """
    ke = elimination_rate_per_h(half_life_h)
    f = check_quantity(fraction, "fraction", "fraction of steady state", FRACTION_OF_STEADY_STATE)
    return -math.log1p(-f) / ke


def steady_state_conventions() -> pd.DataFrame:
    """Days to "steady state" for each study's half-life under the two common conventions.

    The course uses 90 % of steady state (3.3 half-lives, ``-ln(0.1) / ke``); the other common rule
    of thumb is "about 4-5 half-lives" (94 % and 97 %). Measured times (Huestis 2024: 8-9 days) can
    only be compared with a model once the convention is fixed.
    """
    rows = []
    for s in studies().values():
        rows.append({
            "study": s.label,
            "half-life (h)": s.half_life_h,
            "days to 90 % (course convention)": round(time_to_steady_state_h(s.half_life_h, 0.9) / 24.0, 1),
            "days to 4 half-lives (94 %)": round(4 * s.half_life_h / 24.0, 1),
            "days to 5 half-lives (97 %)": round(5 * s.half_life_h / 24.0, 1),
        })
    return pd.DataFrame(rows)


def average_steady_state_nM(dose_nmol, clearance_L_per_h, interval_h):
    """Average concentration (nM) at steady state: ``Dose / (CL/F x tau)``; the half-life does not enter."""
    tau = check_quantity(interval_h, "interval_h", "h", INTERVAL_H, meaning="dosing interval")
    return auc_nM_h(dose_nmol, clearance_L_per_h) / tau


def repeated_dose_conc(time_h, ka_per_h, ke_per_h, interval_h, stop_after_h=None):
    """Concentration after doses every ``interval_h`` h from time 0, relative to the average
    steady-state concentration (dimensionless; multiply by ``Dose/(CL/F x tau)`` for nM).

    Dosing stops at ``stop_after_h`` (h; no dose at or after it, but the first dose at time 0
    is always given); ``None`` means never.
    """
    raw = _time(time_h)
    t = np.atleast_1d(raw)
    ka = _rate(ka_per_h, "ka_per_h", "absorption rate constant")
    ke = _rate(ke_per_h, "ke_per_h", "elimination rate constant")
    tau = check_quantity(interval_h, "interval_h", "h", INTERVAL_H, meaning="dosing interval")
    last = float(np.max(t)) + tau if stop_after_h is None else check_quantity(
        stop_after_h, "stop_after_h", "h", TIME_H, meaning="time of stopping")
    ke = _separate(ka, ke)
    n_total = max(1, math.ceil(last / tau - 1e-9))  # doses given: at 0, tau, 2 tau, ... before ``last``
    given = np.minimum(np.floor(t / tau + 1e-12) + 1, n_total)  # doses given up to each time
    since_last = t - (given - 1) * tau  # time since the latest dose given, >= 0

    def train(k):  # sum over the doses given of exp(-k (t - t_j)): a geometric series
        return np.exp(-k * since_last) * -np.expm1(-k * given * tau) / -np.expm1(-k * tau)

    # One dose of D gives AUC D/CL; the steady-state average is D/(CL tau). With C in units of
    # D/V the average is 1/(ke tau), so multiply by ke tau.
    result = ke * tau * ka / (ka - ke) * (train(ke) - train(ka))
    return float(result[0]) if np.ndim(raw) == 0 else result


# --- 4. Saturable conversion (unit-free teaching model) --------------------------------------


def saturable_formation(dose_over_km, vmax=1.0):
    """Rate of 7-OH formation (units of ``vmax``) when conversion follows Michaelis-Menten kinetics.

    ``dose_over_km`` is the mitragynine level in multiples of the enzyme's Km (unit-free; no human
    Km is known). ``v = Vmax S / (Km + S)`` levels off at ``vmax``: an illustrative mechanism for
    the breathing ceiling seen in mice [@hill2022].
    """
    s = check_quantity(dose_over_km, "dose_over_km", "multiples of Km", RELATIVE,
                       meaning="mitragynine level", allow_array=True)
    v = check_quantity(vmax, "vmax", "relative units", POSITIVE_RELATIVE, meaning="maximal formation rate")
    return v * s / (1.0 + s)


def linear_formation(dose_over_km, vmax=1.0):
    """7-OH formation if conversion never saturated: the Michaelis-Menten slope at low levels, ``Vmax S / Km``."""
    s = check_quantity(dose_over_km, "dose_over_km", "multiples of Km", RELATIVE,
                       meaning="mitragynine level", allow_array=True)
    v = check_quantity(vmax, "vmax", "relative units", POSITIVE_RELATIVE, meaning="maximal formation rate")
    return v * s


# --- 5. Drug interactions ---------------------------------------------------------------------


def static_auc_ratio(inhibitor_over_ki):
    """Basic static model of reversible inhibition: victim AUC ratio ``R = 1 + [I]/Ki`` (dimensionless).

    ``inhibitor_over_ki`` is the inhibitor concentration at the enzyme in multiples of its Ki.
    """
    return 1.0 + check_quantity(inhibitor_over_ki, "inhibitor_over_ki", "multiples of Ki", RATIO,
                                meaning="inhibitor concentration")


def gut_r1(fraction_reaching_enzyme=1.0):
    """Basic static model for intestinal CYP3A, ``R1,gut = 1 + f x [I]gut / Ki`` (dimensionless).

    ``[I]gut`` is the regulatory convention dose / 250 mL and Ki = IC50/2 [@tanna2023dmd];
    ``fraction_reaching_enzyme`` (0-1] asks what happens if only part of it reaches the enzyme.
    """
    f = check_quantity(fraction_reaching_enzyme, "fraction_reaching_enzyme", "fraction", FRACTION,
                       meaning="share of the assumed gut concentration at the enzyme")
    return static_auc_ratio(f * _param("igut_uM") / _param("cyp3a_ki_uM"))


def interaction_table() -> pd.DataFrame:
    """Predicted and observed changes in probe-drug exposure after 2 g of kratom tea."""
    rows = [
        ("midazolam (CYP3A)", "midazolam_auc_predicted_fold", "midazolam_auc_observed_fold"),
        ("dextromethorphan (CYP2D6)", "dextromethorphan_auc_predicted_fold", "dextromethorphan_auc_observed_fold"),
    ]
    table = load_table(TABLE).set_index("name")
    return pd.DataFrame(
        [
            {
                "probe drug": probe,
                "predicted AUC ratio": table.loc[pred, "value"],
                "predicted by": short_citation(table.loc[pred, "citation"]),
                "observed AUC ratio": table.loc[obs, "value"],
                "observed in": short_citation(table.loc[obs, "citation"]),
            }
            for probe, pred, obs in rows
        ]
    )


def tanna2022_exposure_ratio() -> float:
    """7-OH : mitragynine AUC ratio after 2 g kratom tea, from the medians of Tanna 2022 (106 / 420)."""
    return parameter("tanna2022_seven_oh_auc_nM_h", TABLE) / parameter("tanna2022_auc_nM_h", TABLE)


# --- The published studies ----------------------------------------------------------------------


@dataclass(frozen=True)
class Study:
    """One human pharmacokinetic study's parameters, and those derived from them."""

    key: str
    label: str
    half_life_h: float
    tmax_h: float
    seven_oh_half_life_h: float
    citation: str
    ke_per_h: float
    ka_per_h: float
    km_per_h: float
    v_over_f_L: float  # derived: CL/F x t1/2 / ln 2, with CL/F from Tanna 2022


def studies_table() -> pd.DataFrame:
    """The human pharmacokinetic studies, one row each, with citation keys and notes."""
    return load_table("pk_studies")


@cache
def studies() -> dict[str, Study]:
    """Each study's parameters keyed by study key; ka and V/F are derived (see the module notes)."""
    cl = parameter("cl_over_f_L_per_h", TABLE)
    result = {}
    for row in studies_table().itertuples():
        ke = elimination_rate_per_h(row.mg_half_life_h)
        result[row.study] = Study(
            key=row.study, label=row.label, half_life_h=float(row.mg_half_life_h), tmax_h=float(row.mg_tmax_h),
            seven_oh_half_life_h=float(row.seven_oh_half_life_h), citation=row.citation, ke_per_h=ke,
            ka_per_h=absorption_rate_per_h(row.mg_tmax_h, row.mg_half_life_h),
            km_per_h=elimination_rate_per_h(row.seven_oh_half_life_h), v_over_f_L=cl / ke,
        )
    return result


def study_labels() -> dict[str, str]:
    """``{label: key}`` for a dropdown."""
    return {s.label: key for key, s in studies().items()}


def _study(study):
    return studies()[check_choice(study, "study", studies())]


# --- States that the apps draw ------------------------------------------------------------------


@dataclass(frozen=True)
class SingleDoseState:
    """One dose of leaf: mitragynine for every study, 7-OH for the chosen one (nM over TIME_GRID_H)."""

    leaf_g: float
    content_percent: float
    dose_mg: float
    dose_nmol: float
    study: str
    exposure_ratio: float
    parent_nM: dict[str, np.ndarray]
    metabolite_nM: np.ndarray
    cmax_nM: dict[str, float]
    auc_nM_h: float
    metabolite_cmax_nM: float


def single_dose_state(leaf_g, content_percent, study, exposure_ratio) -> SingleDoseState:
    """Mitragynine (every study) and 7-OH (the chosen ``study``) after ``leaf_g`` g of leaf at
    ``content_percent`` % w/w, with the 7-OH : mitragynine exposure ratio ``exposure_ratio``."""
    dose_mg = mitragynine_dose_mg(leaf_g, content_percent)
    dose = mitragynine_nmol(dose_mg)
    chosen = _study(study)
    ratio = check_quantity(exposure_ratio, "exposure_ratio", "dimensionless", RATIO, meaning="7-OH : mitragynine AUC")
    parent = {
        key: bateman_conc_nM(TIME_GRID_H, dose, s.v_over_f_L, s.ka_per_h, s.ke_per_h) for key, s in studies().items()
    }
    metabolite = metabolite_conc_nM(TIME_GRID_H, dose, chosen.v_over_f_L, chosen.ka_per_h, chosen.ke_per_h,
                                    chosen.km_per_h, ratio)
    cmax = {key: float(bateman_conc_nM(s.tmax_h, dose, s.v_over_f_L, s.ka_per_h, s.ke_per_h))
            for key, s in studies().items()}
    return SingleDoseState(
        leaf_g=float(leaf_g), content_percent=float(content_percent), dose_mg=dose_mg, dose_nmol=dose,
        study=chosen.key, exposure_ratio=ratio, parent_nM=parent, metabolite_nM=metabolite, cmax_nM=cmax,
        auc_nM_h=auc_nM_h(dose, _param("cl_over_f_L_per_h")), metabolite_cmax_nM=float(metabolite.max()),
    )


@dataclass(frozen=True)
class DailyState:
    """Daily dosing then stopping, relative to the steady-state average, for every study."""

    interval_h: float
    stop_day: float
    daily_leaf_g: float
    study: str
    relative: dict[str, np.ndarray]  # over DAYS_GRID
    accumulation: dict[str, float]
    days_to_90: dict[str, float]
    average_nM: float


def daily_state(interval_h, stop_day, daily_leaf_g, study, *, content_percent) -> DailyState:
    """Doses every ``interval_h`` h until day ``stop_day``, then none, for every study; the average
    steady-state concentration (nM) of ``daily_leaf_g`` g of leaf a day at ``content_percent`` % w/w."""
    tau = check_quantity(interval_h, "interval_h", "h", INTERVAL_H, meaning="dosing interval")
    stop = check_quantity(stop_day, "stop_day", "days", Bounds(0.0, 1e4), meaning="day of the last dose")
    chosen = _study(study)
    daily_leaf = check_quantity(daily_leaf_g, "daily_leaf_g", "g", LEAF_G, meaning="leaf powder per day")
    per_day_nmol = mitragynine_nmol(mitragynine_dose_mg(daily_leaf, content_percent))
    hours = DAYS_GRID * 24.0
    return DailyState(
        interval_h=tau, stop_day=stop, daily_leaf_g=float(daily_leaf_g), study=chosen.key,
        relative={key: repeated_dose_conc(hours, s.ka_per_h, s.ke_per_h, tau, stop * 24.0)
                  for key, s in studies().items()},
        accumulation={key: accumulation_ratio(s.ke_per_h, tau) for key, s in studies().items()},
        days_to_90={key: time_to_steady_state_h(s.half_life_h) / 24.0 for key, s in studies().items()},
        average_nM=average_steady_state_nM(per_day_nmol, _param("cl_over_f_L_per_h"), 24.0),
    )


@dataclass(frozen=True)
class SaturationState:
    """7-OH formed from mitragynine (saturable) versus 7-OH taken directly, unit-free."""

    dose_over_km: float
    cyp3a_activity: float
    grid: np.ndarray
    from_mitragynine: np.ndarray
    direct: np.ndarray
    at_dose_from_mitragynine: float
    at_dose_direct: float


SATURATION_GRID = np.logspace(-2, 2, 200)


def saturation_state(dose_over_km, cyp3a_activity) -> SaturationState:
    """7-OH exposure (relative units) against dose (multiples of Km) when mitragynine's conversion
    saturates, with ``cyp3a_activity`` the fraction of CYP3A activity left (an inhibitor such as
    ketoconazole lowers it), beside the same amount of 7-OH taken directly (no conversion step)."""
    dose = float(check_quantity(dose_over_km, "dose_over_km", "multiples of Km", RELATIVE, meaning="dose"))
    activity = check_quantity(cyp3a_activity, "cyp3a_activity", "fraction of CYP3A activity left", FRACTION)
    return SaturationState(
        dose_over_km=dose, cyp3a_activity=activity, grid=SATURATION_GRID,
        from_mitragynine=saturable_formation(SATURATION_GRID, activity),
        direct=linear_formation(SATURATION_GRID),
        at_dose_from_mitragynine=float(saturable_formation(dose, activity)),
        at_dose_direct=float(linear_formation(dose)),
    )


@dataclass(frozen=True)
class OccupancyState:
    """MOR occupancy bands over time (0-1) after one dose, for mitragynine and 7-OH."""

    leaf_g: float
    study: str
    low: dict[str, np.ndarray]
    high: dict[str, np.ndarray]
    peak_low: dict[str, float]
    peak_high: dict[str, float]
    ki_nM: dict[str, tuple[float, float]]


OCCUPANCY_COMPOUNDS = ("mitragynine", "7-hydroxymitragynine")


def occupancy_state(leaf_g, study, *, content_percent, exposure_ratio) -> OccupancyState:
    """Fraction of MOR occupied over TIME_GRID_H after ``leaf_g`` g of leaf, drawn as a band:
    the unbound fraction reaching the receptor spans an illustrative range (kinetics_parameters
    ``free_fraction_low`` to ``free_fraction_high``) and Ki spans its published range."""
    state = single_dose_state(leaf_g, content_percent, study, exposure_ratio)
    fu_low, fu_high = _param("free_fraction_low"), _param("free_fraction_high")
    known = _mor_affinities()
    conc = {"mitragynine": state.parent_nM[state.study], "7-hydroxymitragynine": state.metabolite_nM}
    low, high, ki = {}, {}, {}
    for name in OCCUPANCY_COMPOUNDS:
        a = known[name]
        low[name] = occupancy(conc[name] * fu_low, a.high_nM)
        high[name] = occupancy(conc[name] * fu_high, a.low_nM)
        ki[name] = (a.low_nM, a.high_nM)
    return OccupancyState(
        leaf_g=state.leaf_g, study=state.study, low=low, high=high,
        peak_low={n: float(v.max()) for n, v in low.items()}, peak_high={n: float(v.max()) for n, v in high.items()},
        ki_nM=ki,
    )
