"""Render the citation keys in the lessons' Markdown as "(Author Year)" links.

Usage: python tools/render_citations.py [--check] [notebooks/01_....ipynb ...] (default: all lessons).

Authors write pandoc-style keys, ``[@kruegel2016]`` or ``[@a; @b]``, that name entries of
``src/teach/data/references.bib``. A learner must never see a key, so this tool rewrites them in
place as ``([Kruegel et al. 2016](../docs/references.md#kruegel2016))``, a link to the entry on the
references page, whose address keeps the key. In a lesson's "References" list an item that starts
with a key becomes that entry's full reference with its DOI as a link. Plain ``doi:10.x/y`` text
becomes a link too. Running it twice changes nothing. ``--check`` changes nothing and exits 1 when
a notebook still holds a key, or a key sits inside maths (where a link cannot render).
``python3 course.py execute`` runs it before executing the notebooks.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

from teach.data import references, short_citation

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
PAGE = "../docs/references.md"
CITATION = re.compile(r"\[(@[\w-]+(?:\s*;\s*@[\w-]+)*)\]")
REFERENCE_ITEM = re.compile(r"^(\s*[-*]\s+)\[@([\w-]+)\]\s*", re.MULTILINE)
BARE_DOI = re.compile(r"(?<![\[/(:])\bdoi:(10\.\d{4,9}/[^\s)\]]+?)(?=[.,;]?(?:\s|$))")
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.DOTALL)
KEYS_NOTE = "Keys in square brackets refer to `src/teach/data/references.bib`, where each entry has its DOI."
PAGE_NOTE = f"Every source with its full entry is on the course's [references page]({PAGE})."


def link(key: str) -> str:
    """``[Author Year](../docs/references.md#key)`` for bibliography ``key``."""
    return f"[{short_citation(key)}]({PAGE}#{key})"


def render_markdown(text: str) -> str:
    """``text`` with every citation key rendered as links (see the module docstring)."""
    problems = [m.group(0) for m in MATH.finditer(text) if CITATION.search(m.group(0))]
    if problems:
        raise ValueError(f"a citation key inside maths cannot render as a link; move it out: {problems[0]}")
    text = text.replace(KEYS_NOTE, PAGE_NOTE)
    text = REFERENCE_ITEM.sub(lambda m: f"{m.group(1)}**{short_citation(m.group(2))}.** ", text)
    text = CITATION.sub(
        lambda m: "(" + "; ".join(link(k.strip().lstrip("@")) for k in m.group(1).split(";")) + ")", text
    )
    return BARE_DOI.sub(lambda m: f"[doi:{m.group(1)}](https://doi.org/{m.group(1)})", text)


def raw_keys(text: str) -> list[str]:
    """The citation keys still written as ``[@key]`` in ``text``."""
    return CITATION.findall(text)


def render_notebook(path: Path, *, check: bool) -> list[str]:
    """Render ``path`` in place (atomically); with ``check``, only report. Returns the problems."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    changed, problems = False, []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"])
        if check:
            problems += [f"{path.name} cell {index}: raw citation [{k}]" for k in raw_keys(source)]
            continue
        try:
            rendered = render_markdown(source)
        except ValueError as err:
            problems.append(f"{path.name} cell {index}: {err}")
            continue
        if rendered != source:
            cell["source"] = rendered.splitlines(keepends=True)
            changed = True
    if changed:
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".ipynb")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(notebook, stream, indent=1, ensure_ascii=False)
            stream.write("\n")
        os.replace(temporary, path)
    return problems


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a).resolve() for a in argv if a != "--check"] or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    known = references()
    problems = []
    for path in paths:
        problems += render_notebook(path, check=check)
        text = path.read_text(encoding="utf-8")
        problems += [f"{path.name}: unknown citation key {k!r}" for k in re.findall(r"references\.md#([\w-]+)", text)
                     if k not in known]
    print("\n".join(problems) or "citations rendered")
    return int(bool(problems))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
