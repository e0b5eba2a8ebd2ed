"""Property tests of teach.kinetics.model: bad input is refused clearly; valid input never gives NaN."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from teach.kinetics import model

S = model.studies()["tanna2022"]
PK = {"dose_nmol": 1e5, "v_over_f_L": 15000.0, "ka_per_h": 6.0, "ke_per_h": 0.015}
# Each public numeric function with valid arguments.
VALID = {
    model.mitragynine_dose_mg: {"leaf_g": 2.0, "content_percent": 1.5},
    model.mg_to_nmol: {"dose_mg": 39.0, "molar_mass_g_per_mol": 398.5},
    model.mitragynine_nmol: {"dose_mg": 39.0},
    model.elimination_rate_per_h: {"half_life_h": 45.0},
    model.tmax_h: {"ka_per_h": 6.0, "ke_per_h": 0.015},
    model.absorption_rate_per_h: {"tmax_h": 1.0, "half_life_h": 45.0},
    model.bateman_conc_nM: {"time_h": 2.0, **PK},
    model.metabolite_conc_nM: {"time_h": 2.0, **PK, "km_per_h": 0.12, "exposure_ratio": 0.25},
    model.auc_nM_h: {"dose_nmol": 1e5, "clearance_L_per_h": 233.0, "bioavailability": 1.0},
    model.simulate: {"time_h": [0.0, 1.0, 2.0], **PK, "km_per_h": 0.12, "exposure_ratio": 0.25,
                     "interval_h": 24.0, "n_doses": 2},
    model.accumulation_ratio: {"ke_per_h": 0.015, "interval_h": 24.0},
    model.time_to_steady_state_h: {"half_life_h": 45.0, "fraction": 0.9},
    model.average_steady_state_nM: {"dose_nmol": 1e5, "clearance_L_per_h": 233.0, "interval_h": 24.0},
    model.repeated_dose_conc: {"time_h": 30.0, "ka_per_h": 6.0, "ke_per_h": 0.015, "interval_h": 24.0,
                               "stop_after_h": 100.0},
    model.saturable_formation: {"dose_over_km": 2.0, "vmax": 1.0},
    model.linear_formation: {"dose_over_km": 2.0, "vmax": 1.0},
    model.static_auc_ratio: {"inhibitor_over_ki": 3.0},
    model.gut_r1: {"fraction_reaching_enzyme": 0.5},
    model.single_dose_state: {"leaf_g": 2.0, "content_percent": 1.5, "study": "tanna2022", "exposure_ratio": 0.25},
    model.daily_state: {"interval_h": 24.0, "stop_day": 14.0, "daily_leaf_g": 2.0, "study": "tanna2022",
                        "content_percent": 1.5},
    model.saturation_state: {"dose_over_km": 2.0, "cyp3a_activity": 0.5},
    model.occupancy_state: {"leaf_g": 2.0, "study": "tanna2022", "content_percent": 1.5, "exposure_ratio": 0.25},
}
UNITS = {
    "leaf_g": "g", "daily_leaf_g": "g", "content_percent": "% w/w", "dose_mg": "mg", "molar_mass_g_per_mol": "g/mol",
    "half_life_h": "h", "tmax_h": "h", "time_h": "h", "interval_h": "h", "stop_after_h": "h", "stop_day": "days",
    "ka_per_h": "per h", "ke_per_h": "per h", "km_per_h": "per h", "dose_nmol": "nmol", "v_over_f_L": "L",
    "clearance_L_per_h": "L/h", "bioavailability": "fraction of the dose", "exposure_ratio": "dimensionless",
    "n_doses": "doses", "fraction": "fraction of steady state", "dose_over_km": "multiples of Km",
    "vmax": "relative units", "inhibitor_over_ki": "multiples of Ki",
    "cyp3a_activity": "fraction of CYP3A activity left", "fraction_reaching_enzyme": "fraction",
}
CASES_SKIPPED = {(model.single_dose_state, "study"), (model.daily_state, "study"), (model.occupancy_state, "study")}
CASES = [(func, name) for func, kwargs in VALID.items() for name in kwargs if (func, name) not in CASES_SKIPPED]
BAD_VALUES = st.one_of(
    st.floats(max_value=-1e-9, allow_nan=False),  # negative
    st.just(math.nan), st.just(math.inf), st.just(-math.inf),
    st.floats(min_value=2e10, allow_infinity=False),  # beyond every upper bound
    st.sampled_from(["ten", None, True, {}]),
)


def _ids(case):
    func, name = case
    return f"{func.__name__}-{name}"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
@settings(max_examples=20, deadline=None)
@given(bad=BAD_VALUES)
def test_bad_input_names_parameter_unit_and_range(case, bad):
    func, name = case
    assume(not (name == "stop_after_h" and bad is None))  # None means "never stop"
    kwargs = dict(VALID[func], **{name: bad})
    with pytest.raises(ValueError) as excinfo:
        func(**kwargs)
    message = str(excinfo.value)
    assert name in message
    assert UNITS[name] in message
    assert "must be" in message


def test_valid_arguments_are_valid():
    for func, kwargs in VALID.items():
        result = func(**kwargs)
        assert result is not None, func.__name__


ZERO_REFUSED = [
    (model.mitragynine_dose_mg, "leaf_g"), (model.mitragynine_dose_mg, "content_percent"),
    (model.mg_to_nmol, "dose_mg"), (model.elimination_rate_per_h, "half_life_h"),
    (model.absorption_rate_per_h, "tmax_h"), (model.absorption_rate_per_h, "half_life_h"),
    (model.bateman_conc_nM, "dose_nmol"), (model.auc_nM_h, "clearance_L_per_h"),
    (model.accumulation_ratio, "interval_h"), (model.repeated_dose_conc, "interval_h"),
    (model.simulate, "interval_h"), (model.single_dose_state, "leaf_g"), (model.daily_state, "interval_h"),
    (model.time_to_steady_state_h, "half_life_h"), (model.auc_nM_h, "bioavailability"),
]


@pytest.mark.parametrize("case", ZERO_REFUSED, ids=[_ids(c) for c in ZERO_REFUSED])
def test_zero_doses_half_lives_and_intervals_are_refused(case):
    func, name = case
    with pytest.raises(ValueError, match=name):
        func(**dict(VALID[func], **{name: 0.0}))


@given(content=st.floats(min_value=100.0, exclude_min=True, max_value=1e6))
def test_content_over_100_percent_is_refused(content):
    with pytest.raises(ValueError, match=r"content_percent \(mitragynine content, % w/w\) must be .*<= 100"):
        model.mitragynine_dose_mg(1.0, content)


def test_unknown_study_lists_choices():
    with pytest.raises(ValueError, match=r"study must be one of .*tanna2022"):
        model.single_dose_state(1.0, 1.0, "my friend's study", 0.2)


def test_times_must_increase():
    with pytest.raises(ValueError, match="time_h"):
        model.simulate([2.0, 1.0], **PK, km_per_h=0.1, exposure_ratio=0.2)


leaf = st.floats(min_value=1e-3, max_value=1000.0)
content = st.floats(min_value=1e-3, max_value=100.0)
half_life = st.floats(min_value=0.1, max_value=1000.0)
rate = st.floats(min_value=1e-4, max_value=100.0)


@settings(max_examples=150, deadline=None)
@given(leaf=leaf, content=content, ka=rate, ke=rate, km=rate, ratio=st.floats(0.0, 10.0),
       t=st.lists(st.floats(0.0, 1000.0), min_size=1, max_size=10))
def test_valid_pk_input_is_finite_and_non_negative(leaf, content, ka, ke, km, ratio, t):
    dose = model.mitragynine_nmol(model.mitragynine_dose_mg(leaf, content))
    parent = model.bateman_conc_nM(np.array(t), dose, 1000.0, ka, ke)
    metabolite = model.metabolite_conc_nM(np.array(t), dose, 1000.0, ka, ke, km, ratio)
    for values in (parent, metabolite):
        assert np.all(np.isfinite(values)) and np.all(values >= -1e-9 * dose)


@settings(max_examples=150, deadline=None)
@given(t_half=half_life, tau=st.floats(min_value=0.5, max_value=1000.0), frac=st.floats(0.01, 0.99))
def test_valid_dosing_input_is_finite(t_half, tau, frac):
    ke = model.elimination_rate_per_h(t_half)
    assert math.isfinite(model.accumulation_ratio(ke, tau)) and model.accumulation_ratio(ke, tau) >= 1.0
    assert math.isfinite(model.time_to_steady_state_h(t_half, frac))
    c = model.repeated_dose_conc(np.linspace(0, 500, 50), 5.0, ke, tau, 300.0)
    assert np.all(np.isfinite(c)) and np.all(c >= -1e-12)


@settings(max_examples=100, deadline=None)
@given(tmax=st.floats(min_value=0.05, max_value=20.0), t_half=st.floats(min_value=1.0, max_value=500.0))
def test_absorption_rate_solves_tmax(tmax, t_half):
    ke = model.elimination_rate_per_h(t_half)
    if tmax * ke >= 0.999:
        with pytest.raises(ValueError, match="tmax_h"):
            model.absorption_rate_per_h(tmax, t_half)
        return
    ka = model.absorption_rate_per_h(tmax, t_half)
    assert math.isfinite(ka) and model.tmax_h(ka, ke) == pytest.approx(tmax, rel=1e-6)


@given(dose=st.floats(0.0, 1e6), activity=st.floats(0.01, 1.0))
def test_saturable_formation_never_exceeds_linear_or_ceiling(dose, activity):
    v = model.saturable_formation(dose, activity)
    assert not math.isnan(v) and 0.0 <= v <= activity and v <= model.linear_formation(dose, activity) + 1e-12
