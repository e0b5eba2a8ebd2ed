"""The instructor guide gives the right answer to every self-check.

Every id in src/teach/data/selfchecks/*.json must appear in instructors/*.md as
"`<id>`: option N" (N counted from 1) for a choice, or "`<id>`: <number>" for a number,
and every such line must agree with the JSON the widgets check against.
"""

from __future__ import annotations

import json
import math
import re

from tests.conftest import ROOT

ANSWER = re.compile(r"`(\d\d-[\w-]+)`:\s*(?:option\s+(\d+)\b|(-?\d[\d,]*(?:\.\d+)?))")


def _self_checks() -> dict[str, dict]:
    checks = {}
    for path in sorted((ROOT / "src" / "teach" / "data" / "selfchecks").glob("*.json")):
        checks.update(json.loads(path.read_text(encoding="utf-8")))
    return checks


def _guide_answers() -> dict[str, list[tuple[str, float]]]:
    found: dict[str, list[tuple[str, float]]] = {}
    for path in sorted((ROOT / "instructors").glob("*.md")):
        for check_id, option, number in ANSWER.findall(path.read_text(encoding="utf-8")):
            entry = ("choice", int(option) - 1) if option else ("number", float(number.replace(",", "")))
            found.setdefault(check_id, []).append(entry)
    return found


def test_every_self_check_is_answered_in_the_guide():
    missing = sorted(set(_self_checks()) - set(_guide_answers()))
    assert not missing, f"instructors/*.md lacks answers to {missing}"


def test_the_guide_answers_match_the_self_checks():
    checks = _self_checks()
    wrong = []
    for check_id, answers in _guide_answers().items():
        if check_id not in checks:
            continue  # a lesson on another branch; its JSON is checked when it arrives
        spec = checks[check_id]
        for kind, value in answers:
            if kind != spec["kind"]:
                wrong.append((check_id, f"answered as a {kind}, but it is a {spec['kind']} question"))
            elif kind == "choice" and value != spec["answer"]:
                wrong.append((check_id, f"option {value + 1}, but the answer is option {spec['answer'] + 1}"))
            elif kind == "number" and not math.isclose(value, spec["answer"], rel_tol=spec.get("rel_tol", 0.01)):
                wrong.append((check_id, f"{value}, but the answer is {spec['answer']}"))
    assert not wrong, wrong


def test_answer_parser_reads_both_formats():
    text = "- `01-dose-ratio`: 10-fold (1 + 9).\n- `01-compare-ki`: option 2 (compare within one study).\n"
    assert ANSWER.findall(text) == [("01-dose-ratio", "", "10"), ("01-compare-ki", "2", "")]
