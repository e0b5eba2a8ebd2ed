"""Write docs/references.md from src/teach/data/references.bib: every source the course cites.

Usage: python tools/build_references.py [--check]   (--check exits 1 if docs/references.md is stale)
Each entry carries an HTML anchor named by its key, so the lessons' "(Author Year)" links
(tools/render_citations.py) land on it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from teach.data import references, short_citation

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "references.md"


def _clean(text: str) -> str:
    return re.sub(r"[{}\\]", "", text).replace("--", "-").strip()


def _authors(field: str) -> str:
    if field.lstrip().startswith("{"):  # {{Corporate Author and Partners}} is one name
        return _clean(field)
    names = [_clean(a) for a in field.split(" and ")]
    if names[-1] == "others":
        return f"{names[0]} et al."
    return "; ".join(names)


def _link(entry: dict[str, str]) -> str:
    parts = []
    if "doi" in entry:
        parts.append(f"[doi:{entry['doi']}](https://doi.org/{entry['doi']})")
    if "pmid" in entry:
        parts.append(f"[PMID {entry['pmid']}](https://pubmed.ncbi.nlm.nih.gov/{entry['pmid']}/)")
    if "url" in entry and "doi" not in entry:
        parts.append(f"<{entry['url']}>")
    return " ".join(parts)


def render() -> str:
    lines = [
        "# References",
        "",
        "Every source the course cites, generated from `src/teach/data/references.bib` by",
        "`python tools/build_references.py` (do not edit by hand; a test checks that this page is current).",
        "Each \"(Author Year)\" link in the lessons leads to its entry below.",
        "",
    ]
    def sort_key(item):
        return (_clean(item[1].get("author", item[0])).lower(), item[1].get("year", ""))

    for key, entry in sorted(references().items(), key=sort_key):
        venue = entry.get("journal") or entry.get("booktitle") or entry.get("publisher") or entry.get("institution")
        detail = _clean(venue) if venue else ""
        if entry.get("volume"):
            detail += f" {entry['volume']}"
        if entry.get("pages"):
            detail += f", {_clean(entry['pages'])}"
        who, year = _authors(entry.get("author", key)), entry.get("year", "n.d.")
        text = f'- <a id="{key}"></a>**{short_citation(key)}**: {who} ({year}). {_clean(entry["title"])}.'
        if detail:
            text += f" *{detail.strip()}*."
        lines.append(f"{text} {_link(entry)}".rstrip())
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    new = render()
    if "--check" in argv:
        return int(not OUT.exists() or OUT.read_text(encoding="utf-8") != new)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
