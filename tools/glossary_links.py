"""Link each glossary term to its entry in ``docs/glossary.md`` where a lesson first uses it.

Usage: python tools/glossary_links.py [--check] [notebooks/01_....ipynb ...] (default: every notebook).

Each glossary entry is a list item ``- <a id="anchor"></a>**Head**: definition. (lessons)``; the
anchor is made from the head when missing. The words that name an entry (its *terms*) are the
parts of the head split at commas and brackets, or the list in ``TERMS`` where a part alone would
be too common a word. In every notebook the first use of a term in plain prose (not a heading,
code, link, HTML tag or maths) becomes ``[term](../docs/glossary.md#anchor)``, once per entry and
lesson. Running it twice changes nothing. ``--check`` changes nothing and exits 1 when a lesson
uses a term before linking it. ``python3 course.py execute`` runs it before executing notebooks.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from lesson_metrics import LINK, NOT_PROSE  # tools/, next to this file

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
NOTEBOOKS = ROOT / "notebooks"
PAGE = "../docs/glossary.md"
ENTRY = re.compile(r'^- (?:<a id="(?P<anchor>[\w-]+)"></a>)?\*\*(?P<head>[^*]+)\*\*', re.MULTILINE)

# Heads whose parts alone are everyday words: the terms that name the entry instead.
TERMS = {
    "Absorption, half-life, steady state": ("half-life", "steady state"),
    "Affinity (Ki, KD)": ("affinity", "Ki"),
    "Bias (in a study)": ("systematic error",),
    "Bias (signalling bias)": ("signalling bias", "biased agonist", "biased ligand"),
    "Cholestatic, hepatocellular, mixed": ("cholestatic", "hepatocellular"),
    "Collider, selection (Berkson's) bias": ("collider", "selection bias", "Berkson's bias"),
    "Confidence interval (95 %)": ("confidence interval",),
    "Confounding, confounding by indication": ("confounding", "confounder"),
    "Efficacy (tau)": ("efficacy",),
    "In vitro, animal, clinical study, randomised trial": ("in vitro", "randomised trial", "randomized trial"),
    "Michaelis-Menten (saturation)": ("Michaelis-Menten",),
    "Odds ratio (adjusted)": ("adjusted odds ratio",),
    "Odds, odds ratio": ("odds ratio", "odds"),
    "Cross-sectional survey": ("cross-sectional",),
    "Bradford Hill considerations": ("Bradford Hill",),
    "Back-door path": ("back-door",),
    "nbgitpuller link": (),
    "Voila": (),
}
# Prose that a link must not touch: what is not prose (code, maths, HTML, URLs) and existing links.
PROTECTED = re.compile(f"{NOT_PROSE.pattern}|{LINK.pattern}", re.DOTALL)
HEADING = re.compile(r"^#{1,6} .*$", re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    """One glossary entry: its anchor on the glossary page, its head and the terms that name it."""

    anchor: str
    head: str
    terms: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"{PAGE}#{self.anchor}"

    def pattern(self) -> re.Pattern:
        """The first use of any term: whole words, an optional plural; acronyms match case."""
        parts = []
        for term in sorted(self.terms, key=len, reverse=True):
            body = re.escape(term)
            flags = "" if _is_acronym(term) else "(?i:"
            parts.append(f"{flags}{body}(?:s|es)?{')' if flags else ''}")
        return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def _is_acronym(term: str) -> bool:
    return sum(ch.isupper() for ch in term) >= 2 or term in ("Ki",)


def slug(head: str) -> str:
    """``"ALT, AST (aminotransferases)"`` -> ``"alt-ast-aminotransferases"``."""
    return re.sub(r"[^a-z0-9]+", "-", head.lower()).strip("-")


def terms_of(head: str) -> tuple[str, ...]:
    if head in TERMS:
        return TERMS[head]
    return tuple(part.strip() for part in re.split(r"[,()]", head) if part.strip())


def entries(text: str | None = None) -> list[Entry]:
    """Every entry of the glossary, in page order."""
    text = GLOSSARY.read_text(encoding="utf-8") if text is None else text
    return [Entry(m["anchor"] or slug(m["head"]), m["head"], terms_of(m["head"])) for m in ENTRY.finditer(text)]


def anchor_glossary() -> bool:
    """Give every glossary entry its anchor; True when the page changed."""
    text = GLOSSARY.read_text(encoding="utf-8")
    new = ENTRY.sub(lambda m: f'- <a id="{m["anchor"] or slug(m["head"])}"></a>**{m["head"]}**', text)
    if new != text:
        GLOSSARY.write_text(new, encoding="utf-8")
    return new != text


def plain_spans(markdown: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of ``markdown`` that are plain prose, outside headings."""
    blocked = [(m.start(), m.end()) for m in PROTECTED.finditer(markdown)]
    blocked += [(m.start(), m.end()) for m in HEADING.finditer(markdown)]
    spans, position = [], 0
    for start, end in sorted(blocked):
        if start > position:
            spans.append((position, start))
        position = max(position, end)
    spans.append((position, len(markdown)))
    return spans


def first_plain_use(entry: Entry, markdown: str) -> re.Match | None:
    pattern = entry.pattern()
    for start, end in plain_spans(markdown):
        match = pattern.search(markdown, start, end)
        if match:
            return match
    return None


def links_to(entry: Entry, markdown: str) -> bool:
    return f"]({entry.url})" in markdown


def link_notebook(notebook: dict, glossary: list[Entry]) -> int:
    """Link each entry at its first plain use in ``notebook``'s Markdown; the number of links added."""
    added = 0
    cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "markdown"]
    for entry in glossary:
        if not entry.terms:
            continue
        for cell in cells:
            source = "".join(cell["source"])
            if links_to(entry, source):
                break
            match = first_plain_use(entry, source)
            if match:
                linked = f"{source[:match.start()]}[{match.group(0)}]({entry.url}){source[match.end():]}"
                cell["source"] = linked.splitlines(keepends=True)
                added += 1
                break
    return added


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not check:
        anchor_glossary()
    glossary = entries()
    missing = 0
    for path in paths:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        added = link_notebook(notebook, glossary)
        if check and added:
            print(f"{path.name}: {added} glossary terms used before they are linked")
            missing += added
        elif added:
            path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"{path.name}: {added} glossary links added")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
