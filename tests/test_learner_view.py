"""What a learner sees outside the widgets: static fallbacks, tables, citations, navigation and prose."""

from __future__ import annotations

import base64
import importlib
import json
import subprocess
import sys

import pandas as pd
import pytest

from teach.data import references, self_checks
from teach.ui import self_check
from teach.ui.tables import MISSING, LearnerTable, format_value
from tests.conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import render_citations

WIDGET = "application/vnd.jupyter.widget-view+json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
APP_MODULES = ["receptors", "kinetics", "causal", "liver", "careplan", "claims"]
APP_FACTORIES = [
    (topic, name)
    for topic in APP_MODULES
    for name in dir(importlib.import_module(f"teach.{topic}.app"))
    if name.endswith("_app") and not name.startswith("_")
]


def test_every_app_factory_is_found():
    assert len(APP_FACTORIES) >= 18


@pytest.mark.parametrize(("topic", "name"), APP_FACTORIES, ids=lambda x: x)
def test_app_output_carries_a_static_picture_and_its_readout(topic, name):
    app = getattr(importlib.import_module(f"teach.{topic}.app"), name)()
    bundle = app._repr_mimebundle_()
    assert bundle[WIDGET]["model_id"] == app.model_id
    assert base64.b64decode(bundle["image/png"]).startswith(PNG_SIGNATURE)
    assert f'<img src="data:image/png;base64,{bundle["image/png"]}"' in bundle["text/html"]
    for line in app.readout.text.splitlines():
        assert line in bundle["text/plain"]
    assert "LessonApp(" not in bundle["text/plain"] and "children=" not in bundle["text/plain"]


def test_self_check_output_carries_its_question_and_options():
    spec = self_checks()["01-compare-ki"]
    bundle = self_check("01-compare-ki")._repr_mimebundle_()
    assert WIDGET in bundle and "SelfCheck(" not in bundle["text/plain"]
    assert spec["question"] in bundle["text/plain"]
    for option in spec["choices"]:
        assert option in bundle["text/plain"]


def test_learner_table_shows_human_headers_rounded_numbers_and_linked_sources():
    frame = pd.DataFrame({"low_nM": [77.91234, float("nan")], "citation": ["obeng2021", "chen1991"], "x": [1, 2]})
    table = LearnerTable(frame, {"low_nM": "Ki, low (nM)", "citation": "Source"}, caption="Binding")
    html = table._repr_html_()
    assert "Ki, low (nM)" in html and "low_nM" not in html and ">x<" not in html
    assert table.text_rows() == [["77.9", "Obeng et al. 2021"], [MISSING, "Chen et al. 1991"]]
    assert 'href="../docs/references.md#obeng2021"' in html
    assert "<details>" in LearnerTable(frame, {"x": "X"}, collapsed=True)._repr_html_()
    with pytest.raises(ValueError, match="columns"):
        LearnerTable(frame, {"nope": "Nope"})


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.72, "0.72"), (3.2541, "3.25"), (12486.0, "12,486"), (20000, "20,000"), (True, "yes"), (None, MISSING),
     (float("nan"), MISSING), ("mixed", "mixed"), (1e-6, "1.00e-06")],
)
def test_numbers_are_rounded_for_reading(value, text):
    assert format_value(value) == text


def test_citations_render_as_author_year_links_and_twice_changes_nothing():
    source = (
        "Binds MOR [@obeng2021], like others [@chen1991; @volpe2011].\n\n"
        "- [@obeng2021] Obeng S et al. doi:10.1124/jpet.120.000189\n"
    )
    rendered = render_citations.render_markdown(source)
    assert "[@" not in rendered
    assert "([Obeng et al. 2021](../docs/references.md#obeng2021))" in rendered
    assert "[doi:10.1124/jpet.120.000189](https://doi.org/10.1124/jpet.120.000189)" in rendered
    assert render_citations.render_markdown(rendered) == rendered


def test_a_citation_inside_maths_is_refused():
    with pytest.raises(ValueError, match="inside maths"):
        render_citations.render_markdown("$$ x = 1 \\quad [@sterling2006] $$")


@pytest.mark.parametrize("tool", ["render_citations.py", "lesson_frame.py"])
def test_notebooks_are_learner_ready(tool):
    result = subprocess.run([sys.executable, f"tools/{tool}", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_citation_links_name_real_entries(path):
    text = "".join("".join(c["source"]) for c in _cells(path) if c["cell_type"] == "markdown")
    for key in render_citations.re.findall(r"references\.md#([\w-]+)", text):
        assert key in references(), key


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_widget_outputs_have_static_fallbacks(path):
    for cell in _cells(path):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET in data:
                assert "text/html" in data, "".join(cell["source"])
                plain = "".join(data["text/plain"])
                assert "(children=" not in plain, "".join(cell["source"])
                if "_app(" in "".join(cell["source"]):
                    assert "image/png" in data, "".join(cell["source"])


DEVELOPER_TALK = ("checked by the tests", "checked by the course's tests", "brentq", "solve_ivp", "os.replace",
                  "schema_version", "pickle", "nbval", "pytest")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_learner_prose_and_outputs_hold_no_developer_talk(path):
    for cell in _cells(path):
        texts = ["".join(cell["source"])] if cell["cell_type"] == "markdown" else []
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            texts.append("".join(output.get("data", {}).get("text/plain", "")))
        for text in texts:
            for phrase in DEVELOPER_TALK:
                assert phrase not in text, f"{path.name}: {phrase!r} in {text[:120]!r}"
            assert "Estimate(method=" not in text, text[:120]
            # a bare True/False means nothing to a learner, except as the result of their own code
            if "teach-active" not in cell["metadata"].get("tags", []):
                assert text.strip() not in ("True", "False"), "".join(cell["source"])[:120]
