"""Control widgets every lesson app uses, built one way: full-width labels, live updates."""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as widgets

from teach.validation import Bounds, check_choice, check_count, check_flag, check_quantity

STYLE = {"description_width": "initial"}  # never truncate a control's label


def slider(description: str, value: float, low: float, high: float, step: float, *, integer: bool = False,
           readout_format: str | None = None, width: str = "24em", continuous: bool = True):
    """A linear slider (IntSlider when ``integer``) from ``low`` to ``high``; a starting ``value``
    outside that range is refused with a ValueError naming the control (never clamped)."""
    integer = check_flag(integer, "integer")
    _check_start(description, value, low, high, integer=integer)
    _check_step(step, low, high)
    kind = widgets.IntSlider if integer else widgets.FloatSlider
    if readout_format is not None and not isinstance(readout_format, str):
        raise TypeError(f"readout_format must be a format string such as '.2f'; got {type(readout_format).__name__}")
    extra = {"readout_format": readout_format} if readout_format else {}
    return kind(value=value, min=low, max=high, step=step, description=description, continuous_update=continuous,
                style=STYLE, layout=widgets.Layout(width=width), **extra)


def log_slider(description: str, value: float, low_exp: float, high_exp: float, *, step: float = 0.05,
               readout_format: str = ".3g", width: str = "24em", continuous: bool = True):
    """A base-10 logarithmic slider from ``10**low_exp`` to ``10**high_exp``; a starting ``value``
    outside that range is refused with a ValueError naming the control (never clamped)."""
    low_exp = check_quantity(low_exp, "low_exp", "decades", Bounds(-12, 12))
    high_exp = check_quantity(high_exp, "high_exp", "decades", Bounds(-12, 12))
    _check_start(description, value, 10.0**low_exp, 10.0**high_exp, ends=("low_exp", "high_exp"))
    _check_step(step, low_exp, high_exp)
    return widgets.FloatLogSlider(
        value=value, base=10, min=low_exp, max=high_exp, step=step, description=description,
        readout_format=readout_format,
        continuous_update=continuous, style=STYLE, layout=widgets.Layout(width=width),
    )


def dropdown(description: str, options, value, *, width: str = "auto"):
    """A drop-down list of ``options`` with ``value`` selected (a value not among them is refused)."""
    _check_description(description)
    if isinstance(options, str) or not isinstance(options, Iterable) or getattr(options, "ndim", 1) == 0:
        raise TypeError(f"options must be a list of choices; got {type(options).__name__}")
    values = [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in options]  # (label, value) pairs
    check_choice(value, f"{description!r} (value, one of the options)", list(values))
    return widgets.Dropdown(options=list(options), value=value, description=description, style=STYLE,
                            layout=widgets.Layout(width=width))


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


def _check_description(description) -> None:
    if not isinstance(description, str):
        raise TypeError(f"description (control label) must be text; got {type(description).__name__}")
