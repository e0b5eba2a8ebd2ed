"""Property tests of lesson 07: bad input to every public function of teach.claims.model is refused
with a message naming the parameter, its unit and the valid range; valid input never gives NaN."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teach.claims import model

BAD = st.one_of(
    st.floats(max_value=0.999, allow_nan=False), st.floats(min_value=6.001, allow_nan=False),
    st.just(math.nan), st.just(math.inf), st.sampled_from(["ten", None, True, [1, [2]], {}]),
)
RATING = st.floats(min_value=1, max_value=5)

# function, argument, other valid arguments, unit; ratings must lie in 1-5, min_rank in 1-6
CASES = [
    (model.rating_label, "rating", {}, "points", 5),
    (model.rating_gap, "learner_rating", {"evidence_rating": 2}, "points", 5),
    (model.rating_gap, "evidence_rating", {"learner_rating": 2}, "points", 5),
    (model.rating_state, "not_an_opioid", {}, "points", 5),
    (model.level_state, "min_rank", {}, "level", 6),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0].__name__}-{c[1]}" for c in CASES])
@settings(max_examples=30, deadline=None)
@given(bad=BAD)
def test_bad_input_names_parameter_unit_and_range(case, bad):
    func, name, others, unit, high = case
    if isinstance(bad, float) and 1 <= bad <= high:
        return
    with pytest.raises(ValueError) as excinfo:
        func(**others, **{name: bad})
    message = str(excinfo.value)
    assert name in message and unit in message
    assert ">= 1" in message and f"<= {high}" in message


def test_choices_and_flags_list_the_options():
    for call, match in ((lambda: model.claim("kratom_cures_everything"), "claim_id must be one of"),
                        (lambda: model.level_rank("anecdote"), "level must be one of"),
                        (lambda: model.rating_state(cures_all=3), "claim must be one of"),
                        (lambda: model.rating_state(reveal="yes"), "reveal must be True or False")):
        with pytest.raises(ValueError, match=match):
            call()


@settings(max_examples=60, deadline=None)
@given(ratings=st.lists(RATING, min_size=8, max_size=8), reveal=st.booleans(),
       rank=st.floats(min_value=1, max_value=6))
def test_valid_input_never_gives_nan(ratings, reveal, rank):
    state = model.rating_state(reveal=reveal, **dict(zip(model.claim_ids(), ratings, strict=True)))
    assert np.all(np.isfinite(state.gaps)) and math.isfinite(state.mean_abs_gap)
    assert model.rating_label(ratings[0]) in model.LEARNER_LABELS.values()
    assert math.isfinite(model.rating_gap(ratings[0], ratings[1]))
    levels = model.level_state(rank)
    assert levels.min_level in model.LEVELS and set(levels.reaching) <= set(model.claim_ids())
