"""Interactive demos of lesson 05. Each factory returns a ready :class:`~teach.ui.LessonApp`.

In a notebook: ``teach.careplan.app.plan_builder_app()``.
"""

from __future__ import annotations

import ipywidgets as widgets

from teach.careplan import model
from teach.careplan.figures import GuidelineFigure, TimelineFigure, option_label
from teach.data import parameter, short_citation
from teach.ui import LessonApp
from teach.ui.controls import STYLE, cell, dropdown, slider, tick
from teach.validation import check_choices, check_flag, check_state_argument

TABLE = "careplan_parameters"
DISCLAIMER = "Teaching example, not medical advice: take the plan to a clinician."


#: Headings of the tick-box groups, by the prefix of their controls' names.
GROUPS = {"care_": "Parts of care", "risk_": "Liver risk factors", "med_": "Medicines in the plan"}
RISK_LABELS = {"viral_hepatitis": "viral hepatitis", "liver_disease": "known liver disease",
               "hepatotoxic_other": "another medicine or supplement that can harm the liver"}


def _label(name: str) -> str:
    """What a learner reads for a liver risk factor."""
    return RISK_LABELS.get(name, name.replace("_", " "))


def _groups(controls: dict) -> dict[str, list[str]]:
    """The tick boxes under their headings (``GROUPS``), each group in the order of ``controls``."""
    groups = {heading: [n for n in controls if n.startswith(prefix)] for prefix, heading in GROUPS.items()}
    return {heading: names for heading, names in groups.items() if names}


def _split(values: dict) -> tuple[dict, tuple, tuple, tuple]:
    """Separate the tick boxes (care_*, risk_*, med_*) from the other arguments."""
    care = tuple(m for m in model.MODALITIES if values.pop(f"care_{m}", False))
    risks = tuple(r for r in model.RISK_FLAGS if values.pop(f"risk_{r}", False))
    meds = tuple(n for n in model.example_medicines() if values.pop(f"med_{n}", False))
    return values, care, risks, meds


def compose_plan(**values) -> model.PlanState:
    """The builder's compute: tick boxes and sliders -> a validated plan and its derived state."""
    rest, care, risks, meds = _split(dict(values))
    return model.build_plan(care=care, risks=risks, medicines=meds, **rest)


@check_state_argument
def describe_plan(state: model.PlanState) -> list[str]:
    """Readout lines: parts of care and what each asks, kratom use, risk factors, flags, monitoring."""
    plan = state.plan
    lines = [DISCLAIMER, f"Goal: {', '.join(plan.goals) or 'none yet'}"]
    for name in plan.care:
        row = model.part(name)
        lines.append(f"{row['label']} asks: {row['asks_of_the_person'].rstrip('.').lower()}")
    lines.append("Uses kratom: " + ("yes (recorded; not a part of care): interaction checks, red-flag watch, "
                                    "dependence checks, naloxone conversation" if plan.uses_kratom else "no"))
    lines.append("Liver risk factors: " + (", ".join(state.risks) or "none entered"))
    lines += [f"FLAG {f.medicine} ({f.kind}): {f.message} ({short_citation(f.citation)})" for f in state.flags]
    kinds = {}
    for event in state.events:
        kinds.setdefault(event.kind, []).append("throughout" if event.continuous else f"{event.month:.1f}")
    lines += [f"{kind}: month {', '.join(months)}" if months != ["throughout"] else f"{kind}: throughout"
              for kind, months in kinds.items()]
    lines.append("Stop and seek care at once: " + "; ".join(model.red_flags()))
    return lines


class PlanBuilderApp(LessonApp):
    """A LessonApp with an Export button that shows the plan as a readable document."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.export_button = widgets.Button(description="Export", icon="file-text",
                                            tooltip="Show the plan as a readable document")
        self.export_format = widgets.ToggleButtons(options=["Markdown", "HTML"], value="Markdown")
        self.exported = widgets.HTML(layout=widgets.Layout(max_width="60em"))
        self.export_button.on_click(self.export)
        self.add_class("teach-careplan")
        self.children = (*self.children, widgets.HBox([self.export_button, self.export_format]), self.exported)

    def export(self, _button=None) -> str:
        """The current plan as Markdown or HTML; also shown under the app."""
        if self.state is None:
            return ""
        if self.export_format.value == "HTML":
            text = model.to_html(self.state.plan)
            self.exported.value = text
        else:
            import html

            text = model.to_markdown(self.state.plan)
            self.exported.value = f"<pre class='teach-export' style='white-space:pre-wrap'>{html.escape(text)}</pre>"
        return text


def plan_builder_app(care=("physical_therapy", "psychological_therapy", "medicines"), risks=("alcohol",),
                     medicines=("paracetamol", "tramadol"), uses_kratom: bool = False) -> PlanBuilderApp:
    """Build a plan by ticking parts of care, liver risk factors, medicines and whether the person
    uses kratom; see flags, the monitoring schedule and a 12-month timeline; export it."""
    meds = model.example_medicines()
    care, risks = check_choices(care, "care", model.MODALITIES), check_choices(risks, "risks", model.RISK_FLAGS)
    medicines = check_choices(medicines, "medicines", meds)
    uses_kratom = check_flag(uses_kratom, "uses_kratom")
    controls = {
        "liver_test_interval_months": slider("liver tests every (months)",
                                              parameter("liver_test_interval_months", TABLE), 1, 12, 0.5),
        "bmi_kg_m2": slider("BMI (kg/m2)", 27.0, 15, 50, 0.5),
        "pain_score_0_10": slider("pain score (0-10)", 6, 0, 10, 1, integer=True),
        "goal": widgets.Text(value="walk 30 minutes without stopping", description="goal (function)",
                             style=STYLE, layout=cell(2)),
        **{f"care_{m}": tick(option_label(m), m in care) for m in model.MODALITIES},
        **{f"risk_{r}": tick(_label(r), r in risks) for r in model.RISK_FLAGS},
        "uses_kratom": tick("uses kratom (recorded, not care)", uses_kratom),
        **{f"med_{n}": tick(model.medicine_row(n)["label"], n in medicines) for n in model.example_medicines()},
    }
    return PlanBuilderApp(
        title="Plan builder: parts of care, liver risks, medicines, monitoring",
        controls=controls,
        figure=TimelineFigure(),
        compute=compose_plan,
        describe=describe_plan,
        groups=_groups(controls),
    )


# --- 2. Monitoring schedule ----------------------------------------------------------------


def monitoring_state(liver_test_interval_months: float = 3, fib4_interval_years: float = 2.0,
                     bmi_kg_m2: float = 27.0, **ticks) -> model.PlanState:
    """The monitoring app's compute: a plan of risk factors only, and its schedule."""
    rest, care, risks, meds = _split(dict(ticks))
    return model.build_plan(liver_test_interval_months=liver_test_interval_months, bmi_kg_m2=bmi_kg_m2,
                            fib4_interval_years=fib4_interval_years, care=care, risks=risks, medicines=meds, **rest)


@check_state_argument
def describe_monitoring(state: model.PlanState) -> list[str]:
    """Readout lines: why each kind of monitoring is (or is not) in the schedule."""
    plan = state.plan
    count = model.metabolic_risk_count(plan)
    lines = [DISCLAIMER, "Liver risk factors: " + (", ".join(state.risks) or "none, so no liver tests scheduled")]
    lines.append(f"Metabolic risk factors: {count}; diabetes: {'yes' if plan.diabetes else 'no'} -> FIB-4 "
                 + (f"every {plan.fib4_interval_years:g} years ({short_citation('rinella2023aasld')})"
                    if model.fib4_applies(plan) else "not scheduled by the AASLD 2023 rule"))
    liver = [e for e in state.events if e.kind == "liver tests"]
    if liver:
        lines.append(f"Liver tests: {len(liver)} in 12 months (baseline, then every "
                     f"{plan.liver_test_interval_months:g} months: an illustrative interval, no guideline sets one)")
    if model.symptom_watch_applies(plan):
        lines.append(f"Red-flag watch: throughout, because liver injury appears a median "
                     f"{parameter('dili_latency_median_days', TABLE):g}-"
                     f"{parameter('dili_latency_median_review_days', TABLE):.0f} days after starting "
                     f"({short_citation('ahmad2021')}; {short_citation('schimmel2020')}), sooner than a test interval")
        for group in model.RED_FLAG_GROUPS:
            lines.append(f"  {group}: {'; '.join(model.red_flags(group))}")
    else:
        lines.append("Red-flag watch: not triggered by these choices (no kratom, no liver-risk or opioid medicine)")
    if plan.uses_kratom:
        lines.append("Dependence and withdrawal signs to ask about: " + ", ".join(model.WITHDRAWAL_SIGNS)
                     + f" ({short_citation('singh2014')})")
    return lines


def monitoring_app(risks=("diabetes",), uses_kratom: bool = False) -> LessonApp:
    """How a plan's risk factors set its monitoring schedule."""
    risks = check_choices(risks, "risks", model.RISK_FLAGS)
    uses_kratom = check_flag(uses_kratom, "uses_kratom")
    controls = {
        "liver_test_interval_months": slider("liver tests every (months)",
                                              parameter("liver_test_interval_months", TABLE), 1, 12, 0.5),
        "fib4_interval_years": slider("FIB-4 every (years)", parameter("fib4_repeat_max_years", TABLE),
                                       parameter("fib4_repeat_min_years", TABLE),
                                       parameter("fib4_repeat_max_years", TABLE), 0.5),
        "bmi_kg_m2": slider("BMI (kg/m2)", 27.0, 15, 50, 0.5),
        **{f"risk_{r}": tick(_label(r), r in risks) for r in model.RISK_FLAGS},
        "uses_kratom": tick("uses kratom", uses_kratom),
    }
    return LessonApp(
        title="Monitoring: what the plan's risk factors ask for",
        controls=controls,
        figure=TimelineFigure(),
        compute=monitoring_state,
        describe=describe_monitoring,
        groups=_groups(controls),
    )


# --- 3. What the guidelines say -------------------------------------------------------------


@check_state_argument
def describe_guidelines(state: model.GuidelineState) -> list[str]:
    """Readout lines: each guideline's stance and own words on the chosen option, with its source."""
    lines = [f"{option_label(state.option).capitalize()}: what each guideline says"]
    for row in state.view:
        if row["stance"] == model.NOT_VERIFIED:
            lines.append(f"{row['guideline']}: {model.NOT_VERIFIED}")
        else:
            lines.append(f"{row['guideline']} ({row['condition']}): {row['stance']}: {row['wording']} "
                         f"({short_citation(row['citation'])})")
    if all(row["stance"] == model.NOT_VERIFIED for row in state.view):
        lines.append("The course read no statement about this in these five guidelines.")
    elif state.disagree:
        lines.append("The guidelines disagree here.")
    else:
        lines.append("None of the statements read here is against it, but each guideline covers a different "
                     "condition.")
    return lines


def guideline_app(option: str = "acupuncture") -> LessonApp:
    """Parts of care and pain medicines, as five guidelines word their recommendations."""
    controls = {"option": dropdown("part of care or medicine", [(option_label(o), o) for o in
                                                                 model.GUIDELINE_OPTIONS], option)}
    return LessonApp(
        title="What the guidelines say: each in its own words and strength",
        controls=controls,
        figure=GuidelineFigure(),
        compute=model.guideline_state,
        describe=describe_guidelines,
    )


APPS = {
    "plan_builder": plan_builder_app,
    "monitoring": monitoring_app,
    "guidelines": guideline_app,
}
