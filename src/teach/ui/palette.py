"""Okabe-Ito colours paired with line styles, so no meaning rests on colour alone.

Okabe and Ito's Colour Universal Design palette [@okabe2008] stays distinguishable under
the common colour-vision deficiencies; each series also gets its own dash pattern and marker.
"""

from __future__ import annotations

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Yellow is too light for lines, markers or text on white (contrast 1.2:1): it is only for
#: filled areas with a dark edge or hatch. The eighth series repeats blue with its own dash and marker.
LINE_COLOURS = ("blue", "vermillion", "bluish_green", "reddish_purple", "orange", "sky_blue", "black")
_ORDER = (*LINE_COLOURS, "blue")
_DASHES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1)), (0, (8, 2)), (0, (3, 3)))
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

STYLES = tuple(
    {"color": OKABE_ITO[colour], "linestyle": dash, "marker": marker}
    for colour, dash, marker in zip(_ORDER, _DASHES, _MARKERS, strict=True)
)


def series_style(index: int, *, marker: bool = False) -> dict:
    """Matplotlib keyword arguments (colour, line style and optionally marker) for series ``index``.

    Styles cycle after eight series.
    """
    if isinstance(index, bool) or not isinstance(index, int):
        raise TypeError(f"index (series number) must be a whole number; got {type(index).__name__}")
    style = dict(STYLES[index % len(STYLES)])
    if not isinstance(marker, bool):
        raise TypeError(f"marker must be True or False; got {type(marker).__name__}")
    if not marker:
        style.pop("marker")
    return style
