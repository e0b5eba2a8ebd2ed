"""The self-check item bank follows the measurable item-writing rules of ASSESSMENT.md, and the
self-check widget shuffles options per learner and reads numbers with units."""

from __future__ import annotations

import collections
import json
import re

import pytest

from teach import progress
from teach.data import self_checks
from teach.ui import self_check
from teach.ui.answers import option_order, read_number
from tests.conftest import ROOT

OBJECTIVES = json.loads((ROOT / "src" / "teach" / "data" / "objectives.json").read_text(encoding="utf-8"))
ITEMS = self_checks()
CHOICE = {k: v for k, v in ITEMS.items() if v["kind"] == "choice"}


def _objective_ids() -> set[str]:
    return {oid for lesson in OBJECTIVES.values() for oid in lesson}


def test_objectives_are_taken_from_every_lesson():
    assert sorted(OBJECTIVES) == ["00", "01", "02", "03", "04", "05", "06", "07"]
    for lesson, objectives in OBJECTIVES.items():
        assert all(oid.startswith(f"{lesson}-") for oid in objectives)


def test_every_item_names_a_valid_objective_of_its_own_lesson():
    bad = {k: v.get("objective") for k, v in ITEMS.items()
           if v.get("objective") not in OBJECTIVES.get(v["lesson"], {}) or not k.startswith(v["lesson"])}
    assert not bad, bad


def test_every_objective_is_covered_by_an_item():
    missing = _objective_ids() - {v["objective"] for v in ITEMS.values()}
    assert not missing, f"objectives tested by no self-check: {sorted(missing)}"


def test_no_objective_is_tested_more_than_three_times():
    counts = collections.Counter(v["objective"] for v in ITEMS.values())
    assert max(counts.values()) <= 3, counts.most_common(3)


def test_the_key_is_the_longest_option_in_at_most_40_percent_of_items():
    longest = [k for k, v in CHOICE.items() if max(map(len, v["choices"])) == len(v["choices"][v["answer"]])]
    assert len(longest) <= 0.4 * len(CHOICE), longest


def test_no_key_position_holds_more_than_40_percent_of_keys():
    positions = collections.Counter(v["answer"] for v in CHOICE.values())
    assert max(positions.values()) <= 0.4 * len(CHOICE), positions


def test_options_are_alike_in_length():
    for key, item in CHOICE.items():
        lengths = [len(c) for c in item["choices"]]
        assert max(lengths) <= 2 * min(lengths), (key, lengths)


def test_no_all_or_none_of_the_above_and_no_negative_stems():
    for key, item in ITEMS.items():
        assert not re.search(r"\b(NOT|EXCEPT)\b", item["question"]), key
        for choice in item.get("choices", []):
            assert not re.search(r"(all|none) of the above", choice, re.I), key


def test_every_option_has_its_own_explaining_feedback():
    for key, item in CHOICE.items():
        assert len(item["feedback"]) == len(item["choices"]) >= 3, key
        assert len(set(item["feedback"])) == len(item["feedback"]), key
        assert all(len(text.split()) >= 6 for text in item["feedback"]), key


def test_no_duplicate_items():
    stems = collections.Counter(re.sub(r"\W+", " ", v["question"].lower()) for v in ITEMS.values())
    assert max(stems.values()) == 1
    fold = [k for k, v in ITEMS.items() if v["kind"] == "number" and v["answer"] == 1.39]
    assert not fold, f"the observed 1.39-fold midazolam rise is asked as a number again: {fold}"


def _cells_above_each_self_check(depth: int = 3) -> dict[str, str]:
    """For each self-check a notebook shows, the text (sources and outputs) of the cells just above it."""
    above = {}
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        texts = []
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            for output in cell.get("outputs", []):
                text += "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
            for check_id in re.findall(r'self_check\("([\w-]+)"\)', text):
                above[check_id] = "\n".join(texts[-depth:])
            texts.append(text)
    return above


def test_numeric_items_ask_for_a_new_case_not_a_number_printed_just_above():
    printed = []
    for key, text in _cells_above_each_self_check().items():
        item = ITEMS.get(key)
        if item and item["kind"] == "number":
            shown = f"{item['answer']:g}"
            if re.search(rf"(?<![\d.]){re.escape(shown)}(?![\d])", text):
                printed.append((key, shown))
    assert not printed, f"answers printed just above their self-check: {printed}"


def test_numeric_items_state_unit_and_tolerance():
    for key, item in ITEMS.items():
        if item["kind"] == "number":
            assert item["unit"] and 0 < item["rel_tol"] <= 0.05, key


@pytest.fixture
def learner(tmp_path, monkeypatch):
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "progress.json"))
    return progress.current()


def test_options_are_shuffled_per_learner_and_feedback_stays_attached(learner):
    widget = self_check("03-indication")
    order = [value for _label, value in widget.answer.options]
    assert order == option_order("03-indication", 4, learner.learner_id)
    assert [self_check("03-indication").answer.options] == [widget.answer.options]  # stable for this learner
    for label, value in widget.answer.options:
        assert label == widget.spec["choices"][value]
    widget.answer.value = widget.spec["answer"]
    assert widget.check() and widget.spec["feedback"][widget.spec["answer"]] in widget.feedback.value


def test_shuffling_differs_between_learners_and_balances_positions():
    firsts = collections.Counter(option_order("03-indication", 4, f"{n:032x}")[0] for n in range(400))
    assert len(firsts) == 4 and max(firsts.values()) < 140


def test_attempts_are_recorded_in_the_progress_file(learner):
    widget = self_check("01-dose-ratio")
    widget.answer.value = "50"
    assert not widget.check()
    widget.answer.value = "49 x KB"
    assert widget.check()
    assert progress.current().selfcheck("01-dose-ratio") == {
        "attempts": 2, "correct": True, "last": "49 x KB", "message": ""}


@pytest.mark.parametrize("text, unit, value", [
    ("50 %", "%", 50.0), ("50%", "%", 50.0), ("420 nM h", "nM h", 420.0), ("420 nM·h", "nM h", 420.0),
    ("97900", "", 97900.0), (" 3.25x ", "dimensionless", 3.25), ("-2 points", "points", -2.0), ("1e3", "mg", 1000.0),
])
def test_numbers_are_read_with_units(text, unit, value):
    assert read_number(text, unit) == value


@pytest.mark.parametrize("text, unit, message", [
    ("0,5", "%", "decimal point"), ("2,07", "dimensionless", "write 2.07"),
    ("97,900", "", "write 97900"), ("420 mg/L", "nM h", "expects nM h"),
    ("ten", "%", "type a number in %"), ("", "mg", "type a number"),
])
def test_unreadable_numbers_get_a_clear_message(text, unit, message):
    with pytest.raises(ValueError, match=message):
        read_number(text, unit)


def test_a_fraction_where_a_percentage_is_asked_is_pointed_out(learner):
    widget = self_check("01-occupancy-at-ki")
    widget.answer.value = "0.75"
    assert not widget.check() and "fraction" in widget.feedback.value
    widget.answer.value = "75 %"
    assert widget.check()
    widget.answer.value = "0,75"
    assert not widget.check() and "decimal point" in widget.feedback.value
