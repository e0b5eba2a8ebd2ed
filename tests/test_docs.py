"""The glossary and the references page: the references page is generated and current."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from teach.data import references
from tests.conftest import ROOT


def test_references_page_is_generated_from_the_bib_file():
    result = subprocess.run([sys.executable, "tools/build_references.py", "--check"], cwd=ROOT)
    assert result.returncode == 0, "docs/references.md is stale: run python tools/build_references.py"


def test_references_page_lists_every_entry_once():
    text = (ROOT / "docs" / "references.md").read_text(encoding="utf-8")
    keys = re.findall(r'^- <a id="([\w-]+)"></a>\*\*', text, re.MULTILINE)
    assert sorted(keys) == sorted(references())


def test_glossary_is_alphabetical_and_names_its_lessons():
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    terms = re.findall(r"^- (?:<a id=\"[\w-]+\"></a>)?\*\*(.+?)\*\*:", text, re.MULTILINE)
    assert len(terms) >= 25
    assert terms == sorted(terms, key=str.lower)
    for term in ("Confounding", "R ratio", "Occupancy", "In vitro", "nbgitpuller", "Voila"):
        assert any(t.startswith(term) for t in terms), term


def test_instructor_guide_states_the_course_length_the_lessons_add_up_to():
    minutes = sum(json.loads(path.read_text(encoding="utf-8"))["metadata"]["teach"].get("minutes") or 0
                  for path in (ROOT / "notebooks").glob("*.ipynb"))
    guide = (ROOT / "instructors" / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"The whole course takes about (\d+) minutes", guide)
    assert stated and int(stated.group(1)) == minutes
