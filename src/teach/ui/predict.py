"""Predict, commit, reveal: every demo asks for a prediction before it responds.

``attach_gate(app)`` is called by :class:`~teach.ui.LessonApp` for every app. It finds the app's
factory (``teach.<topic>.app.<name>``, e.g. ``"receptors.binding_app"``) from the call stack,
looks up that key in ``teach/data/predictions.json`` and puts a :class:`PredictionGate` above
the app. Until the learner commits, the app's controls are disabled. Commit saves the
prediction in the progress file (:mod:`teach.progress`), unlocks the controls and shows the
prediction beside what the readout now says, updated as the learner moves the controls. A
prediction already in the progress file opens the app unlocked, showing it.

Set the environment variable ``TEACH_PREDICT=off`` to build apps without the gate (an
instructor projecting a demo, or a test that is about something else).
"""

from __future__ import annotations

import html
import json
import math
import os
import sys
import types
from functools import cache
from importlib.resources import files

import ipywidgets as widgets

from teach import progress
from teach.validation import Bounds, check_choice, check_count, check_instance, check_quantity

ENV_VAR = "TEACH_PREDICT"
_APP_MODULE_PREFIX = "teach."
_APP_MODULE_SUFFIX = ".app"


@cache
def prediction_specs() -> dict[str, dict]:
    """The prediction question of every demo, keyed by factory (``"receptors.binding_app"``)."""
    specs = json.loads(files("teach.data").joinpath("predictions.json").read_text(encoding="utf-8"))
    for key, spec in specs.items():
        validate_spec(key, spec)
    return specs


def validate_spec(key: str, spec: dict) -> None:
    """Raise ValueError naming the fault if ``spec`` is not a usable prediction question."""
    where = f"spec of prediction {check_instance(key, 'key', str)[:80]!r}"
    need = {"lessons", "question", "kind", "outcome", "reveal"}
    if not need <= check_instance(spec, "spec", dict).keys():
        raise ValueError(f"{where} lacks {sorted(need - spec.keys())}")
    if spec["kind"] == "choice":
        choices = spec.get("choices")
        if not isinstance(choices, list | tuple) or not 3 <= len(choices) <= 4 or \
                not all(isinstance(choice, str) for choice in choices):
            raise ValueError(f"{where}: a choice question has 3-4 outcomes (text)")
    elif spec["kind"] == "number":
        if not {"unit", "min", "max"} <= spec.keys() or not isinstance(spec["unit"], str) or \
                not all(isinstance(spec[end], int | float) and not isinstance(spec[end], bool)
                        and math.isfinite(spec[end]) for end in ("min", "max")) or not spec["min"] < spec["max"]:
            raise ValueError(f"{where}: a number question needs a unit and finite min < max")
    else:
        raise ValueError(f"{where}: kind must be 'choice' or 'number'; got {spec['kind']!r:.40}")
    if not isinstance(spec["outcome"], list | tuple) or not spec["outcome"] or \
            not all(isinstance(p, str) and p for p in spec["outcome"]):
        raise ValueError(f"{where}: outcome must list readout-line prefixes")
    if not isinstance(spec["reveal"], str) or "{prediction}" not in spec["reveal"] or \
            "{observed}" not in spec["reveal"]:
        raise ValueError(f"{where}: reveal must contain {{prediction}} and {{observed}}")


def factory_key(frame=None) -> str | None:
    """``"<topic>.<factory>"`` of the nearest caller that is a module-level function of a
    ``teach.<topic>.app`` module, or None when the app was built some other way."""
    if frame is not None and not isinstance(frame, types.FrameType):
        raise TypeError(f"frame must be a stack frame (or None for the caller's); got {type(frame).__name__}")
    frame = frame or sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith(_APP_MODULE_PREFIX) and module.endswith(_APP_MODULE_SUFFIX) and module.count(".") == 2:
            function = frame.f_globals.get(frame.f_code.co_name)
            if getattr(function, "__code__", None) is frame.f_code:
                return f"{module.split('.')[1]}.{frame.f_code.co_name}"
        frame = frame.f_back
    return None


def observed(lines: list[str], prefixes: list[str]) -> str:
    """The readout lines that start with any of ``prefixes``, joined; what the reveal compares."""
    lines, prefixes = _texts(lines, "lines"), tuple(_texts(prefixes, "prefixes"))
    found = [line for line in lines if line.startswith(prefixes)]
    return "; ".join(found) if found else "the readout has no line on this yet"


def format_prediction(spec: dict, answer) -> str:
    """A committed answer in words: the chosen outcome, or the number with its unit."""
    validate_spec("given", spec)
    if spec["kind"] == "choice":
        return spec["choices"][check_count(answer, "answer", "outcome index", Bounds(0, len(spec["choices"]) - 1))]
    answer = check_quantity(answer, "answer", spec["unit"], Bounds(-math.inf, math.inf))
    return f"{answer:g}-fold" if spec["unit"] == "fold" else f"{answer:g} {spec['unit']}".strip()


def read_prediction(spec: dict, text: str) -> float:
    """A number typed into the prediction box, checked against the question's range."""
    from teach.ui.answers import read_number

    validate_spec("given", spec)
    if spec["kind"] != "number":
        raise ValueError(f"spec must be a number question to read a typed number; its kind is {spec['kind']!r}")
    value = read_number(text, spec["unit"])
    if not spec["min"] <= value <= spec["max"]:
        raise ValueError(f"a prediction from {spec['min']:g} to {spec['max']:g} {spec['unit']}, please "
                         f"(your text gives {value:g})")
    return value


class PredictionGate(widgets.VBox):
    """The prediction box above an app: question, answer, optional why, Commit, then the reveal."""

    def __init__(self, app, key: str, spec: dict):
        validate_spec(key, spec)
        self.app, self.key, self.spec = _check_app(app), key, spec
        self.committed: dict | None = None
        question = widgets.HTML(
            f"<p style='margin:0.2em 0'><strong>Predict first.</strong> {html.escape(spec['question'])}</p>")
        if spec["kind"] == "choice":
            self.answer = widgets.RadioButtons(options=[(text, i) for i, text in enumerate(spec["choices"])],
                                               value=None, layout=widgets.Layout(width="auto"))
        else:
            self.answer = widgets.Text(placeholder=f"a number, in {spec['unit']}",
                                       description="Your prediction:", style={"description_width": "initial"})
        self.why = widgets.Text(placeholder="why? (optional, one line)", layout=widgets.Layout(width="30em"))
        self.commit_button = widgets.Button(description="Commit my prediction", button_style="primary",
                                            icon="lock", layout=widgets.Layout(width="auto"))
        self.commit_button.on_click(lambda _button: self.commit())
        self.status = widgets.HTML()
        self.reveal = widgets.HTML()
        self._form = widgets.VBox([question, self.answer, widgets.HBox([self.why, self.commit_button]), self.status])
        super().__init__([self._form, self.reveal])
        self.add_class("teach-predict")
        for control in app.controls.values():
            control.observe(self._refresh, names="value")
        saved = progress.current().prediction(key)
        if saved is not None and self._usable(saved):
            self._unlock(saved)
        else:
            self._set_locked(True)

    def _usable(self, saved: dict) -> bool:
        answer = saved.get("answer")
        if self.spec["kind"] == "choice":
            return isinstance(answer, int | float) and 0 <= answer < len(self.spec["choices"])
        return isinstance(answer, int | float)

    def _set_locked(self, locked: bool) -> None:
        for control in self.app.controls.values():
            control.disabled = locked
        self.app.locked = locked

    def commit(self) -> bool:
        """Lock the current answer as the prediction, save it and unlock the app."""
        if self.committed is not None:
            return True
        try:
            if self.spec["kind"] == "choice":
                if self.answer.value is None:
                    raise ValueError("choose one of the outcomes first")
                answer = int(self.answer.value)
            else:
                answer = read_prediction(self.spec, self.answer.value)
        except ValueError as err:
            self.status.value = f'<p role="status" style="color:#D55E00">{html.escape(str(err))}</p>'
            return False
        saved = progress.current().record_prediction(self.key, answer, self.why.value.strip())
        self._unlock(saved)
        return True

    def _unlock(self, saved: dict) -> None:
        self.committed = saved
        self._form.layout.display = "none"
        self._set_locked(False)
        self._refresh()

    def reveal_text(self) -> str:
        """'You expected ...; the readout now says ...' for the committed prediction."""
        if self.committed is None:
            return ""
        lines = list(getattr(self.app, "_lines", []))
        text = self.spec["reveal"].format(prediction=format_prediction(self.spec, self.committed["answer"]),
                                          observed=observed(lines, self.spec["outcome"]))
        why = self.committed.get("why")
        return text + (f" (Your reason: {why})" if why else "")

    def _refresh(self, _change=None) -> None:
        if self.committed is not None:
            self.reveal.value = (
                '<p role="status" aria-live="polite" style="border-left:4px solid #0072B2;padding-left:0.5em;'
                f'margin:0.2em 0">{html.escape(self.reveal_text())}</p>')


def _texts(values, name: str) -> list[str]:
    """``values`` (a list or tuple of text) as a list; TypeError naming ``name`` otherwise."""
    if not isinstance(values, list | tuple) or not all(isinstance(value, str) for value in values):
        raise TypeError(f"{name} must be a list of text; got {type(values).__name__}")
    return list(values)


def _check_app(app):
    """``app`` if it is a lesson app (a widget box with a ``controls`` mapping); TypeError naming ``app``."""
    from teach.ui.app import LessonApp

    return check_instance(app, "app", LessonApp)


def gate_enabled() -> bool:
    """False when ``TEACH_PREDICT=off`` (instructor demonstration mode)."""
    return os.environ.get(ENV_VAR, "on").strip().lower() not in {"off", "0", "no", "false"}


def attach_gate(app, key: str | None = None) -> PredictionGate | None:
    """Put the prediction gate for ``app``'s factory above it; None if it has no question."""
    _check_app(app)
    if key is not None:
        check_instance(key, "key", str)
    app.locked = False
    key = key or factory_key(sys._getframe(1))
    app.prediction_key = key
    if key is None or not gate_enabled() or key not in prediction_specs():
        return None
    gate = PredictionGate(app, key, prediction_specs()[key])
    app.prediction_gate = gate
    app.children = (gate, *app.children)
    if prediction_specs()[key].get("records") == "claim_ratings":
        track_claim_ratings(app)
    return gate


def track_claim_ratings(app, reveal: str = "reveal") -> None:
    """Keep lesson 07's ratings: the ratings at the first reveal of the evidence are the 'first'
    ratings (kept once, never changed); every later change while revealed is the 'final' one."""
    _check_app(app)
    check_choice(reveal, "reveal", tuple(app.controls))

    def ratings() -> dict[str, float]:
        return {name: float(c.value) for name, c in app.controls.items() if name != reveal}

    def on_change(change) -> None:
        if not app.controls[reveal].value:
            return
        store = progress.current()
        if change["owner"] is app.controls[reveal] and not store.claim_ratings("first"):
            store.record_claim_ratings("first", ratings())
        else:
            store.record_claim_ratings("final", ratings())

    for control in app.controls.values():
        control.observe(on_change, names="value")
