"""The concept inventory: the same 14 questions at the start (lesson 00) and the end (the
closing page), scored from the progress file, so a learner sees their own gain.

No feedback is given on the items themselves (the first time they are a baseline, the second a
measure); after the second round the learner sees both scores, the gain and the normalised gain
(Hake's g = (post - pre) / (100 % - pre)).
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib.resources import files

import ipywidgets as widgets

from teach import progress
from teach.ui.answers import option_order
from teach.ui.fallback import StaticFallback
from teach.validation import check_choice

PHASES = {"pre": "before the course", "post": "after the course"}


@cache
def items() -> dict[str, dict]:
    """The inventory items, keyed by id, validated on load."""
    data = json.loads(files("teach.data").joinpath("inventory.json").read_text(encoding="utf-8"))
    for key, item in data.items():
        if item.get("strand") not in {"receptors", "causation", "care"}:
            raise ValueError(f"inventory item {key!r}: strand must be receptors, causation or care")
        if not 3 <= len(item.get("choices", [])) <= 4 or not 0 <= item.get("answer", -1) < len(item["choices"]):
            raise ValueError(f"inventory item {key!r} needs 3-4 choices and a valid answer index")
    return data


def score(phase: str, store: progress.Progress | None = None) -> tuple[int, int]:
    """(right, answered) for ``phase`` ("pre" or "post"), read from the progress file."""
    answers = progress.given_or_current(store).inventory(check_choice(phase, "phase", tuple(PHASES)))
    right = sum(1 for key, choice in answers.items() if key in items() and items()[key]["answer"] == choice)
    return right, sum(1 for key in answers if key in items())


def gain_text(store: progress.Progress | None = None) -> str:
    """A sentence with the learner's scores before and after, and the gain (or what is missing)."""
    store = progress.given_or_current(store)
    total = len(items())
    (pre, n_pre), (post, n_post) = score("pre", store), score("post", store)
    if not n_pre and not n_post:
        return "You have not answered the concept inventory yet (lesson 00 and the closing page)."
    parts = [f"Before: {pre} of {total} right" if n_pre else "Before: not answered",
             f"after: {post} of {total} right" if n_post else "after: not answered yet"]
    text = "; ".join(parts) + "."
    if n_pre == total and n_post == total:
        g = (post - pre) / (total - pre) if pre < total else 0.0
        text += f" Gain: {post - pre:+d} questions (normalised gain {g:.2f} of what was left to learn)."
    return text


class InventoryQuiz(StaticFallback, widgets.VBox):
    """All inventory items for one phase, with one Save button; answers go to the progress file."""

    def __init__(self, phase: str):
        self.phase = check_choice(phase, "phase", tuple(PHASES))
        store = progress.current()
        saved = store.inventory(phase)
        self.questions: dict[str, widgets.RadioButtons] = {}
        rows = [widgets.HTML(f"<p><strong>Concept inventory, {PHASES[phase]}.</strong> {len(items())} short "
                             "questions; no marks and no feedback now. Your answers stay on your computer.</p>")]
        for number, (key, item) in enumerate(items().items(), start=1):
            order = option_order(f"inventory-{key}", len(item["choices"]), store.learner_id)
            radio = widgets.RadioButtons(options=[(item["choices"][i], i) for i in order], value=saved.get(key),
                                         layout=widgets.Layout(width="auto"))
            self.questions[key] = radio
            rows += [widgets.HTML(f"<p>{number}. {html.escape(item['question'])}</p>"), radio]
        self.save_button = widgets.Button(description="Save my answers", button_style="primary", icon="save")
        self.save_button.on_click(lambda _button: self.save())
        self.status = widgets.HTML()
        super().__init__([*rows, self.save_button, self.status])
        self.add_class("teach-inventory")

    def save(self) -> int:
        """Record every answered item; return how many were saved."""
        store = progress.current()
        chosen = {key: radio.value for key, radio in self.questions.items() if radio.value is not None}
        for key, choice in chosen.items():
            store.record_inventory(self.phase, key, int(choice))
        missing = len(self.questions) - len(chosen)
        message = f"Saved {len(chosen)} answers." + (f" {missing} left unanswered." if missing else "")
        if self.phase == "post":
            message += " " + gain_text(store)
        self.status.value = f'<p role="status">{html.escape(message)}</p>'
        return len(chosen)


def inventory(phase: str) -> InventoryQuiz:
    """The concept inventory for ``phase``: "pre" (lesson 00) or "post" (closing page)."""
    return InventoryQuiz(phase)
