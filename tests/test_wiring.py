"""tools/wire_active_learning.py on temporary copies of the notebooks: every anchor is found, every
"What happens if" list gets its block with one answer per prompt, and a second run changes nothing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "tools" / "wire_active_learning.py"
CLOSING = "99_where_next.ipynb"


def _stand_in_closing_page(folder):
    """The closing page is the lead's (not on every branch yet); a minimal stand-in has its anchor."""
    cells = [{"cell_type": "markdown", "id": "c1", "metadata": {}, "source": ["# Where next\n"]},
             {"cell_type": "markdown", "id": "c2", "metadata": {}, "source": ["## Key points\n", "- ...\n"]}]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / CLOSING).write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")


@pytest.fixture
def copies(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(path, folder / path.name)
    if not (folder / CLOSING).exists():
        _stand_in_closing_page(folder)
    return folder


def _run(folder, *extra):
    return subprocess.run([sys.executable, str(SCRIPT), "--notebooks", str(folder), *extra],
                          capture_output=True, text=True, timeout=120)


def _snapshot(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.ipynb"))}


def test_wiring_finds_every_anchor_and_is_idempotent(copies):
    first = _run(copies)
    assert first.returncode == 0, first.stderr
    after_first = _snapshot(copies)
    second = _run(copies)
    assert second.returncode == 0 and _snapshot(copies) == after_first
    assert "0 notebooks changed" in second.stdout
    assert _run(copies, "--check").returncode == 0


def _cells(folder, name):
    return json.loads((folder / name).read_text(encoding="utf-8"))["cells"]


def test_every_what_happens_if_list_gets_one_answer_per_prompt(copies):
    """Every "What happens if" list in every lesson ends in a collapsed "Check your thinking" block
    with one numbered answer per prompt (lesson 06 carries its own blocks; the wiring adds the rest)."""
    assert _run(copies).returncode == 0
    lists = prompts = 0
    for path in sorted(copies.glob("0*.ipynb")):
        for cell in _cells(copies, path.name):
            text = "".join(cell["source"])
            if cell["cell_type"] != "markdown" or "What happens if" not in text:
                continue
            lists += 1
            asked = text.split("<details>")[0].split("What happens if")[1]
            n_prompts = len(re.findall(r"^\d+\.\s", asked.split("\n\n")[0] if "\n\n" in asked else asked, re.M))
            assert re.search(r"<details><summary>(<strong>)?Check your thinking", text), path.name
            answers = text.split("<details>")[1].split("</details>")[0]
            assert len(re.findall(r"^\d+\.\s", answers, re.M)) == n_prompts, (path.name, text[:200])
            prompts += n_prompts
    assert lists >= 20 and prompts >= 70, (lists, prompts)


def test_exercises_inventory_and_progress_cells_are_inserted_and_tagged(copies):
    assert _run(copies).returncode == 0
    sources = {path.name: ["".join(c["source"]) for c in _cells(copies, path.name)] for path in copies.glob("*.ipynb")}
    from teach.exercises import exercises

    wired_checks = re.findall(r'(?<!self_)check\("([\w-]+)"', "\n".join(s for cells in sources.values() for s in cells))
    assert sorted(set(wired_checks)) == sorted(exercises())
    for name in ("00_start_here.ipynb", CLOSING):
        text = "\n".join(sources[name])
        assert "progress_view()" in text and "inventory(" in text
    from teach.data import self_checks

    shown = set(re.findall(r'self_check\("([\w-]+)"\)', "\n".join(s for cells in sources.values() for s in cells)))
    assert shown == set(self_checks()), set(self_checks()) ^ shown
    placeholders = [s for cells in sources.values() for s in cells if "= ..." in s and "check(" in s]
    assert placeholders, "the learner's cells hold a placeholder"


def test_a_missing_anchor_stops_the_run_before_anything_is_written(copies):
    path = copies / "03_correlation_vs_causation.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"] = [c for c in nb["cells"] if 'self_check("03-sample-size")' not in "".join(c["source"])]
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    before = _snapshot(copies)
    result = _run(copies)
    assert result.returncode == 1 and 'self_check("03-sample-size")' in result.stderr
    assert _snapshot(copies) == before


def test_a_give_away_prompt_already_rewritten_by_someone_else_is_reported_not_fatal(copies):
    path = copies / "04_reading_a_liver_panel.ipynb"
    text = path.read_text(encoding="utf-8")
    for wording in ("Read the error: the last good picture stays.", "What happens to the readout and the figure?"):
        text = text.replace(wording, "What happens?")  # the prompt before or after wiring, reworded by hand
    path.write_text(text, encoding="utf-8")
    result = _run(copies)
    assert result.returncode == 0
    assert "give-away prompt not found (left as it is): 04_reading_a_liver_panel.ipynb" in result.stdout
