"""The no-code path: a choice question that reaches the same idea as a code exercise."""

from __future__ import annotations

import html

import ipywidgets as widgets

from teach import progress
from teach.ui.answers import option_order
from teach.ui.fallback import StaticFallback
from teach.validation import check_instance


class NoCodeExercise(StaticFallback, widgets.VBox):
    """Choose an answer instead of writing code; the feedback names why each option is (not) right."""

    def __init__(self, exercise_id: str, spec: dict):
        self.exercise_id, self.spec = check_instance(exercise_id, "exercise_id", str), _check_spec(spec)
        order = option_order(f"{exercise_id}-no-code", len(spec["choices"]), progress.current().learner_id)
        self.answer = widgets.RadioButtons(options=[(spec["choices"][i], i) for i in order], value=None,
                                           layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML()
        button = widgets.Button(description="Check", button_style="primary", icon="check")
        button.on_click(lambda _button: self.check())
        question = widgets.HTML(f"<p><strong>Without code.</strong> {html.escape(spec['question'])}</p>")
        super().__init__([question, self.answer, button, self.feedback])
        self.add_class("teach-nocode")

    def check(self) -> bool:
        """Mark the chosen option, show its feedback and record the attempt."""
        if self.answer.value is None:
            self.feedback.value = '<p role="status">Choose an option first.</p>'
            return False
        right = self.answer.value == self.spec["answer"]
        text = ("Correct. " if right else "Not quite. ") + self.spec["feedback"][self.answer.value]
        colour = "#009E73" if right else "#D55E00"
        self.feedback.value = (f'<p role="status" style="border-left:4px solid {colour};padding-left:0.5em">'
                               f"{html.escape(text)}</p>")
        progress.current().record_exercise(self.exercise_id, f"no-code: {self.spec['choices'][self.answer.value]}",
                                           right, text)
        return right


def _check_spec(spec) -> dict:
    """``spec`` if it is a usable no-code question: a question, 2+ choices, the right one, feedback for each."""
    check_instance(spec, "spec", dict)
    missing = {"question", "choices", "answer", "feedback"} - spec.keys()
    if missing:
        raise ValueError(f"spec (a no-code question) lacks {', '.join(sorted(missing))}")
    if not isinstance(spec["choices"], list | tuple) or len(spec["choices"]) < 2 or \
            len(spec["feedback"]) != len(spec["choices"]) or spec["answer"] not in range(len(spec["choices"])):
        raise ValueError("spec (a no-code question) needs 2 or more choices, feedback for each, and the index "
                         "of the right one as its answer")
    return spec


def no_code(exercise_id: str) -> NoCodeExercise:
    """The no-code version of exercise ``exercise_id`` (a choice widget)."""
    from teach.exercises.registry import exercise

    return NoCodeExercise(exercise_id, exercise(exercise_id).no_code)
