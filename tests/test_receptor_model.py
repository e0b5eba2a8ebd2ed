"""Unit tests of teach.receptors.model against analytic results."""

import numpy as np
import pytest

from teach.receptors import model


def test_occupancy_is_half_at_ki():
    assert model.occupancy(77.9, 77.9) == pytest.approx(0.5)


def test_occupancy_limits_and_monotonic():
    conc = np.logspace(-3, 6, 50)
    occ = model.occupancy(conc, 10.0)
    assert np.all(np.diff(occ) > 0)
    assert model.occupancy(0.0, 10.0) == 0.0
    assert model.occupancy(1e7, 1e-3) == pytest.approx(1.0)


def test_competitor_lowers_occupancy_as_cheng_prusoff_predicts():
    # With a competitor at its KD, the ligand needs 2x its KD for half occupancy of the rest.
    alone = model.occupancy(5.0, 5.0)
    with_competitor = model.occupancy_with_competitor(10.0, 5.0, 3.0, 3.0)
    assert alone == pytest.approx(0.5)
    assert with_competitor == pytest.approx(2 / 4)


def test_cheng_prusoff():
    assert model.ki_from_ic50(30.0, radioligand_nM=2.0, radioligand_kd_nM=1.0) == pytest.approx(10.0)


@pytest.mark.parametrize("tau", [0.1, 1.0, 3.0, 30.0])
def test_operational_model_emax_and_ec50(tau):
    ka = 100.0
    assert model.max_response(tau) == pytest.approx(tau / (1 + tau))
    half = model.operational_response(model.ec50(ka, tau), ka, tau)
    assert half == pytest.approx(0.5 * tau / (1 + tau))
    assert model.operational_response(1e7, ka, tau) == pytest.approx(tau / (1 + tau), rel=1e-3)


def test_receptor_reserve_scales_tau():
    assert model.operational_response(50.0, 100.0, 30.0, reserve=0.1) == pytest.approx(
        model.operational_response(50.0, 100.0, 3.0)
    )
    # A full agonist keeps most of its maximum with 10 % of receptors; a partial one loses most.
    assert model.max_response(30.0, 0.1) > 0.7
    assert model.max_response(1.0, 0.1) < 0.1


def test_two_agonists_reduce_to_one():
    conc = np.logspace(-2, 5, 30)
    np.testing.assert_allclose(
        model.two_agonist_response(conc, 100.0, 30.0, 0.0, 100.0, 1.0),
        model.operational_response(conc, 100.0, 30.0),
    )


def test_partial_agonist_blunts_strong_full_agonist_and_adds_to_weak_one():
    partial = dict(conc_b_nM=1e4, ka_b_nM=100.0, tau_b=1.0)
    weak = model.two_agonist_response(0.1, 100.0, 30.0, **partial)
    strong = model.two_agonist_response(100.0, 100.0, 30.0, **partial)
    assert weak > model.operational_response(0.1, 100.0, 30.0)
    assert strong < model.operational_response(100.0, 100.0, 30.0)


def test_dose_ratio_schild():
    assert model.dose_ratio(0.0) == 1.0
    assert model.dose_ratio(9.0) == pytest.approx(10.0)


def test_antagonist_shifts_ec50_by_dose_ratio_without_lowering_maximum():
    state = model.antagonism_state(9.0, ka_nM=100.0, tau=30.0)
    assert state.ec50_shifted_nM / state.ec50_control_nM == pytest.approx(10.0)
    conc = state.ec50_shifted_nM
    assert model.response_with_antagonist(conc, 100.0, 30.0, 9.0) == pytest.approx(
        0.5 * model.max_response(30.0)
    )
    assert model.response_with_antagonist(1e7, 100.0, 30.0, 9.0) == pytest.approx(
        model.max_response(30.0), rel=1e-3
    )


def test_affinities_span_studies_but_ignore_categories():
    aff = model.affinities()
    assert (aff["morphine"].low_nM, aff["morphine"].high_nM) == (1.2, 4.0)  # not the 1-100 band
    assert aff["morphine"].is_range
    assert "buprenorphine" not in aff  # category only
    assert aff["mitragynine"].sources == ("Obeng et al. 2021",)
    # The Obeng 2021 abstract pairing may be transposed: each compound spans both printed values.
    assert (aff["mitragynine"].low_nM, aff["mitragynine"].high_nM) == (77.9, 709.0)
    assert (aff["7-hydroxymitragynine"].low_nM, aff["7-hydroxymitragynine"].high_nM) == (77.9, 709.0)


def test_binding_summary_never_prints_one_number_as_a_range():
    summary = model.binding_summary()
    values = dict(zip(summary["compound"] + " " + summary["measure"] + " " + summary["source"],
                      summary["value (nM)"], strict=False))
    assert values["naloxone KD Zastawny et al. 1994"] == "1.5"
    assert values["morphine KD Zastawny et al. 1994"] == "2-4"
    assert values["mitragynine Ki Obeng et al. 2021"] == "77.9 or 709 (which is which is uncertain)"
    single = summary[~summary["value (nM)"].str.contains("-|or|<")]["value (nM)"]
    assert not single.empty
    for text in summary["value (nM)"]:
        if "-" in text and "category" not in text:
            low, high = text.split("-")
            assert float(low) < float(high)
    assert {"species", "system", "radioligand", "where read"} <= set(summary.columns)


def test_every_binding_row_was_read_in_its_source():
    table = model.binding_table()
    assert table["read_in_source"].all()
    assert table["species"].notna().all() and table["radioligand"].notna().all()


def test_binding_state_brackets_each_range():
    state = model.binding_state(2.0, ["morphine", "naloxone"])
    assert state.occupancy_low["morphine"] == pytest.approx(2 / 6)
    assert state.occupancy_high["morphine"] == pytest.approx(2 / 3.2)
    assert state.occupancy_low["naloxone"] == state.occupancy_high["naloxone"]


def test_bias_state_pathways():
    state = model.bias_state(3.0, 0.05, ka_nM=100.0, reference_tau=30.0)
    assert state.g_protein[-1] == pytest.approx(0.75, rel=1e-3)
    assert state.arrestin[-1] == pytest.approx(0.05 / 1.05, rel=1e-3)
    assert np.all(state.arrestin <= state.g_protein)


def test_efficacy_state_partial_alone_level():
    state = model.efficacy_state(1.0, 1.0, 100.0, full_tau=30.0, ka_nM=100.0)
    # At negligible full-agonist concentration only the partial agonist acts: 1*0.5/(1+0.5+... )
    assert state.full_with_partial[0] == pytest.approx(model.operational_response(100.0, 100.0, 1.0), rel=1e-3)
    assert state.partial_max == pytest.approx(0.5)
