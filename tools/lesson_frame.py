"""Give every notebook the same frame: a "Run All first" line under its title, and links to the
previous lesson, the course map and the next lesson at its end.

Usage: python tools/lesson_frame.py [--check]   (--check changes nothing and exits 1 when a frame is missing or stale)

The two cells are tagged ``teach-run-first`` and ``teach-navigation`` and rebuilt from the
notebooks' own metadata (``metadata.teach.title``) each time, so renaming, adding or splitting a
lesson needs only a re-run. ``python3 course.py execute`` runs it before executing the notebooks.
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


def framed(notebook: dict, navigation: str) -> dict:
    """``notebook`` with its run-first cell after the title and its navigation cell at the end."""
    cells = [c for c in notebook["cells"] if not {RUN_FIRST, NAVIGATION} & set(c["metadata"].get("tags", []))]
    cells = [cells[0], _cell(RUN_FIRST_TEXT, RUN_FIRST), *cells[1:], _cell(navigation, NAVIGATION)]
    return {**notebook, "cells": cells}


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
