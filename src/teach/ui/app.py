"""The shell every lesson app shares: controls -> model -> figure + readout.

Data flow is one way. On every control change the app calls ``compute(**values)`` (a pure
model function), hands the result to ``figure.update`` and repaints in place, then writes
``describe(result)`` into the live readout. Invalid input never reaches the figure: the
model's ValueError is shown in the readout and the last good picture stays.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets

from teach.ui.controls import GAP, TICK_WIDTH, heading
from teach.ui.fallback import app_html, app_text, control_setting, with_fallback
from teach.ui.livefigure import LiveFigure
from teach.ui.readout import Readout
from teach.ui.style import style_widget


def control_grid(controls: Sequence[widgets.Widget]) -> widgets.HBox:
    """Controls in a grid: rows of cells of one width (``teach.ui.controls.cell``), as many as fit."""
    return widgets.HBox(list(controls), layout=widgets.Layout(flex_flow="row wrap", grid_gap=f"0.2em {GAP}",
                                                              width="100%", align_items="center"))


class LessonApp(widgets.VBox):
    """An interactive demo: a grid of labelled controls above a live figure with its text readout
    beside it (or directly under it when the notebook is too narrow for both).

    Parameters
    ----------
    title : str
        Shown above the controls.
    controls : mapping of str to ipywidgets.ValueWidget
        Keys are the keyword arguments of ``compute``.
    figure : LiveFigure
        Built once; updated in place.
    compute : callable
        ``compute(**values) -> state``; raises ValueError on bad input.
    describe : callable
        ``describe(state) -> list[str]``: the readout lines.
    groups : mapping of str to sequence of str, optional
        Headings, each over a group of tick boxes: the names of boolean controls shown as a
        block under that heading.
    helpers : sequence of widgets, optional
        Controls shown first in the grid that are not arguments of ``compute`` (e.g. a worked-case
        chooser that sets the other controls).
    """

    def __init__(
        self,
        *,
        title: str,
        controls: Mapping[str, widgets.ValueWidget],
        figure: LiveFigure,
        compute: Callable,
        describe: Callable,
        groups: Mapping[str, Sequence[str]] | None = None,
        helpers: Sequence[widgets.Widget] = (),
    ):
        self.title = title
        self.controls = dict(controls)
        self.figure = figure
        self.readout = Readout()
        self.state = None
        self.error: str | None = None
        self._compute = compute
        self._describe = describe
        self._lines: list[str] = []
        header = widgets.HTML(f"<h4 style='margin:0.2em 0'>{title}</h4>")
        grouped = {name for names in (groups or {}).values() for name in names}
        blocks = [control_grid([*helpers, *(c for n, c in self.controls.items() if n not in grouped)])]
        for title_of_group, names in (groups or {}).items():
            for name in names:
                self.controls[name].layout.width = TICK_WIDTH
            block = control_grid([heading(title_of_group), *(self.controls[n] for n in names)])
            block.add_class("teach-group")
            blocks.append(block)
        figure.canvas.layout.flex = "0 0 auto"  # no stretching: the readout sits right beside the figure
        body = widgets.HBox(
            [figure.canvas, self.readout],
            layout=widgets.Layout(align_items="flex-start", flex_flow="row wrap", grid_gap="0.5em 1em"),
        )
        super().__init__([style_widget(), header, *blocks, body])
        self.add_class("teach-app")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    @property
    def values(self) -> dict:
        """The controls' current values, keyed like ``compute``'s arguments."""
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values) -> None:
        """Set several controls at once (one update per control), as a learner would."""
        for name, value in values.items():
            self.controls[name].value = value

    def update(self) -> None:
        """Recompute the model from the controls and repaint the figure and readout."""
        try:
            state = self._compute(**self.values)
        except ValueError as err:
            self.error = str(err)
            self.readout.show(self._lines, error=self.error)
            return
        self.error = None
        self.state = state
        self.figure.update(state)
        self.figure.refresh()
        self._lines = self._describe(state)
        self.readout.show(self._lines)

    def _on_change(self, _change) -> None:
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        """The widget view, plus the figure as a PNG and the readout as text for viewers
        without a live kernel (see :mod:`teach.ui.fallback`)."""
        bundle = super()._repr_mimebundle_(**kwargs)
        settings = [control_setting(control) for control in self.controls.values()]
        lines = self.readout.text.splitlines()
        png = self.figure.to_png()
        return with_fallback(
            bundle, app_html(self.title, png, settings, lines), app_text(self.title, settings, lines), png
        )
