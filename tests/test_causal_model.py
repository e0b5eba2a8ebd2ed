"""Lesson 03 model: calibration, estimators, back-door sets, coverage and selection bias."""

from __future__ import annotations

import numpy as np
import pytest

from teach.causal import model
from teach.data import parameter

T = model.TABLE


@pytest.fixture(scope="module")
def big():
    """One large cohort under the default graph (no true effect of kratom)."""
    return model.simulate_cohort(400_000, 2024)


# --- Calibration against the published targets -----------------------------------------------


@pytest.mark.parametrize(("node", "target", "tolerance"), [
    ("pain", "p_pain", 0.01), ("inactive", "p_inactive", 0.01), ("obese", "p_obese", 0.01),
    ("diabetes", "p_diabetes", 0.01), ("kratom", "p_kratom", 0.001), ("masld", "p_masld", 0.01),
])
def test_prevalences_hit_their_published_targets(big, node, target, tolerance):
    assert big.prevalence(node) == pytest.approx(parameter(target, T), abs=tolerance)


def test_masld_lies_in_the_published_range(big):
    assert parameter("p_masld_low", T) <= big.prevalence("masld") <= parameter("p_masld_high", T)


def test_chronic_pain_rises_with_age_as_published(big):
    age, pain = big.data["age"], big.data["pain"]
    published = {(20, 35): 0.094, (35, 50): 0.177, (50, 65): 0.263, (65, 80): 0.310}  # MMWR QuickStats 2020
    shares = [pain[(age >= lo) & (age < hi)].mean() for lo, hi in published]
    assert shares == sorted(shares)
    for share, expected in zip(shares, published.values(), strict=True):
        assert share == pytest.approx(expected, abs=0.04)  # ages are drawn uniformly (illustrative)


def test_published_associations_are_reproduced_within_their_confidence_intervals(big):
    d = big.data
    obese = d["obese"] == 1
    risk_ratio = d["masld"][obese].mean() / d["masld"][~obese].mean()
    assert 2.48 <= risk_ratio <= 5.03  # Li et al. 2016: RR 3.53 (2.48-5.03)
    assert 1.18 <= model.crude_estimates(d, "inactive")[0].value <= 2.08  # Zhang 2021: OR 1.57 (1.18-2.08)
    assert 1.27 <= model.crude_estimates(d, "obese", "pain")[0].value <= 1.66  # Zhong 2024: OR 1.45 (1.27-1.66)


def test_kratom_is_far_more_common_among_people_in_pain(big):
    d = big.data
    in_pain = d["kratom"][d["pain"] == 1].mean()
    assert 0.011 <= in_pain <= 0.030  # the range derived in the reference notes (section D2)
    assert in_pain > 4 * d["kratom"][d["pain"] == 0].mean()


def test_survey_and_population_users_differ_as_published(big):
    d = big.data
    users, answered = d["kratom"] == 1, d["survey"] == 1
    assert d["male"][users].mean() == pytest.approx(parameter("users_male_share", T), abs=0.04)
    assert 1 - d["male"][answered].mean() == pytest.approx(parameter("survey_female_share", T), abs=0.05)
    assert d["pain"][answered].mean() == pytest.approx(parameter("survey_pain_share", T), abs=0.04)


# --- Common random numbers: the same people whatever the sliders say ------------------------


def test_the_true_effect_changes_masld_of_kratom_users_only():
    none, harmful = model.simulate_cohort(20_000, 5), model.simulate_cohort(20_000, 5, kratom_or=3.0)
    for name in ("age", "male", "pain", "inactive", "obese", "diabetes", "alcohol", "opioid", "kratom"):
        np.testing.assert_array_equal(none.data[name], harmful.data[name])
    users = none.data["kratom"] == 1
    np.testing.assert_array_equal(none.data["masld"][~users], harmful.data["masld"][~users])
    assert harmful.data["masld"][users].sum() > none.data["masld"][users].sum()


def test_an_arrow_re_simulates_only_what_lies_downstream():
    default = model.simulate_cohort(20_000, 5)
    stronger = model.simulate_cohort(20_000, 5, strengths={("pain", "opioid"): 12.0})
    for name in ("pain", "obese", "masld", "alt"):  # not downstream of opioid (kratom has no effect here)
        np.testing.assert_array_equal(default.data[name], stronger.data[name])
    assert stronger.data["opioid"][stronger.data["pain"] == 1].mean() > default.data["opioid"][
        default.data["pain"] == 1].mean()
    assert stronger.prevalence("opioid") == pytest.approx(parameter("p_opioid", T), abs=0.01)


def test_a_seed_gives_the_same_cohort_every_time():
    first, again = model.simulate_cohort(3_000, 9, kratom_or=1.5), model.simulate_cohort(3_000, 9, kratom_or=1.5)
    for name, values in first.data.items():
        np.testing.assert_array_equal(values, again.data[name])
    other = model.simulate_cohort(3_000, 10, kratom_or=1.5)
    assert not np.array_equal(first.data["masld"], other.data["masld"])


def test_a_learners_edit_cannot_change_another_simulation():
    cohort = model.simulate_cohort(2_000, 4)
    with pytest.raises(ValueError, match="read-only"):
        cohort.data["masld"][0] = 1 - cohort.data["masld"][0]


def test_the_column_cache_stays_within_its_byte_budget():
    cache = model._Cache(max_bytes=10_000)
    for key in range(10):
        cache.get(key, lambda: (np.zeros(1_000),))  # 8,000 bytes each
    assert cache._bytes <= 10_000 and list(cache._items) == [9]
    made = []
    cache.get(9, lambda: made.append(1) or (np.zeros(1),))
    assert made == []  # a hit does not make the value again


def test_a_cohort_costs_the_cache_its_own_columns_and_no_more(monkeypatch):
    """The cache keeps a cohort's columns (shared with the cohort), not the uniform draws behind
    them (8 bytes a person for every variable) nor, for a one-off cohort, MASLD's baseline."""
    monkeypatch.setattr(model, "_COLUMNS", model._Cache(max_bytes=2**40))
    model.simulate_cohort(1_000, 1)  # the calibration, cached once per graph
    before = model._COLUMNS._bytes
    cohort = model.simulate_cohort(100_000, 2, kratom_or=1.5)
    own = sum(values.nbytes for values in cohort.data.values())
    assert own <= model._COLUMNS._bytes - before <= own + 64  # the columns, and the truth's two numbers


# --- Estimators against analytic results ------------------------------------------------------


def _table_data(a, b, c, d):
    exposure = np.repeat([1, 1, 0, 0], [a, b, c, d])
    outcome = np.repeat([1, 0, 1, 0], [a, b, c, d])
    return {"kratom": exposure, "masld": outcome, "male": np.zeros_like(exposure), "pain": exposure * 0}


def test_crude_odds_ratio_and_risk_difference_match_the_formulas():
    odds, risk = model.crude_estimates(_table_data(30, 70, 20, 180))
    assert odds.value == pytest.approx(30 * 180 / (70 * 20))
    se = np.sqrt(1 / 30 + 1 / 70 + 1 / 20 + 1 / 180)
    assert odds.low == pytest.approx(odds.value * np.exp(-1.959964 * se), rel=1e-5)
    assert risk.value == pytest.approx(0.30 - 0.10)


def test_mantel_haenszel_with_one_stratum_is_the_crude_odds_ratio():
    data = _table_data(30, 70, 20, 180)
    assert model.mantel_haenszel(data, ("pain",)).value == pytest.approx(30 * 180 / (70 * 20))


def test_logistic_regression_without_covariates_is_the_crude_odds_ratio():
    data = _table_data(30, 70, 20, 180)
    assert model.adjusted_logit(data, ()).value == pytest.approx(30 * 180 / (70 * 20), rel=1e-6)


def test_pooled_logistic_fit_equals_the_person_level_fit():
    import statsmodels.api as sm

    data = model.simulate_cohort(20_000, 3, kratom_or=1.7).data
    for adjust in (("pain", "male"), ("pain", "male", "obese", "inactive", "diabetes", "opioid")):
        design = np.column_stack([np.ones(20_000), data["kratom"], *(data[name] for name in adjust)]).astype(float)
        person = sm.Logit(data["masld"].astype(int), design).fit(disp=0)
        estimate = model.adjusted_logit(data, adjust)
        assert np.log(estimate.value) == pytest.approx(person.params[1], rel=1e-8)
        assert np.log(estimate.high / estimate.value) == pytest.approx(1.959964 * person.bse[1], rel=1e-6)


@pytest.mark.parametrize("adjust", [(), ("pain", "male"), ("clinic", "pain"),
                                    ("male", "pain", "obese", "inactive", "diabetes", "opioid", "alcohol")])
@pytest.mark.parametrize(("kratom_or", "pain_kratom_or", "n_people", "seed"),
                         [(1.7, None, 20_000, 3), (0.4, 12.0, 300, 5), (3.0, 20.0, 150, 49)])
def test_the_estimates_app_gives_each_estimators_own_numbers(adjust, kratom_or, pain_kratom_or, n_people, seed):
    """estimates_state counts the people once for the crude, Mantel-Haenszel and logistic
    estimates and draws only what they read: its numbers are the estimators' own on the whole
    cohort, to the last bit."""
    state = model.estimates_state(kratom_or, pain_kratom_or, n_people, adjust, seed)
    strengths = {} if pain_kratom_or is None else {("pain", "kratom"): pain_kratom_or}
    cohort = model.simulate_cohort(n_people, seed, kratom_or, strengths)
    odds, risk = model.crude_estimates(cohort.data)
    assert state.estimates == (odds, model.mantel_haenszel(cohort.data, adjust),
                               model.adjusted_logit(cohort.data, adjust),
                               model.randomised_trial(2_000, seed + 1, kratom_or, strengths))
    assert state.risk_difference == risk
    assert (state.causal_or, state.causal_rd) == (cohort.causal_or, cohort.causal_rd)
    assert state.kratom_users == int(cohort.data["kratom"].sum())


def test_one_count_drops_a_constant_covariate_as_the_logistic_regression_does():
    data = dict(model.simulate_cohort(20_000, 6, kratom_or=1.7).data)
    data["alcohol"] = np.zeros_like(data["alcohol"])  # nobody: the column is constant
    adjust = ("pain", "alcohol", "male")
    odds, risk, pooled, logit = model._estimates_from_counts(data, adjust)
    assert (odds, risk) == model.crude_estimates(data)
    assert pooled == model.mantel_haenszel(data, adjust)
    assert logit == model.adjusted_logit(data, adjust) == model.adjusted_logit(data, ("pain", "male"))


def test_estimators_name_an_empty_sample():
    empty = {name: np.zeros(0, dtype=np.int8) for name in ("kratom", "masld", "male", "pain")}
    for estimator in (model.crude_estimates, model.mantel_haenszel):
        with pytest.raises(ValueError, match="at least one person"):
            estimator(empty)


def test_indication_estimates_equal_the_person_level_estimators():
    state = model.indication_state(3.0, 1.5)
    data = model.simulate_cohort(50_000, 11, 1.5, {("pain", "opioid"): 3.0}).data
    rows = dict(state.rows)
    for exposure in ("opioid", "kratom"):
        in_pain = {name: values[data["pain"] == 1] for name, values in data.items()}
        expected = {
            "crude": model.crude_estimates(data, exposure)[0],
            "chronic pain": model.crude_estimates(in_pain, exposure)[0],
            "pooled (M-H, pain + sex)": model.mantel_haenszel(data, ("pain", "male"), exposure),
        }
        for label, estimate in expected.items():
            got = rows[f"{exposure}: {label}"]
            assert (got.value, got.low, got.high, got.n_people) == pytest.approx(
                (estimate.value, estimate.low, estimate.high, estimate.n_people))


def test_kidney_stones_show_simpsons_paradox():
    rates = model.simpson_summary()
    open_, pn = "open surgery", "percutaneous nephrolithotomy"
    for size in ("small (< 2 cm)", "large (>= 2 cm)"):
        assert rates[(size, open_)] > rates[(size, pn)]
    assert rates[("all", open_)] == pytest.approx(273 / 350)
    assert rates[("all", pn)] == pytest.approx(289 / 350)
    assert rates[("all", open_)] < rates[("all", pn)]


# --- The graph: back-door criterion and d-separation ------------------------------------------


def test_valid_adjustment_sets_from_the_graph():
    sets = model.valid_adjustment_sets()
    assert ("male", "pain") in sets
    assert model.is_valid_adjustment(("pain", "male"))
    assert not model.is_valid_adjustment(())
    assert not model.is_valid_adjustment(("pain",))  # sex -> kratom and sex -> MASLD stays open
    assert not model.is_valid_adjustment(("pain", "male", "clinic"))  # a collider, descendant of kratom
    assert not model.is_valid_adjustment(("pain", "male", "alt"))  # a descendant of the outcome


def test_paths_open_and_close_as_d_separation_says():
    crude = model.paths_between(())
    assert any(p.backdoor and p.open for p in crude)
    adjusted = model.paths_between(("pain", "male"))
    assert not any(p.backdoor and p.open for p in adjusted)
    collider = model.paths_between(("pain", "male", "clinic"))
    assert any(p.open and "collider clinic" in p.reason for p in collider)


def test_graph_is_a_dag_with_kratom_effect_only_when_set():
    import networkx as nx

    assert nx.is_directed_acyclic_graph(model.causal_graph(selection=True))
    assert not model.causal_graph(1.0).has_edge("kratom", "masld")
    assert model.causal_graph(2.0)["kratom"]["masld"]["odds_ratio"] == 2.0


# --- Bias, coverage, sample size ---------------------------------------------------------------


def test_crude_estimate_is_biased_under_the_default_graph(big):
    crude, risk = model.crude_estimates(big.data)
    assert crude.low > 1.0 and risk.low > 0.0  # an association where kratom does nothing
    adjusted = model.mantel_haenszel(big.data, ("pain", "male"))
    assert adjusted.covers(1.0)


def _coverage(estimates, truth):
    return np.mean([e.covers(truth) for e in estimates])


@pytest.mark.slow
def test_randomised_trial_covers_the_true_effect_at_its_nominal_rate():
    truth = model.simulate_cohort(400_000, 1, kratom_or=2.0).causal_or
    trials = [model.randomised_trial(1_000, seed, kratom_or=2.0) for seed in range(200)]
    assert 0.91 <= _coverage(trials, truth) <= 0.99


@pytest.mark.slow
def test_valid_adjustment_covers_the_null_at_its_nominal_rate():
    logit, mh = [], []
    for seed in range(200):
        data = model.simulate_cohort(20_000, 1000 + seed).data
        logit.append(model.adjusted_logit(data, ("pain", "male")))
        mh.append(model.mantel_haenszel(data, ("pain", "male")))
    assert 0.91 <= _coverage(logit, 1.0) <= 0.99
    assert 0.91 <= _coverage(mh, 1.0) <= 0.99


@pytest.mark.slow
def test_valid_adjustment_recovers_a_harmful_effect():
    # Adjusting for every parent of MASLD specifies the logistic model exactly: the estimand is the OR set.
    parents = ("age", "male", "inactive", "obese", "diabetes")
    assert model.is_valid_adjustment(parents)
    estimates = [model.adjusted_logit(model.simulate_cohort(20_000, 500 + s, kratom_or=2.0).data, parents)
                 for s in range(100)]
    assert 0.89 <= _coverage(estimates, 2.0) <= 1.0
    crude = [model.crude_estimates(model.simulate_cohort(20_000, 500 + s, kratom_or=2.0).data)[0]
             for s in range(30)]
    assert np.median([c.value for c in crude]) > 2.0  # confounding pushes the crude estimate up


def test_conditioning_on_a_collider_creates_an_association_where_there_is_none(big):
    clinic = model.select(big, "liver clinic")
    assert model.mantel_haenszel(big.data, ("pain", "male")).covers(1.0)
    assert model.mantel_haenszel(clinic, ("pain", "male")).high < 1.0
    # ... and adjusting for clinic attendance in the whole cohort does the same
    assert model.adjusted_logit(big.data, ("pain", "male", "clinic")).high < 1.0


def test_sample_size_narrows_the_interval_but_keeps_the_bias():
    rows = model.estimates_by_size((5_000, 400_000), seed=3)
    (_, small, _), (_, large, adjusted) = rows
    assert (large.high - large.low) < (small.high - small.low) / 4
    assert large.low > 1.0 and adjusted.covers(1.0)


def test_confounding_by_indication_vanishes_within_pain_strata():
    rows = dict(model.indication_state().rows)
    assert rows["opioid: crude"].low > 1.0
    assert rows["opioid: pooled (M-H, pain + sex)"].covers(1.0)


# --- Scale -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_million_people_and_every_estimate():
    """The scale the issue asks for works end to end (benchmarks/cohort_scale.py times it)."""
    cohort = model.simulate_cohort(1_000_000, 1)
    assert len(cohort.data["kratom"]) == 1_000_000
    estimates = [
        *model.crude_estimates(cohort.data),
        model.mantel_haenszel(cohort.data, ("pain", "male")),
        model.adjusted_logit(cohort.data, ("pain", "male")),
        model.randomised_trial(20_000, 2),
    ]
    assert all(np.isfinite([e.value, e.low, e.high]).all() for e in estimates)


def test_simpsons_paradox_within_the_cohort():
    """A small protective effect looks harmful crude, and protective within pain-and-sex strata."""
    protective = model.simulate_cohort(400_000, 1, kratom_or=0.85)
    assert model.crude_estimates(protective.data)[0].value > 1.0
    assert model.mantel_haenszel(protective.data, ("pain", "male")).high < 1.0


def test_reverse_causation_fools_adjustment_but_not_randomisation():
    reverse = {("masld", "kratom"): 2.0}
    cohort = model.simulate_cohort(400_000, 1, strengths=reverse)
    assert cohort.prevalence("kratom") == pytest.approx(parameter("p_kratom", T), abs=0.001)
    assert cohort.causal_or == pytest.approx(1.0)
    assert model.mantel_haenszel(cohort.data, ("pain", "male")).low > 1.5
    assert model.randomised_trial(20_000, 2, strengths=reverse).covers(1.0)
    with pytest.raises(ValueError, match="cannot contain both arrows"):
        model.simulate_cohort(1_000, 1, kratom_or=2.0, strengths=reverse)
