"""The shell every lesson app shares: controls -> model -> figure + readout.

Data flow is one way. On every control change the app calls ``compute(**values)`` (a pure
model function), hands the result to ``figure.update`` and repaints in place, then writes
``describe(result)`` into the live readout. Invalid input never reaches the figure: the
model's ValueError is shown in the readout and the last good picture stays.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets
from traitlets import TraitError

from teach.ui.controls import GAP, TICK_WIDTH, heading
from teach.ui.fallback import app_html, app_text, control_setting, with_fallback
from teach.ui.livecanvas import mark
from teach.ui.livefigure import LiveFigure
from teach.ui.predict import attach_gate
from teach.ui.readout import Readout
from teach.ui.style import style_widget
from teach.validation import check_instance


def control_grid(controls: Sequence[widgets.Widget]) -> widgets.HBox:
    """Controls in a grid: rows of cells of one width (``teach.ui.controls.cell``), as many as fit."""
    if not isinstance(controls, list | tuple):
        raise TypeError(f"controls must be a list of widgets; got {type(controls).__name__}")
    for control in controls:
        check_instance(control, "controls", widgets.Widget)
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
        if not isinstance(title, str):
            raise TypeError(f"title must be text; got {type(title).__name__}")
        if not isinstance(controls, Mapping) or not all(
                isinstance(c, widgets.Widget) and c.has_trait("value") for c in controls.values()):
            raise TypeError(f"controls must map names to widgets with a value; got {controls!r:.80}")
        if not isinstance(figure, LiveFigure):
            raise TypeError(f"figure must be a LiveFigure; got {type(figure).__name__}")
        for name, function in (("compute", compute), ("describe", describe)):
            if not callable(function):
                raise TypeError(f"{name} must be callable; got {type(function).__name__}")
        if not isinstance(helpers, list | tuple) or not all(isinstance(h, widgets.Widget) for h in helpers):
            raise TypeError(f"helpers must be a list of widgets; got {helpers!r:.80}")
        groups = {} if groups is None else groups
        if not isinstance(groups, Mapping) or not all(
                isinstance(heading_text, str) and isinstance(names, list | tuple)
                and all(isinstance(name, str) and name in controls for name in names)
                for heading_text, names in groups.items()):
            raise ValueError(f"groups must map headings (text) to lists of control names "
                             f"({', '.join(controls)}); got {groups!r:.80}")
        self.title = title
        self.controls = dict(controls)
        self.figure = figure
        self.readout = Readout()
        self.state = None
        self.error: str | None = None
        self._compute = compute
        self._describe = describe
        self._lines: list[str] = []
        self._repaint = threading.Condition()  # guards the three below (see update)
        self._requests = 0  # updates asked for so far
        self._painted = 0  # of those, how many the last finished repaint includes
        self._painter: threading.Thread | None = None  # the thread running update, if any
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
        attach_gate(self)  # predict, commit, reveal (teach.ui.predict): locks controls until a prediction

    @property
    def values(self) -> dict:
        """The controls' current values, keyed like ``compute``'s arguments."""
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values) -> None:
        """Set several controls at once (one update per control), as a learner would. A value a
        control refuses (a wrong type, an unknown option) is shown in the readout, not raised."""
        for name, value in values.items():
            try:
                self.controls[name].value = value
            except TraitError as err:
                self.show_error(err, control=name)

    def update(self) -> None:
        """Recompute the model from the controls and repaint the figure and readout.

        Any ValueError or TypeError from the model (what a control can produce) is shown in the
        readout under the control's own label; the figure keeps the last good picture.

        Updates asked for on other threads while one runs are coalesced: JupyterLab's widget
        messages arrive on a kernel subshell's thread while the main thread may be repainting
        (a cell setting controls, an app being built). Such a caller waits, and the running
        update repaints once more from the controls' values as they are then, however many
        callers waited, so only the newest values are drawn and every caller returns after a
        repaint that includes its own change. (Messages from one slider never pile up in the
        first place: ipywidgets' browser side sends a slider's next value only after the
        kernel has finished with the last one, keeping just the newest in between.) A call on
        the thread that is already updating (a control set while updating) is answered by the
        running update's next round.
        """
        me = threading.current_thread()
        with self._repaint:
            self._requests += 1
            request = self._requests
            while self._painter not in (None, me) and self._painted < request:
                self._repaint.wait()
            if self._painted >= request or self._painter is me:
                return
            self._painter = me
        try:
            while True:
                with self._repaint:
                    round_ = self._requests  # every request so far: its change is in the values read next
                self._update_once()
                with self._repaint:
                    self._painted = round_
                    self._repaint.notify_all()
                    if self._requests == round_:
                        return
        finally:
            with self._repaint:
                self._painter = None
                self._repaint.notify_all()  # a waiter whose change is not drawn yet (an error here) takes over

    def _update_once(self) -> None:
        canvas = self.figure.canvas
        mark(canvas, "event")
        try:
            state = self._compute(**self.values)
        except (ValueError, TypeError, TraitError) as err:
            self.show_error(err)
            return
        self.error = None
        self.state = state
        mark(canvas, "model")
        with self.figure.lock:  # artist changes and the repaint as one step (see teach.ui.livecanvas)
            self.figure.update(state)
            mark(canvas, "artists")
            self.figure.refresh()
        self._lines = self._describe(state)
        self.readout.show(self._lines)

    def show_error(self, err: Exception, control: str | None = None) -> None:
        """Show ``err`` in the readout, naming the control by its label (``control``: the key of
        the control that refused a value); the stale readout lines are cleared."""
        message = self._in_learners_words(str(err))
        if control is not None:
            label = getattr(self.controls[control], "description", "") or control
            message = f"\u201c{label}\u201d: {message}"
        self.error = message
        self.readout.show(["The figure still shows the last valid input."], error=self.error)

    def guard(self, callback: Callable) -> Callable:
        """Wrap an extra control observer so that its ValueError or TypeError (a control set to
        None, say) goes to the readout instead of out of the widget's setter."""
        def guarded(change) -> None:
            try:
                callback(change)
            except (ValueError, TypeError, TraitError) as err:
                self.show_error(err)
        return guarded

    def _in_learners_words(self, message: str) -> str:
        """``message`` with a control's parameter name (and its code-style unit note) replaced by
        the control's label, e.g. ``alp_uln_U_L (U/L) must be ...`` -> ``"ALP ULN (U/L)" must be ...``."""
        for name, control in self.controls.items():
            label = getattr(control, "description", "") or name
            pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])(\s*\([^()]*\))?")
            if pattern.search(message):
                return pattern.sub(f"\u201c{label}\u201d", message, count=1)
        return message

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
