"""What a learner reads: how much, and whether each term is explained where it first appears.

Every notebook keeps to the reading limits of ``tools/lesson_metrics.py`` (prose words per lesson,
per Markdown cell and per collapsed note), spells out each acronym at its first use, links each
glossary term to its entry at its first use, and asks no self-check about a term its lesson has
not yet explained.
"""

from __future__ import annotations

import copy
import json
import re
import sys

import pytest

from tests.conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import glossary_links
import lesson_metrics

GLOSSARY = glossary_links.entries()


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_reading_load_within_limits(path):
    report = lesson_metrics.measure(path)
    assert report.prose_words <= lesson_metrics.LESSON_WORDS, f"{report.prose_words} prose words"
    words, cell = report.largest_cell
    assert words <= lesson_metrics.CELL_WORDS, f"cell {cell} has {words} prose words"
    words, cell = report.largest_note
    assert words <= lesson_metrics.CELL_WORDS, f"a collapsed note in cell {cell} has {words} words"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_acronyms_spelled_out_at_first_use(path):
    undefined = lesson_metrics.measure(path).undefined_acronyms
    assert not undefined, "used before spelled out (acronym, cell): " + ", ".join(f"{a} ({i})" for a, i in undefined)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_glossary_terms_linked_at_first_use(path):
    notebook = copy.deepcopy(_load(path))
    assert glossary_links.link_notebook(notebook, GLOSSARY) == 0, "run python tools/glossary_links.py"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_self_checks_use_only_terms_already_explained(path):
    explained, late = set(), []
    for cell in _load(path)["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            explained |= {entry.head for entry in GLOSSARY if glossary_links.links_to(entry, source)}
            continue
        for item in lesson_metrics.SELF_CHECK.findall(source):
            text = lesson_metrics.self_check_text(item)
            late += [(item, entry.head) for entry in GLOSSARY
                     if entry.terms and entry.head not in explained and entry.pattern().search(text)]
    assert not late, f"self-checks using a term before the lesson explains it: {late}"


def test_every_glossary_entry_has_an_anchor_terms_and_lessons():
    text = glossary_links.GLOSSARY.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(lines) == len(GLOSSARY) >= 50
    lessons = {json.loads(p.read_text(encoding="utf-8"))["metadata"]["teach"].get("lesson") for p in NOTEBOOKS}
    for line, entry in zip(lines, GLOSSARY, strict=True):
        assert line.startswith(f'- <a id="{entry.anchor}"></a>**'), line
        tags = re.search(r"\(([\w, ]+)\)\s*$", line)
        assert tags, f"{entry.head}: no lesson list at the end"
        named = {tag.strip() for tag in tags.group(1).split(",")}
        assert named <= lessons | {"instructors"}, f"{entry.head}: unknown lessons {named - lessons}"
    assert len({entry.anchor for entry in GLOSSARY}) == len(GLOSSARY)


def test_metrics_catch_what_they_measure():
    """The checks above can fail: an undefined acronym, a long cell and an unlinked term are found."""
    cell = {"cell_type": "markdown", "source": ["The ALT was raised. " + "word " * 320]}
    notebook = {"cells": [cell], "metadata": {}}
    assert glossary_links.link_notebook(copy.deepcopy(notebook), GLOSSARY) == 1
    assert lesson_metrics.words(cell["source"][0]) > lesson_metrics.CELL_WORDS
    assert lesson_metrics.acronyms("The ALT was raised.") == ["ALT"]
    assert not lesson_metrics.spells_out("ALT", "The ALT was raised.")
    assert lesson_metrics.spells_out("ALT", "alanine aminotransferase (ALT) was raised")
    assert lesson_metrics.spells_out("ALT", "ALT (alanine aminotransferase) was raised")
