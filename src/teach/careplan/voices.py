"""What people who use kratom told researchers, shown beside the evidence.

The words live in ``data/voices.csv``, copied verbatim from published qualitative studies
(interviews, analyses of forum posts and of first-hand reports), each row with its citation and
where in the source it was read. A row is either a participant's own words or the researchers'
summary of what participants said (the ``voice`` column), and the display says which. The
quotations are heard as reasons and experiences, never shown as evidence that kratom works.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from teach.data import load_table, short_citation
from teach.ui.tables import REFERENCES_PAGE

LESSONS = ("06", "07")
HEADING = "What people who use kratom told researchers"
LIMITS = ("Words like these show why people use kratom and what they live with; they cannot show "
          "whether kratom relieves pain, how often harms occur, or what would have happened without it.")
SPEAKER_NOTE = {"participant": "", "researchers' summary": ", in the researchers' summary"}


@dataclass(frozen=True)
class Voice:
    """One quotation: the words, who said them, what about, and the source's citation key."""

    id: str
    quote: str
    voice: str
    speaker: str
    context: str
    citation: str


def voices(lesson: str) -> list[Voice]:
    """The quotations lesson ``lesson`` ("06" or "07") shows, in table order."""
    if not isinstance(lesson, str) or lesson not in LESSONS:
        raise ValueError(f"lesson must be one of {', '.join(LESSONS)}; got {lesson!r}")
    table = load_table("voices")
    rows = table[table["lessons"].str.split().apply(lambda shown_in: lesson in shown_in)]
    return [Voice(r["id"], r["quote"], r["voice"], r["speaker"], r["context"], r["citation"])
            for r in rows.to_dict("records")]


class Quotations:
    """Quotations as HTML blockquotes with citation links, and as plain text where HTML cannot show."""

    def __init__(self, items: list[Voice]):
        if not isinstance(items, (list, tuple)) or not all(isinstance(v, Voice) for v in items):
            raise TypeError(f"items must be a list of Voice (rows of voices.csv); got {items!r:.60}")
        self.items = list(items)

    def _repr_html_(self) -> str:
        quotes = "".join(
            "<blockquote style='margin:0.6em 0 0.6em 1em;padding-left:0.8em;border-left:3px solid #999'>"
            f"<p>“{html.escape(v.quote)}”</p>"
            f"<p style='margin:0'>— {html.escape(v.speaker)}{html.escape(SPEAKER_NOTE[v.voice])}. "
            f"<em>{html.escape(v.context)}.</em> "
            f"<a href=\"{REFERENCES_PAGE}#{html.escape(v.citation)}\">({html.escape(short_citation(v.citation))})</a>"
            "</p></blockquote>"
            for v in self.items
        )
        return (f"<section class='teach-voices' aria-label='{html.escape(HEADING)}'>"
                f"<p><strong>{html.escape(HEADING)}</strong></p>{quotes}"
                f"<p><em>{html.escape(LIMITS)}</em></p></section>")

    def __repr__(self) -> str:
        lines = [HEADING, ""]
        for v in self.items:
            lines += [f'  "{v.quote}"',
                      f"    - {v.speaker}{SPEAKER_NOTE[v.voice]}. {v.context}. ({short_citation(v.citation)})", ""]
        return "\n".join([*lines, LIMITS])


def show(lesson: str) -> Quotations:
    """The quotations of ``lesson``, ready to display in a notebook cell."""
    return Quotations(voices(lesson))
