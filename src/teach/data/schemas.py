"""What every shipped data table must hold: one declarative schema per table.

A table is checked cell by cell when it is first loaded (:func:`teach.data.load_table`): the exact
columns, a value in every required cell, numbers (not text such as ``n/a``) inside a range,
flags written strictly as ``1``/``0`` or ``true``/``false``, values from a fixed list, unique
keys, and citation keys that exist in ``references.bib``. A bad table raises a
:class:`TableError` naming the file, the row (as the line number in the file) and the column;
no table is ever used half-read or silently coerced.

Why not pandera: it validates a DataFrame that pandas has already parsed, after pandas has
turned an empty cell into NaN, a stray ``yes`` into a text column, or an unbalanced quote into a
merged row; the checks that matter here are on the raw cells, before any coercion. pandera 0.35
also brings pydantic, typeguard and typing_inspect into a runtime that Binder installs. The
schemas below are plain data, so adding a column is a one-line change.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field

FLAG_WORDS = {"1": True, "0": False, "true": True, "false": False}
YES_NO = {"yes": True, "no": False}


class TableError(ValueError):
    """A data table that breaks its schema; the message names file, line and column."""


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``kind`` is ``"text"``, ``"number"`` (float), ``"integer"``, ``"flag"`` (1/0 or
    true/false), ``"yes_no"`` (yes/no), ``"choice"`` (one of ``choices``) or ``"citation"``
    (a key in references.bib). Numbers must lie in ``low .. high`` (``low_open``: strictly
    above ``low``). An empty cell is an error unless ``required`` is False; then it reads as
    NaN (numbers) or None (flags, text).
    """

    name: str
    kind: str = "text"
    required: bool = True
    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    choices: tuple[str, ...] = ()
    max_length: int = 5000


@dataclass(frozen=True)
class UnitRange:
    """The valid range of a name/value table's ``value`` for one unit (``low_open``: strictly above)."""

    low: float
    high: float
    low_open: bool = False


@dataclass(frozen=True)
class Schema:
    """A table's columns, its unique key, and optional row rules.

    ``optional`` columns may be absent; when present they are checked like the others.
    ``value_ranges`` (name/value tables) bound the ``value`` column by the row's ``unit``;
    ``not_above`` lists column pairs ``(a, b)`` that need ``a <= b`` in every row.
    """

    columns: tuple[Column, ...]
    key: tuple[str, ...]
    optional: tuple[Column, ...] = ()
    value_ranges: dict[str, UnitRange] = field(default_factory=dict)
    default_range: UnitRange | None = None
    not_above: tuple[tuple[str, str], ...] = ()


def text(name: str, required: bool = True, **kw) -> Column:
    return Column(name, "text", required, **kw)


def number(name: str, low: float, high: float, *, low_open: bool = False, required: bool = True) -> Column:
    return Column(name, "number", required, low, high, low_open)


def integer(name: str, low: float, high: float, *, required: bool = True) -> Column:
    return Column(name, "integer", required, low, high)


def flag(name: str, required: bool = True) -> Column:
    return Column(name, "flag", required)


def choice(name: str, *choices: str, required: bool = True) -> Column:
    return Column(name, "choice", required, choices=choices)


def citation(name: str = "citation") -> Column:
    return Column(name, "citation")


# Provenance of every row: where in the source the value was read, and whether a person read it
# there (yes/no). Every table must have both columns (see _with_provenance below).
PROVENANCE = (text("where_read"), Column("read_in_source", "yes_no"))

CONFIDENCE = ("High", "Medium", "Low", "Illustrative")

# Ranges of ``value`` in the name/value tables, by unit: they reject typing slips (a sign, a
# zero, a misplaced decimal point), not unusual science. Signed units hold score points and
# regression coefficients.
_POSITIVE = UnitRange(0.0, 1e6, low_open=True)
_SIGNED = UnitRange(-1e3, 1e3)
_FRACTION = UnitRange(0.0, 1.0)
_PERCENT = UnitRange(0.0, 100.0, low_open=True)
VALUE_RANGES = {
    "dimensionless": _SIGNED, "points": _SIGNED, "per year": _SIGNED, "per kg/m2": _SIGNED,
    "per 10^9/L": _SIGNED, "per g/dL": _SIGNED,
    "fraction of adults": _FRACTION, "fraction of people": _FRACTION, "fraction of people who use kratom": _FRACTION,
    "fraction of respondents": _FRACTION,
    "%": _PERCENT, "% w/w": _PERCENT, "% of maximal stimulation": _PERCENT,
    "days": UnitRange(1.0, 3650.0), "months": UnitRange(0.5, 120.0), "years": UnitRange(0.5, 150.0),
}


def _name_value(*kinds: str, extra: tuple[Column, ...] = ()) -> Schema:
    """A ``name, value, unit, kind, citation, [extra...], note, where_read, read_in_source`` parameter table."""
    return Schema(
        columns=(text("name", max_length=80), Column("value", "number"), text("unit", max_length=80),
                 choice("kind", *kinds), citation(), *extra, text("note"), *PROVENANCE),
        key=("name",), value_ranges=VALUE_RANGES, default_range=_POSITIVE,
    )


SCHEMAS: dict[str, Schema] = {
    "careplan_guidelines": Schema(
        columns=(text("option", max_length=80), choice("guideline", "acp2017", "acr2019", "cdc2022", "nice_ng193",
                                                        "nice_ng59"),
                 text("condition"), choice("stance", "strong for", "conditional for", "weak for", "caution",
                                           "not preferred", "against"),
                 text("wording"), citation(), *PROVENANCE),
        key=("option", "guideline")),
    "careplan_kratom_harms": Schema(
        columns=(text("harm", max_length=80), text("label"), text("statement"), citation(), *PROVENANCE),
        key=("harm",)),
    "careplan_medicine_cautions": Schema(
        columns=(text("medicine", max_length=80), choice("applies_with", "always", "alcohol", "liver_disease"),
                 text("caution"), citation(), *PROVENANCE),
        key=("medicine", "applies_with")),
    "careplan_medicines": Schema(
        columns=(text("medicine", max_length=200), text("label"), flag("cyp3a_substrate"), flag("cyp2d6_substrate"),
                 flag("opioid"), flag("sedative"), flag("serotonergic"), flag("lowers_seizure_threshold"),
                 flag("hepatotoxic_possible"), citation(), text("note"), *PROVENANCE),
        key=("medicine",)),
    "careplan_parts": Schema(
        columns=(text("part", max_length=80), text("label"), text("what_it_is"), text("asks_of_the_person"),
                 text("downsides_to_discuss"), citation(), *PROVENANCE),
        key=("part",)),
    "careplan_red_flags": Schema(
        columns=(text("flag"), choice("group", "liver", "opioid toxicity", "seizure"), citation(), *PROVENANCE),
        key=("flag",)),
    "careplan_parameters": _name_value("published", "illustrative", "derived"),
    "claims": Schema(
        columns=(text("claim_id", max_length=80), text("claim"), integer("evidence_rating", 1, 5),
                 choice("verdict", "contradicted", "not supported", "mixed", "partly supported", "supported"),
                 choice("lesson", "00", "01", "02", "03", "04", "05", "06", "07"),
                 choice("level", "in vitro", "animal", "case report", "cross-sectional survey", "clinical study",
                        "randomised trial"),
                 text("finding"), citation()),
        key=("claim_id", "citation")),
    "cohort_parameters": _name_value("measured", "derived", "assumption", "illustrative",
                                     extra=(choice("confidence", *CONFIDENCE),)),
    "kidney_stones": Schema(
        columns=(text("stone_size"), text("treatment"), integer("successes", 0, 1e6), integer("patients", 1, 1e6),
                 citation()),
        key=("stone_size", "treatment"), not_above=(("successes", "patients"),)),
    "kinetics_parameters": _name_value("measured", "derived", "convention", "illustrative"),
    "liver_case_rucam": Schema(
        # The answers are checked against RUCAM's options by teach.liver.model.rucam when used.
        columns=(text("case", max_length=80), text("timing"), text("course"), text("alcohol"), flag("pregnancy"),
                 text("concomitant"), integer("group1_ruled_out", 0, 7), flag("group2_ruled_out"),
                 flag("alternative_highly_probable"), text("previous_hepatotoxicity"), text("reexposure"),
                 citation(), text("note", max_length=20000)),
        key=("case",)),
    "liver_cases": Schema(
        columns=(text("case", max_length=80), text("label"), choice("kind", "published", "illustrative"),
                 integer("age_years", 18, 120), choice("sex", "male", "female"),
                 integer("latency_days", 1, 3650, required=False),
                 number("alt_U_L", 1, 1e5), number("alt_uln_U_L", 1, 1000), number("alp_U_L", 1, 1e5),
                 number("alp_uln_U_L", 1, 1000), number("bilirubin_mg_dL", 0.01, 100),
                 number("bilirubin_uln_mg_dL", 0.1, 10), number("ast_U_L", 1, 1e5, required=False),
                 number("platelets_1e9_L", 1, 2000, required=False), number("bmi_kg_m2", 10, 100, required=False),
                 number("albumin_g_dL", 0.5, 10, required=False), flag("diabetes", required=False),
                 citation(), text("note")),
        key=("case",)),
    "liver_thresholds": _name_value("published", "illustrative", "derived"),
    "model_parameters": _name_value("measured", "illustrative", "derived"),
    "persona": Schema(
        columns=(text("field", max_length=80), text("value", max_length=200), text("unit", required=False),
                 choice("kind", "illustrative", "published"), citation(), *PROVENANCE, text("note")),
        key=("field",)),
    "pk_studies": Schema(
        columns=(text("study", max_length=80), text("label"), number("mg_half_life_h", 0.1, 1000),
                 number("mg_tmax_h", 0.01, 48), number("seven_oh_half_life_h", 0.1, 1000),
                 citation("seven_oh_source"), citation(), choice("confidence", *CONFIDENCE), text("note")),
        key=("study",)),
    "receptor_binding": Schema(
        columns=(text("compound", max_length=80), text("receptor", max_length=40), choice("measure", "Ki", "KD"),
                 choice("kind", "value", "band", "either"), number("low_nM", 1e-6, 1e7, low_open=True, required=False),
                 number("high_nM", 1e-6, 1e7, low_open=True), text("species"), text("system"), text("radioligand"),
                 citation(),
                 choice("confidence", *CONFIDENCE), text("note", required=False)),
        key=("compound", "receptor", "measure", "system", "citation"),
        not_above=(("low_nM", "high_nM"),)),
    "voices": Schema(
        # Words from published qualitative studies of people who use kratom, verbatim as read.
        columns=(text("id", max_length=80), text("quote", max_length=600),
                 choice("voice", "participant", "researchers' summary"), text("speaker", max_length=200),
                 text("context", max_length=300), text("lessons", max_length=40), citation(), *PROVENANCE),
        key=("id",)),
}


def _with_provenance(schema: Schema) -> Schema:
    """``schema`` with the two provenance columns required (added where it does not list them)."""
    names = {c.name for c in schema.columns}
    extra = tuple(c for c in PROVENANCE if c.name not in names)
    return Schema(columns=(*schema.columns, *extra), key=schema.key, optional=schema.optional,
                  value_ranges=schema.value_ranges, default_range=schema.default_range, not_above=schema.not_above)


SCHEMAS = {name: _with_provenance(schema) for name, schema in SCHEMAS.items()}


def parse_table(filename: str, content: str, schema: Schema, citation_keys) -> dict[str, list]:
    """Check the CSV text ``content`` of ``filename`` against ``schema``; return its columns as
    ``{name: values}`` (numbers as float, integers as int, flags as bool, empty optional cells as
    NaN or None). Raises :class:`TableError` naming the file, line and column of the first fault."""
    import csv

    if not isinstance(schema, Schema):
        raise TypeError(f"schema must be a Schema; got {type(schema).__name__}")
    if not isinstance(content, str):
        raise TypeError(f"content (CSV text of {filename}) must be a string; got {type(content).__name__}")
    if not _is_key_collection(citation_keys):
        raise TypeError(f"citation_keys must be a collection of citation keys (text); got {citation_keys!r:.40}")
    if not content.strip():
        raise TableError(f"{filename}: the file is empty (it needs a header and at least one row)")
    try:
        rows = list(csv.reader(content.splitlines(keepends=True), strict=True))
    except csv.Error as err:
        raise TableError(f"{filename}: not valid CSV ({err}); look for an unbalanced quote") from None
    header, body = rows[0], rows[1:]
    known = {c.name: c for c in (*schema.columns, *schema.optional)}
    missing = [c.name for c in schema.columns if c.name not in header]
    extra = [name for name in header if name not in known]
    twice = sorted({name for name in header if header.count(name) > 1})
    if missing or extra or twice:
        problems = ([f"missing column(s) {', '.join(missing)}"] if missing else []) + (
            [f"unexpected column(s) {', '.join(extra)}"] if extra else []) + (
            [f"column(s) named twice: {', '.join(twice)}"] if twice else [])
        raise TableError(f"{filename}: {'; '.join(problems)}")
    if not body:
        raise TableError(f"{filename}: no data rows below the header")
    columns = [known[name] for name in header]
    values: dict[str, list] = {c.name: [] for c in columns}
    keys: dict[tuple, int] = {}
    line = 1
    for row in body:
        line += 1
        where = f"{filename}, line {line}"
        if len(row) != len(header):
            raise TableError(f"{where}: {len(row)} cells for {len(header)} columns (a stray comma or quote?)")
        for column, cell in zip(columns, row, strict=True):
            if "\n" in cell or "\r" in cell:
                raise TableError(f"{where}, column {column.name}: a line break inside a cell "
                                 "(an unbalanced quote joins two rows)")
            values[column.name].append(_cell(cell, column, f"{where}, column {column.name}", citation_keys))
        key = tuple(values[name][-1] for name in schema.key)
        if key in keys:
            raise TableError(f"{where}: duplicate key {', '.join(schema.key)} = {key!r} (also on line {keys[key]})")
        keys[key] = line
        _row_rules(schema, values, where)
    return values


def _is_key_collection(keys) -> bool:
    """Whether ``keys`` is a collection (set, list, dict keys...) of text, not itself a string."""
    if isinstance(keys, str) or not isinstance(keys, Collection):
        return False
    try:
        return all(isinstance(key, str) for key in keys)
    except TypeError:  # e.g. a 0-d array: a Collection by its methods, but not iterable
        return False


def _cell(cell: str, column: Column, where: str, citation_keys):
    if cell != cell.strip():
        raise TableError(f"{where}: leading or trailing spaces in {cell!r}")
    if cell == "":
        if column.required:
            raise TableError(f"{where}: the cell is empty; a value is required")
        return math.nan if column.kind in ("number", "integer") else None
    if column.kind in ("number", "integer"):
        try:
            value = float(cell)
        except ValueError:
            raise TableError(f"{where}: {cell!r} is not a number") from None
        if not math.isfinite(value):
            raise TableError(f"{where}: {cell!r} is not a finite number")
        if column.kind == "integer":
            if not value.is_integer():
                raise TableError(f"{where}: {cell!r} is not a whole number")
            value = int(value)
        low_ok = value > column.low if column.low_open else value >= column.low
        if not (low_ok and value <= column.high):
            raise TableError(f"{where}: {cell} is outside {'>' if column.low_open else '>='} {column.low:g} "
                             f"and <= {column.high:g}")
        return value
    if column.kind == "flag":
        if cell.lower() not in FLAG_WORDS:
            raise TableError(f"{where}: {cell!r} is not a flag; write 1 or 0 (or true or false)")
        return FLAG_WORDS[cell.lower()]
    if column.kind == "yes_no":
        if cell not in YES_NO:
            raise TableError(f"{where}: {cell!r} must be yes or no")
        return YES_NO[cell]
    if column.kind == "choice" and cell not in column.choices:
        raise TableError(f"{where}: {cell!r} must be one of {', '.join(column.choices)}")
    if column.kind == "citation" and cell not in citation_keys:
        raise TableError(f"{where}: citation key {cell!r} is not in references.bib (the citation_keys given)")
    if len(cell) > column.max_length:
        raise TableError(f"{where}: {len(cell)} characters; the limit is {column.max_length}")
    return cell


def _row_rules(schema: Schema, values: dict[str, list], where: str) -> None:
    if schema.default_range is not None:
        unit, value = values["unit"][-1], values["value"][-1]
        bounds = schema.value_ranges.get(unit, schema.default_range)
        low_ok = value > bounds.low if bounds.low_open else value >= bounds.low
        if not (low_ok and value <= bounds.high):
            low = f"{'>' if bounds.low_open else '>='} {bounds.low:g}"
            raise TableError(f"{where}, column value: {value:g} {unit} is outside {low} and <= {bounds.high:g} "
                             f"for unit {unit!r}")
    for low_name, high_name in schema.not_above:
        low, high = values[low_name][-1], values[high_name][-1]
        if not (isinstance(low, float) and math.isnan(low)) and low > high:
            raise TableError(f"{where}, column {low_name}: {low:g} is above {high_name} ({high:g})")
