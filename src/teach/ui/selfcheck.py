"""Self-check questions with immediate feedback and a hint; no grading server.

Questions are data (``teach/data/selfchecks.json``), so the instructor guide and the tests
read the same answers the learner is checked against. Two kinds exist:

* ``choice``: one correct option among several; each option has its own feedback.
* ``number``: a numeric answer accepted within a relative tolerance.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from teach.data import self_checks


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
            self.answer = widgets.Text(placeholder=f"a number, in {spec['unit']}")
        else:
            raise ValueError(f"self-check kind must be 'choice' or 'number'; got {spec['kind']!r}")
        check = widgets.Button(description="Check", button_style="primary", icon="check")
        hint = widgets.Button(description="Hint", icon="lightbulb-o")
        check.on_click(lambda _button: self.check())
        hint.on_click(lambda _button: self.show_hint())
        super().__init__([question, self.answer, widgets.HBox([check, hint]), self.feedback])
        self.add_class("teach-selfcheck")

    def is_correct(self, answer) -> bool:
        """Whether ``answer`` (an option index or a number) is right."""
        if self.spec["kind"] == "choice":
            return answer is not None and answer == self.spec["answer"]
        number = _as_number(answer)
        tolerance = self.spec.get("rel_tol", 0.02) * abs(self.spec["answer"])
        return number is not None and abs(number - self.spec["answer"]) <= tolerance

    def check(self) -> bool:
        """Mark the current answer and show its feedback; return whether it was right."""
        answer = self.answer.value
        if answer is None or (self.spec["kind"] == "number" and _as_number(answer) is None):
            self._say("Choose an option, or type a number, first.", "info")
            return False
        right = self.is_correct(answer)
        if self.spec["kind"] == "choice":
            message = self.spec["feedback"][answer]
        else:
            message = self.spec["feedback"]["right" if right else "wrong"]
        self._say(("Correct. " if right else "Not quite. ") + message, "right" if right else "wrong")
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


def _as_number(text) -> float | None:
    """``text`` as a finite float, or None when it is not a number."""
    try:
        number = float(str(text).strip().replace(",", ""))
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def self_check(check_id: str) -> SelfCheck:
    """The self-check widget for question ``check_id`` (e.g. ``"01-occupancy-at-ki"``)."""
    checks = self_checks()
    if not isinstance(check_id, str) or check_id not in checks:
        raise ValueError(f"check_id must be one of {', '.join(sorted(checks))}; got {check_id!r}")
    return SelfCheck(check_id, checks[check_id])
