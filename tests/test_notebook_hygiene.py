"""Notebook hygiene: executed once in order, no errors, no widget state, lesson anatomy present."""

from __future__ import annotations

import json

import pytest

from tests.conftest import LESSONS, NOTEBOOKS

ALL = NOTEBOOKS


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _markdown(nb):
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_executed_in_order_without_errors(path):
    nb = _load(path)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        assert not any(o["output_type"] == "error" for o in cell["outputs"]), cell["source"]
        assert not any(o.get("name") == "stderr" for o in cell["outputs"]), cell["source"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_no_widget_state_and_standard_kernel(path):
    nb = _load(path)
    assert "widgets" not in nb["metadata"]
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_lesson_anatomy(path):
    nb = _load(path)
    text = _markdown(nb)
    for heading in ("### Questions", "### Objectives", "## Key points", "Educational, not medical advice"):
        assert heading in text, f"{path.name} lacks {heading!r}"
    meta = nb["metadata"]["teach"]
    assert meta["lesson"] == path.name[:2] and meta["minutes"] > 0 and meta["questions"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lessons_have_demos_questions_and_self_checks(path):
    nb = _load(path)
    text = _markdown(nb)
    sources = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    demos = max(1, nb["metadata"]["teach"]["minutes"] // 25)  # one demo per 25 minutes of lesson, at least one
    assert sum(s.strip().endswith("_app()") for s in sources) >= demos
    assert text.count("**What happens if...**") >= demos
    assert sum("self_check(" in s for s in sources) >= 4
    assert "## References" in text


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_code_cells_stay_thin(path):
    """Lesson cells are one-line calls (three lines at most); the code exercises' cells, where the
    learner reads a worked example and writes a few lines, may hold up to twelve."""
    for cell in _load(path)["cells"]:
        if cell["cell_type"] == "code":
            limit = 12 if "teach-active" in cell["metadata"].get("tags", []) else 3
            assert len("".join(cell["source"]).splitlines()) <= limit, cell["source"]
