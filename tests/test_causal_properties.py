"""Lesson 03 property tests: bad input is refused clearly; valid input never gives NaN."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from teach.causal import model


@pytest.fixture(scope="module")
def cohort():
    return model.simulate_cohort(5_000, 1)


# Each public numeric function with valid arguments, and the unit an error must name.
VALID = {
    model.causal_graph: {"kratom_or": 1.5},
    model.simulate_cohort: {"n_people": 1_000, "seed": 1, "kratom_or": 1.5},
    model.randomised_trial: {"n_people": 500, "seed": 1, "kratom_or": 1.5},
    model.paths_between: {"kratom_or": 1.5},
    model.estimates_state: {"kratom_or": 1.5, "pain_kratom_or": 3.0, "n_people": 2_000, "seed": 1, "n_trial": 500},
    model.selection_state: {"clinic_kratom_or": 3.0},
    model.indication_state: {"pain_opioid_or": 3.0, "kratom_or": 1.5},
}
OPTIONAL = {"pain_kratom_or", "clinic_kratom_or", "pain_opioid_or"}
UNITS = {"n_people": "people", "n_trial": "people", "seed": "dimensionless"}
CASES = [(func, name) for func, kwargs in VALID.items() for name in kwargs]
BAD_VALUES = st.one_of(
    st.floats(max_value=-1e-9, allow_nan=False),
    st.just(math.nan), st.just(math.inf), st.just(-math.inf),
    st.floats(min_value=1e10, allow_infinity=False),  # beyond every upper bound, the seed's included
    st.sampled_from(["ten", None, True, [1, [2]], {}]),
)


@pytest.mark.parametrize("case", CASES, ids=[f"{f.__name__}-{n}" for f, n in CASES])
@settings(max_examples=15, deadline=None)
@given(bad=BAD_VALUES)
def test_bad_input_names_parameter_unit_and_range(case, bad):
    func, name = case
    assume(not (bad is None and name in OPTIONAL))  # None means "the table's default"
    with pytest.raises(ValueError) as excinfo:
        func(**dict(VALID[func], **{name: bad}))
    message = str(excinfo.value)
    assert name in message
    assert UNITS.get(name, "odds ratio") in message
    assert "must be" in message and any(op in message for op in (">=", ">", "<="))


def test_fractional_people_and_seeds_are_refused():
    with pytest.raises(ValueError, match=r"n_people \(cohort size, people\) must be a whole number"):
        model.simulate_cohort(1000.5)
    with pytest.raises(ValueError, match=r"seed \(random seed, dimensionless\) must be a whole number"):
        model.simulate_cohort(1000, 1.5)


def test_unknown_names_list_the_choices(cohort):
    with pytest.raises(ValueError, match="adjust_for must be one of"):
        model.is_valid_adjustment(["kratom tea"])
    with pytest.raises(ValueError, match="adjust_for must be a list"):
        model.mantel_haenszel(cohort.data, "pain")
    with pytest.raises(ValueError, match="exposure must be one of"):
        model.valid_adjustment_sets("coffee")
    with pytest.raises(ValueError, match="variable must be one of"):
        model.crude_estimates(cohort.data, "coffee")
    with pytest.raises(ValueError, match="sample must be one of"):
        model.select(cohort, "a hospital")
    with pytest.raises(ValueError, match="cohort must be a Cohort"):
        model.select({"male": []})
    with pytest.raises(ValueError, match="columns must be one of"):
        model.select(cohort, "liver clinic", columns=["kratom", "coffee"])
    with pytest.raises(ValueError, match="data must be a dict"):
        model.adjusted_logit([1, 2, 3])
    with pytest.raises(ValueError, match="strengths keys must be arrows"):
        model.simulate_cohort(1000, strengths={("alt", "kratom"): 2.0})
    with pytest.raises(ValueError, match=r"strengths\[pain->kratom\] \(arrow strength, odds ratio\) must be"):
        model.simulate_cohort(1000, strengths={("pain", "kratom"): -2.0})
    with pytest.raises(ValueError, match="arrow must be one of"):
        model.arrow_odds_ratio("alt", "kratom")
    with pytest.raises(ValueError, match="parent must be one of"):
        model.arrow_odds_ratio("coffee", "kratom")
    with pytest.raises(ValueError, match="sizes"):
        model.estimates_by_size((10,))


def test_empty_data_is_refused(cohort):
    empty = {name: values[:0] for name, values in cohort.data.items()}
    with pytest.raises(ValueError, match="at least one person"):
        model.crude_estimates(empty)


@settings(max_examples=12, deadline=None)
@given(kratom_or=st.floats(0.05, 20.0), n=st.integers(100, 3_000), seed=st.integers(0, 2**32 - 1),
       adjust=st.sets(st.sampled_from(["age", "male", "pain", "obese", "alt", "clinic"])))
def test_valid_input_never_gives_nan(kratom_or, n, seed, adjust):
    cohort = model.simulate_cohort(n, seed, kratom_or)
    estimates = [
        *model.crude_estimates(cohort.data),
        model.mantel_haenszel(cohort.data, sorted(adjust)),
        model.adjusted_logit(cohort.data, sorted(adjust)),
        model.randomised_trial(n, seed, kratom_or),
    ]
    for est in estimates:
        assert not any(math.isnan(v) for v in (est.value, est.low, est.high)), est
        assert est.low <= est.value <= est.high
    assert 0 < cohort.causal_or and not math.isnan(cohort.causal_rd)
    assert all(np.isfinite(cohort.data["alt"]))
