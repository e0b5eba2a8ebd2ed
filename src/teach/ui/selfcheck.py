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

from teach.data import self_checks
from teach.ui.fallback import question_html, question_text, with_fallback
from teach.ui.style import style_widget

#: How a learner may write each unit the self-checks use (lower case, spaces removed).
UNIT_SPELLINGS = {
    "%": {"%", "percent", "percentage", "pct"},
    "fold": {"fold", "-fold", "x", "times", "×"},
    "mg": {"mg", "milligram", "milligrams"},
    "nM h": {"nmh", "nm*h", "nm.h", "nm·h", "nm×h", "hnm", "h*nm", "h·nm", "nmol*h/l", "nmolh/l", "nmol/l*h",
             "nmol·h/l"},
    "points": {"points", "point", "pts", "pt"},
    "dimensionless": set(),
}
_NUMBER = re.compile(r"^\s*([+-]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$")
_VERDICT = re.compile(r"^(right|correct|yes)\s*[.:!]\s*", re.IGNORECASE)


class AnswerError(ValueError):
    """A typed answer that cannot be read; the message tells the learner how to write it."""


def read_number(text: str, unit: str) -> float:
    """The number in a typed answer ``text`` for a question in ``unit``.

    Spaces and the unit are optional ("50 %", "50%", "50"); a unit written another way than
    ``UNIT_SPELLINGS`` knows, or a comma, raises :class:`AnswerError` with a message for the learner.
    """
    match = _NUMBER.match(str(text))
    if not match:
        raise AnswerError("Type a number, for example 12.5" + ("" if unit == "dimensionless" else f" {unit}") + ".")
    digits, written = match.groups()
    if "," in digits:
        raise AnswerError(f"'{digits}' has a comma. Write decimals with a point and no thousands separator "
                          "(for example 3.25 or 1000), so the number cannot be misread.")
    written_key = written.lower().replace(" ", "").replace("µ", "u")
    if written_key and written_key not in UNIT_SPELLINGS.get(unit, {unit.lower().replace(" ", "")}):
        expected = "no unit (a plain number)" if unit == "dimensionless" else f"'{unit}'"
        raise AnswerError(f"The unit '{written}' could not be read as the one asked for: type the number "
                          f"in {expected}.")
    number = float(digits)
    if number != number or abs(number) == float("inf"):
        raise AnswerError("Type a finite number.")
    return number


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
            self.answer = widgets.RadioButtons(
                options=[(text, i) for i, text in enumerate(spec["choices"])],
                value=None,
                layout=widgets.Layout(width="auto"),
            )
        elif spec["kind"] == "number":
            unit = "" if spec["unit"] == "dimensionless" else f" ({spec['unit']})"
            self.answer = widgets.Text(placeholder=f"a number{unit}")
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
        try:
            number = read_number(answer, self.spec["unit"])
        except AnswerError:
            return False
        return self._close(number)

    def _close(self, number: float) -> bool:
        return abs(number - self.spec["answer"]) <= self.spec.get("rel_tol", 0.02) * abs(self.spec["answer"])

    def check(self) -> bool:
        """Mark the current answer and show its feedback; return whether it was right."""
        answer = self.answer.value
        if answer is None or (self.spec["kind"] == "number" and not str(answer).strip()):
            self._say("Choose an option, or type a number, first.", "info")
            return False
        if self.spec["kind"] == "number":
            try:
                number = read_number(answer, self.spec["unit"])
            except AnswerError as err:
                self._say(str(err), "info")
                return False
            if self.spec["unit"] == "%" and not self._close(number) and self._close(100 * number):
                self._say(f"That looks like a fraction: {number:g} = {100 * number:g} %. "
                          "This question asks for a percentage.", "info")
                return False
        right = self.is_correct(answer)
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


def self_check(check_id: str) -> SelfCheck:
    """The self-check widget for question ``check_id`` (e.g. ``"01-occupancy-at-ki"``)."""
    checks = self_checks()
    if not isinstance(check_id, str) or check_id not in checks:
        raise ValueError(f"check_id must be one of {', '.join(sorted(checks))}; got {check_id!r}")
    return SelfCheck(check_id, checks[check_id])
