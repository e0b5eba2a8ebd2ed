"""The capstone: an evidence brief about Sam for his clinician, with its checkable parts checked.

The learner writes four short sections (what is known, how sure, what to watch, what to ask)
and answers five parts that have a right answer worked out by the course's own models from Sam's
table row (:mod:`teach.persona`): his daily mitragynine range, whether his panel meets the DILI
case definition, his FIB-4 band, a valid adjustment set for "does kratom cause MASLD?", and which
symptoms are red flags. Each check says what is wrong, not only that it is. Nothing is sent
anywhere; the brief is exported as escaped Markdown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from teach.data import parameter
from teach.persona import Person, person
from teach.validation import check_choice, check_choices, check_instance

SECTIONS = ("known", "how_sure", "watch", "ask")
SECTION_TITLES = {
    "known": "What is known", "how_sure": "How sure we are", "watch": "What to watch", "ask": "What to ask",
}
#: Symptoms that are NOT red flags, offered beside the real ones (ordinary after exercise or a cold).
NOT_RED_FLAGS = ("stiffness the morning after a longer walk", "a mild headache that settles with rest",
                 "a runny nose")
MAX_TEXT = 2_000  # characters per free-text section


@dataclass(frozen=True)
class Feedback:
    """The verdict on one checkable part: its name, whether it is right, and why."""

    part: str
    right: bool
    message: str


@dataclass(frozen=True)
class Brief:
    """A learner's brief. Numbers in mg per day; categories as the course names them."""

    daily_mg_low: float | None = None
    daily_mg_high: float | None = None
    dili_met: bool | None = None
    fib4_band: str | None = None
    adjustment_set: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    text: dict[str, str] = field(default_factory=dict)


def expected_daily_mg(who: Person | None = None) -> tuple[float, float]:
    """Sam's mitragynine per day (mg), over the published range of product strengths."""
    from teach.kinetics import model as kinetics

    p = _who(who)
    return tuple(kinetics.mitragynine_dose_mg(p.kratom_g_per_day, parameter(name, kinetics.TABLE))
                 for name in ("content_low_percent", "content_high_percent"))


def expected_panel(who: Person | None = None):
    """Sam's liver panel read by the liver model of lessons 04 and 05: (DILI criteria met?, FIB-4 band)."""
    from teach.liver import model as liver

    p = _who(who)
    lab = liver.lab_state(
        p.alt_U_L, p.ast_U_L, p.alp_U_L, p.bilirubin_mg_dL, "mg/dL", p.platelets_1e9_L, p.age_years,
        parameter("lab_alt_uln_U_L", "liver_thresholds"), parameter("lab_ast_uln_U_L", "liver_thresholds"),
        parameter("lab_alp_uln_U_L", "liver_thresholds"), parameter("lab_bilirubin_uln_mg_dL", "liver_thresholds"),
    )
    return lab.dili.met, lab.fib4_band


FIB4_BANDS = ("low risk", "indeterminate", "high risk")  # teach.liver.model.fibrosis_band's answers


def fib4_bands() -> tuple[str, ...]:
    """The FIB-4 bands a learner chooses from."""
    return FIB4_BANDS


def symptom_choices() -> tuple[str, ...]:
    """Red flags (lesson 06) and ordinary symptoms, in a fixed mixed order."""
    from teach.careplan import model as careplan

    return tuple(sorted((*careplan.red_flags(), *NOT_RED_FLAGS), key=str.lower))


def check_daily_mg(low, high, who: Person | None = None) -> Feedback:
    """Sam's daily mitragynine range, within 10 % at each end."""
    want_low, want_high = expected_daily_mg(who)
    p = _who(who)
    if not all(_finite_number(v) for v in (low, high)):
        return Feedback("daily dose", False, "Give both ends of the range as numbers, in mg per day.")
    if low > high:
        low, high = high, low
    if _close(low, want_low) and _close(high, want_high):
        return Feedback("daily dose", True, f"Right: {want_low:.0f} to {want_high:.0f} mg of mitragynine a day.")
    per_dose = (want_low / p.kratom_doses_per_day, want_high / p.kratom_doses_per_day)
    if _close(low, per_dose[0]) and _close(high, per_dose[1]):
        return Feedback("daily dose", False, f"That is one dose. Sam takes {p.kratom_doses_per_day:g} a day: "
                                             "multiply by the number of doses.")
    if _close(low, want_low * 100) or _close(high, want_high * 100) or _close(low, want_low / 100):
        return Feedback("daily dose", False, "Off by a factor of 100: a content of 1 % is 0.01 of the leaf's "
                                             "mass, so 1 g at 1 % holds 10 mg.")
    return Feedback("daily dose", False, "Not yet. Multiply the grams of leaf a day by the lowest and the highest "
                                         "published mitragynine content (% w/w), then by 10 to get mg.")


def check_dili(met, who: Person | None = None) -> Feedback:
    """Whether Sam's panel meets the DILI case definition."""
    want, _ = expected_panel(who)
    if not isinstance(met, bool):
        return Feedback("DILI criteria", False, "Answer yes or no.")
    if met == want:
        return Feedback("DILI criteria", True, "Right: his ALT is below 5 x ULN and his ALP below 2 x ULN, so the "
                                               "panel does not meet the case definition.")
    return Feedback("DILI criteria", False, "Not yet. A raised ALT is not enough: read ALT and ALP as multiples of "
                                            "his laboratory's upper limits, against the criteria of lesson 04.")


def check_fib4(band, who: Person | None = None) -> Feedback:
    """Sam's FIB-4 band."""
    _, want = expected_panel(who)
    band = check_choice(band, "fib4_band", fib4_bands()) if band is not None else None
    if band == want:
        return Feedback("FIB-4 band", True, f"Right: FIB-4 reads as {want} for a man of his age.")
    return Feedback("FIB-4 band", False, "Not yet. Compute FIB-4 = age x AST / (platelets x square root of ALT) and "
                                         "read it against the cut-offs for his age (lesson 05).")


def check_adjustment(adjust_for) -> Feedback:
    """A valid adjustment set for the effect of kratom on MASLD (the back-door criterion)."""
    from teach.causal import model as causal

    chosen = check_choices(adjust_for, "adjust_for", (*causal.NODES, *causal.SELECTION_NODES))
    if causal.is_valid_adjustment(chosen):
        return Feedback("adjustment set", True, "Right: this set blocks every back-door path from kratom use to "
                                                "MASLD and adds no descendant of kratom use.")
    descendants = [n for n in chosen if n in _descendants_of_kratom()]
    if descendants:
        names = ", ".join(causal.LABELS[n] for n in descendants)
        return Feedback("adjustment set", False, f"Leave out {names}: it lies downstream of kratom use (or is the "
                                                 "outcome's own marker), so adjusting for it biases the estimate.")
    still_open = [p for p in causal.paths_between(chosen, selection=False) if p.backdoor and p.open]
    example = " - ".join(causal.LABELS[n] for n in still_open[0].nodes) if still_open else ""
    return Feedback("adjustment set", False, f"A back-door path is still open, for example {example}: add a "
                                             "variable that blocks it.")


def _descendants_of_kratom() -> set[str]:
    import networkx as nx

    from teach.causal import model as causal

    return set(nx.descendants(causal.causal_graph(2.0), "kratom"))


def check_red_flags(chosen) -> Feedback:
    """The symptoms Sam should act on at once: all the red flags and nothing else."""
    from teach.careplan import model as careplan

    chosen, flags = set(check_choices(chosen, "chosen", symptom_choices())), set(careplan.red_flags())
    missed, extra = sorted(flags - chosen), sorted(chosen - flags)
    if not missed and not extra:
        return Feedback("red flags", True, "Right: every one of them means stop and seek care at once, at any "
                                           "time while he uses kratom, not only in the first weeks.")
    parts = []
    if missed:
        parts.append(f"you left out {len(missed)} red flag(s), for example \"{missed[0]}\"")
    if extra:
        parts.append(f"\"{extra[0]}\" is an ordinary symptom, not a red flag")
    return Feedback("red flags", False, "Not yet: " + "; ".join(parts) + ".")


def check_brief(brief: Brief) -> list[Feedback]:
    """Every checkable part of ``brief``, in the order of the form."""
    check_instance(brief, "brief", Brief)
    return [
        check_daily_mg(brief.daily_mg_low, brief.daily_mg_high),
        check_dili(brief.dili_met),
        check_fib4(brief.fib4_band),
        check_adjustment(brief.adjustment_set),
        check_red_flags(brief.red_flags),
    ]


def _who(who: Person | None) -> Person:
    """``who``, or Sam when None; anything else is refused with a TypeError naming ``who``."""
    return person() if who is None else check_instance(who, "who", Person)


def _finite_number(value) -> bool:
    """A real, finite number (not a bool; an integer too large for a float is not finite here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _close(value: float, target: float) -> bool:
    return abs(value - target) <= 0.1 * abs(target)


def to_markdown(brief: Brief) -> str:
    """The learner's brief as Markdown, with their text escaped so it cannot form headings or links."""
    check_instance(brief, "brief", Brief)
    p = person()
    lines = [f"# Evidence brief about {p.name} (an invented person) for his clinician", ""]
    for section in SECTIONS:
        text = _escape(brief.text.get(section, "")[:MAX_TEXT]) or "(not written yet)"
        lines += [f"## {SECTION_TITLES[section]}", "", text, ""]
    lines += ["Educational exercise, not medical advice."]
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Markdown-safe text: no HTML, headings, links, lists or emphasis can be formed from it."""
    out = []
    for line in str(text).splitlines():
        line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for char in "\\`*_{}[]()#+-.!|":
            line = line.replace(char, "\\" + char)
        out.append(line)
    return "  \n".join(out).strip()


def model_brief() -> str:
    """A model brief to compare with, built from the lessons' closings about Sam (Markdown)."""
    from teach import persona

    low, high = expected_daily_mg()
    met, band = expected_panel()
    sections = {
        "known": persona.closing("02").markdown.split("\n\n", 1)[1],
        "how_sure": persona.closing("03").markdown.split("\n\n", 1)[1],
        "watch": "\n".join(persona.closing(lesson).markdown.split("\n\n", 1)[1] for lesson in ("04", "05")),
        "ask": "\n".join([
            f"- Does his prescriber know he takes about {low:.0f}-{high:.0f} mg of mitragynine a day beside "
            f"{person().prescribed_medicine}?",
            "- Which liver tests, how often, and what result would make us stop and think of kratom injury?",
            "- What care with evidence behind it (physical therapy, psychological care, sleep) can he start now?",
            "- If he wants to cut down or stop kratom, how can withdrawal be managed safely?",
        ]),
    }
    verdict = "meets" if met else "does not meet"
    lines = [f"**Model brief about {person().name}** (his panel {verdict} the DILI case definition; FIB-4 {band})", ""]
    for section in SECTIONS:
        lines += [f"**{SECTION_TITLES[section]}**", "", sections[section], ""]
    return "\n".join(lines)
