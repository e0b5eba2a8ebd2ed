"""Live figures for lesson 06: a 12-month plan timeline and a guideline-comparison grid."""

from __future__ import annotations

from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from teach.careplan.model import (
    GUIDELINE_OPTIONS,
    GUIDELINES,
    MODALITIES,
    NOT_VERIFIED,
    GuidelineState,
    PlanState,
    guideline_view,
)
from teach.ui import OKABE_ITO, LiveFigure, series_style
from teach.ui.livefigure import FONT_SIZE
from teach.validation import check_instance

KINDS = ("liver tests", "FIB-4", "red flags", "dependence")
ROW_LABELS = {"liver tests": "liver tests", "FIB-4": "FIB-4", "red flags": "red-flag watch",
              "dependence": "dependence check"}
MARKERS = {"liver tests": "o", "FIB-4": "s", "dependence": "D"}

#: How each stance is drawn: marker, filled or open, colour. Shape and fill carry the meaning,
#: so nothing rests on colour alone.
STANCE_STYLE = {
    "strong for": ("^", True, OKABE_ITO["bluish_green"]),
    "conditional for": ("^", False, OKABE_ITO["bluish_green"]),
    "weak for": ("^", False, OKABE_ITO["bluish_green"]),
    "caution": ("D", True, OKABE_ITO["orange"]),
    "not preferred": ("v", False, OKABE_ITO["vermillion"]),
    "against": ("X", True, OKABE_ITO["vermillion"]),
    NOT_VERIFIED: (".", True, "0.55"),
}
LEGEND = (("strong for", "strong for"), ("conditional for", "conditional or weak for"), ("caution", "caution"),
          ("not preferred", "others preferred"), ("against", "against / do not offer"),
          (NOT_VERIFIED, "not addressed or not verified"))


#: What each guideline covers, shown under its name.
SCOPE = {"acp2017": "low back pain", "cdc2022": "opioids for pain", "nice_ng193": "chronic primary\npain",
         "nice_ng59": "low back pain", "acr2019": "osteoarthritis"}


def option_label(option: str) -> str:
    """An option id as learners read it."""
    check_instance(option, "option", str)
    return {"nsaid": "NSAIDs", "other_opioids": "other opioids", "psychological_therapy": "psychological therapy",
            "physical_therapy": "physical therapy, exercise", "weight_management": "weight management"}.get(
                option, option.replace("_", " "))


class TimelineFigure(LiveFigure):
    """Rows: each part of care (a bar over the plan when chosen) and each kind of monitoring (a
    marker at each event; the red-flag watch is a bar, because it runs throughout). Only the bars'
    and markers' data change."""

    def __init__(self):
        super().__init__(1, 1, figsize=(7.2, 4.4))
        (ax,) = self.axes
        self.rows = [*MODALITIES, *KINDS]
        labels = [option_label(r) for r in MODALITIES] + [ROW_LABELS[k] for k in KINDS]
        ax.set_yticks(range(len(self.rows)), labels, fontsize=FONT_SIZE)
        ax.set_ylim(len(self.rows) - 0.5, -0.5)
        ax.set_xlim(-0.5, 12.5)
        ax.set_xticks(range(0, 13, 2))
        ax.tick_params(axis="x", labelsize=FONT_SIZE)
        ax.set_xlabel("months from the start of the plan", fontsize=FONT_SIZE)
        ax.set_title("12-month plan: care (bars) and monitoring", fontsize=FONT_SIZE + 1)
        ax.axhline(len(MODALITIES) - 0.5, color="0.6", lw=0.8)
        ax.grid(True, axis="x", alpha=0.3)
        self.bars = {}
        for i, part in enumerate(MODALITIES):
            (line,) = ax.plot([], [], lw=7, solid_capstyle="butt", color=series_style(i)["color"])
            self.bars[part] = self.dynamic(line)
        self.marks = {}
        for j, kind in enumerate(KINDS):
            if kind == "red flags":
                (line,) = ax.plot([], [], lw=7, solid_capstyle="butt", color=OKABE_ITO["black"],
                                  ls=(0, (4, 1)))
            else:
                (line,) = ax.plot([], [], ls="none", marker=MARKERS[kind], ms=8, mec="black",
                                  mfc=series_style(j)["color"])
            self.marks[kind] = self.dynamic(line)

    def update(self, state: PlanState) -> None:
        horizon = min(12.0, state.horizon_months)
        for i, part in enumerate(MODALITIES):
            self.bars[part].set_data(([0, horizon], [i, i]) if part in state.plan.care else ([], []))
        for j, kind in enumerate(KINDS):
            row = len(MODALITIES) + j
            events = [e for e in state.events if e.kind == kind and e.month <= horizon]
            if kind == "red flags":
                self.marks[kind].set_data(([events[0].month, horizon], [row, row]) if events else ([], []))
            else:
                self.marks[kind].set_data([e.month for e in events], [row] * len(events))


class GuidelineFigure(LiveFigure):
    """A grid of options (rows) by guidelines (columns): one marker per cell showing the
    guideline's stance in its own category. The chosen option's row is outlined; only the
    outline moves."""

    def __init__(self):
        super().__init__(1, 1, figsize=(7.6, 5.2))
        (ax,) = self.axes
        names = list(GUIDELINES.values())
        ax.set_xlim(-0.5, len(names) - 0.5)
        ax.set_ylim(len(GUIDELINE_OPTIONS) - 0.5, -0.5)
        ax.set_xticks(range(len(names)), [f"{name}\n{SCOPE[key]}" for key, name in GUIDELINES.items()],
                      fontsize=FONT_SIZE)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(GUIDELINE_OPTIONS)), [option_label(o) for o in GUIDELINE_OPTIONS],
                      fontsize=FONT_SIZE)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.axhline(5.5, color="0.6", lw=0.8)  # non-drug care above, medicines below
        for i, option in enumerate(GUIDELINE_OPTIONS):
            for j, row in enumerate(guideline_view(option)):
                marker, filled, colour = STANCE_STYLE[row["stance"]]
                ax.plot(j, i, ls="none", marker=marker, ms=11 if marker != "." else 6, mec=colour,
                        mfc=colour if filled else "white", mew=1.6)
        handles = [Line2D([], [], ls="none", marker=STANCE_STYLE[key][0], ms=9, mec=STANCE_STYLE[key][2],
                          mfc=STANCE_STYLE[key][2] if STANCE_STYLE[key][1] else "white", mew=1.6, label=text)
                   for key, text in LEGEND]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.45, -0.02), ncol=3, fontsize=FONT_SIZE,
                  frameon=False)
        self.outline = self.dynamic(ax.add_patch(Rectangle((-0.5, -0.5), len(names), 1.0, fill=False,
                                                           ec=OKABE_ITO["black"], lw=2.0, ls="--")))

    def update(self, state: GuidelineState) -> None:
        self.outline.set_y(GUIDELINE_OPTIONS.index(state.option) - 0.5)
