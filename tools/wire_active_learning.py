"""Put the active-learning cells of issue 13 into the lesson notebooks, once, after the prose edits.

    python tools/wire_active_learning.py [--notebooks DIR] [--check]

For each notebook it
  * appends a collapsed "Check your thinking" block below each "What happens if" list, found as the
    first Markdown cell with "What happens if" after the demo call it belongs to (``binding_app()``);
  * rewrites the prompts that gave their answer away (exact old text -> new text; the ones not found
    are reported, not fatal);
  * inserts the code exercises (worked example, faded cell with ``check``, no-code choice), the new
    self-checks, the concept inventory and the progress view after short, stable code anchors.

Every anchor must be found, or the script stops with exit status 1 and names it, before anything is
written. Inserted cells carry the tag ``teach-active`` and a stable id, so a second run changes
nothing (idempotent). Notebooks are read and written as JSON (nbformat 4), keeping their layout.
``--check`` reports what would change and exits 1 if anything would.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from active_learning_content import (
    EXERCISE_PLACES,
    EXERCISES,
    GIVEAWAYS,
    INVENTORY_POST,
    INVENTORY_PRE,
    PREDICT_NOTE,
    PROGRESS_MD,
    PROGRESS_POST,
    RATINGS_MD,
    SELF_CHECK_PLACES,
    THINKING,
)

TAG = "teach-active"
MARKER = "<!-- teach-active:{key} -->"
ROOT = Path(__file__).resolve().parent.parent
CLOSING = "99_where_next.ipynb"


class AnchorNotFound(Exception):
    """An anchor that the wiring needs is missing from a notebook."""


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    return [line + "\n" for line in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _cell(kind: str, text: str, key: str) -> dict:
    cell = {"cell_type": kind, "id": "ta-" + hashlib.sha1(key.encode()).hexdigest()[:12],
            "metadata": {"tags": [TAG]}, "source": _lines(text.strip("\n"))}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _find(cells: list[dict], anchor: str, notebook: str, start: int = 0) -> int:
    for index in range(start, len(cells)):
        if TAG not in cells[index].get("metadata", {}).get("tags", []) and anchor in _source(cells[index]):
            return index
    raise AnchorNotFound(f"{notebook}: anchor {anchor!r} not found")


def _prompts_after(cells: list[dict], anchor_index: int, notebook: str, anchor: str) -> int:
    """The first Markdown cell with 'What happens if' after the anchor cell."""
    for index in range(anchor_index + 1, len(cells)):
        if cells[index]["cell_type"] == "markdown" and "What happens if" in _source(cells[index]):
            return index
        if cells[index]["cell_type"] == "code" and _source(cells[index]).strip().endswith("_app()"):
            break  # the next demo: its list is not this demo's
    raise AnchorNotFound(f"{notebook}: no 'What happens if' list after {anchor!r} (before the next demo)")


def _first_anchor(cells: list[dict], anchors: list[str], notebook: str) -> tuple[int, str]:
    for anchor in anchors:
        try:
            return _find(cells, anchor, notebook), anchor
        except AnchorNotFound:
            continue
    raise AnchorNotFound(f"{notebook}: none of the anchors {anchors} found")


def thinking_block(key: str, body: str) -> str:
    """The collapsed Markdown block placed under a 'What happens if' list."""
    return (f"{MARKER.format(key=key)}\n<details><summary><strong>Check your thinking</strong> (open it after you "
            f"have tried)</summary>\n\n{body.strip()}\n\n</details>\n")


def add_thinking(cell: dict, key: str, body: str) -> bool:
    """Insert the block right after the numbered list that follows 'What happens if'; False if present."""
    text = _source(cell)
    if MARKER.format(key=key) in text:
        return False
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if "What happens if" in line)
    end = start + 1
    while end < len(lines) and (re.match(r"^\s*\d+\.\s", lines[end]) or (lines[end].startswith("   ")
                                                                          and lines[end].strip())):
        end += 1
    block = thinking_block(key, body).rstrip("\n").split("\n")
    new = lines[:end] + [""] + block + ([""] if end < len(lines) and lines[end].strip() else []) + lines[end:]
    cell["source"] = _lines("\n".join(new))
    tags = cell.setdefault("metadata", {}).setdefault("tags", [])
    if TAG not in tags:
        tags.append(TAG)
    return True


def exercise_cells(exercise_id: str) -> list[dict]:
    spec = EXERCISES[exercise_id]
    return [
        _cell("markdown", f"### Code exercise: {spec['title']}\n\n{spec['intro']}", f"{exercise_id}-intro"),
        _cell("code", spec["worked"], f"{exercise_id}-worked"),
        _cell("markdown", spec["task"] + " If you would rather not write code, answer the choice below it instead.",
              f"{exercise_id}-task"),
        _cell("code", spec["faded"], f"{exercise_id}-faded"),
        _cell("code", f'from teach.exercises import no_code\nno_code("{exercise_id}")', f"{exercise_id}-no-code"),
    ]


def planned_inserts(notebook: str) -> list[tuple[str, str, list[dict]]]:
    """(anchor, 'after'|'before'|'after-prompts', cells) for one notebook."""
    plan = []
    for name, anchor, ids in EXERCISE_PLACES:
        if name == notebook:
            plan.append((anchor, "after", [cell for eid in ids for cell in exercise_cells(eid)]))
    for name, anchor, ids in SELF_CHECK_PLACES:
        if name == notebook:
            plan.append((anchor, "after", [_cell("code", f'self_check("{cid}")', f"self-check-{cid}") for cid in ids]))
    if notebook == "00_start_here.ipynb":
        plan.append(("receptors.binding_app()", "before", [_cell("markdown", PREDICT_NOTE, "00-predict-note")]))
        plan.append(('self_check("00-readout")', "after-new", [
            _cell("markdown", INVENTORY_PRE, "00-inventory-md"),
            _cell("code", 'from teach.inventory import inventory\ninventory("pre")', "00-inventory"),
            _cell("markdown", PROGRESS_MD, "00-progress-md"),
            _cell("code", "from teach.ui.progressview import progress_view\nprogress_view()", "00-progress")]))
    if notebook == "07_checking_the_claims.ipynb":
        plan.append(("rating_app()", "after-prompts", [
            _cell("markdown", RATINGS_MD, "07-ratings-md"),
            _cell("code", "from teach.ui.progressview import rating_comparison\nprint(rating_comparison())",
                  "07-ratings")]))
    if notebook == CLOSING:
        plan.append(("## Key points", "before", [
            _cell("markdown", INVENTORY_POST, "99-inventory-md"),
            _cell("code", 'from teach.inventory import inventory\ninventory("post")', "99-inventory"),
            _cell("markdown", PROGRESS_POST, "99-progress-md"),
            _cell("code", "from teach.ui.progressview import progress_view\nprogress_view()", "99-progress")]))
    return plan


def wire(nb: dict, notebook: str) -> tuple[list[str], list[str]]:
    """Wire one notebook in place; return (changes made, give-away prompts not found)."""
    cells = nb["cells"]
    changes, missing = [], []
    # 1. resolve every anchor first, so a missing one stops the run before anything changes
    thinking = []
    for name, anchors, body in THINKING:
        if name == notebook:
            index, anchor = _first_anchor(cells, anchors, notebook)
            thinking.append((_prompts_after(cells, index, notebook, anchor), f"ctt-{notebook[:2]}-{anchor}", body))
    inserts = []
    for anchor, where, new in planned_inserts(notebook):
        if where == "after-new":
            continue  # anchors on a cell this run inserts; resolved below
        index = _find(cells, anchor, notebook)
        if where == "after-prompts":
            index = _prompts_after(cells, index, notebook, anchor)
        inserts.append((cells[index]["id"] if "id" in cells[index] else index, where, new))
    # 2. give-away prompts (exact text), then the thinking blocks
    for name, old, new in GIVEAWAYS:
        if name != notebook:
            continue
        hits = [c for c in cells if c["cell_type"] == "markdown" and old in _source(c)]
        if hits:
            for cell in hits:
                cell["source"] = _lines(_source(cell).replace(old, new))
            changes.append(f"rewrote prompt: {old[:60]}...")
        elif not any(new in _source(c) for c in cells):
            missing.append(f"{notebook}: {old[:80]}")
    for index, key, body in thinking:
        if add_thinking(cells[index], key, body):
            changes.append(f"check-your-thinking {key}")
    # 3. new cells, skipping any whose id is already present (idempotent)
    present = {cell.get("id") for cell in cells}
    for target, where, new in inserts + [(a, w, n) for a, w, n in planned_inserts(notebook) if w == "after-new"]:
        fresh = [cell for cell in new if cell["id"] not in present]
        if not fresh:
            continue
        if where == "after-new":
            index = _find_any(cells, target, notebook)
        else:
            index = next(i for i, c in enumerate(cells) if c.get("id") == target) if isinstance(target, str) else target
        position = index if where == "before" else index + 1
        while where != "before" and position < len(cells) and cells[position].get("id") in present \
                and TAG in cells[position].get("metadata", {}).get("tags", []):
            position += 1  # keep earlier inserted cells (e.g. the self-checks) in front
        cells[position:position] = fresh
        present |= {cell["id"] for cell in fresh}
        changes.append(f"inserted {len(fresh)} cells {where} {target}")
    return changes, missing


def _find_any(cells: list[dict], anchor: str, notebook: str) -> int:
    for index, cell in enumerate(cells):
        if anchor in _source(cell):
            return index
    raise AnchorNotFound(f"{notebook}: anchor {anchor!r} not found")


def notebooks_to_wire(folder: Path) -> list[Path]:
    names = sorted({name for name, *_ in THINKING + EXERCISE_PLACES + SELF_CHECK_PLACES + GIVEAWAYS}
                   | {"00_start_here.ipynb", CLOSING})
    return [folder / name for name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--check", action="store_true", help="report what would change; write nothing")
    args = parser.parse_args(argv)
    paths = notebooks_to_wire(args.notebooks)
    absent = [str(path) for path in paths if not path.exists()]
    if absent:
        print(f"error: notebooks not found: {', '.join(absent)}", file=sys.stderr)
        return 1
    wired, all_changes, all_missing = {}, [], []
    try:
        for path in paths:
            nb = json.loads(path.read_text(encoding="utf-8"))
            changes, missing = wire(nb, path.name)
            wired[path] = (nb, changes)
            all_changes += [f"{path.name}: {c}" for c in changes]
            all_missing += missing
    except AnchorNotFound as err:
        print(f"error: {err}; nothing was written", file=sys.stderr)
        return 1
    for line in all_changes:
        print(line)
    for line in all_missing:
        print(f"give-away prompt not found (left as it is): {line}")
    if args.check:
        return 1 if all_changes else 0
    for path, (nb, changes) in wired.items():
        if changes:
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{sum(1 for _nb, c in wired.values() if c)} notebooks changed, {len(all_changes)} changes, "
          f"{len(all_missing)} give-away prompts not found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
