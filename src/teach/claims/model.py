"""Popular claims about kratom, the evidence for each, and a learner's ratings against it.

The evidence comes from one cited table, ``claims.csv``: one row per (claim, source) with
the source's level (in vitro, animal, case report, cross-sectional survey, clinical study,
randomised trial), what it found, and its citation key. The evidence rating of each claim
(1 = contradicted by the evidence, 2 = not supported by it, 3 = mixed, 4 = partly supported,
5 = supported) is the course's reading of those sources, not a measured quantity.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from teach.data import load_table
from teach.validation import Bounds, check_choice, check_quantity

LEVELS = (
    "in vitro", "animal", "case report", "cross-sectional survey", "clinical study", "randomised trial",
)
"""Source levels, weakest first, for a claim about effects in people."""

RATING_LABELS = {1: "contradicted", 2: "not supported", 3: "mixed", 4: "partly supported", 5: "supported"}
LEARNER_LABELS = {1: "false", 2: "mostly false", 3: "unsure", 4: "mostly true", 5: "true"}
RATING_BOUNDS = Bounds(1, 5)


@cache
def _table():
    return load_table("claims")


def claim_ids() -> list[str]:
    """The claims' ids, in the order of the table (and of the figures)."""
    return list(dict.fromkeys(_table()["claim_id"]))


@dataclass(frozen=True)
class Source:
    """One study behind a claim: its level, what it found, and its citation key."""

    level: str
    finding: str
    citation: str


@dataclass(frozen=True)
class Claim:
    """A popular claim, its evidence rating (1-5), the lesson it ties back to, and its sources."""

    claim_id: str
    text: str
    evidence_rating: int
    verdict: str
    lesson: str
    sources: tuple[Source, ...]

    @property
    def levels(self) -> tuple[str, ...]:
        """The distinct source levels, weakest first."""
        return tuple(level for level in LEVELS if any(s.level == level for s in self.sources))

    @property
    def best_level(self) -> str:
        """The strongest level of evidence among the sources."""
        return self.levels[-1]


@cache
def claims() -> dict[str, Claim]:
    """Every claim of the table, keyed by id."""
    table = _table()
    result = {}
    for claim_id in claim_ids():
        rows = table[table["claim_id"] == claim_id]
        first = rows.iloc[0]
        result[claim_id] = Claim(
            claim_id=claim_id, text=str(first["claim"]), evidence_rating=int(first["evidence_rating"]),
            verdict=str(first["verdict"]), lesson=f"{int(first['lesson']):02d}",
            sources=tuple(Source(r.level, r.finding, r.citation) for r in rows.itertuples()),
        )
    return result


def claim(claim_id: str) -> Claim:
    """One claim by id, e.g. ``"not_an_opioid"``."""
    return claims()[check_choice(claim_id, "claim_id", claim_ids())]


def level_rank(level: str) -> int:
    """Position of a source level on the ladder: 1 (in vitro) to 6 (randomised trial)."""
    return LEVELS.index(check_choice(level, "level", LEVELS)) + 1


def rating_label(rating: float) -> str:
    """Words for a learner's rating on the 1-5 scale (rounded half up to a whole point)."""
    value = check_quantity(rating, "rating", "points", RATING_BOUNDS, meaning="1 = false, 5 = true")
    return LEARNER_LABELS[int(np.floor(value + 0.5))]


def rating_gap(learner_rating: float, evidence_rating: float) -> float:
    """How far a learner's rating sits above (+) or below (-) the evidence rating, in points."""
    learner = check_quantity(learner_rating, "learner_rating", "points", RATING_BOUNDS, meaning="1 = false, 5 = true")
    evidence = check_quantity(evidence_rating, "evidence_rating", "points", RATING_BOUNDS,
                              meaning="1 = contradicted, 5 = supported")
    return learner - evidence


@dataclass(frozen=True)
class RatingState:
    """The learner's ratings against the evidence, claim by claim (in ``claim_ids()`` order)."""

    learner: np.ndarray
    evidence: np.ndarray
    revealed: bool
    gaps: np.ndarray
    mean_abs_gap: float
    focus: str

    @property
    def overrated(self) -> list[str]:
        """Claims rated at least one point truer than the evidence allows."""
        return [cid for cid, gap in zip(claim_ids(), self.gaps, strict=True) if gap >= 1]


def rating_state(*, reveal: bool = False, **ratings: float) -> RatingState:
    """Compare the learner's ratings (one keyword per claim id, 1-5 points) with the evidence.

    A claim without a rating gets the neutral 3. ``reveal`` says whether the evidence is shown yet.
    """
    if not isinstance(reveal, bool | np.bool_):
        raise ValueError(f"reveal must be True or False; got {reveal!r}")
    unknown = set(ratings) - set(claim_ids())
    if unknown:
        check_choice(sorted(unknown)[0], "claim", claim_ids())
    learner = np.array([
        check_quantity(ratings.get(cid, 3.0), cid, "points", RATING_BOUNDS, meaning="your rating, 1 = false, 5 = true")
        for cid in claim_ids()
    ])
    evidence = np.array([claims()[cid].evidence_rating for cid in claim_ids()], dtype=float)
    gaps = learner - evidence
    focus = max(claim_ids(), key=lambda cid: abs(gaps[claim_ids().index(cid)]))
    return RatingState(learner, evidence, bool(reveal), gaps, float(np.mean(np.abs(gaps))), focus)


@dataclass(frozen=True)
class LevelState:
    """Which claims have a source at or above a chosen level of evidence."""

    min_rank: float
    min_level: str
    counts: np.ndarray  # claims x levels: number of sources
    reaching: list[str]


def source_counts() -> np.ndarray:
    """Number of sources per claim (rows, ``claim_ids()`` order) and level (columns, ``LEVELS``)."""
    counts = np.zeros((len(claim_ids()), len(LEVELS)))
    for i, cid in enumerate(claim_ids()):
        for source in claims()[cid].sources:
            counts[i, LEVELS.index(source.level)] += 1
    return counts


def level_state(min_rank: float = 4.0) -> LevelState:
    """The claims that have at least one source at level ``min_rank`` (1-6) or stronger."""
    rank = check_quantity(min_rank, "min_rank", "level", Bounds(1, len(LEVELS)),
                          meaning="1 = in vitro, 6 = randomised trial")
    counts = source_counts()
    first = int(np.ceil(rank - 1e-9)) - 1
    reaching = [cid for i, cid in enumerate(claim_ids()) if counts[i, first:].sum() > 0]
    return LevelState(rank, LEVELS[first], counts, reaching)
