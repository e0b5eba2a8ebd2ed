"""The shell every lesson app shares: controls -> model -> figure + readout.

Data flow is one way. On every control change the app calls ``compute(**values)`` (a pure
model function), hands the result to ``figure.update`` and repaints in place, then writes
``describe(result)`` into the live readout. Invalid input never reaches the figure: the
model's ValueError is shown in the readout and the last good picture stays.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as widgets

from teach.ui.livefigure import LiveFigure
from teach.ui.predict import attach_gate
from teach.ui.readout import Readout


class LessonApp(widgets.VBox):
    """An interactive demo: a row of controls above a live figure with its text readout.

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
    """

    def __init__(
        self,
        *,
        title: str,
        controls: Mapping[str, widgets.ValueWidget],
        figure: LiveFigure,
        compute: Callable,
        describe: Callable,
    ):
        self.controls = dict(controls)
        self.figure = figure
        self.readout = Readout()
        self.state = None
        self.error: str | None = None
        self._compute = compute
        self._describe = describe
        self._lines: list[str] = []
        header = widgets.HTML(f"<h4 style='margin:0.2em 0'>{title}</h4>")
        control_box = widgets.HBox(
            list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap")
        )
        body = widgets.HBox(
            [figure.canvas, self.readout], layout=widgets.Layout(align_items="flex-start", flex_flow="row wrap")
        )
        super().__init__([header, control_box, body])
        self.add_class("teach-app")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()
        attach_gate(self)  # predict, commit, reveal (teach.ui.predict): locks controls until a prediction

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
