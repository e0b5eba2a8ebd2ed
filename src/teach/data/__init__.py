"""Parameter tables and references, read through importlib.resources.

Notebooks call these from any working directory. Every table row carries a ``citation``
key that must exist in ``references.bib`` (tests/test_citations.py checks it).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

import pandas as pd

from teach.data.schemas import SCHEMAS, TableError, parse_table

_PACKAGE = files(__name__)
_BIB_ENTRY = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", re.DOTALL)
_BIB_FIELD = re.compile(r"(\w+)\s*=\s*\{(.*?)\}\s*,?\s*$", re.MULTILINE)


def table_names() -> list[str]:
    """Names of the parameter tables shipped with the package (without ``.csv``)."""
    return sorted(p.name.removesuffix(".csv") for p in _PACKAGE.iterdir() if p.name.endswith(".csv"))


@cache
def _read_table(name: str) -> pd.DataFrame:
    if not isinstance(name, str) or name not in table_names():
        raise ValueError(f"name (table) must be one of {', '.join(table_names())}; got {str(name)[:60]!r}")
    if name not in SCHEMAS:
        raise TableError(f"{name}.csv has no schema in teach/data/schemas.py")
    content = _PACKAGE.joinpath(f"{name}.csv").read_text(encoding="utf-8")
    columns = parse_table(f"{name}.csv", content, SCHEMAS[name], references().keys())
    return pd.DataFrame(columns)


def load_table(name: str) -> pd.DataFrame:
    """Return a copy of parameter table ``name`` (e.g. ``"receptor_binding"``), checked against its
    schema in :mod:`teach.data.schemas` when first read (a bad table raises :class:`TableError`
    naming file, line and column)."""
    if not isinstance(name, str):
        raise ValueError(f"name (table) must be one of {', '.join(table_names())}; got a {type(name).__name__}")
    return _read_table(name).copy()


def parameter(name: str, table: str = "model_parameters") -> float:
    """Return the value of one row of a ``name, value, unit, ..., citation`` table."""
    if not isinstance(table, str) or table not in table_names():
        raise ValueError(f"table must be one of {', '.join(table_names())}; got {str(table)[:60]!r}")
    frame = _read_table(table)
    if "value" not in frame.columns:
        raise ValueError(f"table {table!r} is not a name, value table")
    if not isinstance(name, str) or name not in set(frame["name"]):
        raise ValueError(f"name (parameter) must be one of {', '.join(frame['name'])}; got {str(name)[:60]!r}")
    return float(frame.loc[frame["name"] == name, "value"].iloc[0])


@cache
def references() -> dict[str, dict[str, str]]:
    """Entries of references.bib as ``{key: {"type": ..., field: value, ...}}``."""
    text = _PACKAGE.joinpath("references.bib").read_text(encoding="utf-8")
    entries = {}
    for kind, key, body in _BIB_ENTRY.findall(text):
        fields = {field.lower(): value for field, value in _BIB_FIELD.findall(body)}
        entries[key] = {"type": kind.lower(), **fields}
    return entries


def short_citation(key: str) -> str:
    """A short in-text citation such as ``"Obeng et al. 2021"`` for bibliography ``key``."""
    if not isinstance(key, str):
        raise TypeError(f"key (citation key) must be a string; got {type(key).__name__}")
    entry = references().get(key)
    if entry is None:
        raise ValueError(f"citation key {key!r} is not in references.bib")
    authors = _authors(entry["author"])
    many = len(authors) > 2 or authors[-1] == "others"  # "Tanna, R. and others" is "Tanna et al."
    etal = " et al." if many else (f" and {_surname(authors[1])}" if len(authors) == 2 else "")
    return f"{_surname(authors[0])}{etal} {entry['year']}"


def _authors(field: str) -> list[str]:
    """The names in a BibTeX author field, split on ' and ' outside braces, so that a corporate
    author such as ``{Centers for Disease Control and Prevention}`` stays one name."""
    names, depth, start = [], 0, 0
    for index, char in enumerate(field):
        depth += (char == "{") - (char == "}")
        if depth == 0 and field.startswith(" and ", index):
            names.append(field[start:index])
            start = index + len(" and ")
    names.append(field[start:])
    return [name.strip() for name in names]


def _surname(name: str) -> str:
    """'Obeng, Samuel' -> 'Obeng'; a braced corporate name is kept whole, without its braces."""
    whole = name.startswith("{") and name.endswith("}")
    return re.sub(r"[{}\\'\"`]", "", name if whole else name.split(",")[0])


def self_checks() -> dict[str, dict]:
    """The self-check questions of every lesson, keyed by id (``"01-occupancy-at-ki"``...).

    Each lesson keeps its questions in ``selfchecks/<lesson>.json``; ids must be unique.
    """
    checks: dict[str, dict] = {}
    for path in sorted(_PACKAGE.joinpath("selfchecks").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".json"):
            lesson = json.loads(path.read_text(encoding="utf-8"))
            clash = checks.keys() & lesson.keys()
            if clash:
                raise ValueError(f"self-check ids defined twice: {sorted(clash)}")
            checks.update(lesson)
    return checks
