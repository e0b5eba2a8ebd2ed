"""Give every notebook the same frame: a "Run All first" line under its title, Sam's question
(the person followed through the course, :mod:`teach.persona`) at the start of each content lesson
and what the lesson lets a learner say about him before its key points, and links to the previous
lesson, the course map and the next lesson at its end.

Usage: python tools/lesson_frame.py [--check]   (--check changes nothing and exits 1 when a frame is missing or stale)

The cells are tagged (``teach-run-first``, ``teach-person-opening``, ``teach-person-closing``,
``teach-navigation``) and rebuilt from the notebooks' own metadata (``metadata.teach``) each time,
so renaming, adding or splitting a lesson needs only a re-run. ``python3 course.py execute`` runs it
before executing the notebooks.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
RUN_FIRST, NAVIGATION = "teach-run-first", "teach-navigation"
OPENING, CLOSING = "teach-person-opening", "teach-person-closing"
FRAME_TAGS = {RUN_FIRST, NAVIGATION, OPENING, CLOSING}
PERSON_LESSONS = ("01", "02", "03", "04", "05", "06", "07")  # teach.persona.LESSONS
RUN_FIRST_TEXT = (
    "> **Run All first.** Choose **Run → Run All Cells** (or **Kernel → Restart Kernel and Run All Cells**) "
    "before you read on. Until then each demo shows a still picture and each self-check only its question; "
    "after it, the controls work and your answers are checked."
)


def _title(path: Path) -> str:
    meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]["teach"]
    return f"{meta['lesson']} {meta['title']}"


def navigation_text(paths: list[Path], index: int) -> str:
    """The navigation line for ``paths[index]``: previous, course map, next."""
    parts = []
    if index > 0:
        parts.append(f"← Previous: [{_title(paths[index - 1])}]({paths[index - 1].name})")
    if index > 0:
        parts.append(f"[Course map: {_title(paths[0])}]({paths[0].name})")
    if index < len(paths) - 1:
        parts.append(f"Next: [{_title(paths[index + 1])}]({paths[index + 1].name}) →")
    return "---\n" + " · ".join(parts)


def _cell(text: str, tag: str) -> dict:
    return {"cell_type": "markdown", "id": tag, "metadata": {"tags": [tag]}, "source": text.splitlines(keepends=True)}


def _code_cell(text: str, tag: str) -> dict:
    return {"cell_type": "code", "id": tag, "metadata": {"tags": [tag]}, "execution_count": None, "outputs": [],
            "source": text.splitlines(keepends=True)}


def framed(notebook: dict, navigation: str) -> dict:
    """``notebook`` with its run-first cell after the title, Sam's question and closing (content
    lessons), and its navigation cell at the end. Cells already there keep their outputs."""
    old = {tag: c for c in notebook["cells"] for tag in c["metadata"].get("tags", []) if tag in FRAME_TAGS}
    cells = [c for c in notebook["cells"] if not FRAME_TAGS & set(c["metadata"].get("tags", []))]

    def keep(cell: dict, tag: str) -> dict:
        same = tag in old and "".join(old[tag]["source"]) == "".join(cell["source"])
        return old[tag] if same else cell

    head = [cells[0], keep(_cell(RUN_FIRST_TEXT, RUN_FIRST), RUN_FIRST)]
    body = cells[1:]
    lesson = notebook["metadata"]["teach"]["lesson"]
    if lesson in PERSON_LESSONS:
        head.append(keep(_code_cell(f'from teach.persona import opening\nopening("{lesson}")', OPENING), OPENING))
        at = next(i for i, c in enumerate(body) if "## Key points" in "".join(c["source"]).splitlines())
        closing = keep(_code_cell(f'from teach.persona import closing\nclosing("{lesson}")', CLOSING), CLOSING)
        body = [*body[:at], closing, *body[at:]]
    return {**notebook, "cells": [*head, *body, keep(_cell(navigation, NAVIGATION), NAVIGATION)]}


def _stripped(notebook: dict) -> list:
    return [(c["cell_type"], "".join(c["source"])) for c in notebook["cells"]]


def main(argv: list[str]) -> int:
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    stale = []
    for index, path in enumerate(paths):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        new = framed(notebook, navigation_text(paths, index))
        if _stripped(new) == _stripped(notebook):
            continue
        stale.append(path.name)
        if "--check" in argv:
            continue
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".ipynb")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(new, stream, indent=1, ensure_ascii=False)
            stream.write("\n")
        os.replace(temporary, path)
    if "--check" in argv and stale:
        print("frame missing or stale (run python tools/lesson_frame.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
