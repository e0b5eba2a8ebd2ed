"""Every row of every data table says where its value was read and whether a person read it there.

``where_read`` names the place ("Table 3", "abstract", "results text", "Recommendation 11") or says
that the row is illustrative, derived or an assumption, or that the source was not opened;
``read_in_source`` is "yes" only if the value was read in the cited source itself. The table
schemas (teach.data.schemas) accept only "yes" or "no" there and load it as True or False.
"""

from __future__ import annotations

import pytest

from teach.data import load_table, table_names

# Rows not taken from a source must say so in where_read, with one of these openings.
NOT_FROM_A_SOURCE = ("illustrative:", "derived:", "assumption:", "not opened:")


@pytest.mark.parametrize("name", table_names())
def test_every_row_says_where_it_was_read(name):
    table = load_table(name)
    assert {"where_read", "read_in_source"} <= set(table.columns), f"{name} lacks provenance columns"
    where = table["where_read"].fillna("").astype(str).str.strip()
    empty = table.index[where == ""].tolist()
    assert not empty, f"{name}: rows {empty} have an empty where_read"
    bad = [value for value in table["read_in_source"] if not isinstance(value, bool)]
    assert not bad, f"{name}: read_in_source must be yes or no; got {bad}"


@pytest.mark.parametrize("name", table_names())
def test_a_value_not_from_a_source_is_never_marked_read_in_it(name):
    table = load_table(name)
    if "where_read" not in table.columns:
        pytest.fail(f"{name} lacks provenance columns")
    not_read_rows = table[table["where_read"].astype(str).str.startswith(NOT_FROM_A_SOURCE)]
    assert not any(not_read_rows["read_in_source"]), (
        f"{name}: a row that is illustrative, derived, an assumption or not opened cannot be read in its source")
