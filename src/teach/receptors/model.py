"""Receptor theory for lesson 01: occupancy, efficacy, antagonism and signalling bias.

Pure functions of concentrations in nM and dimensionless efficacies; no widgets, no plotting.
Every function validates its input and raises a ValueError naming the parameter, its unit
and the valid range.

Formulas
--------
* Occupancy by one ligand (law of mass action): ``p = C / (C + K)``.
* Operational model of agonism [@black1983] with a slope of 1:
  ``E / Em = tau*q*A / (KA + A*(1 + tau*q))``, where ``q`` is the fraction of receptors left
  (receptor reserve); ``EC50 = KA / (1 + tau)`` and ``Emax = tau / (1 + tau)``.
* Two agonists on one receptor: ``E/Em = (tA*a + tB*b) / (1 + a + b + tA*a + tB*b)`` with
  ``a = A/KA`` and ``b = B/KB``.
* Competitive antagonism: the agonist's KA is multiplied by the dose ratio
  ``DR = 1 + [B]/KB`` [@arunlakshana1959].
* Cheng-Prusoff: ``Ki = IC50 / (1 + [L]/KD)`` for a competing radioligand L [@cheng1973].
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from teach.data import load_table, short_citation
from teach.validation import Bounds, check_choice, check_choices, check_quantity

CONC_RANGE_NM = Bounds(0.0, 1e7)  # 0 to 10 mM, far beyond any plasma level
POSITIVE_CONC_NM = Bounds(1e-6, 1e7)  # 1 fM to 10 mM
AFFINITY_NM = Bounds(1e-4, 1e7)  # 0.1 pM to 10 mM
EFFICACY = Bounds(0.0, 1000.0)  # tau, dimensionless
RESERVE = Bounds(1e-4, 1.0)  # fraction of receptors left
RATIO = Bounds(0.0, 1e6)  # antagonist concentration as a multiple of its KB

#: Concentration grid of the figures, nM (1 pM to 1 mM, 181 points).
CONC_GRID_NM = np.logspace(-3, 6, 181)


def _conc(value, name="conc_nM", meaning="concentration", *, allow_array=True):
    return check_quantity(value, name, "nM", CONC_RANGE_NM, meaning=meaning, allow_array=allow_array)


def _affinity(value, name, meaning):
    return check_quantity(value, name, "nM", AFFINITY_NM, meaning=meaning)


def _tau(value, name="tau"):
    return check_quantity(value, name, "dimensionless", EFFICACY, meaning="operational efficacy")


def occupancy(conc_nM, kd_nM):
    """Fraction of receptors occupied (0-1) at ligand concentration ``conc_nM`` (nM).

    ``kd_nM`` is the equilibrium dissociation constant (Ki or KD, nM). At ``conc_nM == kd_nM``
    the occupancy is exactly 0.5.
    """
    conc = _conc(conc_nM)
    kd = _affinity(kd_nM, "kd_nM", "dissociation constant")
    return conc / (conc + kd)


def occupancy_with_competitor(conc_nM, kd_nM, competitor_nM, competitor_kd_nM):
    """Fraction of receptors (0-1) occupied by a ligand in the presence of a competitor.

    All concentrations and constants in nM: ``p = (C/K) / (1 + C/K + B/KB)``.
    """
    conc = _conc(conc_nM)
    kd = _affinity(kd_nM, "kd_nM", "dissociation constant")
    other = _conc(competitor_nM, "competitor_nM", "competitor concentration")
    other_kd = _affinity(competitor_kd_nM, "competitor_kd_nM", "competitor dissociation constant")
    a, b = conc / kd, other / other_kd
    return a / (1.0 + a + b)


def operational_response(conc_nM, ka_nM, tau, reserve=1.0):
    """Response as a fraction of the system maximum Em (0-1), operational model, slope 1.

    Parameters
    ----------
    conc_nM : float or array
        Agonist concentration, nM.
    ka_nM : float
        Agonist dissociation constant, nM.
    tau : float
        Operational efficacy (dimensionless; receptor density over transducer constant).
    reserve : float
        Fraction of receptors left, 0-1 (e.g. after an irreversible antagonist); it scales tau.
    """
    conc = _conc(conc_nM)
    ka = _affinity(ka_nM, "ka_nM", "agonist dissociation constant")
    tau_eff = _tau(tau) * check_quantity(reserve, "reserve", "fraction of receptors", RESERVE)
    return tau_eff * conc / (ka + conc * (1.0 + tau_eff))


def ec50(ka_nM, tau, reserve=1.0):
    """Concentration (nM) giving half the agonist's own maximum: ``KA / (1 + tau*q)``."""
    ka = _affinity(ka_nM, "ka_nM", "agonist dissociation constant")
    tau_eff = _tau(tau) * check_quantity(reserve, "reserve", "fraction of receptors", RESERVE)
    return ka / (1.0 + tau_eff)


def max_response(tau, reserve=1.0):
    """The agonist's maximal response as a fraction of Em: ``tau*q / (1 + tau*q)``."""
    tau_eff = _tau(tau) * check_quantity(reserve, "reserve", "fraction of receptors", RESERVE)
    return tau_eff / (1.0 + tau_eff)


def two_agonist_response(conc_a_nM, ka_a_nM, tau_a, conc_b_nM, ka_b_nM, tau_b):
    """Response (fraction of Em) when agonists A and B compete for one receptor.

    Concentrations and KA values in nM; efficacies dimensionless. With ``tau_b`` small, B is a
    partial agonist that raises the response to low A and lowers the response to high A.
    """
    a = _conc(conc_a_nM, "conc_a_nM", "agonist A concentration") / _affinity(
        ka_a_nM, "ka_a_nM", "agonist A dissociation constant"
    )
    b = _conc(conc_b_nM, "conc_b_nM", "agonist B concentration") / _affinity(
        ka_b_nM, "ka_b_nM", "agonist B dissociation constant"
    )
    ta, tb = _tau(tau_a, "tau_a"), _tau(tau_b, "tau_b")
    stimulus = ta * a + tb * b
    return stimulus / (1.0 + a + b + stimulus)


def dose_ratio(antagonist_over_kb):
    """Dose ratio of a competitive antagonist: ``1 + [B]/KB`` (dimensionless).

    ``antagonist_over_kb`` is the antagonist concentration as a multiple of its KB.
    """
    return 1.0 + check_quantity(
        antagonist_over_kb, "antagonist_over_kb", "multiples of KB", RATIO, meaning="antagonist concentration"
    )


def response_with_antagonist(conc_nM, ka_nM, tau, antagonist_over_kb):
    """Agonist response (fraction of Em) in the presence of a competitive antagonist.

    The antagonist multiplies the agonist's apparent KA, and so its EC50, by the dose ratio.
    """
    ratio = dose_ratio(antagonist_over_kb)
    ka = _affinity(ka_nM, "ka_nM", "agonist dissociation constant")
    if ka * ratio > AFFINITY_NM.high:
        raise ValueError(
            f"ka_nM x dose ratio (apparent dissociation constant, nM) must be <= {AFFINITY_NM.high:g}; "
            f"got {ka * ratio:g}"
        )
    return operational_response(conc_nM, ka * ratio, tau)


def ki_from_ic50(ic50_nM, radioligand_nM, radioligand_kd_nM):
    """Cheng-Prusoff: inhibition constant Ki (nM) from an IC50 measured against a radioligand.

    ``Ki = IC50 / (1 + [L]/KD)``; all arguments in nM.
    """
    ic50 = check_quantity(ic50_nM, "ic50_nM", "nM", AFFINITY_NM, meaning="half-maximal inhibitory concentration")
    ligand = _conc(radioligand_nM, "radioligand_nM", "radioligand concentration")
    kd = _affinity(radioligand_kd_nM, "radioligand_kd_nM", "radioligand dissociation constant")
    return ic50 / (1.0 + ligand / kd)


# --- The published values -------------------------------------------------------------------


@dataclass(frozen=True)
class Affinity:
    """A compound's MOR affinity as published: the range over studies, and its sources."""

    compound: str
    low_nM: float
    high_nM: float
    sources: tuple[str, ...]

    @property
    def is_range(self) -> bool:
        return self.high_nM > self.low_nM


def binding_table() -> pd.DataFrame:
    """Published MOR binding constants, one row per study and measure, with citation keys.

    ``kind`` is ``value`` (one value or the source's own range), ``band`` (a category such as
    "Ki < 1 nM") or ``either`` (a source that gives two values whose assignment to compounds is
    uncertain; the row spans both).
    """
    return load_table("receptor_binding")


def _value_text(row) -> str:
    """A binding row's value as a learner reads it: one number is never printed as a range."""
    low, high = row["low_nM"], row["high_nM"]
    if row["kind"] == "band":
        return f"< {high:g} (category)" if pd.isna(low) else f"{low:g}-{high:g} (category)"
    if row["kind"] == "either":
        return f"{low:g} or {high:g} (which is which is uncertain)"
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def binding_summary() -> pd.DataFrame:
    """The binding table as learners read it: value in nM, species, system, radioligand, where it
    was read and the source as "(Author Year)"."""
    table = binding_table()
    return pd.DataFrame({
        "compound": table["compound"],
        "measure": table["measure"],
        "value (nM)": [_value_text(row) for _, row in table.iterrows()],
        "species": table["species"],
        "system": table["system"],
        "radioligand": table["radioligand"],
        "where read": table["where_read"],
        "source": [short_citation(key) for key in table["citation"]],
    })


def affinities(receptor: str = "MOR") -> dict[str, Affinity]:
    """Each compound's published affinity range at ``receptor`` (nM).

    Category-only rows (``kind == "band"``, e.g. "Ki between 1 and 100 nM") are left out
    of the range: they are brackets, not measurements.
    """
    return dict(_affinities(check_choice(receptor, "receptor", sorted(binding_table()["receptor"].unique()))))


@cache
def _affinities(receptor: str) -> tuple[tuple[str, Affinity], ...]:
    table = binding_table()
    receptor = check_choice(receptor, "receptor", sorted(table["receptor"].unique()))
    rows = table[(table["receptor"] == receptor) & (table["kind"] != "band")]
    return tuple(
        (
            compound,
            Affinity(
                compound=compound,
                low_nM=float(group["low_nM"].min()),
                high_nM=float(group["high_nM"].max()),
                sources=tuple(short_citation(key) for key in dict.fromkeys(group["citation"])),
            ),
        )
        for compound, group in rows.groupby("compound", sort=False)
    )


# --- States that the apps draw ---------------------------------------------------------------


@dataclass(frozen=True)
class BindingState:
    """Occupancy of each selected compound at ``conc_nM`` and over the concentration grid."""

    conc_nM: float
    compounds: tuple[str, ...]
    affinities: dict[str, Affinity]
    occupancy_low: dict[str, float]  # at the highest published affinity constant (weakest)
    occupancy_high: dict[str, float]  # at the lowest published affinity constant (tightest)


def binding_state(conc_nM: float, compounds) -> BindingState:
    """Occupancy (0-1) of each compound at ``conc_nM`` (nM), over its published Ki/KD range."""
    known = affinities()
    chosen = check_choices(compounds, "compounds", known)
    conc = _conc(conc_nM, allow_array=False)
    low = {name: float(occupancy(conc, known[name].high_nM)) for name in chosen}
    high = {name: float(occupancy(conc, known[name].low_nM)) for name in chosen}
    return BindingState(conc, chosen, known, low, high)


@dataclass(frozen=True)
class EfficacyState:
    """Concentration-response curves for the operational-model demo (fractions of Em)."""

    partial_tau: float
    reserve: float
    partial_nM: float
    full_curve: np.ndarray
    partial_curve: np.ndarray
    full_with_partial: np.ndarray
    partial_max: float
    partial_ec50_nM: float


def efficacy_state(partial_tau: float, reserve: float, partial_nM: float, *, full_tau: float, ka_nM: float):
    """Full and partial agonist curves, and the full agonist with the partial one present.

    ``partial_tau`` and ``full_tau`` are operational efficacies (dimensionless), ``reserve``
    the fraction of receptors left (0-1), ``partial_nM`` the partial agonist's concentration
    and ``ka_nM`` both agonists' dissociation constant (nM).
    """
    grid = CONC_GRID_NM
    _tau(full_tau, "full_tau")
    partial_nM = _conc(partial_nM, "partial_nM", "partial agonist concentration", allow_array=False)
    return EfficacyState(
        partial_tau=float(_tau(partial_tau, "partial_tau")),
        reserve=float(check_quantity(reserve, "reserve", "fraction of receptors", RESERVE)),
        partial_nM=partial_nM,
        full_curve=operational_response(grid, ka_nM, full_tau, reserve),
        partial_curve=operational_response(grid, ka_nM, partial_tau, reserve),
        full_with_partial=two_agonist_response(
            grid, ka_nM, full_tau * reserve, partial_nM, ka_nM, partial_tau * reserve
        ),
        partial_max=float(max_response(partial_tau, reserve)),
        partial_ec50_nM=float(ec50(ka_nM, partial_tau, reserve)),
    )


@dataclass(frozen=True)
class AntagonismState:
    """Agonist curves without and with a competitive antagonist (fractions of Em)."""

    antagonist_over_kb: float
    dose_ratio: float
    control: np.ndarray
    shifted: np.ndarray
    ec50_control_nM: float
    ec50_shifted_nM: float


def antagonism_state(antagonist_over_kb: float, *, ka_nM: float, tau: float) -> AntagonismState:
    """The agonist's curve shifted by ``antagonist_over_kb`` (antagonist concentration / KB)."""
    ratio = float(dose_ratio(antagonist_over_kb))
    control_ec50 = float(ec50(ka_nM, tau))
    return AntagonismState(
        antagonist_over_kb=float(antagonist_over_kb),
        dose_ratio=ratio,
        control=operational_response(CONC_GRID_NM, ka_nM, tau),
        shifted=response_with_antagonist(CONC_GRID_NM, ka_nM, tau, antagonist_over_kb),
        ec50_control_nM=control_ec50,
        ec50_shifted_nM=control_ec50 * ratio,
    )


@dataclass(frozen=True)
class BiasState:
    """G-protein and beta-arrestin-2 responses of a test ligand and a balanced reference."""

    tau_g: float
    tau_arrestin: float
    g_protein: np.ndarray
    arrestin: np.ndarray
    reference: np.ndarray


def bias_state(tau_g: float, tau_arrestin: float, *, ka_nM: float, reference_tau: float) -> BiasState:
    """Responses (fractions of each pathway's Em) for one ligand with a separate efficacy
    (dimensionless tau) in each pathway, beside a balanced reference agonist that has
    ``reference_tau`` in both. Same KA (nM) for both ligands."""
    _tau(reference_tau, "reference_tau")
    return BiasState(
        tau_g=float(_tau(tau_g, "tau_g")),
        tau_arrestin=float(_tau(tau_arrestin, "tau_arrestin")),
        g_protein=operational_response(CONC_GRID_NM, ka_nM, tau_g),
        arrestin=operational_response(CONC_GRID_NM, ka_nM, tau_arrestin),
        reference=operational_response(CONC_GRID_NM, ka_nM, reference_tau),
    )
