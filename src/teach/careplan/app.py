"""Interactive demos of lesson 05. Each factory returns a ready :class:`~teach.ui.LessonApp`.

In a notebook: ``teach.careplan.app.plan_builder_app()``.
"""

from __future__ import annotations

import ipywidgets as widgets

from teach.careplan import model
from teach.careplan.figures import ChangeFigure, TimelineFigure
from teach.data import parameter, short_citation
from teach.ui import LessonApp
from teach.ui.controls import STYLE, cell, slider, tick

TABLE = "careplan_parameters"
DISCLAIMER = "Teaching example, not medical advice: take the plan to a clinician."


#: Headings of the tick-box groups, by the prefix of their controls' names.
GROUPS = {"care_": "Parts of care", "risk_": "Liver risk factors", "med_": "Medicines in the plan"}
RISK_LABELS = {"viral_hepatitis": "viral hepatitis", "liver_disease": "known liver disease",
               "hepatotoxic_other": "another medicine or supplement that can harm the liver"}


def _label(name: str) -> str:
    """What a learner reads for a part of care or a risk factor: the evidence table's label, or plain words."""
    if name in model.MODALITIES:
        return model.evidence(name)["label"]
    return RISK_LABELS.get(name, name.replace("_", " "))


def _groups(controls: dict) -> dict[str, list[str]]:
    """The tick boxes under their headings (``GROUPS``), each group in the order of ``controls``."""
    groups = {heading: [n for n in controls if n.startswith(prefix)] for prefix, heading in GROUPS.items()}
    return {heading: names for heading, names in groups.items() if names}


def _split(values: dict) -> tuple[dict, tuple, tuple, tuple]:
    """Separate the tick boxes (care_*, risk_*, med_*) from the other arguments."""
    care = tuple(m for m in model.MODALITIES if values.pop(f"care_{m}", False))
    risks = tuple(r for r in model.RISK_FLAGS if values.pop(f"risk_{r}", False))
    meds = tuple(n for i, n in enumerate(model.example_medicines()) if values.pop(f"med_{i}", False))
    return values, care, risks, meds


def compose_plan(**values) -> model.PlanState:
    """The builder's compute: tick boxes and sliders -> a validated plan and its derived state."""
    rest, care, risks, meds = _split(dict(values))
    return model.build_plan(care=care, risks=risks, medicines=meds, **rest)


def describe_plan(state: model.PlanState) -> list[str]:
    """Readout lines: parts of care with evidence, risk factors, flags, monitoring, questions."""
    plan = state.plan
    lines = [DISCLAIMER, f"Goal: {', '.join(plan.goals) or 'none yet'}"]
    for part in plan.care:
        row = model.evidence(part)
        lines.append(f"{row['label']}: evidence {row['evidence']} ({short_citation(row['citation'])})")
    lines.append("Liver risk factors: " + (", ".join(state.risks) or "none entered"))
    lines += [f"FLAG {f.medicine}: {f.message} ({short_citation(f.citation)})" for f in state.flags]
    kinds = {}
    for event in state.events:
        kinds.setdefault(event.kind, []).append(f"{event.month:.1f}")
    lines += [f"{kind}: month {', '.join(months)}" for kind, months in kinds.items()]
    lines.append("Red flags, stop and seek care: " + ", ".join(model.RED_FLAGS))
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


def plan_builder_app(care=("physical_therapy", "mindfulness", "kratom"), risks=("alcohol",),
                     medicines=("midazolam",)) -> PlanBuilderApp:
    """Build a plan by ticking parts of care, liver risk factors and medicines; see flags,
    the monitoring schedule and a 12-month timeline; export it as a document."""
    meds = model.example_medicines()
    controls = {
        "liver_test_interval_months": slider("liver tests every (months)",
                                              parameter("liver_test_interval_months", TABLE), 1, 12, 0.5),
        "bmi_kg_m2": slider("BMI (kg/m2)", 27.0, 15, 50, 0.5),
        "pain_score_0_10": slider("pain score (0-10)", 6, 0, 10, 1, integer=True),
        "goal": widgets.Text(value="walk 30 minutes without stopping", description="goal (function)",
                             style=STYLE, layout=cell(2)),
        **{f"care_{m}": tick(_label(m), m in care) for m in model.MODALITIES},
        **{f"risk_{r}": tick(_label(r), r in risks) for r in model.RISK_FLAGS},
        **{f"med_{i}": tick(name, name in medicines) for i, name in enumerate(meds)},
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
    rest, care, risks, _ = _split(dict(ticks))
    return model.build_plan(liver_test_interval_months=liver_test_interval_months, bmi_kg_m2=bmi_kg_m2,
                            fib4_interval_years=fib4_interval_years, care=care, risks=risks, **rest)


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
    if plan.uses_kratom:
        lines.append(f"Closest watch for red flags: first {parameter('dili_latency_max_days', TABLE):g} days "
                     f"({short_citation('schimmel2020')})")
        lines.append("Dependence and withdrawal signs to ask about: " + ", ".join(model.WITHDRAWAL_SIGNS)
                     + f" ({short_citation('singh2014')})")
    return lines


def monitoring_app(risks=("diabetes",), kratom: bool = True) -> LessonApp:
    """How a plan's risk factors set its monitoring schedule."""
    controls = {
        "liver_test_interval_months": slider("liver tests every (months)",
                                              parameter("liver_test_interval_months", TABLE), 1, 12, 0.5),
        "fib4_interval_years": slider("FIB-4 every (years)", parameter("fib4_repeat_max_years", TABLE),
                                       parameter("fib4_repeat_min_years", TABLE),
                                       parameter("fib4_repeat_max_years", TABLE), 0.5),
        "bmi_kg_m2": slider("BMI (kg/m2)", 27.0, 15, 50, 0.5),
        **{f"risk_{r}": tick(_label(r), r in risks) for r in model.RISK_FLAGS},
        "care_kratom": tick("uses kratom", kratom),
    }
    return LessonApp(
        title="Monitoring: what the plan's risk factors ask for",
        controls=controls,
        figure=TimelineFigure(),
        compute=monitoring_state,
        describe=describe_monitoring,
        groups=_groups(controls),
    )


# --- 3. Expected change (illustrative) ------------------------------------------------------


def change_state(month: float = 6.0, **ticks) -> model.ChangeState:
    """The change app's compute: the ticked parts of care (at most four are drawn)."""
    care = tuple(m for m in model.MODALITIES if ticks.get(f"care_{m}", False))
    return model.expected_change(month=month, care=care[: ChangeFigure.SLOTS])


def describe_change(state: model.ChangeState) -> list[str]:
    """Readout lines: the evidence rating of each part; the curves are illustrative shapes only."""
    lines = ["ILLUSTRATIVE: the curves show direction and relative uncertainty, never an effect size.",
             f"Month {state.month:g} of 12"]
    for part, level in zip(state.parts, state.levels, strict=True):
        lines.append(f"{_label(part)}: evidence {level} ({short_citation(model.evidence(part)['citation'])})")
    if not state.parts:
        lines.append("Tick up to four parts of care to compare.")
    return lines


def change_app(care=("physical_therapy", "psychological_therapy", "sleep")) -> LessonApp:
    """What a plan is expected to change, with honest (illustrative) uncertainty."""
    controls = {
        "month": slider("month", 6.0, 0.0, 12.0, 0.5),
        **{f"care_{m}": tick(_label(m), m in care) for m in model.MODALITIES},
    }
    return LessonApp(
        title="Expected change: direction and uncertainty (illustrative, no effect sizes)",
        controls=controls,
        figure=ChangeFigure(),
        compute=change_state,
        describe=describe_change,
        groups=_groups(controls),
    )


APPS = {
    "plan_builder": plan_builder_app,
    "monitoring": monitoring_app,
    "change": change_app,
}
