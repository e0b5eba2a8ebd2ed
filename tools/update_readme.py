"""Regenerate the README's lesson table from the notebooks' own metadata.

Each notebook carries ``metadata.teach = {"lesson", "title", "minutes", "questions"}``; the table
between the ``lessons:start`` and ``lessons:end`` markers in README.md is rebuilt from them.
Usage: python tools/update_readme.py [--check]   (--check exits 1 if the README is stale)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- lessons:start -->", "<!-- lessons:end -->"


def lesson_table() -> str:
    rows = ["| Notebook | Title | Minutes | Questions |", "|---|---|---|---|"]
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]["teach"]
        questions = " ".join(meta["questions"])
        rows.append(f"| [{path.stem}](notebooks/{path.name}) | {meta['title']} | {meta['minutes']} | {questions} |")
    return "\n".join(rows)


def updated_readme() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{lesson_table()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    new = updated_readme()
    if "--check" in argv:
        return int(new != (ROOT / "README.md").read_text(encoding="utf-8"))
    (ROOT / "README.md").write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
