"""Citation integrity: every key used anywhere exists in references.bib, with a DOI, PMID or URL."""

from __future__ import annotations

import json
import re

import pytest

from teach.data import load_table, references, self_checks, short_citation, table_names
from tests.conftest import NOTEBOOKS, ROOT

CITE = re.compile(r"\[@([\w-]+)\]")


def test_references_bib_parses_completely():
    text = (ROOT / "src" / "teach" / "data" / "references.bib").read_text(encoding="utf-8")
    assert len(re.findall(r"^@", text, re.MULTILINE)) == len(references())


def test_every_reference_is_resolvable():
    for key, entry in references().items():
        assert any(field in entry for field in ("doi", "pmid", "url")), key
        assert entry.get("title") and entry.get("year"), key


@pytest.mark.parametrize("name", table_names())
def test_every_table_row_cites_a_known_reference(name):
    table = load_table(name)
    unknown = set(table["citation"]) - set(references())
    assert not unknown, f"{name}: unknown citation keys {unknown}"


def test_model_parameter_rows_say_what_they_are():
    table = load_table("model_parameters")
    assert set(table["kind"]) <= {"illustrative", "measured"}
    assert table["unit"].notna().all() and table["note"].notna().all()


def test_binding_rows_use_only_high_or_medium_confidence():
    assert set(load_table("receptor_binding")["confidence"]) <= {"High", "Medium"}


def test_self_checks_cite_known_references():
    for check_id, spec in self_checks().items():
        assert set(spec["citations"]) <= set(references()), check_id


def _cited_in(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        text = "\n".join("".join(cell["source"]) for cell in json.loads(text)["cells"])
    return set(CITE.findall(text))


def test_notebooks_and_sources_cite_known_references():
    paths = [*NOTEBOOKS, *(ROOT / "src").rglob("*.py")]
    used = set().union(*(_cited_in(p) for p in paths))
    assert used, "no citations found at all"
    assert not used - set(references()), f"unknown keys: {used - set(references())}"


def test_short_citations_read_people_and_organisations_alike():
    assert short_citation("mantel1959") == "Mantel and Haenszel 1959"
    assert short_citation("obeng2021") == "Obeng et al. 2021"
    corporate = [key for key, entry in references().items() if entry["author"].startswith("{")]
    assert corporate
    for key in corporate:
        citation = short_citation(key)
        assert "{" not in citation and "}" not in citation
        assert citation.startswith(references()[key]["author"].strip("{}").split("}")[0])
