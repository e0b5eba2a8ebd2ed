"""Control widgets every lesson app uses, built one way so that they line up in a labelled grid.

Every control has its label in a column of fixed width (``LABEL_WIDTH``; a long label wraps
onto a second line instead of being cut off, see ``teach.ui.style``) and sits in a grid cell
``CELL_WIDTH`` wide, which leaves a slider track of at least 150 px. Controls with long
options (drop-down lists, toggle buttons) ask for a wider cell with :func:`wide`.
Multi-select list boxes hide their selection below a fold, so several choices are made with
a :class:`CheckGroup` of tick boxes instead.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.trait_types import NumberFormat

from teach.validation import (
    Bounds,
    check_choice,
    check_choices,
    check_count,
    check_flag,
    check_instance,
    check_quantity,
)

LABEL_WIDTH = "10em"  # the label column of the control grid
CELL_WIDTH = "29em"  # one grid cell: label column, a slider track of >= 150 px and the value
GAP = "1.5em"  # between grid cells
TICK_WIDTH = "14em"  # one tick box in a group
STYLE = {"description_width": LABEL_WIDTH}
GRID_CELLS = Bounds(1, 4)  # how many cells of the control grid one control may span
_CHAR_EM = 0.62  # width of an average character of the widget font, in em (sizes text-fitted boxes)


def text_width(labels, *, extra_em: float = 0.0) -> str:
    """A CSS width (em) that fits the longest of ``labels`` plus ``extra_em`` (arrow, padding)."""
    labels = _listed(labels, "labels")
    extra_em = check_quantity(extra_em, "extra_em", "em", Bounds(0.0, 100.0), meaning="room beside the text")
    longest = max((len(str(label)) for label in labels), default=1)
    return f"{longest * _CHAR_EM + extra_em:.1f}em"


def cell(columns: int = 1) -> widgets.Layout:
    """The layout of a control that fills ``columns`` cells of the control grid."""
    columns = check_count(columns, "columns", "grid cells", GRID_CELLS)
    width = f"calc({columns} * {CELL_WIDTH} + {columns - 1} * {GAP})"
    return widgets.Layout(width=CELL_WIDTH if columns == 1 else width)


def wide(control: widgets.Widget, columns: int = 2) -> widgets.Widget:
    """Let ``control`` span ``columns`` cells of the control grid; return it."""
    check_instance(control, "control", widgets.DOMWidget)
    control.layout.width = cell(columns).width
    return control


def slider(description: str, value: float, low: float, high: float, step: float, *, integer: bool = False,
           readout_format: str | None = None, continuous: bool = True):
    """A linear slider (IntSlider when ``integer``) from ``low`` to ``high``, filling its grid cell; a
    starting ``value`` outside that range is refused with a ValueError naming the control (never clamped)."""
    integer, continuous = check_flag(integer, "integer"), check_flag(continuous, "continuous")
    if readout_format is not None:
        _check_format(readout_format)
    _check_start(description, value, low, high, integer=integer)
    _check_step(step, low, high)
    kind = widgets.IntSlider if integer else widgets.FloatSlider
    extra = {"readout_format": readout_format} if readout_format else {}
    return kind(value=value, min=low, max=high, step=step, description=description, continuous_update=continuous,
                style=STYLE, layout=cell(), **extra)


def log_slider(description: str, value: float, low_exp: float, high_exp: float, *, step: float = 0.05,
               readout_format: str = ".3g", continuous: bool = True):
    """A base-10 logarithmic slider from ``10**low_exp`` to ``10**high_exp``, filling its grid cell; a
    starting ``value`` outside that range is refused with a ValueError naming the control (never clamped)."""
    low_exp = check_quantity(low_exp, "low_exp", "decades", Bounds(-12, 12))
    high_exp = check_quantity(high_exp, "high_exp", "decades", Bounds(-12, 12))
    continuous, readout_format = check_flag(continuous, "continuous"), _check_format(readout_format)
    _check_start(description, value, 10.0**low_exp, 10.0**high_exp, ends=("low_exp", "high_exp"))
    _check_step(step, low_exp, high_exp)
    return widgets.FloatLogSlider(
        value=value, base=10, min=low_exp, max=high_exp, step=step, description=description,
        readout_format=readout_format, continuous_update=continuous, style=STYLE,
        layout=cell(),
    )


def dropdown(description: str, options, value):
    """A drop-down list of ``options`` (values or ``(label, value)`` pairs) with ``value`` selected.

    The list is as wide as its longest label, and spans two grid cells when that is needed.
    """
    _check_description(description)
    options = _listed(options, "options")
    labels = [option[0] if isinstance(option, tuple) else option for option in options]
    check_choice(value, f"{description!r} (value, one of the options)",
                 [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in options])
    control = widgets.Dropdown(options=options, value=value, description=description, style=STYLE, layout=cell())
    return _fit(control, needed_em=float(text_width(labels, extra_em=3.0)[:-2]))


def toggles(description: str, options, value):
    """A row of toggle buttons, one per option, each wide enough for its label."""
    _check_description(description)
    options = _listed(options, "options")
    labels = [option[0] if isinstance(option, tuple) else option for option in options]
    check_choice(value, f"{description!r} (value, one of the options)",
                 [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in options])
    button = text_width(labels, extra_em=2.0)
    control = widgets.ToggleButtons(options=options, value=value, description=description,
                                    style={**STYLE, "button_width": button}, layout=cell())
    return _fit(control, needed_em=len(labels) * (float(button[:-2]) + 0.5))


def number(description: str, value: float):
    """A box for typing a number (for values a slider cannot reach precisely)."""
    return widgets.FloatText(value=value, description=description, style=STYLE, layout=cell())


def tick(description: str, value: bool = False):
    """A tick box with its label on the right, one cell of the control grid (``TICK_WIDTH`` in a group)."""
    _check_description(description)
    value = check_flag(value, "value")
    return widgets.Checkbox(value=value, description=description, indent=False, layout=cell())


def heading(text: str) -> widgets.HTML:
    """A heading over a group of controls, on a row of its own."""
    return widgets.HTML(f"<b>{text}</b>", layout=widgets.Layout(width="100%"))


def _fit(control: widgets.Widget, *, needed_em: float) -> widgets.Widget:
    """Span two grid cells when the label column plus ``needed_em`` does not fit in one."""
    if float(LABEL_WIDTH[:-2]) + needed_em > float(CELL_WIDTH[:-2]):
        wide(control)
    return control


class CheckGroup(widgets.HBox):
    """Several choices as a grid of tick boxes, under a heading; ``value`` is the tuple of the
    chosen option values, in the order of ``options`` (like ``SelectMultiple``, minus the fold).

    Parameters
    ----------
    description : str
        The heading.
    options : iterable of str or (label, value) pairs
    value : iterable
        The values ticked at the start.
    """

    value = traitlets.Tuple()

    def __init__(self, description: str, options, value=()):
        _check_description(description)
        pairs = [option if isinstance(option, tuple) else (str(option), option)
                 for option in _listed(options, "options")]
        if not all(len(pair) == 2 and isinstance(pair[0], str) and isinstance(pair[1], Hashable) for pair in pairs):
            raise ValueError("options must be labels or (label, value) pairs, each value a number or text")
        value = check_choices(value, "value", [v for _, v in pairs])
        self.description = description
        self.options = [v for _, v in pairs]
        self.boxes = {v: tick(label, v in tuple(value)) for label, v in pairs}
        for box in self.boxes.values():
            box.layout.width = TICK_WIDTH
        super().__init__([heading(description), *self.boxes.values()],
                         layout=widgets.Layout(flex_flow="row wrap", width="100%", grid_gap=f"0 {GAP}"))
        self.add_class("teach-checkgroup")
        self._syncing = False
        self.value = self._ticked()
        for box in self.boxes.values():
            box.observe(self._on_tick, names="value")

    def _ticked(self) -> tuple:
        return tuple(v for v, box in self.boxes.items() if box.value)

    def _on_tick(self, _change) -> None:
        if not self._syncing:
            self.value = self._ticked()

    @traitlets.validate("value")
    def _valid(self, proposal):
        unknown = [v for v in proposal["value"] if v not in self.boxes]
        if unknown:
            raise traitlets.TraitError(f"{self.description}: no option {unknown[0]!r}; options are {self.options}")
        return tuple(v for v in self.options if v in proposal["value"])

    @traitlets.observe("value")
    def _show(self, change) -> None:
        self._syncing = True  # the boxes follow the value; their own events must not echo back
        try:
            for v, box in self.boxes.items():
                box.value = v in change["new"]
        finally:
            self._syncing = False


def _check_start(description: str, value, low: float, high: float, *, integer: bool = False,
                 ends=("low", "high")) -> None:
    """Refuse a starting value the slider would silently clamp or cannot hold (``ends``: how the
    caller names the slider's two ends)."""
    _check_description(description)
    for end, label in zip((low, high), ends, strict=True):
        check_quantity(end, label, "slider end", Bounds(-1e12, 1e12))
    if not low < high:
        raise ValueError(f"{ends[0]} ({low:g}) must be below {ends[1]} ({high:g})")
    name = f"{description!r}"
    unit = f"slider value, from {ends[0]} {low:g} to {ends[1]} {high:g}"
    if integer:
        check_count(value, name, unit, Bounds(low, high))
    else:
        check_quantity(value, name, unit, Bounds(low, high))


def _check_step(step, low: float, high: float) -> None:
    check_quantity(step, "step", "slider step", Bounds(1e-12, high - low))


def _listed(items, name: str) -> list:
    """``items`` (a list, tuple or other collection, not text) as a list; TypeError naming ``name``."""
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise TypeError(f"{name} must be a list; got {type(items).__name__}")
    try:
        return list(items)
    except TypeError:
        raise TypeError(f"{name} must be a list; got {type(items).__name__} {items!r:.40}") from None


def _check_format(readout_format) -> str:
    """``readout_format`` if it is a number format the slider's readout understands (".3g", ".0f")."""
    if not isinstance(readout_format, str):
        raise TypeError(f"readout_format must be a number format such as '.3g'; got {type(readout_format).__name__}")
    try:
        return NumberFormat().validate(None, readout_format)
    except traitlets.TraitError:
        raise ValueError(f"readout_format must be a number format such as '.3g'; got {readout_format!r:.40}") from None


def _check_description(description) -> None:
    if not isinstance(description, str):
        raise TypeError(f"description (control label) must be text; got {type(description).__name__}")
