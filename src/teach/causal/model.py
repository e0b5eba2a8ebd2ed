"""Correlation versus causation on a simulated chronic-pain cohort (lesson 03).

Pure functions, no widgets, no plotting. Every public function validates its input and raises a
ValueError naming the parameter, its unit and the valid range.

The cohort
----------
People are simulated from an explicit causal graph (:func:`causal_graph`, a networkx DiGraph)
[@greenland1999]. Each binary node is drawn from a logistic model of its parents,
``logit P(node = 1) = b0 + sum(log(OR_arrow) * parent)``; age enters per decade from 50 years.
Arrow strengths are odds ratios from ``cohort_parameters.csv`` (each with its citation; rows of
kind ``illustrative`` are teaching values). The intercept ``b0`` of each node is calibrated
(``scipy.optimize``, Newton's method with a bisection fallback) so that its prevalence hits the
published target (chronic pain 20.4 % [@zelaya2020], inactivity 25.3 %, obesity 42.4 %
[@hales2020], diabetes 14.7 %, kratom 0.7 % [@palamar2021], MASLD 28 % [@unalparida2024]
[@younossi2023]), whatever the arrow strengths.

A simplification the lesson states: the alcohol-use-disorder node has arrows to kratom use and to
ALT, but none to the liver outcome, and no one is excluded from "MASLD" for drinking. By the 2023
nomenclature heavy drinkers have MetALD or alcohol-related liver disease, and alcohol causes
steatosis [@rinella2023]; with an alcohol -> liver arrow, alcohol would be a confounder too.

By default kratom has **no** effect on MASLD: no population study links the two
[@schimmel2020]. The learner sets the true effect (``kratom_or``). MASLD's intercept is
calibrated without that effect, so everyone's risk without kratom stays the same and the effect
the learner sets acts on kratom users only.

Each variable draws its randomness from its own seeded stream, so one seed gives the same
people whatever the sliders say, and moving a slider re-simulates only what lies downstream.

Estimators
----------
Crude odds ratio (Woolf interval) and risk difference (Wald interval); Mantel-Haenszel odds
ratio over strata (statsmodels ``StratifiedTable``) [@mantel1959]; logistic regression adjusted
for a chosen set (statsmodels ``Logit``); a simulated randomised trial (kratom assigned by a
coin). Valid adjustment sets come from the back-door criterion, checked by d-separation
(``networkx.is_d_separator``) [@hernan2020].

statsmodels is imported by the estimators on their first call, and only the modules they use
(``GLM`` with the binomial family, ``Logit``, ``StratifiedTable``), never ``statsmodels.api``
with its datasets and distributions: every statsmodels model brings in ``scipy.stats``, about
0.4 s and 30 MB, which ``import teach.causal.app`` and the graph functions do not need.
``scipy.optimize`` (the calibration's root finders) likewise waits for the first simulation.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from itertools import combinations

import networkx as nx
import numpy as np
from scipy.special import expit, ndtri

from teach.data import load_table, parameter
from teach.validation import Bounds, check_choice, check_choices, check_count, check_flag, check_quantity

TABLE = "cohort_parameters"
Z95 = float(ndtri(0.975))  # the standard normal 97.5th percentile

#: Binary and continuous variables of the cohort, in causal (topological) order.
BINARY_NODES = ("pain", "inactive", "obese", "diabetes", "alcohol", "opioid", "kratom", "masld")
NODES = ("age", "male", *BINARY_NODES, "alt")
#: Selection nodes: who ends up in a liver-clinic sample or answers an online kratom survey.
SELECTION_NODES = ("clinic", "survey")
LABELS = {
    "age": "age", "male": "sex (male)", "pain": "chronic pain", "inactive": "physical inactivity",
    "obese": "obesity", "diabetes": "type 2 diabetes", "alcohol": "alcohol use disorder",
    "opioid": "opioid prescription", "kratom": "kratom use", "masld": "MASLD", "alt": "ALT",
    "clinic": "liver clinic", "survey": "online survey",
}

#: Arrows of the causal graph and the parameter row giving each one's odds ratio.
ARROWS = {
    ("age", "pain"): "or_age_pain",
    ("male", "pain"): "or_male_pain",
    ("pain", "inactive"): "or_pain_inactive",
    ("pain", "obese"): "or_pain_obese",
    ("inactive", "obese"): "or_inactive_obese",
    ("age", "diabetes"): "or_age_diabetes",
    ("obese", "diabetes"): "or_obese_diabetes",
    ("pain", "opioid"): "or_pain_opioid",
    ("pain", "kratom"): "or_pain_kratom",
    ("opioid", "kratom"): "or_opioid_kratom",
    ("alcohol", "kratom"): "or_alcohol_kratom",
    ("male", "kratom"): "or_male_kratom",
    ("age", "masld"): "or_age_masld",
    ("male", "masld"): "or_male_masld",
    ("obese", "masld"): "or_obese_masld",
    ("inactive", "masld"): "or_inactive_masld",
    ("diabetes", "masld"): "or_diabetes_masld",
    ("kratom", "masld"): "or_kratom_masld",
    ("masld", "kratom"): "or_masld_kratom",  # reverse causation: off (OR 1) by default
}
REVERSE = ("masld", "kratom")
#: Arrows into ALT (ratios of the median, not odds ratios) and into the selection nodes.
OTHER_ARROWS = {
    ("masld", "alt"): "alt_ratio_masld",
    ("alcohol", "alt"): "alt_ratio_alcohol",
    ("male", "alt"): None,  # the sex-specific upper limit of normal
    ("alt", "clinic"): "or_altraised_clinic",
    ("kratom", "clinic"): "or_kratom_clinic",
    ("kratom", "survey"): None,  # only kratom users are asked
    ("pain", "survey"): "or_pain_survey",
    ("male", "survey"): "or_female_survey",
}
TARGETS = {
    "pain": "p_pain", "inactive": "p_inactive", "obese": "p_obese", "diabetes": "p_diabetes",
    "alcohol": "p_alcohol", "opioid": "p_opioid", "kratom": "p_kratom", "masld": "p_masld",
}
ESTIMATORS = ("crude", "Mantel-Haenszel", "logistic regression", "randomised trial")
SAMPLES = ("whole cohort", "liver clinic", "online survey")

PEOPLE = Bounds(100, 2_000_000)
ODDS_RATIO = Bounds(0.05, 20.0)
SEED = Bounds(0, 2**32 - 1)
CALIBRATION_PEOPLE = 40_000
CALIBRATION_SEED = 20260325


@cache
def _values() -> dict:
    table = load_table(TABLE)
    return dict(zip(table["name"], table["value"].astype(float), strict=True))


def _p(name: str) -> float:
    """Value of one row of the cohort's parameter table (validated names, cached)."""
    values = _values()
    if name not in values:
        return parameter(name)  # raises the table's clear error
    return values[name]


def parameter_table():
    """The cohort's parameter table: value, unit, kind, citation, confidence and note of each row."""
    return load_table(TABLE)


def arrow_odds_ratio(parent: str, child: str) -> float:
    """The default odds ratio (dimensionless) of one arrow of the graph, from the parameter table."""
    key = (check_choice(parent, "parent", NODES), check_choice(child, "child", [*NODES, *SELECTION_NODES]))
    if key not in ARROWS:
        raise ValueError(f"arrow must be one of {', '.join(f'{p}->{c}' for p, c in ARROWS)}; got {parent}->{child}")
    return _p(ARROWS[key])


def _odds_ratio(value, name: str, meaning: str) -> float:
    return check_quantity(value, name, "odds ratio", ODDS_RATIO, meaning=meaning)


def _people(value, name: str = "n_people") -> int:
    return check_count(value, name, "people", PEOPLE, meaning="cohort size")


def _seed(value) -> int:
    return check_count(value, "seed", "dimensionless", SEED, meaning="random seed")


def _strengths(strengths) -> dict:
    """Default arrow odds ratios with the learner's overrides ``{(parent, child): OR}``."""
    values = {arrow: _p(name) for arrow, name in ARROWS.items()}
    if strengths is not None and not isinstance(strengths, dict):
        raise ValueError(f"strengths must be a dict {{(parent, child): odds ratio}}; got {type(strengths).__name__}")
    for arrow, value in (strengths or {}).items():
        if arrow not in ARROWS:
            raise ValueError(f"strengths keys must be arrows such as ('pain', 'kratom'); got {arrow!r}")
        values[arrow] = _odds_ratio(value, f"strengths[{arrow[0]}->{arrow[1]}]", "arrow strength")
    return values


# --- The causal graph ------------------------------------------------------------------------


def causal_graph(kratom_or: float = 1.0, *, selection: bool = False) -> nx.DiGraph:
    """The cohort's causal DAG; each arrow carries its ``odds_ratio`` (dimensionless).

    The kratom -> MASLD arrow is drawn only when ``kratom_or`` differs from 1 (an effect exists).
    With ``selection=True`` the liver-clinic and survey nodes (colliders) are added.
    """
    kratom_or = _odds_ratio(kratom_or, "kratom_or", "true effect of kratom on MASLD")
    selection = check_flag(selection, "selection")
    graph = nx.DiGraph()
    graph.add_nodes_from(NODES)
    for (parent, child), name in ARROWS.items():
        strength = kratom_or if (parent, child) == ("kratom", "masld") else _p(name)
        if (parent, child) in (("kratom", "masld"), REVERSE) and strength == 1.0:
            continue
        graph.add_edge(parent, child, odds_ratio=strength)
    for (parent, child), name in OTHER_ARROWS.items():
        if child in SELECTION_NODES and not selection:
            continue
        graph.add_edge(parent, child, odds_ratio=_p(name) if name else None)
    return graph


@cache
def _structural_graph(selection: bool = True) -> nx.DiGraph:
    """The graph with the kratom -> MASLD arrow present (used for back-door reasoning; do not modify)."""
    graph = causal_graph(selection=selection)
    graph.add_edge("kratom", "masld", odds_ratio=None)
    return graph


def _check_set(adjust_for, name="adjust_for", allowed=None) -> tuple[str, ...]:
    allowed = list(allowed or [*NODES, *SELECTION_NODES])
    return check_choices(adjust_for, name, allowed)


def is_valid_adjustment(adjust_for, exposure: str = "kratom", outcome: str = "masld") -> bool:
    """Back-door criterion: no descendant of ``exposure`` in the set, and the set d-separates
    ``exposure`` from ``outcome`` once the arrows out of ``exposure`` are removed."""
    exposure = check_choice(exposure, "exposure", BINARY_NODES)
    outcome = check_choice(outcome, "outcome", BINARY_NODES)
    return _is_valid_adjustment(frozenset(_check_set(adjust_for)), exposure, outcome)


@cache
def _is_valid_adjustment(chosen: frozenset, exposure: str, outcome: str) -> bool:
    graph = _structural_graph()
    if chosen & (nx.descendants(graph, exposure) | {exposure, outcome}):
        return False
    backdoor = graph.copy()
    backdoor.remove_edges_from(list(graph.out_edges(exposure)))
    return nx.is_d_separator(backdoor, {exposure}, {outcome}, chosen)


def valid_adjustment_sets(exposure: str = "kratom", outcome: str = "masld", *, minimal: bool = True):
    """Every set of measured variables that satisfies the back-door criterion (smallest first).

    With ``minimal=True`` only sets none of whose proper subsets is also valid are returned.
    """
    exposure = check_choice(exposure, "exposure", BINARY_NODES)
    outcome = check_choice(outcome, "outcome", BINARY_NODES)
    minimal = check_flag(minimal, "minimal")
    return _valid_adjustment_sets(exposure, outcome, minimal)


@cache
def _valid_adjustment_sets(exposure: str, outcome: str, minimal: bool):
    candidates = [n for n in NODES if n not in (exposure, outcome)]
    found: list[tuple[str, ...]] = []
    for size in range(len(candidates) + 1):
        for subset in combinations(candidates, size):
            if minimal and any(set(s) <= set(subset) for s in found):
                continue
            if is_valid_adjustment(subset, exposure, outcome):
                found.append(subset)
    return tuple(found)


@dataclass(frozen=True)
class PathStatus:
    """One path between exposure and outcome: its nodes, whether it is a back-door path and open."""

    nodes: tuple[str, ...]
    backdoor: bool
    open: bool
    reason: str


def paths_between(adjust_for=(), exposure: str = "kratom", outcome: str = "masld",
                  kratom_or: float = 1.0, *, selection: bool = True) -> list[PathStatus]:
    """Every path from ``exposure`` to ``outcome`` and whether conditioning on ``adjust_for``
    leaves it open (d-separation rules: a non-collider on the set blocks; a collider blocks
    unless it or one of its descendants is in the set)."""
    exposure = check_choice(exposure, "exposure", BINARY_NODES)
    outcome = check_choice(outcome, "outcome", BINARY_NODES)
    chosen = frozenset(_check_set(adjust_for))
    kratom_or = _odds_ratio(kratom_or, "kratom_or", "true effect of kratom on MASLD")
    return list(_paths(chosen, exposure, outcome, kratom_or != 1.0, check_flag(selection, "selection")))


@cache
def _paths(chosen: frozenset, exposure: str, outcome: str, effect: bool, selection: bool) -> tuple:
    graph = causal_graph(2.0 if effect else 1.0, selection=selection)
    result = []
    for path in nx.all_simple_paths(graph.to_undirected(as_view=True), exposure, outcome):
        status, reason = True, "open"
        for i in range(1, len(path) - 1):
            before, node, after = path[i - 1], path[i], path[i + 1]
            collider = graph.has_edge(before, node) and graph.has_edge(after, node)
            if collider and not ({node} | nx.descendants(graph, node)) & chosen:
                status, reason = False, f"blocked at collider {node}"
                break
            if not collider and node in chosen:
                status, reason = False, f"blocked by adjusting for {node}"
                break
            if collider:
                reason = f"opened by conditioning on collider {node}"
        result.append(PathStatus(tuple(path), graph.has_edge(path[1], exposure), status, reason))
    # networkx finds paths in an order that can depend on the interpreter's hash seed; a readout
    # that names "for example" the first open path must name the same one in every kernel.
    return tuple(sorted(result, key=lambda status: (len(status.nodes), status.nodes)))


# --- Simulation ------------------------------------------------------------------------------
#
# Each variable draws its randomness from its own seeded stream (common random numbers), so a
# variable's column depends only on the seed, the cohort size and its ancestry (the arrows into
# it and into its ancestors). Columns are cached on exactly that key, read-only, in a cache
# bounded in bytes: moving one slider re-simulates only what lies downstream of its arrow. The
# uniform draws themselves are not kept: a stream redraws 20,000 of them in about 40 us, and
# keeping them would cost 8 bytes a person and stream, most of the cache.

STREAMS = ("age", "male", *BINARY_NODES, "alt", "clinic", "survey")
_STREAM_OFFSET = 1_000


def _order(strengths: dict) -> tuple[str, ...]:
    """Binary nodes in causal order; with reverse causation MASLD comes before kratom."""
    if strengths.get(REVERSE, 1.0) == 1.0:
        return BINARY_NODES
    return (*BINARY_NODES[:6], "masld", "kratom")


def _linear_predictor(node: str, data: dict, strengths: dict) -> np.ndarray:
    lp = np.zeros(len(data["male"]))
    for (parent, child), odds_ratio in strengths.items():
        if child != node or odds_ratio == 1.0:
            continue
        value = (data["age"] - 50.0) / 10.0 if parent == "age" else data[parent]
        lp += np.log(odds_ratio) * value
    return lp


def _intercept(lp: np.ndarray, target: float, weights: np.ndarray | None = None) -> float:
    """The intercept that makes the (weighted) mean of expit(intercept + lp) equal ``target``.

    Newton's method from the logit of the target (a few steps); bisection (brentq) if it fails.
    """
    from scipy.optimize import brentq, newton  # on first use (module docstring)

    def gap(b):
        return float(np.average(expit(b + lp), weights=weights)) - target

    def slope(b):
        risk = expit(b + lp)
        return float(np.average(risk * (1 - risk), weights=weights))

    start = float(np.log(target / (1 - target)) - np.average(lp, weights=weights))
    try:
        root = newton(gap, start, fprime=slope, tol=1e-10, maxiter=50)
    except (RuntimeError, ZeroDivisionError):
        root = float("nan")
    if np.isfinite(root) and abs(gap(root)) < 1e-9:
        return float(root)
    return brentq(gap, -30.0, 30.0, xtol=1e-12)


class _Cache:
    """A least-recently-used cache of arrays (stored read-only), bounded by their total size in bytes."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._items: OrderedDict = OrderedDict()
        self._bytes = 0

    def get(self, key, make):
        """The value cached under ``key``, made by ``make()`` (a tuple of arrays or floats) when absent."""
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = make()
        for part in value:
            if isinstance(part, np.ndarray):
                part.flags.writeable = False  # shared by every cohort drawn with the same key
        size = sum(getattr(part, "nbytes", 8) for part in value)
        self._items[key] = value
        self._bytes += size
        while self._bytes > self.max_bytes and len(self._items) > 1:
            _, old = self._items.popitem(last=False)
            self._bytes -= sum(getattr(part, "nbytes", 8) for part in old)
        return value


_COLUMNS = _Cache(max_bytes=64 * 2**20)  # several of the largest cohorts; modest per kernel on a shared hub


def _stream(seed: int, name: str) -> np.random.Generator:
    return np.random.default_rng([seed, _STREAM_OFFSET + STREAMS.index(name)])


def _uniforms(seed: int, name: str, n: int) -> np.ndarray:
    return _stream(seed, name).random(n)


def _draw_base(n: int, seed: int) -> dict:
    def make():
        age = _p("age_min_y") + (_p("age_max_y") - _p("age_min_y")) * _stream(seed, "age").random(n)
        return age, (_stream(seed, "male").random(n) < _p("p_male")).astype(np.int8)

    age, male = _COLUMNS.get(("base", seed, n), make)
    return {"age": age, "male": male}


def _ancestry(strengths: dict, randomised: bool = False) -> dict:
    """For each variable, a hashable key of everything its column depends on: its parents with
    their arrow strengths, and their keys in turn. Arrows of odds ratio 1 are absent."""
    parents: dict = {}
    for (parent, child), value in strengths.items():
        if value != 1.0:
            parents.setdefault(child, []).append((parent, value))
    keys = {"age": ("age",), "male": ("male",)}
    for node in _order(strengths):
        if node == "kratom" and randomised:
            keys[node] = ("kratom", "fair coin")
            continue
        keys[node] = (node, tuple((parent, value, keys[parent]) for parent, value in sorted(parents.get(node, ()))))
    return keys


def _calibrated_intercepts(strengths: dict) -> dict:
    """Intercepts per node, calibrated on a fixed 40,000-person cohort (cached per ancestry)."""
    data = _draw_base(CALIBRATION_PEOPLE, CALIBRATION_SEED)
    intercepts = {}
    keys = _ancestry(strengths)
    for node in _order(strengths):
        def make(node=node):
            risk, b0 = _risk(node, data, strengths, target=_p(TARGETS[node]))
            return (_uniforms(CALIBRATION_SEED, node, CALIBRATION_PEOPLE) < risk).astype(np.int8), b0

        data[node], intercepts[node] = _COLUMNS.get(("calibration", keys[node]), make)
    return intercepts


def _risk(node: str, data: dict, strengths: dict, *, intercept: float | None = None,
          target: float | None = None) -> tuple[np.ndarray, float]:
    """Each person's probability (0-1) that ``node`` is 1, and the intercept used: ``intercept``,
    or the one calibrated so that the mean probability is ``target``."""
    parents = [(parent, value) for (parent, child), value in strengths.items() if child == node and value != 1.0]
    if any(parent == "age" for parent, _ in parents):
        lp = _linear_predictor(node, data, strengths)
        intercept = _intercept(lp, target) if intercept is None else intercept
        return expit(intercept + lp), intercept
    columns = [data[parent] for parent, _ in parents]
    log_odds_ratios = [np.log(value) for _, value in parents]
    return _pattern_risk(len(data["male"]), columns, log_odds_ratios, intercept=intercept, target=target)


def _pattern_risk(n: int, columns: list, log_odds_ratios: list, *, intercept: float | None = None,
                  target: float | None = None, among: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Risks of ``n`` people when every parent is 0/1: the linear predictor takes one value per
    pattern of the parents, so the intercept is calibrated (to ``target``, among the people in
    ``among``) on the few pattern counts, and the risks are looked up by pattern."""
    codes = np.zeros(n, dtype=np.intp)
    for bit, column in enumerate(columns):
        codes |= np.left_shift(column, bit, dtype=np.intp)
    bits = (np.arange(1 << len(columns))[:, None] >> np.arange(len(columns))) & 1
    lp_by_code = (bits * np.asarray(log_odds_ratios, dtype=float)).sum(axis=1)
    if intercept is None:
        counts = np.bincount(codes if among is None else codes[among], minlength=len(lp_by_code)).astype(float)
        intercept = _intercept(lp_by_code, target, counts) if counts.sum() else 0.0
    return expit(intercept + lp_by_code)[codes], intercept


@dataclass
class Cohort:
    """A simulated cohort: one numpy array per variable (``data``), plus the truth.

    ``true_or`` is the conditional odds ratio the learner set; ``causal_rd`` and ``causal_or``
    are the population (marginal) causal risk difference and odds ratio, from each person's
    two potential risks of MASLD (with and without kratom). ``seed`` is the seed it was drawn with.
    """

    data: dict
    strengths: dict
    intercepts: dict
    true_or: float
    causal_rd: float
    causal_or: float
    seed: int
    randomised: bool = False

    @property
    def n_people(self) -> int:
        return len(self.data["male"])

    def prevalence(self, node: str) -> float:
        """Share of people (0-1) with ``node`` = 1."""
        node = check_choice(node, "node", [*BINARY_NODES, "alt_raised", *SELECTION_NODES])
        if node not in self.data:
            raise ValueError(f"node {node!r} is not simulated in a randomised trial")
        return float(np.mean(self.data[node]))


def simulate_cohort(n_people: int = 20_000, seed: int = 0, kratom_or: float = 1.0, strengths=None,
                    *, randomise_kratom: bool = False) -> Cohort:
    """Simulate ``n_people`` people from the causal graph (each variable from its own stream seeded by ``seed``).

    ``kratom_or`` is the true effect of kratom on MASLD (odds ratio; 1 = none). ``strengths``
    overrides any arrow's odds ratio, e.g. ``{("pain", "kratom"): 10}``. With
    ``randomise_kratom=True`` kratom is assigned by a fair coin (a randomised trial): every arrow
    into kratom is cut, the rest of the graph is unchanged. ``strengths={("masld", "kratom"): OR}``
    turns on reverse causation (MASLD leads to kratom use); ``kratom_or`` must then be 1.
    """
    return _simulate(_people(n_people), _seed(seed), _arrow_strengths(kratom_or, strengths),
                     check_flag(randomise_kratom, "randomise_kratom"))


def _arrow_strengths(kratom_or, strengths) -> dict:
    """Every arrow's odds ratio: the table's, the learner's ``strengths`` and the true effect ``kratom_or``."""
    values = _strengths(strengths)
    values[("kratom", "masld")] = _odds_ratio(kratom_or, "kratom_or", "true effect of kratom on MASLD")
    if values[REVERSE] != 1.0 and values[("kratom", "masld")] != 1.0:
        raise ValueError("kratom_or must be 1 (no effect) when strengths[masld->kratom] sets reverse causation: "
                         "a causal graph cannot contain both arrows")
    return values


def _simulate(n: int, seed: int, values: dict, randomise: bool = False, *, measured: bool = True,
              live: bool = False) -> Cohort:
    """The cohort of :func:`simulate_cohort` for validated arguments (``measured``, ``live``: see :func:`_draw`)."""
    data, intercepts, keys = _draw(n, seed, values, randomise, measured=measured, live=live)
    _, p1, p0 = _COLUMNS.get((seed, n, keys["masld"]), lambda: _draw_masld(data, values, intercepts["masld"], seed,
                                                                          keys, live))
    return Cohort(data, values, intercepts, values[("kratom", "masld")], p1 - p0,
                  (p1 / (1 - p1)) / (p0 / (1 - p0)), seed, randomised=randomise)


def _draw(n: int, seed: int, values: dict, randomise: bool = False, *, measured: bool = True,
          live: bool = False) -> tuple:
    """The columns of ``n`` people, the calibrated intercepts and each variable's ancestry key.

    With ``measured=False`` only age, sex and the binary nodes are drawn, not ALT, the liver
    clinic and the survey; every variable has its own stream, so the columns drawn are the
    same either way. ``live=True`` (a live app's cohort, re-drawn as its sliders move) keeps
    MASLD's baseline in the cache for the next event.
    """
    intercepts = _calibrated_intercepts({**values, ("kratom", "masld"): 1.0})  # baseline risks: no kratom effect
    data = _draw_base(n, seed)
    keys = _ancestry(values, randomise)
    for node in _order(values):
        data[node] = _COLUMNS.get((seed, n, keys[node]), lambda node=node: _draw_node(
            node, data, values, intercepts[node], seed, keys, randomise, live))[0]
    if measured:
        alt_key = (seed, n, "alt", keys["masld"], keys["alcohol"])
        data["alt"], data["alt_raised"] = _COLUMNS.get(alt_key, lambda: _draw_alt(data, seed))
    if measured and not randomise:  # a trial recruits by consent, not through a clinic or a survey
        clinic_key = (seed, n, "clinic", alt_key, keys["kratom"])
        data["clinic"] = _COLUMNS.get(clinic_key, lambda: (_clinic(data, seed, _p("or_kratom_clinic")),))[0]
        survey_key = (seed, n, "survey", keys["kratom"], keys["pain"])
        data["survey"] = _COLUMNS.get(survey_key, lambda: (_survey(data, seed),))[0]
    return data, intercepts, keys


def _draw_node(node: str, data: dict, values: dict, intercept: float, seed: int, keys: dict,
               randomise: bool, live: bool) -> tuple:
    """A binary node's column (0/1), in a tuple; MASLD's with the truth (see :func:`_draw_masld`)."""
    if node == "masld":
        return _draw_masld(data, values, intercept, seed, keys, live)
    uniform = _uniforms(seed, node, len(data["male"]))
    if node == "kratom" and randomise:
        return ((uniform < 0.5).astype(np.int8),)
    return ((uniform < _risk(node, data, values, intercept=intercept)[0]).astype(np.int8),)


# MASLD's linear predictor is its intercept plus the arrows from its parents, the true effect of
# kratom added last. In a live app everything but that effect (the "baseline", 16 bytes a
# person) is cached: the kratom sliders move only the effect, which acts on kratom users only,
# so each of their events recomputes the users' risks and one expit over everyone (for the
# truth), with the same floating-point sums. A one-off cohort does not keep it.


def _masld_baseline(data: dict, values: dict, intercept: float, seed: int, keys: dict, live: bool) -> tuple:
    """MASLD's linear predictor from every parent but kratom (log-odds, without the intercept),
    and each person's risk of MASLD without kratom (0-1); cached when ``live``."""
    key = (seed, len(data["male"]), "masld baseline", tuple(p for p in keys["masld"][1] if p[0] != "kratom"))

    def make():
        background = _linear_predictor("masld", data, {a: v for a, v in values.items() if a != ("kratom", "masld")})
        return background, expit(intercept + background)

    return _COLUMNS.get(key, make) if live else make()


def _draw_masld(data: dict, values: dict, intercept: float, seed: int, keys: dict, live: bool) -> tuple:
    """MASLD (0/1) for each person, and the truth: the mean potential risks of MASLD (fractions)
    with and without kratom, everyone's risk if they used kratom and if they did not, under the
    true effect ``values[kratom->masld]``."""
    background, risk = _masld_baseline(data, values, intercept, seed, keys, live)
    uniform = _uniforms(seed, "masld", len(risk))
    log_or = np.log(values[("kratom", "masld")])
    if log_or == 0:  # no effect: with or without kratom, everyone has the baseline risk
        return (uniform < risk).astype(np.int8), float(risk.mean()), float(risk.mean())
    users = data["kratom"] == 1
    own = intercept + (background[users] + log_or)  # the users' linear predictor, with the effect
    risk = risk.copy()
    risk[users] = expit(own)
    masld = (uniform < risk).astype(np.int8)
    del uniform
    masld_lp = intercept + background  # everyone's linear predictor less the effect of their own use
    masld_lp[users] = own - log_or
    risk[users] = expit(masld_lp[users])  # now everyone's risk without kratom
    p0 = float(risk.mean())
    masld_lp += log_or
    return masld, float(expit(masld_lp, out=masld_lp).mean()), p0


def _draw_alt(data: dict, seed: int) -> tuple:
    """ALT (U/L) and whether it is above the sex-specific upper limit."""
    n = len(data["male"])
    log_alt = (np.log(_p("alt_median_u_l")) + np.log(_p("alt_ratio_masld")) * data["masld"]
               + np.log(_p("alt_ratio_alcohol")) * data["alcohol"]
               + _p("alt_log_sd") * _stream(seed, "alt").standard_normal(n))
    alt = np.exp(log_alt)
    uln = np.where(data["male"] == 1, _p("alt_uln_male_u_l"), _p("alt_uln_female_u_l"))
    return alt, (alt > uln).astype(np.int8)


def _clinic(data: dict, seed: int, kratom_or: float) -> np.ndarray:
    """Who attends a liver clinic: raised ALT and kratom use raise the odds (``kratom_or``)."""
    parents = [data["alt_raised"], data["kratom"]]
    log_odds_ratios = [np.log(_p("or_altraised_clinic")), np.log(kratom_or)]
    risk, _ = _pattern_risk(len(data["male"]), parents, log_odds_ratios, target=_p("p_clinic"))
    return (_uniforms(seed, "clinic", len(risk)) < risk).astype(np.int8)


def _survey(data: dict, seed: int) -> np.ndarray:
    """Which kratom users answer an online survey: people in pain and women more often."""
    users = data["kratom"] == 1
    parents = [data["pain"], 1 - data["male"]]
    log_odds_ratios = [np.log(_p("or_pain_survey")), np.log(_p("or_female_survey"))]
    risk, _ = _pattern_risk(len(data["male"]), parents, log_odds_ratios, target=_p("p_survey"), among=users)
    return ((_uniforms(seed, "survey", len(risk)) < risk) & users).astype(np.int8)


def select(cohort: Cohort, sample: str = "whole cohort", clinic_kratom_or: float | None = None,
           columns=None) -> dict:
    """The people in ``sample`` (``"whole cohort"``, ``"liver clinic"`` or ``"online survey"``).

    ``clinic_kratom_or`` (odds ratio) redraws who attends the clinic with a new strength of the
    kratom -> clinic arrow (the same people, the same random draws). Returns a dict of arrays
    like ``cohort.data``, with only the variables named in ``columns`` (default: all).
    """
    if not isinstance(cohort, Cohort):
        raise ValueError(f"cohort must be a Cohort from simulate_cohort; got {type(cohort).__name__}")
    sample = check_choice(sample, "sample", SAMPLES)
    data = cohort.data
    if clinic_kratom_or is not None:
        clinic_kratom_or = _odds_ratio(clinic_kratom_or, "clinic_kratom_or", "strength of kratom -> liver clinic")
        data = {**data, "clinic": _clinic(data, cohort.seed, clinic_kratom_or)}
    names = list(data) if columns is None else list(check_choices(columns, "columns", list(data)))
    if sample == "whole cohort":
        return {name: data[name] for name in names}
    keep = data["clinic" if sample == "liver clinic" else "survey"] == 1
    return {name: data[name][keep] for name in names}


# --- Estimators ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """An effect estimate with its 95 % confidence interval (``low``, ``high``)."""

    method: str
    measure: str  # "odds ratio" or "risk difference"
    value: float
    low: float
    high: float
    n_people: int

    def covers(self, truth: float) -> bool:
        """Whether the 95 % interval contains ``truth``."""
        return bool(self.low <= truth <= self.high)


def _binary_name(data, name: str) -> str:
    """``name``, checked to be a 0/1 variable, and ``data`` checked to be a dict of arrays."""
    if not isinstance(data, dict):
        raise ValueError(f"data must be a dict of arrays (Cohort.data); got {type(data).__name__}")
    check_choice(name, "exposure or outcome variable", [*BINARY_NODES, "male", "alt_raised", *SELECTION_NODES])
    column = data.get(name)
    values = np.asarray(column) if isinstance(column, list | tuple | np.ndarray) else np.empty(0)
    if values.ndim != 1 or values.size == 0 or values.dtype.kind not in "biu" or values.min() < 0 or values.max() > 1:
        raise ValueError(f"data (Cohort.data) must hold 0/1 values for at least one person in {name!r}; "
                         f"got {_brief(column)}")
    if len({len(v) for v in data.values() if isinstance(v, list | tuple | np.ndarray)}) != 1:
        raise ValueError("data (Cohort.data) must hold arrays of one length, one value per person")
    return name


def _brief(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _binary(data, name: str) -> np.ndarray:
    return np.asarray(data[_binary_name(data, name)], dtype=np.int64)


def _tally(data, names) -> np.ndarray:
    """The number of people with each combination of levels of ``names``, one axis per name in
    order: age by decade from 20 (6 levels), ALT raised or not, any other variable 0/1.

    One pass over the people, building each person's cell number in place (the first name the
    most significant digit), so a cohort costs one integer per person, whatever ``names``.
    """
    columns = [_levels(data, name) for name in names]
    codes = np.zeros(len(columns[0][0]), dtype=np.intp)
    for values, levels in columns:
        codes *= levels
        np.add(codes, values, out=codes, casting="unsafe")
    shape = [levels for _, levels in columns]
    return np.bincount(codes, minlength=int(np.prod(shape))).reshape(shape)


def _levels(data, name: str) -> tuple:
    """Each person's level of ``name`` (age by decade from 20, ALT raised or not, else 0/1) and the number of levels."""
    if name == "age":
        return np.clip((np.asarray(data["age"]) - 20) // 10, 0, 5), 6
    return data["alt_raised" if name == "alt" else name], 2


def _two_by_two(counts: np.ndarray) -> np.ndarray:
    """2 x 2 x K tables [[a, b], [c, d]] (rows exposed/unexposed, columns outcome yes/no, one per
    stratum) from a :func:`_tally` of (outcome, exposure, strata...)."""
    return counts.reshape(2, 2, -1)[::-1, ::-1].transpose(1, 0, 2)


def crude_estimates(data, exposure: str = "kratom", outcome: str = "masld") -> tuple[Estimate, Estimate]:
    """Crude odds ratio (Woolf 95 % CI) and risk difference (Wald 95 % CI) of ``outcome`` by ``exposure``.

    A 0.5 correction is added to every cell when one is empty.
    """
    table = _two_by_two(_tally(data, (_binary_name(data, outcome), _binary_name(data, exposure))))[:, :, 0]
    if table.sum() == 0:
        raise ValueError("data must contain at least one person")
    return _table_estimates(table.astype(float))


def _table_estimates(table: np.ndarray) -> tuple[Estimate, Estimate]:
    """Odds ratio and risk difference, with their 95 % intervals, of one 2 x 2 table [[a, b], [c, d]]."""
    (a, b), (c, d) = table
    n = int(table.sum())
    if min(a, b, c, d) == 0:
        a, b, c, d = a + 0.5, b + 0.5, c + 0.5, d + 0.5
    log_or = np.log(a * d / (b * c))
    se = np.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    odds = Estimate("crude", "odds ratio", float(np.exp(log_or)), float(np.exp(log_or - Z95 * se)),
                    float(np.exp(log_or + Z95 * se)), n)
    r1, r0 = a / (a + b), c / (c + d)
    se_rd = np.sqrt(r1 * (1 - r1) / (a + b) + r0 * (1 - r0) / (c + d))
    rd = r1 - r0
    risk = Estimate("crude", "risk difference", float(rd), float(rd - Z95 * se_rd), float(rd + Z95 * se_rd), n)
    return odds, risk


def mantel_haenszel(data, adjust_for=("pain", "male"), exposure: str = "kratom", outcome: str = "masld") -> Estimate:
    """Mantel-Haenszel odds ratio over the strata formed by ``adjust_for`` (statsmodels StratifiedTable).

    Age is stratified by decade and ALT as raised or not. A stratum with an empty cell gets 0.5
    added to each of its cells, so small samples give a wide interval, never NaN.
    """
    chosen = _check_set(adjust_for, allowed=[n for n in (*NODES, *SELECTION_NODES)])
    tables = _two_by_two(_tally(data, (_binary_name(data, outcome), _binary_name(data, exposure), *chosen)))
    occupied = tables.sum(axis=(0, 1)) > 0
    if not occupied.any():
        raise ValueError("data must contain at least one person")
    return _pooled_estimate(tables[:, :, occupied].astype(float))


def _pooled_estimate(tables: np.ndarray) -> Estimate:
    """Mantel-Haenszel odds ratio and 95 % CI of 2 x 2 x K tables (rows exposed/unexposed, columns outcome yes/no)."""
    from statsmodels.stats.contingency_tables import StratifiedTable  # on first use (module docstring)

    n = int(tables.sum())
    # Haldane's correction: add 0.5 to every cell of a stratum that has an empty cell.
    tables = tables + 0.5 * (tables.min(axis=(0, 1)) == 0)
    result = StratifiedTable(tables)
    low, high = result.oddsratio_pooled_confint()
    return Estimate("Mantel-Haenszel", "odds ratio", float(result.oddsratio_pooled), float(low), float(high), n)


def _logit_coefficient(y: np.ndarray, design: np.ndarray) -> tuple[float, float]:
    """Coefficient of column 1 of ``design`` and its standard error, by maximum likelihood.

    When every covariate is 0/1 the people are pooled by covariate pattern (:func:`_pooled_logit`);
    otherwise the person-level statsmodels Logit is fitted.
    """
    from statsmodels.discrete.discrete_model import Logit  # on first use (module docstring)

    covariates = design[:, 1:]
    if covariates.shape[1] <= 12 and np.all((covariates == 0) | (covariates == 1)):
        codes = covariates.astype(np.int64) @ (1 << np.arange(covariates.shape[1]))
        pooled = _pooled_logit(np.bincount(2 * codes + y, minlength=2 << covariates.shape[1]).reshape(-1, 2))
        if pooled is not None:
            return pooled
    fit = Logit(y, design).fit(disp=0, method="newton", maxiter=50, warn_convergence=False)
    return float(fit.params[1]), float(fit.bse[1])


def _pooled_logit(cells: np.ndarray) -> tuple[float, float] | None:
    """Coefficient of covariate 0 and its standard error, from people pooled by covariate pattern.

    ``cells[code, y]`` counts the people whose 0/1 covariates spell ``code`` (bit j is covariate
    j) and whose outcome is ``y``. Each pattern present is one binomial row (statsmodels GLM,
    binomial family): the same likelihood as the person-level Logit, hence the same estimate and
    standard error, from a few rows instead of thousands. None when the rows saturate the model.
    """
    from statsmodels.genmod.families import Binomial  # on first use (module docstring)
    from statsmodels.genmod.generalized_linear_model import GLM

    k = cells.shape[0].bit_length() - 1
    present = np.flatnonzero(cells.sum(axis=1))
    bits = (present[:, None] >> np.arange(k)) & 1
    rows = np.column_stack([np.ones(len(present)), bits]).astype(float)
    if len(rows) <= rows.shape[1]:  # saturated: the pooled fit is not defined
        return None
    counts = np.column_stack([cells[present, 1], cells[present, 0]]).astype(float)  # outcome yes, no
    fit = GLM(counts, rows, family=Binomial()).fit(maxiter=50)
    return float(fit.params[1]), float(fit.bse[1])


def adjusted_logit(data, adjust_for=("pain", "male"), exposure: str = "kratom", outcome: str = "masld") -> Estimate:
    """Odds ratio of ``exposure`` from a logistic regression of ``outcome`` on it and ``adjust_for``
    (statsmodels Logit; age per decade, ALT on the log scale)."""
    chosen = _check_set(adjust_for)
    x, y = _binary(data, exposure), _binary(data, outcome)
    columns = [np.ones(x.size), x.astype(float)]
    for name in chosen:
        if name in (exposure, outcome):
            continue
        values = np.asarray(data[name], dtype=float)
        columns.append((values - 50) / 10 if name == "age" else np.log(values) if name == "alt" else values)
    design = np.column_stack(columns)
    keep = [0, 1] + [j for j in range(2, design.shape[1]) if np.ptp(design[:, j]) > 0]  # drop constant columns
    design = design[:, keep]
    if np.bincount(2 * x + y, minlength=4).min() == 0:  # an empty exposure x outcome cell: one pseudo-person each
        pseudo = np.tile(design.mean(axis=0), (4, 1))
        pseudo[:, 0], pseudo[:, 1] = 1.0, [1, 1, 0, 0]
        design = np.vstack([design, pseudo])
        y = np.concatenate([y, [1, 0, 1, 0]])
    try:
        beta, se = _logit_coefficient(y, design)
    except np.linalg.LinAlgError:
        from statsmodels.discrete.discrete_model import Logit  # on first use (module docstring)

        fit = Logit(y, design).fit(disp=0, method="bfgs", maxiter=200, warn_convergence=False)
        covariance = np.linalg.pinv(-fit.model.hessian(fit.params))
        beta, se = float(fit.params[1]), float(np.sqrt(abs(covariance[1, 1])))
    return _logit_estimate(beta, se, int(x.size))


def _logit_estimate(beta: float, se: float, n: int) -> Estimate:
    """The odds ratio and 95 % CI from a log odds ratio ``beta`` and its standard error ``se``."""
    se = se if np.isfinite(se) else 1e3
    return Estimate("logistic regression", "odds ratio", float(np.exp(beta)), float(np.exp(beta - Z95 * se)),
                    float(np.exp(beta + Z95 * se)), n)


#: Variables that are 0 or 1 and may be adjusted for in the estimates app (not exposure or outcome).
_ZERO_ONE_COVARIATES = frozenset({*BINARY_NODES, "male", "clinic"} - {"kratom", "masld"})


def _estimates_from_counts(data: dict, chosen: tuple[str, ...]) -> tuple[Estimate, Estimate, Estimate,
                                                                          Estimate | None]:
    """Crude odds ratio and risk difference, Mantel-Haenszel and logistic odds ratios of kratom
    on MASLD adjusted for the distinct 0/1 variables ``chosen``, all from one count of the people
    by MASLD, kratom and ``chosen``.

    The numbers are those of :func:`crude_estimates`, :func:`mantel_haenszel` and
    :func:`adjusted_logit`, each of which passes over every person again (the logistic
    regression through a person-level design). The logistic estimate is None where
    :func:`adjusted_logit` would fit person by person (an empty kratom x MASLD cell, or pooled
    rows that saturate the model).
    """
    names = ("masld", "kratom", *chosen)
    counts = _tally(data, names)
    tables = _two_by_two(counts)
    crude = tables.sum(axis=2).astype(float)
    odds, risk = _table_estimates(crude)
    pooled = _pooled_estimate(tables[:, :, tables.sum(axis=(0, 1)) > 0].astype(float))
    n = int(crude.sum())
    constant = [2 + j for j in range(len(chosen))
                if counts.sum(axis=tuple(a for a in range(counts.ndim) if a != 2 + j)).min() == 0]
    if crude.min() == 0 or len(names) - len(constant) > 13:
        return odds, risk, pooled, None
    kept = counts.sum(axis=tuple(constant))  # MASLD x kratom x covariates that vary
    cells = kept.transpose(*range(kept.ndim - 1, 0, -1), 0).reshape(-1, 2)  # [kratom + 2 c1 + 4 c2 ..., MASLD]
    try:
        fit = _pooled_logit(cells)
    except np.linalg.LinAlgError:
        return odds, risk, pooled, None
    return odds, risk, pooled, None if fit is None else _logit_estimate(*fit, n)


def randomised_trial(n_people: int = 2_000, seed: int = 0, kratom_or: float = 1.0, strengths=None) -> Estimate:
    """Odds ratio (95 % CI) from a simulated randomised trial of ``n_people`` from the same population,
    kratom assigned by a fair coin."""
    return _trial(_people(n_people), _seed(seed), _arrow_strengths(kratom_or, strengths))


def _trial(n: int, seed: int, values: dict, live: bool = False) -> Estimate:
    odds, _ = crude_estimates(_draw(n, seed, values, randomise=True, measured=False, live=live)[0])
    return Estimate("randomised trial", "odds ratio", odds.value, odds.low, odds.high, odds.n_people)


@dataclass(frozen=True)
class EstimatesState:
    """Everything the estimates app shows: the truth, each estimate, and the graph's paths."""

    true_or: float
    causal_or: float
    causal_rd: float
    adjust_for: tuple[str, ...]
    valid: bool
    estimates: tuple[Estimate, ...]
    risk_difference: Estimate
    paths: tuple[PathStatus, ...]
    n_people: int
    n_trial: int
    kratom_users: int


def estimates_state(kratom_or: float = 1.0, pain_kratom_or: float | None = None, n_people: float = 20_000,
                    adjust_for=("pain", "male"), seed: int = 0, n_trial: int = 2_000) -> EstimatesState:
    """Simulate a cohort and a trial, and estimate the kratom -> MASLD effect four ways.

    ``kratom_or`` is the true effect (odds ratio), ``pain_kratom_or`` the strength of the
    pain -> kratom arrow (odds ratio; default from the table), ``n_people`` the cohort size and
    ``n_trial`` the trial size (people), ``adjust_for`` the variables adjusted for.
    """
    strengths = {}
    if pain_kratom_or is not None:
        strengths[("pain", "kratom")] = _odds_ratio(pain_kratom_or, "pain_kratom_or", "strength of pain -> kratom")
    chosen = _check_set(adjust_for, allowed=[*NODES, "clinic"])
    n = _people(round(check_quantity(n_people, "n_people", "people", PEOPLE, meaning="cohort size")))
    trial_n = _people(n_trial, "n_trial")
    seed = _seed(seed)
    values = _arrow_strengths(kratom_or, strengths)
    # Only what the estimates read is drawn: ALT and the clinic when adjusted for.
    cohort = _simulate(n, seed, values, measured=bool({"alt", "clinic"} & set(chosen)), live=True)
    if set(chosen) <= _ZERO_ONE_COVARIATES and len(set(chosen)) == len(chosen):
        odds, risk, pooled, logit = _estimates_from_counts(cohort.data, chosen)
    else:
        (odds, risk), pooled, logit = crude_estimates(cohort.data), mantel_haenszel(cohort.data, chosen), None
    estimates = (
        odds,
        pooled,
        adjusted_logit(cohort.data, chosen) if logit is None else logit,
        _trial(trial_n, (seed + 1) % 2**32, values, live=True),
    )
    return EstimatesState(cohort.true_or, cohort.causal_or, cohort.causal_rd, chosen,
                          is_valid_adjustment(chosen),
                          estimates, risk, tuple(paths_between(chosen, kratom_or=kratom_or, selection=True)),
                          n, trial_n, int(cohort.data["kratom"].sum()))


# --- Selection bias --------------------------------------------------------------------------


@dataclass(frozen=True)
class SelectionState:
    """Who is in a selected sample, and the kratom -> MASLD estimate there versus everyone."""

    sample: str
    clinic_kratom_or: float
    n_selected: int
    users_female: tuple[float, float]  # share of kratom users who are women: cohort, sample
    users_pain: tuple[float, float]  # share of kratom users in chronic pain: cohort, sample
    whole: Estimate
    selected: Estimate | None


@cache
def _selection_cohort() -> Cohort:
    return simulate_cohort(200_000, 7)


@cache
def _whole_cohort_estimate(chosen: tuple) -> Estimate:
    return mantel_haenszel(_selection_cohort().data, chosen)


def selection_state(clinic_kratom_or: float | None = None, sample: str = "liver clinic",
                    adjust_for=("pain", "male")) -> SelectionState:
    """Restrict a fixed 200,000-person cohort (no true kratom effect) to ``sample`` and compare.

    ``clinic_kratom_or`` (odds ratio) is the strength of the kratom -> liver-clinic arrow. The
    estimate is the Mantel-Haenszel odds ratio adjusted for ``adjust_for`` (a valid set in the
    whole cohort).
    """
    cohort = _selection_cohort()
    default = _p("or_kratom_clinic")
    strength = default if clinic_kratom_or is None else _odds_ratio(
        clinic_kratom_or, "clinic_kratom_or", "strength of kratom -> liver clinic")
    sample = check_choice(sample, "sample", SAMPLES)
    chosen = _check_set(adjust_for, allowed=NODES)
    everyone = cohort.data
    columns = {"male", "pain", "kratom", "masld", *chosen, *(("alt_raised",) if "alt" in chosen else ())}
    data = select(cohort, sample, strength, columns=columns)
    users = everyone["kratom"] == 1
    chosen_users = data["kratom"] == 1

    def share(values, mask):
        return float(values[mask].mean()) if mask.any() else float("nan")

    whole = _whole_cohort_estimate(chosen)
    selected = None if sample == "online survey" else mantel_haenszel(data, chosen)
    return SelectionState(
        sample, strength, len(data["male"]),
        (share(1 - everyone["male"], users), share(1 - data["male"], chosen_users)),
        (share(everyone["pain"], users), share(data["pain"], chosen_users)),
        whole, selected,
    )


# --- Confounding by indication and Simpson's paradox -----------------------------------------


@dataclass(frozen=True)
class IndicationState:
    """Crude, within-stratum and pooled odds ratios for kratom and for opioids (pain strata)."""

    pain_opioid_or: float
    kratom_or: float
    rows: tuple[tuple[str, Estimate], ...]


def indication_state(pain_opioid_or: float | None = None, kratom_or: float = 1.0) -> IndicationState:
    """Confounding by indication: people in pain take opioids and kratom, and pain leads to MASLD.

    ``pain_opioid_or`` is the strength of pain -> opioid prescription (odds ratio) and
    ``kratom_or`` the true effect of kratom on MASLD. Opioids have no effect on MASLD.
    """
    strength = _p("or_pain_opioid") if pain_opioid_or is None else _odds_ratio(
        pain_opioid_or, "pain_opioid_or", "strength of pain -> opioid prescription")
    kratom_or = _odds_ratio(kratom_or, "kratom_or", "true effect of kratom on MASLD")
    data = _simulate(50_000, 11, _arrow_strengths(kratom_or, {("pain", "opioid"): strength}),
                     measured=False, live=True).data
    # One pass over the people: counts by pain x sex x opioid x kratom x MASLD; every estimate
    # below is read from this table. Axes are flipped so that "yes" (1) comes first.
    codes = sum(_binary(data, name) << bit for bit, name in enumerate(("masld", "kratom", "opioid", "male", "pain")))
    cells = np.bincount(codes, minlength=32).reshape(2, 2, 2, 2, 2)[:, :, ::-1, ::-1, ::-1].astype(float)
    rows = []
    for exposure, other in (("opioid", 3), ("kratom", 2)):
        table = cells.sum(axis=other)  # pain x sex x exposure x MASLD
        rows.append((f"{exposure}: crude", _table_estimates(table.sum(axis=(0, 1)))[0]))
        for level, label in ((0, "no chronic pain"), (1, "chronic pain")):
            rows.append((f"{exposure}: {label}", _table_estimates(table[level].sum(axis=0))[0]))
        strata = table.reshape(4, 2, 2).transpose(1, 2, 0)
        occupied = strata[:, :, strata.sum(axis=(0, 1)) > 0]
        rows.append((f"{exposure}: pooled (M-H, pain + sex)", _pooled_estimate(occupied)))
    return IndicationState(strength, kratom_or, tuple(rows))


def kidney_stones():
    """The kidney-stone table of Charig et al. 1986 [@charig1986]: successes and patients by size and treatment."""
    return load_table("kidney_stones")


def simpson_summary() -> dict:
    """Success rates (fractions) of each treatment within each stone size and overall."""
    table = kidney_stones()
    rates = {}
    for (size, treatment), rows in table.groupby(["stone_size", "treatment"]):
        rates[(size, treatment)] = float(rows["successes"].sum() / rows["patients"].sum())
    for treatment, rows in table.groupby("treatment"):
        rates[("all", treatment)] = float(rows["successes"].sum() / rows["patients"].sum())
    return rates


def estimates_by_size(sizes=(2_000, 20_000, 200_000), kratom_or: float = 1.0, seed: int = 0,
                      adjust_for=("pain", "male")) -> list[tuple[int, Estimate, Estimate]]:
    """Crude and adjusted (logistic) odds ratios for several cohort sizes: the interval narrows,
    the crude estimate's bias stays."""
    if not isinstance(sizes, list | tuple) or not sizes:
        raise ValueError(f"sizes (cohort sizes, people) must be a non-empty list of numbers; got {sizes!r}")
    out = []
    for size in sizes:
        cohort = simulate_cohort(_people(size, "sizes"), seed, kratom_or)
        out.append((int(size), crude_estimates(cohort.data)[0], adjusted_logit(cohort.data, adjust_for)))
    return out
