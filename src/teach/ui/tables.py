"""Tables as a learner reads them: human headers with units, rounded numbers, no index,
citations as "(Author Year)" links, and the same table as plain text for text-only viewers."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from teach.data import short_citation
from teach.validation import Bounds, check_count, check_flag, check_instance

REFERENCES_PAGE = "../docs/references.md"  # from notebooks/, where the lessons live
MISSING = "not reported"


class LearnerTable:
    """A formatted table that notebooks display as HTML (and as text where HTML cannot show).

    Parameters
    ----------
    frame : pandas.DataFrame
        The data; its index is not shown.
    columns : mapping of str to str
        Which columns to show, in order, and the header of each (with its unit).
    caption : str
        One sentence above the table saying what it shows.
    digits : int
        Significant digits of non-integer numbers.
    collapsed : bool
        Show only the caption until the learner opens the table (for long reference tables).
    """

    def __init__(self, frame: pd.DataFrame, columns: Mapping[str, str], *, caption: str = "", digits: int = 3,
                 collapsed: bool = False):
        check_instance(frame, "frame", pd.DataFrame)
        if not isinstance(columns, Mapping) or not all(isinstance(v, str) for v in columns.values()):
            raise TypeError(f"columns must map column names to headers (text); got {type(columns).__name__}")
        caption, collapsed = check_instance(caption, "caption", str), check_flag(collapsed, "collapsed")
        digits = check_count(digits, "digits", "significant digits", DIGITS)
        missing = [name for name in columns if name not in frame.columns]
        if missing:
            raise ValueError(f"columns must be columns of the table ({', '.join(frame.columns)}); got {missing}")
        self.columns = dict(columns)
        self.caption = caption
        self.digits = digits
        self.collapsed = collapsed
        self.rows = [[self._cell(name, value) for name, value in row.items()] for _, row in
                     frame[list(self.columns)].iterrows()]

    def _cell(self, name: str, value) -> tuple[str, str]:
        """(text, html) of one cell."""
        if name == "citation" or name.endswith("_citation"):
            keys = [] if _is_missing(value) else [k.strip() for k in str(value).split(";") if k.strip()]
            text = "; ".join(short_citation(k) for k in keys) or MISSING
            links = "; ".join(f'<a href="{REFERENCES_PAGE}#{k}">{html.escape(short_citation(k))}</a>' for k in keys)
            return text, links or MISSING
        text = format_value(value, self.digits)
        return text, html.escape(text)

    @property
    def headers(self) -> list[str]:
        return list(self.columns.values())

    def text_rows(self) -> list[list[str]]:
        """The cells as the learner reads them (plain text)."""
        return [[text for text, _ in row] for row in self.rows]

    def _repr_html_(self) -> str:
        head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in self.headers)
        body = "".join(
            "<tr>" + "".join(f"<td style='text-align:left'>{cell}</td>" for _, cell in row) + "</tr>"
            for row in self.rows
        )
        table = f"<table class='teach-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        if self.collapsed:
            return f"<details><summary>{html.escape(self.caption or 'Show the table')}</summary>{table}</details>"
        return (f"<p><strong>{html.escape(self.caption)}</strong></p>" if self.caption else "") + table

    def __repr__(self) -> str:
        lines = [self.caption] if self.caption else []
        lines.append(" | ".join(self.headers))
        lines += [" | ".join(row) for row in self.text_rows()]
        return "\n".join(lines)


DIGITS = Bounds(1, 15)  # significant digits a table may show


def format_value(value, digits: int = 3) -> str:
    """A number rounded for reading (``digits`` significant digits, no trailing zeros, thousands
    separated), yes/no for a flag, or the text itself; a missing value reads "not reported"."""
    digits = check_count(digits, "digits", "significant digits", DIGITS)
    if isinstance(value, np.ndarray) and value.size != 1:
        raise ValueError(f"value must be one number, flag or text; got an array of shape {value.shape}")
    if hasattr(value, "item") and not isinstance(value, str):  # a numpy scalar
        value = value.item()
    if _is_missing(value):
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return f"{int(value):,}"
    if isinstance(value, float):
        if math.isinf(value):
            return "infinite" if value > 0 else "minus infinite"
        if abs(value) >= 10 ** digits:
            return f"{round(value):,}"
        return f"{value:.{digits}g}" if abs(value) >= 1e-4 else f"{value:.{digits - 1}e}"
    return str(value)


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA
