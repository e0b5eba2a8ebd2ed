"""Lesson 04 exercise: an R ratio and its pattern for a case read with another laboratory's limit."""

from __future__ import annotations

from teach.exercises.registry import Exercise, Wrong, _one_of, close, number, register
from teach.liver import model as liver

# LiverTox case 8332 (livertox_kratom): ALT 126 U/L (ULN 35), ALP 218 U/L; read here against an
# ALP upper limit of 115 U/L, the value another laboratory prints (mayo2012).
ALT, ALT_ULN, ALP, ALP_ULN = 126.0, 35.0, 218.0, 115.0


def _r_ratio() -> tuple:
    r = liver.r_ratio(ALT, ALP, ALT_ULN, ALP_ULN)
    return (r, liver.injury_pattern(r))


def _grade_r_ratio(r_ratio, pattern) -> str | None:
    value = number(r_ratio, "r_ratio")
    right = (ALT / ALT_ULN) / (ALP / ALP_ULN)
    if not close(value, right):
        if close(value, ALT / ALP):
            raise Wrong("you divided the raw values; divide each enzyme by its own upper limit first")
        if close(value, 1 / right):
            raise Wrong("the ratio is upside down: ALT (as a multiple of its ULN) goes on top, ALP below")
        if close(value, (ALT / ALT_ULN) / (ALP / 130.0)):
            raise Wrong("you used the case laboratory's 130 U/L; this exercise reads ALP against 115 U/L")
        raise Wrong(f"R = (ALT / ULN) / (ALP / ULN) = ({ALT:g}/{ALT_ULN:g}) / ({ALP:g}/{ALP_ULN:g})")
    if _one_of(pattern, "the pattern", liver.PATTERNS, "R is right") != liver.injury_pattern(right):
        raise Wrong(f"R = {right:.2f} is right, but the pattern is not: R <= 2 is cholestatic, 2 < R < 5 mixed, "
                    "R >= 5 hepatocellular")
    return None


register(Exercise(
    "04-r-ratio", "04-r-ratio",
    "two answers: the R ratio (a number) and the pattern (a word)",
    _grade_r_ratio, _r_ratio,
    solution_code=("r_ratio = (126 / 35) / (218 / 115)   # about 1.90\n"
                   "pattern = 'cholestatic'             # R <= 2\n"
                   "# or: from teach.liver import model; model.injury_pattern(model.r_ratio(126, 218, 35, 115))"),
    right="R = 3.6 / 1.90 = 1.90: cholestatic. With its own laboratory's 130 U/L the same blood gave 2.15, mixed. "
          "An R ratio near a cut-off depends on which laboratory's limits you read it against.",
    no_code={
        "question": "The same blood gives R = 2.15 with one laboratory's ALP limit and R = 1.90 with another's. "
                    "What follows?",
        "choices": ["The pattern changes from mixed to cholestatic: compare R only with its own lab's limits",
                    "One of the two laboratories has made an error in its measurement",
                    "The pattern stays mixed, because the enzymes themselves have not changed",
                    "R ratios cannot be used for kratom cases at all"],
        "answer": 0,
        "feedback": ["Right: R uses each enzyme as a multiple of the lab's own ULN, so near a cut-off the "
                     "limit decides.",
                     "Both labs measured correctly; they print different upper limits.",
                     "The pattern is read from R, and R changed across the cut-off of 2.",
                     "R is the standard first step in every DILI case, kratom included."]},
    wrong_answers=(((0.578, "mixed"), "raw values"), ((0.527, "mixed"), "upside down"),
                   ((2.147, "mixed"), "130 U/L"), ((1.899, "mixed"), "pattern is not"),
                   ((1.899, "cholestasis"), "one of"), ((1.899, ...), "Not answered")),
))


def _sam_panel() -> tuple:
    """Sam's ALT, ALP and bilirubin and his laboratory's limits (persona.csv, liver_thresholds.csv)."""
    from teach.data import parameter
    from teach.persona import person

    sam = person()
    limits = [parameter(name, "liver_thresholds") for name in ("lab_alt_uln_U_L", "lab_alp_uln_U_L",
                                                                 "lab_bilirubin_uln_mg_dL")]
    return sam.alt_U_L, sam.alp_U_L, sam.bilirubin_mg_dL, *limits


def _sam_dili() -> tuple:
    alt, alp, bilirubin, alt_uln, alp_uln, bilirubin_uln = _sam_panel()
    verdict = liver.dili_criteria(alt_xuln=alt / alt_uln, alp_xuln=alp / alp_uln,
                                  bilirubin_xuln=bilirubin / bilirubin_uln)
    return (liver.times_uln(alt, alt_uln), verdict.met)


def _grade_sam_dili(alt_xuln, meets_criteria) -> str | None:
    from teach.persona import person

    value = number(alt_xuln, "alt_xuln")
    alt, _alp, _bilirubin, alt_uln, _alp_uln, _bilirubin_uln = _sam_panel()
    right, met = _sam_dili()
    if not close(value, right):
        healthy = liver.healthy_alt_threshold_U_L(person().sex)
        if close(value, alt / healthy):
            raise Wrong(f"you used the guideline's healthy ALT ({healthy:g} U/L); the case criteria use the "
                        f"laboratory's own upper limit, {alt_uln:g} U/L")
        if close(value, alt_uln / alt):
            raise Wrong("the ratio is upside down: the ALT goes on top, its upper limit below")
        if close(value, alt):
            raise Wrong("that is the ALT in U/L; divide it by the laboratory's upper limit")
        raise Wrong(f"ALT as a multiple of ULN = ALT / ULN = {alt:g} / {alt_uln:g}")
    if not isinstance(meets_criteria, bool):
        raise Wrong("ALT x ULN is right; give meets_criteria as True or False")
    if meets_criteria != met:
        raise Wrong(f"ALT {right:.2f} x ULN is right, but none of the three rules is met: ALT is below 5 x ULN, "
                    "ALP below 2 x ULN, and ALT below 3 x ULN comes without bilirubin above 2 x ULN")
    return None


register(Exercise(
    "04-sam-dili", "04-dili-hy",
    "two answers: Sam's ALT as a multiple of ULN (a number) and whether his panel meets the criteria (True/False)",
    _grade_sam_dili, _sam_dili,
    solution_code=("alt_xuln = 82 / 55          # about 1.49: ALT over the laboratory's own upper limit\n"
                   "meets_criteria = False      # ALT < 5 x ULN, ALP < 2 x ULN, no jaundice\n"
                   "# or: model.dili_criteria(alt_xuln=82 / 55, alp_xuln=70 / 115, bilirubin_xuln=0.7 / 1.0).met"),
    right="82 / 55 = 1.49 x ULN, with ALP and bilirubin inside their limits: no rule of the case criteria is met. "
          "His ALT is raised and needs a cause, but his panel is not a case of drug-induced liver injury.",
    no_code={
        "question": "Sam's ALT is 1.5 times his laboratory's upper limit; his ALP and bilirubin are normal. Does "
                    "his panel meet the case criteria for drug-induced liver injury?",
        "choices": ["No: no rule is met, though his raised ALT still needs a cause",
                    "Yes: any ALT above the upper limit counts as a case",
                    "Yes: his ALT is above the guideline's healthy threshold",
                    "No: the criteria apply only to people with jaundice"],
        "answer": 0,
        "feedback": ["Right: ALT must reach 5 x ULN on its own, or 3 x ULN with bilirubin above 2 x ULN.",
                     "The criteria need ALT of 5 x ULN or more on its own; 1.5 x is far below.",
                     "The healthy threshold says when to look into a raised ALT; the criteria use the lab's limit.",
                     "ALP of 2 x ULN or more, or ALT of 5 x ULN or more, count without jaundice."]},
    wrong_answers=(((2.485, False), "healthy ALT"), ((0.671, False), "upside down"), ((82.0, False), "U/L"),
                   ((1.491, True), "none of the three rules"), ((1.491, "no"), "True or False"),
                   ((1.491, ...), "Not answered")),
))
