"""Reading a learner's answer: numbers typed with units, and a per-learner option order.

``read_number("420 nM h", "nM h")`` -> 420.0; ``read_number("50 %", "%")`` -> 50.0;
``read_number("0,5", "%")`` raises ValueError("... use a decimal point ..."), and so does any
comma, thousands separators included, since "1,250" is read differently in different countries. A number whose
unit cannot be read is refused with a message naming the unit the question expects.

``option_order(item_id, n, learner_id)`` shuffles a question's options with a seed made from the
learner's id and the item's id: stable for that learner across sessions, different between
learners. The options keep their stored index, so each option's feedback stays attached to it.
"""

from __future__ import annotations

import hashlib
import math
import random
import re

from teach.validation import Bounds, check_count, check_instance, check_quantity

_NUMBER = re.compile(r"^\s*([+-]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_UNIT_SYNONYMS = {
    "%": {"%", "percent", "per cent"},
    "fold": {"fold", "x", "×", "-fold", "times"},
    "dimensionless": {"", "x", "×", "fold"},
    "points": {"points", "point", "pts", "pt"},
    "x KB": {"x", "×", "times", "kb", "x kb", "× kb", "times kb"},
    "umol/L": {"umol/l", "µmol/l", "μmol/l", "micromol/l"},
    "nM h": {"nm h", "nm*h", "nm.h", "nm·h", "nm×h", "h nm", "nmol h/l", "nmol*h/l", "nmol/l*h"},
}


_ANY_NUMBER = Bounds(-math.inf, math.inf)


def _unit_key(unit: str) -> str:
    return re.sub(r"\s+", " ", unit.strip().lower().replace("·", " ").replace("*", " "))


def read_number(text, unit: str = "") -> float:
    """The number in ``text``, with an optional unit matching ``unit``; ValueError otherwise.

    Accepts spaces and the expected unit or a common way of
    writing it ("50 %", "50%", "3.25x", "420 nM h", "420 nM·h"). Refuses any comma
    ("0,5", "1,250") and an unknown unit, each with a message saying what to type instead.
    """
    unit = check_instance(unit, "unit", str)
    raw = str(text).strip()
    match = _NUMBER.match(raw)
    if not raw or not match:
        expected = f" in {unit}" if unit and unit != "dimensionless" else ""
        raise ValueError(f"type a number{expected}, for example 12.5 (your text {raw[:40]!r} is not one)")
    number, written_unit = match.groups()
    if "," in number:  # "1,250" is 1.25 in some countries and 1250 in others: never guess
        example = number.replace(",", ".") if not _THOUSANDS.match(number) else number.replace(",", "")
        raise ValueError(f"your text '{number}' has a comma: use a decimal point and no thousands separator, "
                         f"so it cannot be misread (write {example})")
    if written_unit and _unit_key(written_unit) not in {_unit_key(u) for u in _accepted(unit)}:
        expected = "no unit" if unit in {"", "dimensionless"} else unit
        raise ValueError(f"the unit '{written_unit[:40]}' in your text cannot be read here; "
                         f"this question expects {expected}")
    value = float(number)
    if not math.isfinite(value):
        raise ValueError(f"type a finite number (your text {number[:40]!r} is too large)")
    return value


def _accepted(unit: str) -> set[str]:
    return {unit, *_UNIT_SYNONYMS.get(unit, set())}


def fraction_reading(value: float, text, unit: str) -> float | None:
    """``value`` x 100 when a fraction was typed for a percentage ("0.5" for 50 %), else None."""
    value = check_quantity(value, "value", unit if isinstance(unit, str) else "", _ANY_NUMBER)
    unit = check_instance(unit, "unit", str)
    typed_percent = "%" in str(text) or "percent" in str(text).lower()
    if unit == "%" and not typed_percent and 0 < abs(value) <= 1:
        return value * 100
    return None


def option_order(item_id: str, n_options: int, learner_id: str) -> list[int]:
    """A permutation of ``range(n_options)``, stable for one learner and one item."""
    item_id, learner_id = check_instance(item_id, "item_id", str), check_instance(learner_id, "learner_id", str)
    n_options = check_count(n_options, "n_options", "options", Bounds(1, 100))
    seed = int.from_bytes(hashlib.sha256(f"{learner_id}:{item_id}".encode()).digest()[:8], "big")
    order = list(range(n_options))
    random.Random(seed).shuffle(order)
    return order
