"""Control widgets every lesson app uses, built one way: full-width labels, live updates."""

from __future__ import annotations

import ipywidgets as widgets

STYLE = {"description_width": "initial"}  # never truncate a control's label


def slider(description: str, value: float, low: float, high: float, step: float, *, integer: bool = False,
           readout_format: str | None = None, width: str = "24em", continuous: bool = True):
    """A linear slider (IntSlider when ``integer``) from ``low`` to ``high``."""
    kind = widgets.IntSlider if integer else widgets.FloatSlider
    extra = {"readout_format": readout_format} if readout_format else {}
    return kind(value=value, min=low, max=high, step=step, description=description, continuous_update=continuous,
                style=STYLE, layout=widgets.Layout(width=width), **extra)


def log_slider(description: str, value: float, low_exp: float, high_exp: float, *, step: float = 0.05,
               readout_format: str = ".3g", width: str = "24em", continuous: bool = True):
    """A base-10 logarithmic slider from ``10**low_exp`` to ``10**high_exp``."""
    return widgets.FloatLogSlider(
        value=value, base=10, min=low_exp, max=high_exp, step=step, description=description,
        readout_format=readout_format,
        continuous_update=continuous, style=STYLE, layout=widgets.Layout(width=width),
    )


def dropdown(description: str, options, value, *, width: str = "auto"):
    """A drop-down list of ``options`` with ``value`` selected."""
    return widgets.Dropdown(options=list(options), value=value, description=description, style=STYLE,
                            layout=widgets.Layout(width=width))
