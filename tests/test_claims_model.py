"""Unit tests of lesson 07: the claims table, the evidence ladder and the rating comparison."""

from __future__ import annotations

import numpy as np
import pytest

from teach.claims import model
from teach.data import load_table, references

CLAIMS = {"not_addictive", "not_an_opioid", "helps_fatty_liver", "causes_fatty_liver", "no_interactions",
          "seven_oh_is_natural", "bias_safe_breathing", "proven_painkiller"}


def test_the_eight_claims_of_the_issue_are_all_there():
    assert set(model.claim_ids()) == CLAIMS


def test_every_claim_has_cited_sources_with_known_levels():
    table = load_table("claims")
    assert set(table["level"]) <= set(model.LEVELS)
    assert set(table["citation"]) <= set(references())
    for claim in model.claims().values():
        assert claim.sources and 1 <= claim.evidence_rating <= 5
        assert claim.verdict == model.RATING_LABELS[claim.evidence_rating]
        assert claim.lesson in {"01", "02", "03", "04", "05", "06"}
    # one rating and one verdict per claim, however many sources it has
    assert (table.groupby("claim_id")[["evidence_rating", "verdict", "claim"]].nunique() == 1).all().all()


def test_levels_are_ordered_weakest_first():
    assert model.level_rank("in vitro") == 1 and model.level_rank("randomised trial") == len(model.LEVELS)
    assert model.claim("proven_painkiller").best_level == "randomised trial"
    assert model.claim("no_interactions").best_level == "clinical study"
    assert model.claim("causes_fatty_liver").levels == ("case report", "cross-sectional survey")


def test_published_values_in_the_findings():
    findings = " ".join(s.finding for c in model.claims().values() for s in c.sources)
    for value in ("1.39-fold", "29.5 %", "0.56 (0.33-0.96)", "11.2 s", "24.9 s", "20.6 days"):
        assert value in findings


def test_rating_gap_and_labels():
    assert model.rating_gap(4, 1) == 3 and model.rating_gap(1, 2) == -1
    assert model.rating_label(1) == "false" and model.rating_label(2.5) == "unsure" and model.rating_label(5) == "true"


def test_rating_state_against_the_evidence():
    state = model.rating_state(not_an_opioid=5.0, reveal=True)
    evidence = np.array([model.claims()[c].evidence_rating for c in model.claim_ids()])
    learner = np.full(len(CLAIMS), 3.0)
    learner[model.claim_ids().index("not_an_opioid")] = 5.0
    np.testing.assert_array_equal(state.learner, learner)
    np.testing.assert_array_equal(state.gaps, learner - evidence)
    assert state.mean_abs_gap == pytest.approx(np.mean(np.abs(learner - evidence)))
    assert state.focus == "not_an_opioid" and state.revealed
    assert "not_an_opioid" in state.overrated


def test_perfect_ratings_have_no_gap():
    ratings = {cid: float(c.evidence_rating) for cid, c in model.claims().items()}
    state = model.rating_state(**ratings)
    assert state.mean_abs_gap == 0 and state.overrated == []


def test_level_state_thresholds():
    assert len(model.level_state(1).reaching) == len(CLAIMS)
    assert model.level_state(6).reaching == ["proven_painkiller"]
    assert model.level_state(6).min_level == "randomised trial"
    # only claims resting on in vitro and animal work drop out at "case report"
    assert set(model.level_state(3).reaching) == CLAIMS - {"seven_oh_is_natural", "bias_safe_breathing"}
    assert model.source_counts().sum() == len(load_table("claims"))


def test_verdict_counts_stated_in_the_notebook():
    verdicts = [c.verdict for c in model.claims().values()]
    assert verdicts.count("contradicted") == 5 and verdicts.count("not supported") == 3
