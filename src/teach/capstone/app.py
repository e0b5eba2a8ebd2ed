"""The capstone form: the learner writes Sam's evidence brief; the checkable parts are checked.

In a notebook: ``teach.capstone.app.brief_form()``.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import Markdown

from teach.capstone import model
from teach.causal.model import LABELS, NODES
from teach.ui.fallback import StaticFallback

_LABEL = widgets.Layout(width="auto")
_WIDE = widgets.Layout(width="100%", max_width="46em")


class BriefApp(StaticFallback, widgets.VBox):
    """Four text sections, five checkable parts, a Check button, the model brief and an export."""

    fallback_note = "The brief form: run the notebook (Run > Run All Cells) to write and check your brief."

    def __init__(self):
        self.sections = {
            name: widgets.Textarea(placeholder=f"{model.SECTION_TITLES[name]}: two to four sentences",
                                   layout=widgets.Layout(width="100%", max_width="46em", height="5em"))
            for name in model.SECTIONS
        }
        number = {"style": {"description_width": "initial"}, "layout": widgets.Layout(width="17em")}
        self.daily_low = widgets.FloatText(description="lowest (mg/day)", **number)
        self.daily_high = widgets.FloatText(description="highest (mg/day)", **number)
        self.dili = widgets.RadioButtons(options=[("yes", True), ("no", False)], value=None, layout=_LABEL)
        self.fib4 = widgets.RadioButtons(options=list(model.fib4_bands()), value=None, layout=_LABEL)
        self.adjust = {node: widgets.Checkbox(description=LABELS[node], indent=False, layout=_LABEL)
                       for node in NODES if node not in ("kratom", "masld")}
        self.symptoms = {s: widgets.Checkbox(description=s, indent=False, layout=_LABEL)
                         for s in model.symptom_choices()}
        self.feedback = widgets.HTML()
        self.model_view = widgets.Output()
        self.export_view = widgets.Output()
        check = widgets.Button(description="Check my brief", button_style="primary", icon="check")
        reveal = widgets.Button(description="Show the model brief", icon="eye")
        export = widgets.Button(description="Show my brief as Markdown", icon="file-text")
        check.on_click(lambda _b: self.check())
        reveal.on_click(lambda _b: self.show_model())
        export.on_click(lambda _b: self.export())
        parts = [
            widgets.HTML("<h4 style='margin:0.2em 0'>Evidence brief about Sam for his clinician</h4>"),
            *[widgets.VBox([widgets.HTML(f"<b>{html.escape(model.SECTION_TITLES[n])}</b>"), box])
              for n, box in self.sections.items()],
            widgets.HTML("<b>1. Sam's mitragynine per day, over the published range of product strengths</b>"),
            widgets.HBox([self.daily_low, self.daily_high], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HTML("<b>2. Does his panel meet the case definition of drug-induced liver injury?</b>"),
            self.dili,
            widgets.HTML("<b>3. His FIB-4 band</b>"),
            self.fib4,
            widgets.HTML("<b>4. To estimate the effect of kratom use on MASLD in the simulated cohort, adjust "
                         "for:</b>"),
            widgets.GridBox(list(self.adjust.values()),
                            layout=widgets.Layout(grid_template_columns="repeat(auto-fill, minmax(13em, 1fr))")),
            widgets.HTML("<b>5. Which of these should make Sam stop and seek care at once?</b>"),
            widgets.GridBox(list(self.symptoms.values()),
                            layout=widgets.Layout(grid_template_columns="repeat(auto-fill, minmax(19em, 1fr))")),
            widgets.HBox([check, reveal, export]),
            self.feedback, self.model_view, self.export_view,
        ]
        super().__init__(parts, layout=_WIDE)
        self.add_class("teach-capstone")

    def brief(self) -> model.Brief:
        """The learner's brief as it stands."""
        return model.Brief(
            daily_mg_low=self.daily_low.value or None, daily_mg_high=self.daily_high.value or None,
            dili_met=self.dili.value, fib4_band=self.fib4.value,
            adjustment_set=tuple(n for n, box in self.adjust.items() if box.value),
            red_flags=tuple(s for s, box in self.symptoms.items() if box.value),
            text={name: box.value for name, box in self.sections.items()},
        )

    def check(self) -> list[model.Feedback]:
        """Check every checkable part and show the feedback, part by part."""
        results = model.check_brief(self.brief())
        colours = {True: "#009E73", False: "#D55E00"}
        items = "".join(
            f'<li style="border-left:4px solid {colours[f.right]};padding-left:0.5em;margin:0.2em 0">'
            f"<b>{html.escape(f.part)}</b>: {'right' if f.right else 'not yet'}. {html.escape(f.message)}</li>"
            for f in results
        )
        score = sum(f.right for f in results)
        self.feedback.value = (f'<div role="status"><p>{score} of {len(results)} checkable parts right. The four '
                               "written sections are yours: compare them with the model brief.</p>"
                               f'<ul style="list-style:none;padding:0">{items}</ul></div>')
        return results

    def show_model(self) -> None:
        """Show the model brief."""
        self.model_view.clear_output()
        with self.model_view:
            from IPython.display import display

            display(Markdown(model.model_brief()))

    def export(self) -> str:
        """Show (and return) the learner's brief as Markdown to copy into a document."""
        text = model.to_markdown(self.brief())
        self.export_view.clear_output()
        with self.export_view:
            from IPython.display import display

            display(Markdown(f"```markdown\n{text}\n```"))
        return text


def brief_form() -> BriefApp:
    """The capstone's brief form."""
    return BriefApp()
