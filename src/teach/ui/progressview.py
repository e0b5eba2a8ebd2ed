"""What the learner has done, per lesson, from the progress file; and a reset with confirmation."""

from __future__ import annotations

import html

import ipywidgets as widgets

from teach import progress
from teach.data import self_checks
from teach.ui.fallback import StaticFallback

LESSONS = ("00", "01", "02", "03", "04", "05", "06", "07")


def lesson_rows(store: progress.Progress | None = None) -> list[dict]:
    """One row per lesson: predictions committed, self-checks right/tried, exercises passed/tried."""
    from teach.exercises import exercises
    from teach.ui.predict import prediction_specs

    store = progress.given_or_current(store)
    specs = prediction_specs()
    rows = []
    for lesson in LESSONS:
        demos = [key for key, spec in specs.items() if lesson in spec["lessons"]]
        checks = [key for key in self_checks() if key.startswith(f"{lesson}-")]
        codes = [key for key in exercises() if key.startswith(f"{lesson}-")]
        tried = [store.selfcheck(key) for key in checks if store.selfcheck(key)]
        done = [store.exercise(key) for key in codes if store.exercise(key)]
        rows.append({
            "lesson": lesson,
            "predictions": (sum(1 for key in demos if store.prediction(key)), len(demos)),
            "selfchecks": (sum(1 for entry in tried if entry["correct"]), len(tried), len(checks)),
            "exercises": (sum(1 for entry in done if entry["correct"]), len(done), len(codes)),
        })
    return rows


def progress_summary(store: progress.Progress | None = None) -> str:
    """The learner's progress as plain text (what the widget shows)."""
    from teach.inventory import gain_text

    store = progress.given_or_current(store)
    lines = [f"Lesson {r['lesson']}: predictions {r['predictions'][0]}/{r['predictions'][1]}; "
             f"self-checks right {r['selfchecks'][0]} of {r['selfchecks'][2]} (tried {r['selfchecks'][1]}); "
             f"exercises passed {r['exercises'][0]} of {r['exercises'][2]} (tried {r['exercises'][1]})"
             for r in lesson_rows(store)]
    first, final = store.claim_ratings("first"), store.claim_ratings("final")
    if first:
        changed = sum(1 for claim, rating in final.items() if first.get(claim) != rating)
        lines.append(f"Lesson 07 claim ratings: first ratings kept for {len(first)} claims; "
                     f"{changed} changed after seeing the evidence.")
    lines.append(gain_text(store))
    if store.notice:
        lines.append(store.notice)
    return "\n".join(lines)


class ProgressView(StaticFallback, widgets.VBox):
    """A table of progress per lesson, the inventory gain, and a reset button that asks first."""

    def __init__(self):
        self.summary = widgets.HTML()
        self.reset_button = widgets.Button(description="Reset my progress", icon="trash",
                                           tooltip="Delete your saved predictions, answers and results")
        self.confirm_button = widgets.Button(description="Yes, delete everything", button_style="danger")
        self.cancel_button = widgets.Button(description="Cancel")
        self.confirm = widgets.HBox([widgets.HTML("<p>This deletes every saved prediction, answer and result. "
                                                  "Sure?</p>"), self.confirm_button, self.cancel_button])
        self.confirm.layout.display = "none"
        self.reset_button.on_click(lambda _b: self._ask())
        self.confirm_button.on_click(lambda _b: self.reset())
        self.cancel_button.on_click(lambda _b: self._close())
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        super().__init__([self.summary, widgets.HBox([self.refresh_button, self.reset_button]), self.confirm])
        self.add_class("teach-progress")
        self.refresh()

    def refresh(self) -> None:
        """Re-read the progress file and redraw the table."""
        store = progress.current()
        cells = "".join(
            f"<tr><td>{r['lesson']}</td><td>{r['predictions'][0]} of {r['predictions'][1]}</td>"
            f"<td>{r['selfchecks'][0]} right of {r['selfchecks'][2]}</td>"
            f"<td>{r['exercises'][0]} passed of {r['exercises'][2]}</td></tr>" for r in lesson_rows(store))
        others = progress_summary(store).split("\n")[len(lesson_rows(store)):]
        self.summary.value = (
            "<table><thead><tr><th>Lesson</th><th>Predictions</th><th>Self-checks</th><th>Code exercises</th>"
            f"</tr></thead><tbody>{cells}</tbody></table>"
            + "".join(f"<p>{html.escape(line)}</p>" for line in others)
            + f"<p style='font-size:0.85em'>Kept only on this computer, in {html.escape(str(store.path))}.</p>")

    def _ask(self) -> None:
        self.confirm.layout.display = "flex"

    def _close(self) -> None:
        self.confirm.layout.display = "none"

    def reset(self) -> None:
        """Delete the learner's progress (after confirmation) and redraw."""
        progress.current().reset()
        self._close()
        self.refresh()


def progress_view() -> ProgressView:
    """The learner's progress per lesson, the concept-inventory gain, and a reset."""
    return ProgressView()


def rating_comparison(store: progress.Progress | None = None) -> str:
    """Lesson 07: each claim's first rating (kept at the first reveal), final rating and the evidence
    rating, furthest first; or what to do when nothing is kept yet."""
    from teach.claims import model as claims

    store = progress.given_or_current(store)
    first, final = store.claim_ratings("first"), store.claim_ratings("final")
    if not first:
        return "No first ratings are kept yet: rate the claims in demo 1 and tick 'show the evidence'."
    rows = []
    for cid in claims.claim_ids():
        claim = claims.claim(cid)
        if cid in first:
            rows.append((abs(first[cid] - claim.evidence_rating), claim.text, first[cid], final.get(cid, first[cid]),
                         claim.evidence_rating))
    rows.sort(reverse=True)
    return "\n".join(f"{text}: first {a:g}, final {b:g}, evidence {e:g} (first rating {gap:g} off)"
                     for gap, text, a, b, e in rows)
