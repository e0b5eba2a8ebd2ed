"""Unit tests of teach.kinetics.model against analytic results."""

import math

import numpy as np
import pytest

from teach.data import parameter
from teach.kinetics import model

T = np.linspace(0.0, 240.0, 1201)


@pytest.fixture(params=list(model.studies()))
def study(request):
    return model.studies()[request.param]


def test_leaf_to_milligrams():
    assert model.mitragynine_dose_mg(2.0, 1.95) == pytest.approx(39.0)
    assert model.mitragynine_dose_mg(0.5, 1.33) == pytest.approx(6.65)  # Huestis 2024 lowest dose
    assert model.mg_to_nmol(398.5, 398.5) == pytest.approx(1e6)


def test_derived_absorption_rate_reproduces_tmax(study):
    assert model.tmax_h(study.ka_per_h, study.ke_per_h) == pytest.approx(study.tmax_h, rel=1e-9)
    assert study.ka_per_h > study.ke_per_h


def test_tmax_formula_and_equal_rates():
    assert model.tmax_h(2.0, 0.5) == pytest.approx(math.log(4.0) / 1.5)
    assert model.tmax_h(0.3, 0.3) == pytest.approx(1 / 0.3)


def test_tmax_after_one_over_ke_is_impossible():
    with pytest.raises(ValueError, match=r"tmax_h \(time of the peak, h\) must be"):
        model.absorption_rate_per_h(100.0, 45.3)  # 1/ke = 65 h


def test_numerical_solution_matches_bateman_and_metabolite_closed_forms(study):
    dose = model.mitragynine_nmol(39.0)
    args = (dose, study.v_over_f_L, study.ka_per_h, study.ke_per_h)
    sim = model.simulate(T, *args, study.km_per_h, 0.25)
    np.testing.assert_allclose(sim.parent_nM, model.bateman_conc_nM(T, *args), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(
        sim.metabolite_nM, model.metabolite_conc_nM(T, *args, study.km_per_h, 0.25), rtol=1e-5, atol=1e-8
    )


def test_mass_balance_at_all_times_single_and_repeated(study):
    dose = model.mitragynine_nmol(39.0)
    for n in (1, 10):
        sim = model.simulate(T, dose, study.v_over_f_L, study.ka_per_h, study.ke_per_h, study.km_per_h, 0.25,
                             interval_h=24.0, n_doses=n)
        total = sim.gut_nmol + sim.body_nmol + sim.eliminated_nmol
        np.testing.assert_allclose(total, sim.given_nmol, rtol=1e-8)
        assert sim.given_nmol[-1] == pytest.approx(n * dose)
        assert np.all(sim.gut_nmol >= -1e-6 * dose) and np.all(sim.body_nmol >= -1e-6 * dose)


def test_auc_is_f_dose_over_clearance(study):
    dose = model.mitragynine_nmol(39.0)
    cl = parameter("cl_over_f_L_per_h", model.TABLE)
    t = np.linspace(0, 40 * study.half_life_h, 40001)
    numeric = np.trapezoid(model.bateman_conc_nM(t, dose, study.v_over_f_L, study.ka_per_h, study.ke_per_h), t)
    assert numeric == pytest.approx(model.auc_nM_h(dose, cl), rel=1e-3)
    assert model.auc_nM_h(1000.0, 10.0, bioavailability=0.5) == pytest.approx(50.0)
    # The Tanna 2022 medians are consistent: 39 mg / (233 L/h) gives their 420 nM h.
    assert model.auc_nM_h(dose, cl) == pytest.approx(parameter("tanna2022_auc_nM_h", model.TABLE), rel=0.01)


def test_metabolite_auc_is_ratio_times_parent(study):
    dose = model.mitragynine_nmol(39.0)
    t = np.linspace(0, 40 * study.half_life_h, 40001)
    c = model.metabolite_conc_nM(t, dose, study.v_over_f_L, study.ka_per_h, study.ke_per_h, study.km_per_h, 0.2)
    assert np.trapezoid(c, t) == pytest.approx(0.2 * dose / (study.ke_per_h * study.v_over_f_L), rel=1e-3)


@pytest.mark.parametrize(("half_life", "tau"), [(23.24, 24.0), (45.3, 24.0), (67.9, 12.0), (5.0, 48.0)])
def test_accumulation_ratio(half_life, tau):
    ke = model.elimination_rate_per_h(half_life)
    assert model.accumulation_ratio(ke, tau) == pytest.approx(1 / (1 - math.exp(-ke * tau)))
    # The same ratio from superposition: trough at steady state over trough after the first dose.
    ka = 50.0
    t = np.array([tau - 1e-9, 200 * tau - 1e-9])
    c = model.repeated_dose_conc(t, ka, ke, tau)
    assert c[1] / c[0] == pytest.approx(model.accumulation_ratio(ke, tau), rel=1e-4)


def test_repeated_doses_average_one_at_steady_state_and_match_ode():
    s = model.studies()["tanna2022"]
    tau = 24.0
    t = np.linspace(100 * tau, 101 * tau, 20001)
    c = model.repeated_dose_conc(t, s.ka_per_h, s.ke_per_h, tau)
    assert np.trapezoid(c, t) / tau == pytest.approx(1.0, rel=1e-4)
    dose = model.mitragynine_nmol(39.0)
    grid = np.linspace(0, 10 * tau, 1001)
    sim = model.simulate(grid, dose, s.v_over_f_L, s.ka_per_h, s.ke_per_h, s.km_per_h, 0.25, tau, 10)
    average = model.average_steady_state_nM(dose, s.ke_per_h * s.v_over_f_L, tau)
    np.testing.assert_allclose(sim.parent_nM, average * model.repeated_dose_conc(grid, s.ka_per_h, s.ke_per_h, tau),
                               rtol=1e-5, atol=1e-8)


def test_time_to_steady_state():
    assert model.time_to_steady_state_h(10.0, 0.5) == pytest.approx(10.0)
    assert model.time_to_steady_state_h(10.0, 0.9) == pytest.approx(10.0 * math.log2(10))
    # Huestis 2024 daily-dosing half-life gives about their measured 8-9 days.
    days = model.time_to_steady_state_h(67.9) / 24
    assert parameter("steady_state_low_days", model.TABLE) - 1 < days < parameter("steady_state_high_days",
                                                                                    model.TABLE) + 1


def test_washout_after_stopping():
    s = model.studies()["tanna2022"]
    stop = 20 * 24.0
    t = np.array([stop - 1e-9, stop + model.time_to_steady_state_h(s.half_life_h)])
    c = model.repeated_dose_conc(t, 1e3, s.ke_per_h, 24.0, stop_after_h=stop)
    # With near-instant absorption the trough falls to 10 % in the same time steady state took to reach 90 %.
    assert c[1] / c[0] == pytest.approx(0.1, rel=1e-3)


def test_michaelis_menten():
    assert model.saturable_formation(1.0) == pytest.approx(0.5)
    assert model.saturable_formation(1e5) == pytest.approx(1.0, rel=1e-4)
    assert model.saturable_formation(1e-4) == pytest.approx(model.linear_formation(1e-4), rel=1e-3)
    state = model.saturation_state(100.0, 0.5)
    assert state.at_dose_from_mitragynine < 0.5 and state.at_dose_direct == pytest.approx(100.0)


def test_static_interaction_model_and_table():
    assert model.static_auc_ratio(70.0) == pytest.approx(parameter("r1_gut_cyp3a", model.TABLE))
    # Tanna 2023's R1,gut = 71 follows from dose/250 mL (~400 uM) and Ki = IC50/2 = 5.7 uM.
    assert model.gut_r1() == pytest.approx(parameter("r1_gut_cyp3a", model.TABLE), rel=0.01)
    assert model.gut_r1(0.1) == pytest.approx(1 + 40 / 5.7)
    table = model.interaction_table()
    midazolam = table.iloc[0]
    assert midazolam["predicted AUC ratio"] / midazolam["observed AUC ratio"] == pytest.approx(5.69 / 1.39)


def test_occupancy_band_is_ordered_and_follows_the_ki():
    state = model.occupancy_state(2.0, "tanna2022", content_percent=1.95, exposure_ratio=0.25)
    for name in model.OCCUPANCY_COMPOUNDS:
        assert np.all(state.low[name] <= state.high[name])
        assert 0 <= state.peak_low[name] <= state.peak_high[name] < 1


def test_half_life_changes_time_course_not_average():
    states = model.daily_state(24.0, 21.0, 2.0, "tanna2022", content_percent=1.95)
    late = model.DAYS_GRID > 18
    late &= model.DAYS_GRID < 21
    for key, rel in states.relative.items():
        assert rel[late].mean() == pytest.approx(1.0, rel=0.05), key
