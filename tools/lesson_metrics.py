"""How much a learner reads in each notebook, and the acronyms it uses before spelling them out.

Usage: python tools/lesson_metrics.py [notebooks/01_....ipynb ...] (default: every notebook).

*Prose words* are the alphabetic words of a notebook's Markdown that a learner reads: outside
code, maths, HTML tags, link addresses, citation links, the References and Licence sections and
the navigation line. Words inside a collapsed ``<details>`` note are counted apart (*collapsed
words*): a learner opens them when needed. The limits the lessons keep (tests/test_lesson_language.py):
at most ``LESSON_WORDS`` prose words per lesson, ``CELL_WORDS`` per Markdown cell and per
collapsed note.

An *acronym* is a word of two or more capitals (with digits allowed: ALT, CYP3A4, FIB-4, 7-OH).
Its first use in a notebook (Markdown and self-checks, in order) must be in a Markdown cell that
spells it out: ``alanine aminotransferase (ALT)`` or ``ALT (alanine aminotransferase)``.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from teach.data import self_checks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSON_WORDS = 2000
CELL_WORDS = 300

UNREAD_SECTIONS = re.compile(r"^#{1,6}\s*(References|Licence and disclaimer)\b", re.MULTILINE)
NAVIGATION = re.compile(r"^---\s*\n←", re.MULTILINE)
DETAILS = re.compile(r"<details>.*?</details>", re.DOTALL)
CITATION_LINK = re.compile(r"\[[^\]\n]*\]\(\.\./docs/references\.md#[^)]*\)")
LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
NOT_PROSE = re.compile(r"```.*?```|`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]+\$|<!--.*?-->|<[^>\n]+>|https?://\S+", re.DOTALL)
WORD = re.compile(r"[A-Za-zÀ-ÿµ][A-Za-zÀ-ÿµ'’-]*")
ACRONYM = re.compile(r"(?<![\w-])(?:\d+-)?[A-Z][A-Za-z0-9]*(?:-\d+[A-Za-z]?)?(?![\w-])")
SELF_CHECK = re.compile(r'self_check\("([\w-]+)"\)')
# Capitals that are not acronyms to spell out: roman numerals, units and names of countries.
NOT_ACRONYMS = frozenset({"II", "III", "IV", "VI", "US", "UK", "USA", "OK", "PNG", "CSV", "HTML", "PDF"})


def readable(markdown: str) -> str:
    """The text of ``markdown`` a learner reads: no code, maths, tags, addresses or citation links."""
    text = CITATION_LINK.sub(" ", markdown)
    text = NOT_PROSE.sub(" ", text)
    return LINK.sub(r"\1", text).replace("*", "").replace("_", " ")


def words(markdown: str) -> int:
    return len(WORD.findall(readable(markdown)))


def is_acronym(token: str) -> bool:
    letters = [ch for ch in token if ch.isalpha()]
    capitals = sum(ch.isupper() for ch in letters)
    return capitals >= 2 and capitals >= 0.6 * len(letters) and token not in NOT_ACRONYMS


def acronyms(text: str) -> list[str]:
    """The acronyms in ``text`` (already made readable), in order of first use."""
    seen = []
    for token in ACRONYM.findall(text):
        if is_acronym(token) and token not in seen:
            seen.append(token)
    return seen


def spells_out(acronym: str, text: str) -> bool:
    """Whether ``text`` says what ``acronym`` stands for, in brackets either way round."""
    a = re.escape(acronym)
    words_in_brackets = r"\((?=[^)]*[a-z]{3})[^)]+\)"
    after_words = re.search(rf"\w[\w\s,'-]*\s\({a}s?[),;]", text)
    before_words = re.search(rf"(?<![\w-]){a}s?\s{words_in_brackets}", text)
    return bool(after_words or before_words)


def lesson_text(cell: dict) -> str:
    """The part of a Markdown cell that is lesson prose (not references, licence or navigation)."""
    source = "".join(cell["source"])
    if NAVIGATION.search(source):
        return ""
    unread = UNREAD_SECTIONS.search(source)
    return source[: unread.start()] if unread else source


def self_check_text(item_id: str) -> str:
    """Question and options of self-check ``item_id`` (the learner reads these as prose too)."""
    item = self_checks()[item_id]
    return " ".join([item["question"], *item.get("choices", [])])


@dataclass
class Report:
    """What :func:`measure` found in one notebook."""

    name: str
    prose_words: int = 0
    collapsed_words: int = 0
    largest_cell: tuple[int, int] = (0, -1)      # (words, cell index)
    largest_note: tuple[int, int] = (0, -1)      # (words, cell index) of the largest collapsed note
    undefined_acronyms: list[tuple[str, int]] = field(default_factory=list)  # (acronym, cell index)


def measure(path: Path) -> Report:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    report = Report(path.name)
    known: set[str] = set()
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "markdown":
            text = lesson_text(cell)
            notes = DETAILS.findall(text)
            visible = words(DETAILS.sub(" ", text))
            report.prose_words += visible
            report.largest_cell = max(report.largest_cell, (visible, index))
            for note in notes:
                report.collapsed_words += words(note)
                report.largest_note = max(report.largest_note, (words(note), index))
            shown = readable(text)
        elif cell["cell_type"] == "code":
            shown = " ".join(self_check_text(i) for i in SELF_CHECK.findall("".join(cell["source"])))
        else:
            continue
        for acronym in acronyms(shown):
            if acronym in known:
                continue
            known.add(acronym)
            if cell["cell_type"] != "markdown" or not spells_out(acronym, shown):
                report.undefined_acronyms.append((acronym, index))
    return report


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(NOTEBOOKS.glob("*.ipynb"))
    print("| notebook | prose words | collapsed words | largest cell (index) | largest note (index) "
          "| acronyms not spelled out at first use |")
    print("|---|---|---|---|---|---|")
    for path in paths:
        r = measure(path)
        undefined = ", ".join(f"{a} ({i})" for a, i in r.undefined_acronyms) or "none"
        print(f"| {r.name} | {r.prose_words} | {r.collapsed_words} | {r.largest_cell[0]} ({r.largest_cell[1]}) "
              f"| {r.largest_note[0]} ({r.largest_note[1]}) | {undefined} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
