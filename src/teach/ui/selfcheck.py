"""Self-check questions with immediate feedback and a hint; no grading server.

Questions are data (``teach/data/selfchecks.json``), so the instructor guide and the tests
read the same answers the learner is checked against. Two kinds exist:

* ``choice``: one correct option among several; each option has its own feedback.
* ``number``: a numeric answer accepted within a relative tolerance, typed with or without
  its unit ("50 %", "50%", "420 nM h", "0.5"). A decimal comma ("3,25") is refused with a
  message rather than guessed, since "1,250" means 1.25 in some countries and 1250 in others.

The options wrap (long ones take two lines, each keeps its radio button; see ``teach.ui.style``).
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets

from teach import progress
from teach.data import self_checks
from teach.ui.answers import fraction_reading, option_order, read_number
from teach.ui.fallback import question_html, question_text, with_fallback
from teach.ui.style import style_widget


class SelfCheck(widgets.VBox):
    """One question with an answer box or choices, a Check button, feedback and a hint."""

    def __init__(self, check_id: str, spec: dict):
        if not isinstance(spec, dict) or not {"question", "kind", "answer"} <= spec.keys():
            raise ValueError(f"spec (self-check) must be a dict with question, kind and answer; got {spec!r:.80}")
        self.check_id = check_id
        self.spec = spec
        self.feedback = widgets.HTML()
        question = widgets.HTML(f"<p><strong>Self-check.</strong> {html.escape(spec['question'])}</p>")
        if spec["kind"] == "choice":
            order = option_order(check_id, len(spec["choices"]), progress.current().learner_id)
            self.answer = widgets.RadioButtons(
                options=[(spec["choices"][i], i) for i in order],  # shuffled per learner; value = stored index
                value=None,
                layout=widgets.Layout(width="auto"),
            )
        elif spec["kind"] == "number":
            tolerance = f"within {spec.get('rel_tol', 0.02):.0%}"
            unit = "" if spec["unit"] == "dimensionless" else f", in {spec['unit']}"
            self.answer = widgets.Text(placeholder=f"a number{unit} ({tolerance} counts as right)")
        else:
            raise ValueError(f"self-check kind must be 'choice' or 'number'; got {spec['kind']!r}")
        check = widgets.Button(description="Check", button_style="primary", icon="check")
        hint = widgets.Button(description="Hint", icon="lightbulb-o")
        check.on_click(lambda _button: self.check())
        hint.on_click(lambda _button: self.show_hint())
        super().__init__([style_widget(), question, self.answer, widgets.HBox([check, hint]), self.feedback])
        self.add_class("teach-selfcheck")

    def _repr_mimebundle_(self, **kwargs):
        """The widget view, plus the question and its options as text for viewers without a
        live kernel (see :mod:`teach.ui.fallback`)."""
        options, unit = self.spec.get("choices"), self.spec.get("unit")
        return with_fallback(
            super()._repr_mimebundle_(**kwargs),
            question_html(self.spec["question"], options, unit),
            question_text(self.spec["question"], options, unit),
        )

    def is_correct(self, answer) -> bool:
        """Whether ``answer`` (an option index or a number) is right."""
        if self.spec["kind"] == "choice":
            return answer is not None and answer == self.spec["answer"]
        number = _as_number(answer, self.spec["unit"])
        return number is not None and self._close(number)

    def _close(self, number: float) -> bool:
        return abs(number - self.spec["answer"]) <= self.spec.get("rel_tol", 0.02) * abs(self.spec["answer"])

    def check(self) -> bool:
        """Mark the current answer and show its feedback; return whether it was right."""
        answer = self.answer.value
        if answer is None:
            self._say("Choose an option first.", "info")
            return False
        if self.spec["kind"] == "number":
            try:
                number = read_number(answer, self.spec["unit"])
            except ValueError as err:
                self._say(f"Not read: {err}.", "info")
                return False
            as_percent = fraction_reading(number, answer, self.spec["unit"])
            if as_percent is not None and not self._close(number) and self._close(as_percent):
                self._say(f"That looks like a fraction: {number:g} = {as_percent:g} %. This question asks for a "
                          "percentage: type it with its % sign.", "info")
                return False
        right = self.is_correct(answer)
        progress.current().record_selfcheck(self.check_id, answer, right)
        if self.spec["kind"] == "choice":
            message = self.spec["feedback"][answer]
        else:
            message = self.spec["feedback"]["right" if right else "wrong"]
            if right and self.spec["answer"]:
                tol = self.spec.get("rel_tol", 0.02)
                message += f" (Answers within {100 * tol:g} % of {self.spec['answer']:g} count as right.)"
        verdict = "Correct. " if right else "Not quite. "
        message = _VERDICT.sub("", message)  # the verdict is said once: not "Correct. Right."
        self._say(verdict + message[:1].upper() + message[1:], "right" if right else "wrong")
        return right

    def show_hint(self) -> None:
        """Show the hint."""
        self._say("Hint: " + self.spec["hint"], "info")

    def _say(self, message: str, tone: str) -> None:
        colours = {"right": "#009E73", "wrong": "#D55E00", "info": "#0072B2"}
        self.feedback.value = (
            f'<p role="status" style="border-left:4px solid {colours[tone]};padding-left:0.5em">'
            f"{html.escape(message)}</p>"
        )


_VERDICT = re.compile(r"^(right|correct|yes)\s*[.:!]\s*", re.IGNORECASE)


def _as_number(text, unit: str = "") -> float | None:
    """``text`` as a finite float (units and thousands separators allowed), or None."""
    try:
        return read_number(text, unit)
    except ValueError:
        return None


def self_check(check_id: str) -> SelfCheck:
    """The self-check widget for question ``check_id`` (e.g. ``"01-occupancy-at-ki"``)."""
    checks = self_checks()
    if not isinstance(check_id, str) or check_id not in checks:
        raise ValueError(f"check_id must be one of {', '.join(sorted(checks))}; got {check_id!r}")
    return SelfCheck(check_id, checks[check_id])
