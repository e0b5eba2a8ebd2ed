"""Every shipped table is checked against its schema when loaded: each way the reliability probe
broke a table (and a few more) fails at load with the file, line and column named, never as a
silently wrong result later."""

from __future__ import annotations

import csv
import io
import math
import re
from importlib.resources import files

import pytest

import teach.data as data
from teach.data.schemas import SCHEMAS, TableError, parse_table

TABLES = data.table_names()
KEYS = data.references().keys()


def _text(name: str) -> str:
    return files(data).joinpath(f"{name}.csv").read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_text(name))))


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _fails(name: str, content: str, *needles: str) -> str:
    with pytest.raises(TableError) as err:
        parse_table(f"{name}.csv", content, SCHEMAS[name], KEYS)
    message = str(err.value)
    assert f"{name}.csv" in message
    for needle in needles:
        assert needle in message, message
    return message


def _column(name: str, kind: str) -> list[str]:
    return [c.name for c in SCHEMAS[name].columns if c.kind == kind]


def test_every_table_has_a_schema_and_passes_it():
    assert set(TABLES) == set(SCHEMAS)
    for name in TABLES:
        frame = data.load_table(name)
        assert len(frame) >= 1 and list(frame.columns) == _rows(name)[0]


@pytest.mark.parametrize("name", TABLES)
def test_structural_damage_fails_at_load(name):
    rows = _rows(name)
    _fails(name, "", "empty")
    _fails(name, "\n \n", "empty")
    _fails(name, _csv(rows[:1]), "no data rows")
    _fails(name, _csv([rows[0] + ["extra"], *([*r, "x"] for r in rows[1:])]), "unexpected column", "extra")
    _fails(name, _csv([r[:-1] for r in rows]), "missing column", rows[0][-1])
    _fails(name, _csv([rows[0], rows[1] + ["stray"], *rows[2:]]), "line 2", "cells for")
    _fails(name, _csv([*rows, rows[-1] + ["stray"]]), f"line {len(rows) + 1}", "cells for")
    _fails(name, _csv([*rows, rows[1]]), f"line {len(rows) + 1}", "duplicate key", "also on line 2")


@pytest.mark.parametrize("name", TABLES)
def test_an_unbalanced_quote_never_drops_a_row(name):
    rows = _rows(name)
    lines = _csv(rows).splitlines(keepends=True)
    first = rows[0].index(next(c.name for c in SCHEMAS[name].columns if c.kind == "text"))
    broken = [*rows[1][:first], "UNCLOSED", *rows[1][first + 1:]]
    damaged = _csv([broken]).replace("UNCLOSED", '"unclosed note')
    _fails(name, "".join([lines[0], damaged, *lines[2:]]))


@pytest.mark.parametrize("name", TABLES)
def test_every_required_cell_must_be_filled(name):
    rows = _rows(name)
    for column in SCHEMAS[name].columns:
        if column.required:
            index = rows[0].index(column.name)
            bad = [rows[0], [*rows[1][:index], "", *rows[1][index + 1:]], *rows[2:]]
            _fails(name, _csv(bad), "line 2", f"column {column.name}", "empty")


@pytest.mark.parametrize("name", TABLES)
def test_citations_must_exist_in_the_bibliography(name):
    rows = _rows(name)
    for column in _column(name, "citation"):
        index = rows[0].index(column)
        bad = [rows[0], *rows[1:-1], [*rows[-1][:index], "nobody2099", *rows[-1][index + 1:]]]
        _fails(name, _csv(bad), f"line {len(rows)}", f"column {column}", "nobody2099", "references.bib")


@pytest.mark.parametrize("name", [n for n in TABLES if _column(n, "flag")])
@pytest.mark.parametrize("word", ["yes", "no", "2", "-1", "1.0", "TRUE ", "n/a"])
def test_flags_are_read_strictly(name, word):
    rows = _rows(name)
    for column in _column(name, "flag"):
        index = rows[0].index(column)
        bad = [rows[0], [*rows[1][:index], word, *rows[1][index + 1:]], *rows[2:]]
        _fails(name, _csv(bad), "line 2", f"column {column}")


def test_one_yes_in_a_flag_column_cannot_turn_every_flag_on():
    frame = data.load_table("careplan_medicines")
    assert frame["cyp3a_substrate"].dtype == bool
    rows = _rows("careplan_medicines")
    column = rows[0].index("cyp3a_substrate")
    assert frame["cyp3a_substrate"].tolist() == [r[column] == "1" for r in rows[1:]]


@pytest.mark.parametrize("name", [n for n in TABLES if _column(n, "number") or _column(n, "integer")])
@pytest.mark.parametrize("word", ["-1e9", "n/a", "five", "nan", "inf", "1e999"])
def test_numbers_must_be_finite_and_in_range(name, word):
    rows = _rows(name)
    for column in _column(name, "number") + _column(name, "integer"):
        index = rows[0].index(column)
        bad = [rows[0], [*rows[1][:index], word, *rows[1][index + 1:]], *rows[2:]]
        _fails(name, _csv(bad), "line 2", f"column {column}")


@pytest.mark.parametrize(("name", "row", "value", "needle"), [
    ("careplan_parameters", "review_interval_months", "0", "months"),
    ("careplan_parameters", "dili_latency_median_days", "-49", "days"),
    ("kinetics_parameters", "midazolam_auc_observed_fold", "n/a", "not a number"),
    ("liver_thresholds", "r_hepatocellular_min", "", "empty"),
    ("cohort_parameters", "p_pain", "1.5", "fraction"),
    ("model_parameters", "agonist_KA_nM", "-5", "nM"),
])
def test_the_probes_bad_parameter_values_fail_with_file_line_and_column(name, row, value, needle):
    rows = _rows(name)
    line = next(i for i, r in enumerate(rows) if r[0] == row) + 1
    rows[line - 1][1] = value
    _fails(name, _csv(rows), f"line {line}", "column value", needle)


def test_other_row_rules():
    rows = _rows("kidney_stones")
    rows[1][2] = str(int(rows[1][3]) + 1)  # more successes than patients
    _fails("kidney_stones", _csv(rows), "line 2", "successes", "above patients")
    rows = _rows("claims")
    rows[1][rows[0].index("level")] = "randomized trial"  # a typo of an allowed level
    _fails("claims", _csv(rows), "line 2", "column level", "randomised trial")


@pytest.mark.parametrize("name", TABLES)
def test_provenance_columns_are_required_and_strict(name):
    rows = _rows(name)
    where, read = rows[0].index("where_read"), rows[0].index("read_in_source")
    for dropped in (where, read):
        _fails(name, _csv([[c for i, c in enumerate(r) if i != dropped] for r in rows]), "missing column")
    for bad_where, bad_read in (("", "yes"), ("Table 2", "1"), ("Table 2", "Yes"), ("Table 2", "")):
        row = list(rows[1])
        row[where], row[read] = bad_where, bad_read
        _fails(name, _csv([rows[0], row, *rows[2:]]), "line 2")


def test_a_bad_shipped_file_fails_when_loaded(tmp_path, monkeypatch):
    """End to end through load_table: the package reads the broken file and names it."""
    for name in TABLES:
        (tmp_path / f"{name}.csv").write_text(_text(name), encoding="utf-8")
    (tmp_path / "references.bib").write_text(files(data).joinpath("references.bib").read_text(encoding="utf-8"))
    rows = _rows("liver_thresholds")
    rows[1][1] = ""
    (tmp_path / "liver_thresholds.csv").write_text(_csv(rows), encoding="utf-8")
    monkeypatch.setattr(data, "_PACKAGE", tmp_path)
    data._read_table.cache_clear()
    try:
        with pytest.raises(TableError, match=re.escape("liver_thresholds.csv, line 2, column value")):
            data.load_table("liver_thresholds")
        assert math.isclose(data.parameter("agonist_KA_nM"), 100.0)
    finally:
        data._read_table.cache_clear()
