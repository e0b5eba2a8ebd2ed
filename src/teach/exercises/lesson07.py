"""Lesson 07 exercises: the strongest level of evidence behind a claim; the claims that reach a
level you would accept."""

from __future__ import annotations

from teach.claims import model as claims
from teach.exercises.registry import Exercise, Wrong, register

CLAIM = "helps_fatty_liver"
ACCEPTED = "clinical study"


def _strongest() -> tuple:
    return (claims.claim(CLAIM).best_level,)


def _grade_strongest(level) -> str | None:
    if not isinstance(level, str) or level.strip().lower() not in claims.LEVELS:
        raise Wrong(f"give one of the ladder's levels: {', '.join(repr(x) for x in claims.LEVELS)}")
    level = level.strip().lower()
    claim = claims.claim(CLAIM)
    if level == claim.best_level:
        return None
    if level not in claim.levels:
        raise Wrong(f"no source of this claim is at the level {level!r}; its sources are at: {', '.join(claim.levels)}")
    raise Wrong(f"there is a source higher on the ladder than {level!r}: rank each level with "
                "model.level_rank and take the highest")


register(Exercise(
    "07-strongest-level", "07-strongest-source",
    "one level of the ladder, as text (for example 'animal')",
    _grade_strongest, _strongest,
    solution_code=("from teach.claims import model\n"
                   f"levels = [source.level for source in model.claim('{CLAIM}').sources]\n"
                   "strongest = max(levels, key=model.level_rank)"),
    right="A cross-sectional survey is the highest rung this claim reaches: it shows an association in the people "
          "asked, not that kratom changes liver fat.",
    no_code={
        "question": "A claim rests on two cell studies and one cross-sectional survey. What is its strongest level, "
                    "and what can that level not show?",
        "choices": ["A survey: it cannot show cause and effect", "Cell studies: they cannot show anything in people",
                    "A survey: it cannot show how common something is", "A clinical study: it cannot generalise"],
        "answer": 0,
        "feedback": ["Right: surveys rank above cells, and they show associations, not causes (lesson 03).",
                     "A survey of people ranks above cell studies on the ladder.",
                     "Showing how common something is among those asked is exactly what a survey can do.",
                     "There is no clinical study among these sources."]},
    wrong_answers=((("in vitro",), "higher on the ladder"), (("randomised trial",), "no source"),
                   (("survey",), "one of the ladder"), ((4,), "one of the ladder")),
))


def _accepted() -> tuple:
    rank = claims.level_rank(ACCEPTED)
    return ({cid for cid in claims.claim_ids() if claims.level_rank(claims.claim(cid).best_level) >= rank},)


def _grade_accepted(claim_ids) -> str | None:
    if isinstance(claim_ids, str) or not isinstance(claim_ids, set | frozenset | list | tuple):
        raise Wrong("give the claim ids as a set, for example {'not_addictive'}")
    chosen = set(claim_ids)
    unknown = chosen - set(claims.claim_ids())
    if unknown:
        raise Wrong(f"{sorted(unknown)[0]!r} is not a claim id; the ids are {', '.join(claims.claim_ids())}")
    (right,) = _accepted()
    missing, extra = sorted(right - chosen), sorted(chosen - right)
    if missing:
        best = claims.claim(missing[0]).best_level
        raise Wrong(f"{missing[0]} is missing: its strongest source is a {best}, which reaches '{ACCEPTED}'")
    if extra:
        best = claims.claim(extra[0]).best_level
        raise Wrong(f"{extra[0]} does not reach '{ACCEPTED}': its strongest source is a {best}")
    return None


register(Exercise(
    "07-claims-at-level", "07-ladder",
    "a set of claim ids",
    _grade_accepted, _accepted,
    solution_code=("from teach.claims import model\n"
                   f"rank = model.level_rank('{ACCEPTED}')\n"
                   "accepted = {cid for cid in model.claim_ids()\n"
                   "            if model.level_rank(model.claim(cid).best_level) >= rank}"),
    right="Only these claims have a source at the level of a controlled study in people or above; every other claim "
          "rests on cells, animals, cases or surveys.",
    no_code={
        "question": "You accept only controlled studies in people (clinical study or randomised trial). What happens "
                    "to most of the eight claims?",
        "choices": ["Most drop out: their sources are cells, animals, cases or surveys",
                    "All stay: each claim cites at least one study",
                    "Most stay: surveys count as clinical studies",
                    "None can be judged at all without a trial"],
        "answer": 0,
        "feedback": ["Right: move the levels demo's slider to 5 and see which stars are left.",
                     "Citing 'a study' says nothing about its level; that is the point of the ladder.",
                     "A cross-sectional survey is a lower rung than a clinical study.",
                     "Lower rungs still inform a verdict; they cannot show what a product does in people."]},
    wrong_answers=(((set(),), "is missing"), ((set(claims.claim_ids()),), "does not reach"),
                   (("proven_painkiller",), "as a set"), (({"painkiller"},), "not a claim id")),
))
