"""Interactive demos of lesson 06. Each factory returns a ready :class:`~teach.ui.LessonApp`.

In a notebook: ``teach.claims.app.rating_app()``.
"""

from __future__ import annotations

from teach.claims import model
from teach.claims.figures import LevelFigure, RatingFigure
from teach.data import short_citation
from teach.ui import LessonApp
from teach.ui.controls import slider, tick
from teach.validation import check_flag, check_state_argument


def _cites(claim: model.Claim, levels=None) -> str:
    keys = dict.fromkeys(s.citation for s in claim.sources if levels is None or s.level in levels)
    return "; ".join(short_citation(key) for key in keys)


# --- 1. Rate the claims, then see the evidence -------------------------------------------------


@check_state_argument
def describe_ratings(state: model.RatingState) -> list[str]:
    """Readout lines: each rating, and once revealed the evidence rating, verdict and source levels."""
    lines = []
    if not state.revealed:
        lines.append("Rate every claim, then tick 'show the evidence'.")
    for cid, mine, theirs in zip(model.claim_ids(), state.learner, state.evidence, strict=True):
        claim = model.claims()[cid]
        line = f"{claim.text}: you {mine:g} ({model.rating_label(mine)})"
        if state.revealed:
            line += (f"; evidence {theirs:g} ({claim.verdict}); strongest source: {claim.best_level} "
                     f"({_cites(claim, {claim.best_level})}); lesson {claim.lesson}")
        lines.append(line)
    if state.revealed:
        lines.append(f"Mean distance from the evidence: {state.mean_abs_gap:.2g} points; "
                     f"furthest: {model.claims()[state.focus].text}")
    return lines


def rating_app(reveal: bool = False, **ratings: float) -> LessonApp:
    """Rate how true each popular claim is (1-5), then reveal the evidence rating and its sources."""
    reveal = check_flag(reveal, "reveal")
    controls = {
        cid: slider(model.claims()[cid].text, ratings.get(cid, 3.0), 1, 5, 0.5, readout_format=".1f")
        for cid in model.claim_ids()
    }
    controls["reveal"] = tick("show the evidence", reveal)
    return LessonApp(
        title="Rate each claim (1 = false, 5 = true), then show the evidence",
        controls=controls,
        figure=RatingFigure(),
        compute=model.rating_state,
        describe=describe_ratings,
    )


# --- 2. Levels of evidence -----------------------------------------------------------------------


@check_state_argument
def describe_levels(state: model.LevelState) -> list[str]:
    """Readout lines: which claims have a source at the chosen level or stronger, and which studies."""
    first = state.min_level
    lines = [f"Minimum level: {first} ({len(state.reaching)} of {len(model.claim_ids())} claims reach it)"]
    wanted = set(model.LEVELS[model.LEVELS.index(first):])
    for cid in state.reaching:
        claim = model.claims()[cid]
        lines.append(f"{claim.text}: {', '.join(lv for lv in claim.levels if lv in wanted)} ({_cites(claim, wanted)})")
    return lines


def levels_app(min_rank: float = 4.0) -> LessonApp:
    """Which claims rest on sources at or above a chosen level of evidence."""
    controls = {
        "min_rank": slider("weakest level you accept", min_rank, 1, len(model.LEVELS), 1, readout_format=".0f")
    }
    return LessonApp(
        title="Levels of evidence: which claims reach the level you would accept?",
        controls=controls,
        figure=LevelFigure(),
        compute=model.level_state,
        describe=describe_levels,
    )


APPS = {
    "rating": rating_app,
    "levels": levels_app,
}
