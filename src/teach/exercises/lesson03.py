"""Lesson 03 exercises: an odds ratio and its Woolf interval from a 2x2 table; a causal graph in
networkx; one valid adjustment set for the course's cohort graph."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from statsmodels.stats.contingency_tables import Table2x2

from teach.causal import model as causal
from teach.data import load_table
from teach.exercises.registry import Exercise, Wrong, close, number, register

Z95 = 1.959963984540054


def small_stones() -> dict[str, int]:
    """Small kidney stones (charig1986): successes and failures for open surgery (the 'exposed'
    group) and percutaneous nephrolithotomy."""
    table = load_table("kidney_stones")
    small = table[table.stone_size.str.startswith("small")].set_index("treatment")
    open_, pcnl = small.loc["open surgery"], small.loc["percutaneous nephrolithotomy"]
    return {"a": int(open_.successes), "b": int(open_.patients - open_.successes),
            "c": int(pcnl.successes), "d": int(pcnl.patients - pcnl.successes)}


def _odds_ratio() -> tuple:
    t = small_stones()
    return (float(Table2x2(np.array([[t["a"], t["b"]], [t["c"], t["d"]]])).oddsratio),)


def _grade_odds_ratio(odds_ratio) -> str | None:
    value = number(odds_ratio, "odds_ratio")
    a, b, c, d = small_stones().values()
    right = (a / b) / (c / d)
    if close(value, right):
        return None
    if close(value, 1 / right):
        raise Wrong("you divided the odds the wrong way round: the exposed group (open surgery) goes on top")
    if close(value, (a / (a + b)) / (c / (c + d))):
        raise Wrong("that is a risk ratio (ratio of proportions); an odds ratio divides the odds, successes / failures")
    if close(value, a / b) or close(value, c / d):
        raise Wrong("that is the odds in one group only; divide the odds of the two groups")
    if close(value, (a * c) / (b * d)) or close(value, (b * c) / (a * d)):
        raise Wrong("the cross-product is (a x d) / (b x c): successes of one group times failures of the other")
    raise Wrong(f"odds ratio = (a/b) / (c/d) with a={a}, b={b} (open surgery) and c={c}, d={d} (PCNL)")


register(Exercise(
    "03-odds-ratio", "03-estimates",
    "one number: the odds ratio",
    _grade_odds_ratio, _odds_ratio,
    solution_code=("a, b = 81, 87 - 81     # open surgery, small stones: successes, failures\n"
                   "c, d = 234, 270 - 234  # percutaneous nephrolithotomy\n"
                   "odds_ratio = (a / b) / (c / d)  # = a*d / (b*c), about 2.08\n"
                   "# with statsmodels:\n"
                   "from statsmodels.stats.contingency_tables import Table2x2\n"
                   "Table2x2([[a, b], [c, d]]).oddsratio"),
    right="(81/6) / (234/36) = 13.5 / 6.5 = 2.08: within small stones the odds of success were about twice as "
          "high with open surgery.",
    no_code={
        "question": "In group A, 81 of 87 succeeded; in group B, 234 of 270. The odds ratio A vs B is about 2.1, "
                    "the risk ratio about 1.07. Why are they so different?",
        "choices": ["Success is common, and odds exaggerate ratios of common outcomes",
                    "One of the two must be a calculation error",
                    "The odds ratio is adjusted for confounders, the risk ratio is not",
                    "Risk ratios are always smaller than odds ratios by half"],
        "answer": 0,
        "feedback": ["Right: with outcomes near 90 %, odds (successes/failures) are large and their ratio moves far "
                     "from 1, while the proportions are close.",
                     "Both are right; they measure different things, and they differ most when the outcome is common.",
                     "Neither is adjusted here; both are crude.",
                     "There is no fixed relation; they are close only when the outcome is rare."]},
    wrong_answers=(((0.4815,), "exposed group"), ((1.074,), "risk ratio"), ((13.5,), "one group only"),
                   ((87.75,), "cross-product"), ((0.5,), "(a/b) / (c/d)"), (("2.08",), "should be a number")),
))


def _woolf() -> tuple:
    t = small_stones()
    low, high = Table2x2(np.array([[t["a"], t["b"]], [t["c"], t["d"]]])).oddsratio_confint(alpha=0.05)
    return ((float(low), float(high)),)


def _grade_woolf(interval) -> str | None:
    if not isinstance(interval, tuple | list) or len(interval) != 2:
        raise Wrong("give the interval as two numbers in brackets, (lower, upper)")
    low, high = number(interval[0], "the lower limit"), number(interval[1], "the upper limit")
    a, b, c, d = small_stones().values()
    log_or = math.log((a / b) / (c / d))
    se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    right = (math.exp(log_or - Z95 * se), math.exp(log_or + Z95 * se))
    if close(low, right[0]) and close(high, right[1]):
        return None
    if close(low, right[1]) and close(high, right[0]):
        raise Wrong("the limits are the wrong way round: give (lower, upper)")
    odds_ratio = math.exp(log_or)
    if close(low, odds_ratio - Z95 * se) and close(high, odds_ratio + Z95 * se):
        raise Wrong("build the interval on the log scale, log(OR) +- 1.96 SE, then take exp of both limits")
    root_free = 1 / a + 1 / b + 1 / c + 1 / d
    if close(low, math.exp(log_or - Z95 * root_free)):
        raise Wrong("the standard error is the square root of 1/a + 1/b + 1/c + 1/d")
    if close(low, math.exp(log_or - 1.645 * se)):
        raise Wrong("1.645 gives a 90 % interval; a 95 % interval uses 1.96")
    if close(low, math.exp(-log_or - Z95 * se)) or close(high, math.exp(-log_or + Z95 * se)):
        raise Wrong("the interval is for the odds ratio with open surgery on top; check the direction of your OR")
    raise Wrong("Woolf: SE = sqrt(1/a + 1/b + 1/c + 1/d); limits exp(log(OR) - 1.96 SE) and exp(log(OR) + 1.96 SE)")


register(Exercise(
    "03-woolf-interval", "03-estimates",
    "two numbers in brackets: (lower, upper) of the 95 % interval",
    _grade_woolf, _woolf,
    solution_code=("import math\n"
                   "a, b, c, d = 81, 6, 234, 36\n"
                   "log_or = math.log((a / b) / (c / d))\n"
                   "se = math.sqrt(1/a + 1/b + 1/c + 1/d)\n"
                   "interval = (math.exp(log_or - 1.96 * se), math.exp(log_or + 1.96 * se))  # about (0.84, 5.11)\n"
                   "# with statsmodels: Table2x2([[a, b], [c, d]]).oddsratio_confint()"),
    right="SE = sqrt(1/81 + 1/6 + 1/234 + 1/36) = 0.46; exp(0.731 -+ 1.96 x 0.46) = (0.84, 5.11). The interval "
          "includes 1: with only 6 failures after open surgery, these data cannot rule out no difference.",
    no_code={
        "question": "An odds ratio is 2.1 with a 95 % interval of 0.84 to 5.1. What is the best reading?",
        "choices": ["The data fit anything from a small harm to a five-fold benefit",
                    "Open surgery is proven to double the odds of success",
                    "There is no difference, because the interval includes 1",
                    "The interval is wrong, because it is not symmetric around 2.1"],
        "answer": 0,
        "feedback": ["Right: the interval includes 1, so chance is not ruled out, but it is wide and leans to benefit.",
                     "An interval that includes 1 does not rule out no difference.",
                     "Including 1 means 'not ruled out', not 'shown to be absent'; the interval also allows "
                     "large effects.",
                     "Ratio intervals are symmetric on the log scale, so they are lopsided around the estimate."]},
    wrong_answers=((((5.11, 0.84),), "wrong way round"), (((1.177, 2.977),), "log scale"),
                   (((1.3736, 3.1411),), "square root"), (((0.9755, 4.4219),), "90 %"), ((2.08,), "(lower, upper)"),
                   (((0.2, 1.2),), "Woolf")),
))

# --- a causal graph in networkx -------------------------------------------------------------
STORY_EDGES = frozenset({("pain", "kratom"), ("pain", "inactive"), ("inactive", "masld"), ("masld", "alt"),
                         ("kratom", "clinic"), ("alt", "clinic")})


def _graph() -> tuple:
    return (nx.DiGraph(sorted(STORY_EDGES)),)


def _grade_graph(graph) -> str | None:
    if isinstance(graph, list | tuple) and all(isinstance(a, tuple) and len(a) == 2 for a in graph):
        graph = nx.DiGraph(list(graph))  # a list of (cause, effect) arrows is read as the graph it describes
    if not isinstance(graph, nx.DiGraph):
        raise Wrong(f"give a networkx DiGraph, or a list of (cause, effect) arrows such as [('pain', 'kratom')]; "
                    f"you gave {type(graph).__name__}")
    edges = set(graph.edges())
    unknown = {n for n in graph.nodes if n not in {x for e in STORY_EDGES for x in e}}
    if unknown:
        raise Wrong(f"the story has no node called {sorted(unknown)[0]!r}; "
                    "use pain, kratom, inactive, masld, alt, clinic")
    reversed_ = sorted((b, a) for a, b in edges if (b, a) in STORY_EDGES)
    if reversed_:
        parent, child = reversed_[0]
        raise Wrong(f"the arrow between {parent} and {child} points the wrong way: {parent} causes {child}")
    missing = sorted(STORY_EDGES - edges)
    if missing:
        raise Wrong(f"an arrow is missing: {missing[0][0]} -> {missing[0][1]} (read the story again)")
    extra = sorted(edges - STORY_EDGES)
    if extra:
        raise Wrong(f"the story gives no arrow {extra[0][0]} -> {extra[0][1]}; an arrow is a claim of a direct cause")
    if not nx.is_directed_acyclic_graph(graph):
        raise Wrong("the graph has a cycle; a causal DAG cannot")
    return None


register(Exercise(
    "03-causal-graph", "03-dag",
    "a networkx DiGraph with the story's arrows",
    _grade_graph, _graph,
    solution_code=("import networkx as nx\n"
                   "graph = nx.DiGraph([('pain', 'kratom'), ('pain', 'inactive'), ('inactive', 'masld'),\n"
                   "                    ('masld', 'alt'), ('kratom', 'clinic'), ('alt', 'clinic')])\n"
                   "nx.is_directed_acyclic_graph(graph)  # True"),
    right="Six arrows, no cycle. The clinic has two arrows coming in (from kratom and from ALT): it is a collider, "
          "so restricting a study to clinic patients opens a path between kratom and MASLD.",
    no_code={
        "question": "In the story, kratom use and a raised ALT both make a liver-clinic visit more likely. What kind "
                    "of node is the clinic on the path kratom -> clinic <- ALT <- MASLD?",
        "choices": ["A collider: studying only clinic patients opens the path",
                    "A confounder: it must be adjusted for",
                    "A mediator: it carries kratom's effect to MASLD",
                    "Unrelated: it lies on no path between kratom and MASLD"],
        "answer": 0,
        "feedback": ["Right: two arrowheads meet at the clinic; conditioning on it (selection) opens the path.",
                     "A confounder causes both exposure and outcome; the clinic is caused by them.",
                     "A mediator sits on a directed path kratom -> M -> MASLD; here the arrows point into the clinic.",
                     "It is on the path kratom -> clinic <- ALT <- MASLD, closed unless you condition on it."]},
    wrong_answers=(((nx.DiGraph([("kratom", "pain")]),), "wrong way"),
                   ((nx.DiGraph(sorted(STORY_EDGES - {("alt", "clinic")})),), "alt -> clinic"),
                   ((nx.DiGraph([*STORY_EDGES, ("kratom", "masld")]),), "no arrow kratom -> masld"),
                   (([("pain", "kratom")],), "missing"), (("pain -> kratom",), "DiGraph"),
                   ((nx.DiGraph([*STORY_EDGES, ("age", "pain")]),), "'age'")),
))


# --- one valid adjustment set ---------------------------------------------------------------
def _adjustment() -> tuple:
    return ({"pain", "male"},)


def _grade_adjustment(adjust_for) -> str | None:
    if isinstance(adjust_for, str) or not isinstance(adjust_for, set | frozenset | list | tuple):
        raise Wrong("give the variables as a set of names, for example {'age', 'male'}")
    chosen = set(adjust_for)
    names = set(causal.NODES) | set(causal.SELECTION_NODES)
    if chosen - names:
        raise Wrong(f"{sorted(chosen - names)[0]!r} is not in the graph; the names are {', '.join(sorted(names))}")
    if causal.is_valid_adjustment(chosen):
        return None
    graph = causal._structural_graph()
    descendants = sorted(chosen & (nx.descendants(graph, "kratom") | {"kratom", "masld"}))
    if descendants:
        node = descendants[0]
        kind = "a collider" if node in causal.SELECTION_NODES or node == "alt" else "on the causal path"
        raise Wrong(f"'{node}' is caused by kratom (a descendant; {kind}): adjusting for it biases the estimate. "
                    "Leave out every descendant of kratom")
    for path in causal.paths_between(sorted(chosen)):
        if path.backdoor and path.open:
            raise Wrong("the back-door path " + " - ".join(path.nodes) + " stays open: add a variable on it "
                        "that is not a collider")
    raise Wrong("this set does not block every back-door path from kratom to MASLD")


register(Exercise(
    "03-adjustment-set", "03-adjustment",
    "a set of variable names, for example {'age', 'male'}",
    _grade_adjustment, _adjustment,
    solution_code=("adjust_for = {'pain', 'male'}   # or {'age', 'male', 'inactive', 'obese'}\n"
                   "from teach.causal import model\n"
                   "model.is_valid_adjustment(adjust_for)  # True"),
    right="Valid: it blocks every back-door path from kratom to MASLD and contains no descendant of kratom. "
          "There is more than one valid set; {pain, sex} is the smallest.",
    no_code={
        "question": "Which of these adjustment sets is valid for the effect of kratom on MASLD in the course's graph?",
        "choices": ["Chronic pain and sex", "Chronic pain, sex and liver-clinic visits", "Liver-clinic visits only",
                    "No adjustment at all"],
        "answer": 0,
        "feedback": ["Right: it blocks the back-door paths through pain and through sex.",
                     "The clinic is a collider (kratom -> clinic <- ALT): adding it opens a path.",
                     "Conditioning on the clinic opens a path and closes none.",
                     "Pain and sex open back-door paths; the crude estimate is confounded."]},
    wrong_answers=((({"pain"},), "male"), (({"pain", "male", "clinic"},), "'clinic' is caused by kratom"),
                   (({"alt"},), "descendant"), ((set(),), "stays open"), (({"opioid"},), "stays open"),
                   (("pain",), "set of names"), (({"bmi"},), "not in the graph")),
))
