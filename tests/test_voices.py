"""What people who use kratom told researchers: the table, its sources, and how lessons show it."""

from __future__ import annotations

import json
import re

import pytest

from teach.careplan import voices
from teach.data import load_table, references
from teach.data.schemas import SCHEMAS, TableError, parse_table
from tests.conftest import ROOT

TABLE = ROOT / "src" / "teach" / "data" / "voices.csv"


def test_table_loads_with_its_schema_and_cites_known_sources():
    table = load_table("voices")
    assert len(table) >= 3
    assert set(table["citation"]) <= set(references())
    assert set(table["read_in_source"]) == {True}, "every quotation must have been read in its source"
    assert set(table["voice"]) <= {"participant", "researchers' summary"}
    shown_in = {lesson for cell in table["lessons"] for lesson in cell.split()}
    assert shown_in <= set(voices.LESSONS)


def test_schema_refuses_an_unknown_source_and_an_unread_quote():
    content = TABLE.read_text(encoding="utf-8")
    keys = references().keys()
    with pytest.raises(TableError, match="citation"):
        parse_table("voices.csv", content.replace("swogger2015", "nobody2099"), SCHEMAS["voices"], keys)
    header, first, *rest = content.splitlines()
    with pytest.raises(TableError, match="voice"):
        parse_table("voices.csv", "\n".join([header, first.replace("researchers' summary", "anecdote"), *rest]),
                    SCHEMAS["voices"], keys)


def test_each_lesson_shows_its_own_quotations_in_table_order():
    table = load_table("voices")
    for lesson in voices.LESSONS:
        expected = [row["id"] for row in table.to_dict("records") if lesson in row["lessons"].split()]
        assert [v.id for v in voices.voices(lesson)] == expected and expected
    with pytest.raises(ValueError, match="lesson must be one of 06, 07"):
        voices.voices("05")


def test_quotations_render_escaped_with_citation_links_and_the_limits():
    item = voices.Voice("x", 'Pain <b>"relief"</b> & more', "participant", "A person <i>", "Context", "swogger2015")
    shown = voices.Quotations([item])
    page = shown._repr_html_()
    assert "<b>" not in page and "&lt;b&gt;" in page and "&amp; more" in page and "&lt;i&gt;" in page
    assert page.count("<blockquote") == 1
    assert '<a href="../docs/references.md#swogger2015">(Swogger et al. 2015)</a>' in page
    assert voices.LIMITS in page and voices.HEADING in page
    text = repr(shown)
    assert 'Pain <b>"relief"</b> & more' in text and "(Swogger et al. 2015)" in text and voices.LIMITS in text


def test_researchers_summaries_are_labelled_as_such():
    for lesson in voices.LESSONS:
        page = voices.show(lesson)._repr_html_()
        summaries = [v for v in voices.voices(lesson) if v.voice == "researchers' summary"]
        assert page.count("in the researchers&#x27; summary") == len(summaries)


@pytest.mark.parametrize("lesson, notebook", [("06", "06_holistic_care_planning.ipynb"),
                                               ("07", "07_checking_the_claims.ipynb")])
def test_the_lesson_calls_it(lesson, notebook):
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    calls = [c for c in cells if c["cell_type"] == "code"
             and re.search(rf'voices\.show\("{lesson}"\)', "".join(c["source"]))]
    assert len(calls) == 1
