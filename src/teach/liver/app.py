"""Interactive demos of lessons 04 (lab explorer) and 05 (RUCAM worksheet, fibrosis scores). Each
factory returns a ready :class:`~teach.ui.LessonApp`.

In a notebook: ``teach.liver.app.lab_explorer_app()``.
"""

from __future__ import annotations

import math

from teach.data import parameter, short_citation
from teach.liver import model
from teach.liver.figures import FibrosisFigure, LabFigure, RucamFigure
from teach.ui import LessonApp
from teach.ui.controls import dropdown, number, slider, tick
from teach.ui.tables import LearnerTable
from teach.validation import check_state_argument

TABLE = "liver_thresholds"
BILIRUBIN_MAX = {"mg/dL": 60.0, "umol/L": 1000.0}  # slider ranges only, not clinical limits


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


# --- 1. Lab-value explorer ----------------------------------------------------------------------


@check_state_argument
def describe_lab(state: model.LabState) -> list[str]:
    """Readout lines: multiples of ULN, R and pattern, DILI criteria, Hy's law, FIB-4."""
    low, high = state.fib4_cutoffs
    return [
        f"ALT {state.alt_xuln:.3g} x ULN, ALP {state.alp_xuln:.3g} x ULN, AST {state.ast_xuln:.3g} x ULN",
        f"Bilirubin {state.bilirubin_mg_dL:.3g} mg/dL = {state.bilirubin_umol_L:.3g} µmol/L "
        f"({state.bilirubin_xuln:.3g} x ULN)",
        f"R = {state.r_ratio:.3g}: {state.pattern} pattern",
        f"DILI case criteria met: {_yes(state.dili.met)} ({'; '.join(state.dili.reasons)})",
        f"Hy's law, biochemical part: {_yes(state.hys.met)} ({'; '.join(state.hys.reasons)}); "
        "the other part, no other cause, needs a clinician",
        f"FIB-4 {state.fib4:.3g}: {state.fib4_band} (cut-offs {low:g} and {high:g} at age {state.age_years:g})",
    ]


def lab_explorer_app(case: str = "livertox_6972") -> LessonApp:
    """Place a patient on the R-ratio pattern map and on the FIB-4 bands, from lab values and the
    laboratory's own upper limits. Starts from a worked case (its own ULNs); AST, platelets and any
    value the case does not report start from one laboratory's reference values. The DILI criteria
    and Hy's law use the laboratory's ULN, never a guideline's "healthy ALT" threshold."""
    c = model.case(case)
    ast_uln = parameter("lab_ast_uln_U_L", TABLE)
    controls = {
        "alt_U_L": slider("ALT (U/L)", c["alt_U_L"], 5, 3000, 1),
        "ast_U_L": slider("AST (U/L)", c["ast_U_L"] or ast_uln, 5, 3000, 1),
        "alp_U_L": slider("ALP (U/L)", c["alp_U_L"], 20, 2000, 1),
        "bilirubin": slider("total bilirubin", c["bilirubin_mg_dL"], 0.1, BILIRUBIN_MAX["mg/dL"], 0.1),
        "bilirubin_unit": dropdown("bilirubin unit", [(u.replace("umol", "µmol"), u) for u in model.BILIRUBIN_UNITS],
                                   "mg/dL"),
        "platelets_1e9_L": slider("platelets (10^9/L)",
                                   c["platelets_1e9_L"] or parameter("placeholder_platelets_1e9_L", TABLE), 20, 600, 5),
        "age_years": slider("age (years)", c["age_years"], 18, 90, 1, integer=True),
        "alt_uln_U_L": number("ALT ULN (U/L)", c["alt_uln_U_L"]),
        "ast_uln_U_L": number("AST ULN (U/L)", ast_uln),
        "alp_uln_U_L": number("ALP ULN (U/L)", c["alp_uln_U_L"]),
        "bilirubin_uln": number("bilirubin ULN", c["bilirubin_uln_mg_dL"]),
    }
    app = LessonApp(
        title="Lab-value explorer: pattern of injury and fibrosis score for one patient",
        controls=controls,
        figure=LabFigure(),
        compute=model.lab_state,
        describe=describe_lab,
    )

    def convert_bilirubin(change) -> None:
        old, new = change["old"], change["new"]
        if old == new or old not in BILIRUBIN_MAX or new not in BILIRUBIN_MAX:
            return  # nothing to convert; an invalid unit is reported in the readout by the model
        factor = model.umol_per_L_per_mg_dL()
        scale = factor if new == "umol/L" else 1 / factor
        slider = controls["bilirubin"]
        value = slider.value * scale
        if new == "umol/L":  # widen first, so the converted value is never clamped
            slider.max = max(BILIRUBIN_MAX["umol/L"], math.ceil(BILIRUBIN_MAX["mg/dL"] * factor))
            app.set(bilirubin=value)
        else:
            app.set(bilirubin=value)
            slider.max = BILIRUBIN_MAX["mg/dL"]
        app.set(bilirubin_uln=round(controls["bilirubin_uln"].value * scale, 2))

    controls["bilirubin_unit"].observe(app.guard(convert_bilirubin), names="value")
    return app


# --- 2. RUCAM worksheet ------------------------------------------------------------------------


@check_state_argument
def describe_rucam(state: model.RucamResult) -> list[str]:
    """Readout lines: each item's points and reason; the total and its band."""
    lines = [f"Scale: {state.scale}"]
    lines += [f"{item.item}: {item.points:+d} ({item.reason})" for item in state.items]
    lines.append(f"Total of items 1-7: {state.total:+d}, causality '{state.band}' "
                 f"({short_citation('danan2016')})")
    return lines


def rucam_app(case: str = "livertox_6972") -> LessonApp:
    """Score all seven RUCAM items for a worked kratom case, item by item, with the reason for each point.

    Choosing a case fills in its answers to all seven items, from its LiverTox summary; anything the
    summary does not report gets RUCAM's answer for missing information."""
    start = model.rucam_case_answers(case)
    scale = model.rucam_scale(start["pattern"])
    controls = {
        "days": slider("time to onset (days)", start["days"], 0, 180, 1, integer=True),
        "timing": dropdown("counted", model.TIMINGS, start["timing"]),
        "pattern": dropdown("pattern (from R)", model.PATTERNS, start["pattern"]),
        "course": dropdown("course after stopping", model.COURSES[scale], start["course"]),
        "alcohol": dropdown("alcohol", model.ALCOHOL, start["alcohol"]),
        "age_years": slider("age (years)", start["age_years"], 1, 100, 1, integer=True),
        "pregnancy": tick("pregnancy", start["pregnancy"]),
        "concomitant": dropdown("other drugs or herbs", model.CONCOMITANT, start["concomitant"]),
        "group1_ruled_out": slider(f"group I causes ruled out (of {len(model.GROUP_I)})", start["group1_ruled_out"],
                                   0, len(model.GROUP_I), 1, integer=True),
        "group2_ruled_out": tick(f"all {len(model.GROUP_II)} group II causes ruled out", start["group2_ruled_out"]),
        "alternative_highly_probable": tick("alternative cause highly probable", start["alternative_highly_probable"]),
        "previous_hepatotoxicity": dropdown("previous hepatotoxicity", model.PREVIOUS_HEPATOTOXICITY,
                                            start["previous_hepatotoxicity"]),
        "reexposure": dropdown("unintentional re-exposure", model.REEXPOSURE[scale], start["reexposure"]),
    }
    controls["group1_ruled_out"].tooltip = "Group I: " + "; ".join(model.GROUP_I)
    controls["group2_ruled_out"].tooltip = "Group II: " + "; ".join(model.GROUP_II)
    table = model.worked_cases()
    cases = [(row.label, row.case) for row in table.itertuples() if row.case.startswith("livertox")]
    case_control = dropdown("worked case", [*cases, ("your own answers", "custom")], case)
    app = LessonApp(
        title="RUCAM worksheet (2016 update), items 1-7",
        controls=controls,
        figure=RucamFigure(),
        compute=model.rucam,
        describe=describe_rucam,
        helpers=[case_control],
    )

    def follow_pattern(change) -> None:
        # The two scales ask different questions about the course after stopping and a re-exposure.
        scale = model.rucam_scale(change["new"])
        for name, options in (("course", model.COURSES[scale]), ("reexposure", model.REEXPOSURE[scale])):
            control, options = controls[name], list(options)
            if list(control.options) != options:
                keep = control.value if control.value in options else next(k for k in options if "not reported" in k)
                control.options = options  # resets the value to the first option
                control.value = keep

    def load_case(change) -> None:
        if change["new"] != "custom":
            settings = model.rucam_case_answers(change["new"])
            app.set(pattern=settings.pop("pattern"))
            app.set(**settings)

    controls["pattern"].observe(app.guard(follow_pattern), names="value")
    case_control.observe(app.guard(load_case), names="value")
    app.case = case_control
    return app


# --- 3. Fibrosis scores and the MASLD definition ------------------------------------------------


@check_state_argument
def describe_fibrosis(state: model.FibrosisState) -> list[str]:
    """Readout lines: both scores with bands and cut-offs, criteria met, category."""
    (f_low, f_high), (n_low, n_high) = state.fib4_cutoffs, state.nfs_cutoffs
    return [
        f"FIB-4 {state.fib4:.3g}: {state.fib4_band} (cut-offs {f_low:g} / {f_high:g} at age {state.age_years:g})",
        f"NAFLD fibrosis score {state.nfs:.3g}: {state.nfs_band} (cut-offs {n_low:g} / {n_high:g})",
        "Cardiometabolic criteria met (of those entered here): " + (", ".join(state.criteria) or "none"),
        f"Category: {state.category}",
    ]


def fibrosis_app(case: str = "masld_illustrative", sex: str | None = None) -> LessonApp:
    """FIB-4 and the NAFLD fibrosis score of a MASLD patient (illustrative), with the age rule and
    the 2023 MASLD / MetALD definitions."""
    c = model.case(case)
    controls = {
        "ast_U_L": slider("AST (U/L)", c["ast_U_L"], 5, 500, 1),
        "alt_U_L": slider("ALT (U/L)", c["alt_U_L"], 5, 500, 1),
        "age_years": slider("age (years)", c["age_years"], 18, 90, 1, integer=True),
        "platelets_1e9_L": slider("platelets (10^9/L)", c["platelets_1e9_L"], 20, 600, 5),
        "bmi_kg_m2": slider("BMI (kg/m2)", c["bmi_kg_m2"], 15, 60, 0.5),
        "albumin_g_dL": slider("albumin (g/dL)", c["albumin_g_dL"], 1.5, 6, 0.1),
        "diabetes": tick("IFG or type 2 diabetes", bool(c["diabetes"])),
        "steatosis": tick("steatosis on imaging", True),
        "alcohol_g_week": slider("alcohol (g/week)", 0, 0, 600, 10),
        "sex": dropdown("sex", model.SEXES, c["sex"] if sex is None else sex),
    }
    return LessonApp(
        title="Fatty liver: fibrosis scores and the MASLD definition",
        controls=controls,
        figure=FibrosisFigure(),
        compute=model.fibrosis_state,
        describe=describe_fibrosis,
    )


APPS = {
    "lab_explorer": lab_explorer_app,
    "rucam": rucam_app,
    "fibrosis": fibrosis_app,
}


def case_table(names=("livertox_6972", "livertox_8332")) -> LearnerTable:
    """The worked cases' first liver panels read against their own laboratories' limits."""
    frame = model.case_table(names).reset_index()
    labels = model.worked_cases().set_index("case")["label"]
    frame["case"] = [labels[name] for name in frame["case"]]
    return LearnerTable(
        frame,
        {"case": "Case", "latency_days": "Days from start to onset", "alt_xuln": "ALT (x ULN)",
         "alp_xuln": "ALP (x ULN)", "bilirubin_xuln": "Bilirubin (x ULN)", "r_ratio": "R ratio",
         "pattern": "Pattern", "dili": "Meets DILI criteria", "hys_law_biochemical": "Meets Hy's law (biochemical)"},
    )
