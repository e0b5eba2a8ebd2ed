"""Causation in one patient: drug-induced liver injury (DILI) versus fatty liver (MASLD).

Pure functions of laboratory values; no widgets, no plotting. Every public function validates
its input and raises a ValueError naming the parameter, its unit and the valid range.

Formulas and cut-offs (each read from ``liver_thresholds.csv``, where every row cites its source)
-----------------------------------------------------------------------------------------------
* R ratio ``R = (ALT/ULN_ALT) / (ALP/ULN_ALP)``, with the laboratory's own upper limits;
  hepatocellular if ``R >= 5``, cholestatic if ``R <= 2``, mixed in between [@aithal2011] [@chalasani2014].
* DILI case criteria [@aithal2011]: ALT >= 5 x ULN, or ALP >= 2 x ULN, or ALT >= 3 x ULN with
  total bilirubin > 2 x ULN; severity 1 (mild) to 4 (fatal or transplant).
* Hy's law [@fda2009]: ALT or AST >= 3 x ULN, bilirubin > 2 x ULN, ALP < 2 x ULN, and no other cause.
* FIB-4 ``= age x AST / (platelets x sqrt(ALT))`` [@sterling2006]; MASLD cut-offs < 1.30 and > 2.67
  [@shah2009], low cut-off 2.0 at age 65 and over [@mcpherson2017].
* NAFLD fibrosis score [@angulo2007]; cut-offs < -1.455 and > 0.676, low cut-off 0.12 at 65 and over.
* MASLD: steatosis plus at least one of five cardiometabolic criteria; MetALD alcohol bands
  140-350 g/week (women) and 210-420 g/week (men) [@rinella2023].
* Every category that depends on a cut-off is decided in exact rational arithmetic
  (:class:`fractions.Fraction` of the decimal the person entered, and of the table's cut-off), so a
  value exactly at a cut-off gets the category the published rule gives, whatever floating-point
  rounding would do (e.g. ALT 3 x 0.1 U/L against 0.1 U/L is exactly 3 x ULN). FIB-4 is compared by
  squaring both sides, since it contains a square root.
* Functions that take multiples of ULN take them as keyword arguments named ``*_xuln``, so that a
  value in U/L cannot be passed where a multiple is meant without saying so.
* RUCAM, 2016 update [@danan2016], all seven items of both scales, every point from the table. The
  method's own tables could not be read here: the points of items 1-4 were verified in independent
  reproductions of the update, and those of items 5-7 cross-checked in published reproductions; their
  ranges agree with AASLD 2023 Table 5 [@fontana2023], except that item 7 goes down to -2.

Validation limits
-----------------
The bounds below only reject impossible or mistyped input (a negative enzyme activity, a zero upper
limit, text); they are not clinical reference ranges and are never shown to learners as facts:
enzyme activities (ALT, AST, ALP) > 0 and <= 50,000 U/L; upper limits of normal > 0 and <= 1,000 U/L;
total bilirubin > 0 and <= 80 mg/dL (<= 1,368 umol/L); its upper limit > 0 and <= 10 mg/dL;
platelets > 0 and <= 2,000 x 10^9/L; age 18-120 years for the fibrosis scores (adult scores) and
0-120 years elsewhere; BMI 10-100 kg/m2; albumin > 0 and <= 10 g/dL; INR > 0 and <= 20;
latency 0-3,650 days; alcohol 0-5,000 g/week; RUCAM group I causes ruled out: a whole number
from 0 to 7.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

import numpy as np
import pandas as pd

from teach.data import load_table, parameter
from teach.validation import Bounds, check_choice, check_choices, check_count, check_quantity

TABLE = "liver_thresholds"

ENZYME_U_L = Bounds(1.0, 50_000.0)
ULN_U_L = Bounds(5.0, 1_000.0)
BILIRUBIN_MG_DL = Bounds(0.01, 80.0)
BILIRUBIN_ULN_MG_DL = Bounds(0.1, 10.0)
PLATELETS = Bounds(1.0, 2_000.0)
ADULT_AGE_YEARS = Bounds(18.0, 120.0)
AGE_YEARS = Bounds(0.0, 120.0)
BMI = Bounds(10.0, 100.0)
ALBUMIN_G_DL = Bounds(0.5, 10.0)
INR = Bounds(0.5, 20.0)
LATENCY_DAYS = Bounds(0.0, 3_650.0)
ALCOHOL_G_WEEK = Bounds(0.0, 5_000.0)
RATIO = Bounds(0.0, 1e6, low_inclusive=False)
TIMES_ULN = Bounds(0.0, 1e6)
SCORE = Bounds(-100.0, 100.0)
RUCAM_POINTS = Bounds(-20.0, 20.0)
WAIST_CM = Bounds(30.0, 300.0)
GLUCOSE_MG_DL = Bounds(10.0, 2_000.0)
HBA1C = Bounds(2.0, 25.0)
BP_MMHG = Bounds(30.0, 300.0)
LIPID_MG_DL = Bounds(1.0, 10_000.0)

SEXES = ("male", "female")
BILIRUBIN_UNITS = ("mg/dL", "umol/L")
PATTERNS = ("hepatocellular", "mixed", "cholestatic")
SCALES = ("hepatocellular", "cholestatic or mixed")


@cache
def _p(name: str) -> float:
    """A threshold from the shipped table (read once; the table does not change at run time)."""
    return parameter(name, TABLE)


def _exact(value) -> Fraction:
    """``value`` as an exact fraction: an integer as itself, a float as the shortest decimal that
    prints as it (the number a person typed, 0.1 -> 1/10), a Fraction unchanged."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | np.integer):
        return Fraction(int(value))
    return Fraction(repr(float(value)))


def _cut(name: str) -> Fraction:
    """A cut-off from the table, exactly as printed there (1.30 -> 13/10)."""
    return _exact(_p(name))


def _multiple(value, name: str, meaning: str) -> Fraction:
    """A multiple of ULN (validated as a float, returned exact for comparison with cut-offs)."""
    exact = value if isinstance(value, Fraction) else None
    number = check_quantity(float(value) if exact is not None else value, name, "x ULN", TIMES_ULN, meaning=meaning)
    return exact if exact is not None else _exact(number)


def _enzyme(value, name, meaning):
    return check_quantity(value, name, "U/L", ENZYME_U_L, meaning=meaning)


def _uln(value, name, meaning):
    return check_quantity(value, name, "U/L", ULN_U_L, meaning=meaning)


def _flag(value, name: str) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"{name} must be True or False; got {value!r}")
    return bool(value)


# --- Units and upper limits ------------------------------------------------------------------


def umol_per_L_per_mg_dL() -> float:
    """Bilirubin conversion factor: 1 mg/dL = 10 mg/L / 584.66 g/mol = 17.10 umol/L."""
    return 10_000.0 / _p("bilirubin_molar_mass_g_mol")


def bilirubin_mg_dL(bilirubin, unit: str = "mg/dL") -> float:
    """Total bilirubin in mg/dL from ``bilirubin`` in ``unit`` ("mg/dL" or "umol/L").

    Valid range (validation only): > 0 and <= 80 mg/dL, i.e. <= 1,368 umol/L.
    """
    unit = check_choice(unit, "unit", BILIRUBIN_UNITS)
    if unit == "mg/dL":
        return check_quantity(bilirubin, "bilirubin", "mg/dL", BILIRUBIN_MG_DL, meaning="total bilirubin")
    factor = umol_per_L_per_mg_dL()
    limit = Bounds(round(BILIRUBIN_MG_DL.low * factor, 2), round(BILIRUBIN_MG_DL.high * factor))
    return check_quantity(bilirubin, "bilirubin", "umol/L", limit, meaning="total bilirubin") / factor


def bilirubin_umol_L(bilirubin_mg_dL_value) -> float:
    """Total bilirubin in umol/L from mg/dL (x 17.10)."""
    mg = check_quantity(bilirubin_mg_dL_value, "bilirubin_mg_dL_value", "mg/dL", BILIRUBIN_MG_DL,
                        meaning="total bilirubin")
    return mg * umol_per_L_per_mg_dL()


def healthy_alt_threshold_U_L(sex: str) -> float:
    """Kwo's "healthy" ALT threshold (U/L) for ``sex``: 33 for men, 25 for women [@kwo2017].

    It answers a different question from a laboratory's upper limit of normal: when a raised ALT
    deserves evaluation. The DILI case criteria and Hy's law use the laboratory's own ULN
    [@aithal2011], so the lab explorer never sets its ULN from this threshold.
    """
    sex = check_choice(sex, "sex", SEXES)
    return _p("alt_uln_men_U_L" if sex == "male" else "alt_uln_women_U_L")


def times_uln(value_U_L, uln_U_L, name: str = "value_U_L", uln_name: str = "uln_U_L") -> float:
    """An enzyme activity as a multiple of its upper limit of normal (both in U/L).

    ``name`` and ``uln_name`` are how error messages refer to the two values.
    """
    if not isinstance(name, str) or not isinstance(uln_name, str):
        raise TypeError(f"name and uln_name (labels for messages) must be text; got {name!r:.40}, {uln_name!r:.40}")
    return _enzyme(value_U_L, name, "enzyme activity") / _uln(uln_U_L, uln_name, "upper limit of normal")


def _exact_ratio(value, uln, name: str, uln_name: str, unit: str = "U/L") -> Fraction:
    """``value / uln`` as an exact fraction, after validating both (enzymes in U/L)."""
    if unit == "U/L":
        _enzyme(value, name, "enzyme activity")
        _uln(uln, uln_name, "upper limit of normal")
    return _exact(value) / _exact(uln)


# --- Pattern of injury -----------------------------------------------------------------------


def r_ratio(alt_U_L, alp_U_L, alt_uln_U_L, alp_uln_U_L) -> float:
    """R = (ALT / ULN_ALT) / (ALP / ULN_ALP), all in U/L, at first presentation."""
    alt = _enzyme(alt_U_L, "alt_U_L", "alanine aminotransferase")
    alp = _enzyme(alp_U_L, "alp_U_L", "alkaline phosphatase")
    alt_uln = _uln(alt_uln_U_L, "alt_uln_U_L", "ALT upper limit of normal")
    alp_uln = _uln(alp_uln_U_L, "alp_uln_U_L", "ALP upper limit of normal")
    return (alt / alt_uln) / (alp / alp_uln)


def injury_pattern(r) -> str:
    """'hepatocellular' if R >= 5, 'cholestatic' if R <= 2, otherwise 'mixed'.

    ``r`` is compared exactly as written (5.0 is hepatocellular); for lab values use
    :func:`injury_pattern_from_labs`, which never rounds R.
    """
    check_quantity(r, "r", "dimensionless", RATIO, meaning="R ratio")
    return _pattern(_exact(r))


def injury_pattern_from_labs(alt_U_L, alp_U_L, alt_uln_U_L, alp_uln_U_L) -> str:
    """The pattern of injury from lab values (all in U/L), with R computed exactly:
    ``R = ALT x ULN_ALP / (ULN_ALT x ALP)`` as a fraction, so R exactly 5 or 2 is never rounded across."""
    r_ratio(alt_U_L, alp_U_L, alt_uln_U_L, alp_uln_U_L)  # validates all four, naming each
    r = (_exact(alt_U_L) * _exact(alp_uln_U_L)) / (_exact(alt_uln_U_L) * _exact(alp_U_L))
    return _pattern(r)


def _pattern(r: Fraction) -> str:
    if r >= _cut("r_hepatocellular_min"):
        return "hepatocellular"
    if r <= _cut("r_cholestatic_max"):
        return "cholestatic"
    return "mixed"


def rucam_scale(pattern: str) -> str:
    """The RUCAM scale for an injury pattern: 'hepatocellular' or 'cholestatic or mixed'."""
    pattern = check_choice(pattern, "pattern", PATTERNS)
    return "hepatocellular" if pattern == "hepatocellular" else "cholestatic or mixed"


# --- DILI criteria, severity and Hy's law -----------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """A yes/no judgement with the reason for each criterion."""

    met: bool
    reasons: tuple[str, ...]


def dili_criteria(*, alt_xuln, alp_xuln, bilirubin_xuln) -> Verdict:
    """Whether liver tests (as multiples of ULN, keyword arguments) meet the international DILI
    case criteria.

    Any one of: ALT >= 5 x ULN; ALP >= 2 x ULN; ALT >= 3 x ULN with bilirubin > 2 x ULN [@aithal2011].
    Multiples may be floats (compared as the decimal written) or exact Fractions.
    """
    alt = _multiple(alt_xuln, "alt_xuln", "ALT")
    alp = _multiple(alp_xuln, "alp_xuln", "ALP")
    bili = _multiple(bilirubin_xuln, "bilirubin_xuln", "total bilirubin")
    a5, a2, a3, b2 = (_cut("dili_alt_xuln"), _cut("dili_alp_xuln"), _cut("dili_alt_with_bilirubin_xuln"),
                      _cut("dili_bilirubin_xuln"))
    checks = (
        (alt >= a5, f"ALT {float(alt):.3g} x ULN {'>=' if alt >= a5 else '<'} {float(a5):g}"),
        (alp >= a2, f"ALP {float(alp):.3g} x ULN {'>=' if alp >= a2 else '<'} {float(a2):g}"),
        (alt >= a3 and bili > b2,
         f"ALT {float(alt):.3g} x ULN {'>=' if alt >= a3 else '<'} {float(a3):g} with bilirubin "
         f"{float(bili):.3g} x ULN {'>' if bili > b2 else '<='} {float(b2):g}"),
    )
    return Verdict(any(ok for ok, _ in checks), tuple(text for _, text in checks))


def dili_severity(criteria_met: bool, *, bilirubin_xuln, inr=None, symptomatic: bool = False,
                  ascites_or_encephalopathy: bool = False, other_organ_failure: bool = False,
                  death_or_transplant: bool = False) -> tuple[int, str]:
    """Severity grade (1-4) and label of a DILI case (Aithal 2011 scale); 0 if criteria are not met.

    ``bilirubin_xuln`` is total bilirubin as a multiple of ULN; ``inr`` (dimensionless) may be None
    when not measured.
    """
    met = _flag(criteria_met, "criteria_met")
    bili = _multiple(bilirubin_xuln, "bilirubin_xuln", "total bilirubin")
    inr_value = None if inr is None else _exact(check_quantity(inr, "inr", "dimensionless", INR,
                                                               meaning="international normalised ratio"))
    symptomatic, ascites, organs, fatal = (
        _flag(symptomatic, "symptomatic"), _flag(ascites_or_encephalopathy, "ascites_or_encephalopathy"),
        _flag(other_organ_failure, "other_organ_failure"), _flag(death_or_transplant, "death_or_transplant"),
    )
    if not met:
        return 0, "not a DILI case by the biochemical criteria"
    if fatal:
        return 4, "fatal or transplant"
    jaundiced = bili >= _cut("dili_bilirubin_xuln")
    if jaundiced and ((inr_value is not None and inr_value >= _cut("severity_inr")) or ascites or organs):
        return 3, "severe"
    if jaundiced or symptomatic:
        return 2, "moderate"
    return 1, "mild"


def hys_law(*, alt_xuln, alp_xuln, bilirubin_xuln, ast_xuln=None) -> Verdict:
    """Whether the biochemical part of Hy's law holds [@fda2009] (multiples of ULN, keyword arguments).

    ALT (or AST, if given) >= 3 x ULN, bilirubin > 2 x ULN and ALP < 2 x ULN. The third part of
    Hy's law, "no other explanation", is clinical judgement and is not tested here.
    """
    alt = _multiple(alt_xuln, "alt_xuln", "ALT")
    alp = _multiple(alp_xuln, "alp_xuln", "ALP")
    bili = _multiple(bilirubin_xuln, "bilirubin_xuln", "total bilirubin")
    at = alt if ast_xuln is None else max(alt, _multiple(ast_xuln, "ast_xuln", "AST"))
    t_at, t_bili, t_alp = _cut("hy_aminotransferase_xuln"), _cut("hy_bilirubin_xuln"), _cut("hy_alp_below_xuln")
    checks = (
        (at >= t_at, f"ALT/AST {float(at):.3g} x ULN {'>=' if at >= t_at else '<'} {float(t_at):g}"),
        (bili > t_bili, f"bilirubin {float(bili):.3g} x ULN {'>' if bili > t_bili else '<='} {float(t_bili):g}"),
        (alp < t_alp, f"ALP {float(alp):.3g} x ULN {'<' if alp < t_alp else '>='} {float(t_alp):g} "
                      "(no initial cholestasis)"),
    )
    return Verdict(all(ok for ok, _ in checks), tuple(text for _, text in checks))


# --- Fibrosis scores ---------------------------------------------------------------------------


def fib4(age_years, ast_U_L, alt_U_L, platelets_1e9_L) -> float:
    """FIB-4 = age x AST / (platelets x sqrt(ALT)); age in years, enzymes in U/L, platelets in 10^9/L."""
    age = check_quantity(age_years, "age_years", "years", ADULT_AGE_YEARS, meaning="age")
    ast = _enzyme(ast_U_L, "ast_U_L", "aspartate aminotransferase")
    alt = _enzyme(alt_U_L, "alt_U_L", "alanine aminotransferase")
    plt = check_quantity(platelets_1e9_L, "platelets_1e9_L", "10^9/L", PLATELETS, meaning="platelet count")
    return age * ast / (plt * math.sqrt(alt))


def nafld_fibrosis_score(age_years, bmi_kg_m2, ifg_or_diabetes: bool, ast_U_L, alt_U_L, platelets_1e9_L,
                         albumin_g_dL) -> float:
    """NAFLD fibrosis score [@angulo2007].

    ``-1.675 + 0.037 age + 0.094 BMI + 1.13 (IFG or diabetes) + 0.99 AST/ALT - 0.013 platelets
    - 0.66 albumin`` with age in years, BMI in kg/m2, enzymes in U/L, platelets in 10^9/L and
    albumin in g/dL.
    """
    return float(_nfs_exact(age_years, bmi_kg_m2, ifg_or_diabetes, ast_U_L, alt_U_L, platelets_1e9_L,
                            albumin_g_dL))


def _nfs_exact(age_years, bmi_kg_m2, ifg_or_diabetes, ast_U_L, alt_U_L, platelets_1e9_L, albumin_g_dL) -> Fraction:
    """The NAFLD fibrosis score as an exact fraction of the inputs and the published coefficients."""
    age = check_quantity(age_years, "age_years", "years", ADULT_AGE_YEARS, meaning="age")
    bmi = check_quantity(bmi_kg_m2, "bmi_kg_m2", "kg/m2", BMI, meaning="body-mass index")
    ifg = _flag(ifg_or_diabetes, "ifg_or_diabetes")
    ast = _enzyme(ast_U_L, "ast_U_L", "aspartate aminotransferase")
    alt = _enzyme(alt_U_L, "alt_U_L", "alanine aminotransferase")
    plt = check_quantity(platelets_1e9_L, "platelets_1e9_L", "10^9/L", PLATELETS, meaning="platelet count")
    alb = check_quantity(albumin_g_dL, "albumin_g_dL", "g/dL", ALBUMIN_G_DL, meaning="serum albumin")
    x = _exact
    return (_cut("nfs_intercept") + _cut("nfs_age_per_year") * x(age) + _cut("nfs_bmi_per_kg_m2") * x(bmi)
            + _cut("nfs_ifg_diabetes") * int(ifg) + _cut("nfs_ast_alt_ratio") * x(ast) / x(alt)
            + _cut("nfs_platelets_per_1e9_L") * x(plt) + _cut("nfs_albumin_per_g_dL") * x(alb))


def score_cutoffs(score: str, age_years) -> tuple[float, float]:
    """(low, high) cut-offs of ``score`` ('FIB-4' or 'NFS') for a patient aged ``age_years``.

    At 65 and over the low cut-off rises (FIB-4 2.0, NFS 0.12) [@mcpherson2017]; the high one stays.
    """
    score = check_choice(score, "score", ("FIB-4", "NFS"))
    age = check_quantity(age_years, "age_years", "years", ADULT_AGE_YEARS, meaning="age")
    older = age >= _p("score_age_cutoff_years")
    if score == "FIB-4":
        return (_p("fib4_low_age65") if older else _p("fib4_low")), _p("fib4_high")
    return (_p("nfs_low_age65") if older else _p("nfs_low")), _p("nfs_high")


def fibrosis_band(score: str, value, age_years) -> str:
    """'low risk' below the low cut-off, 'high risk' above the high one, else 'indeterminate'.

    Values exactly at a cut-off are indeterminate (the published rules are '< low' and '> high');
    ``value`` is compared exactly as written. From lab values use :func:`fib4_band_from_labs` or
    :func:`nfs_band_from_labs`, which never round the score.
    """
    low, high = score_cutoffs(score, age_years)
    check_quantity(value, "value", "dimensionless", SCORE, meaning=f"{score} score")
    return _band(_exact(value), _exact(low), _exact(high))


def _band(value: Fraction, low: Fraction, high: Fraction) -> str:
    if value < low:
        return "low risk"
    if value > high:
        return "high risk"
    return "indeterminate"


def fib4_band_from_labs(age_years, ast_U_L, alt_U_L, platelets_1e9_L) -> str:
    """The FIB-4 band decided exactly: FIB-4 < c  <=>  (age x AST)^2 < c^2 x platelets^2 x ALT
    (both sides are positive), so a score exactly at a cut-off is never rounded across it."""
    fib4(age_years, ast_U_L, alt_U_L, platelets_1e9_L)  # validates every input, naming it
    low, high = (_exact(c) for c in score_cutoffs("FIB-4", age_years))
    top = (_exact(age_years) * _exact(ast_U_L)) ** 2
    per_cut = _exact(platelets_1e9_L) ** 2 * _exact(alt_U_L)
    if top < low ** 2 * per_cut:
        return "low risk"
    if top > high ** 2 * per_cut:
        return "high risk"
    return "indeterminate"


def nfs_band_from_labs(age_years, bmi_kg_m2, ifg_or_diabetes: bool, ast_U_L, alt_U_L, platelets_1e9_L,
                       albumin_g_dL) -> str:
    """The NAFLD-fibrosis-score band, with the score computed in exact arithmetic."""
    score = _nfs_exact(age_years, bmi_kg_m2, ifg_or_diabetes, ast_U_L, alt_U_L, platelets_1e9_L, albumin_g_dL)
    low, high = (_exact(c) for c in score_cutoffs("NFS", age_years))
    return _band(score, low, high)


# --- MASLD and MetALD ---------------------------------------------------------------------------


def cardiometabolic_criteria(sex: str, *, bmi_kg_m2=None, waist_cm=None, asian: bool = False,
                             fasting_glucose_mg_dL=None, two_hour_glucose_mg_dL=None, hba1c_percent=None,
                             type2_diabetes: bool = False,
                             systolic_mmHg=None, diastolic_mmHg=None, bp_treatment: bool = False,
                             triglycerides_mg_dL=None, hdl_mg_dL=None, lipid_treatment: bool = False,
                             ) -> tuple[str, ...]:
    """The adult cardiometabolic criteria of MASLD that are met [@rinella2023]; None = not measured.

    1 adiposity (BMI >= 25, >= 23 in Asian people, or waist > 94 cm men / > 80 cm women);
    2 dysglycaemia (fasting glucose >= 100 mg/dL, 2-hour glucose >= 140 mg/dL, HbA1c >= 5.7 %, or type 2
    diabetes or its treatment);
    3 blood pressure >= 130/85 mmHg or treatment; 4 triglycerides >= 150 mg/dL or treatment;
    5 HDL <= 40 mg/dL (men) / <= 50 mg/dL (women) or treatment.
    """
    sex = check_choice(sex, "sex", SEXES)
    flags = {name: _flag(value, name) for name, value in (
        ("asian", asian), ("type2_diabetes", type2_diabetes), ("bp_treatment", bp_treatment),
        ("lipid_treatment", lipid_treatment))}

    def measured(value, name, unit, bounds, meaning):
        return None if value is None else check_quantity(value, name, unit, bounds, meaning=meaning)

    bmi = measured(bmi_kg_m2, "bmi_kg_m2", "kg/m2", BMI, "body-mass index")
    waist = measured(waist_cm, "waist_cm", "cm", WAIST_CM, "waist circumference")
    glucose = measured(fasting_glucose_mg_dL, "fasting_glucose_mg_dL", "mg/dL", GLUCOSE_MG_DL, "fasting glucose")
    glucose_2h = measured(two_hour_glucose_mg_dL, "two_hour_glucose_mg_dL", "mg/dL", GLUCOSE_MG_DL,
                          "2-hour post-load glucose")
    hba1c = measured(hba1c_percent, "hba1c_percent", "%", HBA1C, "HbA1c")
    sbp = measured(systolic_mmHg, "systolic_mmHg", "mmHg", BP_MMHG, "systolic blood pressure")
    dbp = measured(diastolic_mmHg, "diastolic_mmHg", "mmHg", BP_MMHG, "diastolic blood pressure")
    tg = measured(triglycerides_mg_dL, "triglycerides_mg_dL", "mg/dL", LIPID_MG_DL, "triglycerides")
    hdl = measured(hdl_mg_dL, "hdl_mg_dL", "mg/dL", LIPID_MG_DL, "HDL cholesterol")
    male = sex == "male"
    met = []
    bmi_cut = _p("masld_bmi_asian_kg_m2" if flags["asian"] else "masld_bmi_kg_m2")
    waist_cut = _p("masld_waist_men_cm" if male else "masld_waist_women_cm")
    if (bmi is not None and bmi >= bmi_cut) or (waist is not None and waist > waist_cut):
        met.append("adiposity")
    if flags["type2_diabetes"] or (glucose is not None and glucose >= _p("masld_glucose_mg_dL")) or (
            glucose_2h is not None and glucose_2h >= _p("masld_2h_glucose_mg_dL")) or (
            hba1c is not None and hba1c >= _p("masld_hba1c_percent")):
        met.append("dysglycaemia")
    if flags["bp_treatment"] or (sbp is not None and sbp >= _p("masld_systolic_mmHg")) or (
            dbp is not None and dbp >= _p("masld_diastolic_mmHg")):
        met.append("blood pressure")
    if flags["lipid_treatment"] or (tg is not None and tg >= _p("masld_triglycerides_mg_dL")):
        met.append("triglycerides")
    hdl_cut = _p("masld_hdl_men_mg_dL" if male else "masld_hdl_women_mg_dL")
    if flags["lipid_treatment"] or (hdl is not None and hdl <= hdl_cut):
        met.append("HDL cholesterol")
    return tuple(met)


def metald_band_g_week(sex: str) -> tuple[float, float]:
    """The MetALD alcohol band (low, high) in g/week: women 140-350, men 210-420 [@rinella2023]."""
    sex = check_choice(sex, "sex", SEXES)
    prefix = "metald_men" if sex == "male" else "metald_women"
    return _p(f"{prefix}_low_g_week"), _p(f"{prefix}_high_g_week")


def steatotic_liver_category(steatosis: bool, n_criteria: int, alcohol_g_week, sex: str) -> str:
    """Where a patient falls in the 2023 nomenclature [@rinella2023].

    ``steatosis`` is fat on imaging or histology; ``n_criteria`` the number of cardiometabolic
    criteria met (0-5); ``alcohol_g_week`` the usual intake in g/week. Other causes (drugs,
    viral hepatitis, monogenic disease) must be excluded separately. MetALD is inclusive at both
    ends of its band; above it, alcohol-related liver disease (ALD).
    """
    steatosis = _flag(steatosis, "steatosis")
    if isinstance(n_criteria, bool) or not isinstance(n_criteria, int | np.integer) or not 0 <= n_criteria <= 5:
        raise ValueError(
            f"n_criteria (cardiometabolic criteria met, count) must be an integer >= 0 and <= 5; got {n_criteria!r}"
        )
    alcohol = check_quantity(alcohol_g_week, "alcohol_g_week", "g/week", ALCOHOL_G_WEEK, meaning="alcohol intake")
    low, high = metald_band_g_week(sex)
    if not steatosis:
        return "no steatotic liver disease"
    if alcohol > high:
        return "ALD (alcohol-related liver disease)"
    if n_criteria == 0:
        if alcohol >= low:
            return "not MASLD: no cardiometabolic criterion; consider alcohol-related liver disease"
        return "cryptogenic SLD (no cardiometabolic criterion; look for other causes)"
    if alcohol >= low:
        return "MetALD (MASLD with increased alcohol intake)"
    return "MASLD"


# --- RUCAM (2016 update) ------------------------------------------------------------------------

RUCAM_ITEMS = ("1. Time to onset", "2. Course after stopping", "3. Risk factors", "4. Other drugs or herbs",
               "5. Alternative causes", "6. Previous hepatotoxicity", "7. Re-exposure")
TIMINGS = ("from start", "re-challenge", "after stopping")
COURSES = {
    "hepatocellular": {
        "ALT fell >= 50 % within 8 days": int(_p("rucam_item2_alt_half_within_8_days")),
        "ALT fell >= 50 % within 30 days": int(_p("rucam_item2_alt_half_within_30_days")),
        "not reported, or drug continued": int(_p("rucam_item2_alt_not_reported")),
        "ALT fell >= 50 % after day 30": int(_p("rucam_item2_alt_half_after_day_30")),
        "ALT fell < 50 % after day 30, or rose again": int(_p("rucam_item2_alt_slower_or_rose")),
    },
    "cholestatic or mixed": {
        "ALP/bilirubin fell >= 50 % within 180 days": int(_p("rucam_item2_alp_half_within_180_days")),
        "ALP/bilirubin fell < 50 % within 180 days": int(_p("rucam_item2_alp_less_within_180_days")),
        "not reported, persisted, rose, or drug continued": int(_p("rucam_item2_alp_not_reported_or_rose")),
    },
}
ALCOHOL = ("not reported", f"yes: > {_p('rucam_drinks_women_per_day'):g} drinks/day (women), "
           f"> {_p('rucam_drinks_men_per_day'):g} (men)", "no")
CONCOMITANT = {
    "none, or not reported": int(_p("rucam_item4_none")),
    "another agent, incompatible timing": int(_p("rucam_item4_incompatible_timing")),
    "another agent, compatible timing": int(_p("rucam_item4_compatible_timing")),
    "a known hepatotoxin, compatible timing": int(_p("rucam_item4_known_hepatotoxin")),
    "another agent with evidence for its role": int(_p("rucam_item4_evidence_for_role")),
}
GROUP_I = (
    "hepatitis A (anti-HAV IgM)",
    "hepatitis B (HBsAg, anti-HBc IgM, HBV DNA)",
    "hepatitis C (anti-HCV, HCV RNA)",
    "hepatitis E (anti-HEV IgM/IgG, HEV RNA)",
    "hepatobiliary imaging (sonography, Doppler, CT, MRC)",
    f"alcoholism (AST/ALT >= {_p('rucam_item5_alcoholism_ast_alt'):g})",
    "acute recent hypotension",
)
GROUP_II = (
    "complications of an underlying disease (sepsis, metastatic malignancy, autoimmune hepatitis, "
    "chronic hepatitis B or C, PBC or PSC, genetic liver disease)",
    "CMV infection (PCR, titre change)",
    "EBV infection (PCR, titre change)",
    "HSV infection (PCR, titre change)",
    "VZV infection (PCR, titre change)",
)
PREVIOUS_HEPATOTOXICITY = {
    "reaction labelled in the product characteristics": int(_p("rucam_item6_labelled")),
    "reaction published but unlabelled": int(_p("rucam_item6_published")),
    "reaction unknown": int(_p("rucam_item6_unknown")),
}
REEXPOSURE_NOT_DONE = "not done, not reported, or other"


def _reexposure_options() -> dict[str, dict[str, int]]:
    """Item 7's answers and points on each scale, from the table."""
    positive, first, below, other = (int(_p(f"rucam_item7_{name}")) for name in (
        "positive_alone", "doubling_with_first_agents", "rise_below_uln", "not_done"))
    alt, alp = _p("rucam_item7_alt_before_xuln"), _p("rucam_item7_alp_before_xuln")
    return {
        "hepatocellular": {
            f"ALT doubled with the drug/herb alone (ALT < {alt:g} x ULN before)": positive,
            "ALT doubled with the drugs/herbs already given at the first reaction": first,
            REEXPOSURE_NOT_DONE: other,
            "ALT rose but stayed below ULN, same conditions as the first exposure": below,
        },
        "cholestatic or mixed": {
            f"ALP (or bilirubin) doubled with the drug/herb alone (ALP < {alp:g} x ULN before)": positive,
            "ALP (or bilirubin) doubled with the drugs/herbs already given at the first reaction": first,
            REEXPOSURE_NOT_DONE: other,
            "ALP (or bilirubin) rose but stayed below ULN, same conditions as the first exposure": below,
        },
    }


REEXPOSURE = _reexposure_options()


@dataclass(frozen=True)
class RucamItem:
    """One scored RUCAM item: its number and name, the answer, the points and the reason."""

    item: str
    answer: str
    points: int
    reason: str


@dataclass(frozen=True)
class RucamResult:
    """The seven RUCAM items with their total and causality band."""

    scale: str
    items: tuple[RucamItem, ...]
    total: int
    band: str


def rucam_band(total) -> str:
    """RUCAM causality category: <= 0 excluded, 1-2 unlikely, 3-5 possible, 6-8 probable,
    >= 9 highly probable [@danan2016]."""
    total = _exact(check_quantity(total, "total", "points", RUCAM_POINTS, meaning="RUCAM total score"))
    if total >= _cut("rucam_highly_probable_min"):
        return "highly probable"
    if total >= _cut("rucam_probable_min"):
        return "probable"
    if total >= _cut("rucam_possible_min"):
        return "possible"
    if total >= _cut("rucam_unlikely_min"):
        return "unlikely"
    return "excluded"


def rucam_time_to_onset(scale: str, timing: str, days) -> RucamItem:
    """RUCAM item 1 (time to onset), points and reason.

    ``timing`` is 'from start' (days from the first dose), 're-challenge' (days from the start of
    a second exposure) or 'after stopping' (days from the last dose). Hepatocellular: 5-90 days
    +2, < 5 or > 90 days +1 (re-challenge 1-15 days +2, > 15 days +1). Cholestatic or mixed: the
    same, but re-challenge 1-90 days +2, > 90 days +1. Onset after stopping: within 15 days
    (hepatocellular) or within 30 days (cholestatic or mixed) +1 [@danan2016].
    """
    scale = check_choice(scale, "scale", SCALES)
    timing = check_choice(timing, "timing", TIMINGS)
    d = check_quantity(days, "days", "days", LATENCY_DAYS, meaning="time to onset")
    name = RUCAM_ITEMS[0]
    suggestive, compatible = int(_p("rucam_item1_suggestive")), int(_p("rucam_item1_compatible"))
    if timing == "after stopping":
        answer = f"{d:g} days after stopping"
        window = int(_p("rucam_item1_after_stopping_days_hepatocellular" if scale == "hepatocellular"
                        else "rucam_item1_after_stopping_days_cholestatic"))
        if d <= window:
            points = int(_p("rucam_item1_after_stopping"))
            return RucamItem(name, answer, points, f"onset within {window} days of stopping ({scale} scale): "
                                                   f"{points:+d}")
        return RucamItem(name, answer, int(_p("rucam_item1_after_stopping_late")),
                         f"onset more than {window} days after stopping ({scale} scale) earns no points here "
                         "(slowly metabolised agents are an exception in the method)")
    if timing == "re-challenge":
        answer, top = f"{d:g} days after re-challenge", 15 if scale == "hepatocellular" else 90
        if 1 <= d <= top:
            return RucamItem(name, answer, suggestive, f"re-challenge onset 1-{top} days: {suggestive:+d}")
        return RucamItem(name, answer, compatible, f"re-challenge onset outside 1-{top} days: {compatible:+d}")
    answer = f"{d:g} days from start"
    if 5 <= d <= 90:
        return RucamItem(name, answer, suggestive, f"onset 5-90 days after starting: {suggestive:+d}")
    return RucamItem(name, answer, compatible, f"onset < 5 or > 90 days after starting: {compatible:+d}")


def rucam_course(scale: str, course: str) -> RucamItem:
    """RUCAM item 2: course of ALT (hepatocellular) or ALP/bilirubin (cholestatic or mixed) after
    stopping, as the fall of (peak - ULN). 'Not reported' scores 0, as RUCAM scores missing
    information."""
    scale = check_choice(scale, "scale", SCALES)
    return _chosen_answer(1, course, COURSES[scale], f"course ({scale} scale)")


def _chosen_answer(index: int, answer: str, options: dict, name: str) -> RucamItem:
    """RUCAM item ``index + 1`` scored by choosing one of ``options`` (answer -> points), with the
    reason; an answer of 'not reported' scores 0, as RUCAM scores missing information."""
    answer = check_choice(answer, name, options)
    points = options[answer]
    missing = "; RUCAM scores missing information as 0" if "not reported" in answer else ""
    return RucamItem(RUCAM_ITEMS[index], answer, points, f"{answer}: {points:+d}{missing}")


def rucam_risk_factors(scale: str, alcohol: str, age_years, pregnancy: bool = False) -> RucamItem:
    """RUCAM item 3: alcohol (> 2 drinks/day women, > 3 men) +1; age >= 55 years +1;
    pregnancy +1 (cholestatic or mixed scale only)."""
    scale = check_choice(scale, "scale", SCALES)
    alcohol = check_choice(alcohol, "alcohol", ALCOHOL)
    age = check_quantity(age_years, "age_years", "years", AGE_YEARS, meaning="age")
    pregnant = _flag(pregnancy, "pregnancy")
    for_alcohol, for_age, for_pregnancy = (int(_p(f"rucam_item3_{factor}"))
                                           for factor in ("alcohol", "age", "pregnancy"))
    older = _p("rucam_age_years")
    points, reasons = 0, []
    if alcohol == ALCOHOL[1]:
        points += for_alcohol
        reasons.append(f"alcohol above the limit {for_alcohol:+d}")
    else:
        reasons.append("alcohol " + ("not reported: 0 (missing information scores 0)" if alcohol == ALCOHOL[0]
                                     else "below the limit: 0"))
    if age >= older:
        points += for_age
        reasons.append(f"age {age:g} >= {older:g} {for_age:+d}")
    else:
        reasons.append(f"age {age:g} < {older:g}: 0")
    if pregnant and scale == "cholestatic or mixed":
        points += for_pregnancy
        reasons.append(f"pregnancy {for_pregnancy:+d}")
    elif pregnant:
        reasons.append("pregnancy scores only on the cholestatic or mixed scale: 0")
    return RucamItem(RUCAM_ITEMS[2], f"alcohol: {alcohol}; age {age:g}", points, "; ".join(reasons))


def rucam_concomitant(concomitant: str) -> RucamItem:
    """RUCAM item 4: other drugs or herbs (0, 0, -1, -2 or -3 points)."""
    return _chosen_answer(3, concomitant, CONCOMITANT, "concomitant")


def rucam_alternative_causes(group1_ruled_out, group2_ruled_out: bool,
                             alternative_highly_probable: bool = False) -> RucamItem:
    """RUCAM item 5: the search for alternative (non-drug) causes, the same on both scales.

    ``group1_ruled_out`` is how many of the 7 group I causes (:data:`GROUP_I`) were ruled out, a
    whole number from 0 to 7; ``group2_ruled_out`` whether all 5 group II causes (:data:`GROUP_II`)
    were. All causes of groups I and II ruled out +2; all of group I, not all of group II, +1; one
    or two group I causes not ruled out 0; three or more -2; an alternative cause highly probable
    -3, whatever else was ruled out. A cause that was not tested counts as not ruled out, so here,
    unlike in the other items, missing information costs points.
    """
    n_group1, n_group2 = len(GROUP_I), len(GROUP_II)
    ruled_out = check_count(group1_ruled_out, "group1_ruled_out", "count", Bounds(0, n_group1),
                            meaning=f"group I causes ruled out, of {n_group1}")
    group2 = _flag(group2_ruled_out, "group2_ruled_out")
    alternative = _flag(alternative_highly_probable, "alternative_highly_probable")
    answer = (f"group I: {ruled_out} of {n_group1} ruled out; group II: "
              f"{'all' if group2 else 'not all'} of {n_group2} ruled out")
    if alternative:
        points = int(_p("rucam_item5_alternative_probable"))
        return RucamItem(RUCAM_ITEMS[4], answer + "; an alternative cause highly probable", points,
                         f"an alternative cause is highly probable: {points:+d}, whatever else was ruled out")
    still_open = n_group1 - ruled_out
    penalised = int(_p("rucam_item5_group1_open_penalised"))
    if still_open == 0 and group2:
        points = int(_p("rucam_item5_all_ruled_out"))
        reason = f"all {n_group1} group I and all {n_group2} group II causes reasonably ruled out: {points:+d}"
    elif still_open == 0:
        points = int(_p("rucam_item5_group1_ruled_out"))
        reason = f"all {n_group1} group I causes ruled out, but not all of group II: {points:+d}"
    else:
        few = still_open < penalised
        points = int(_p("rucam_item5_group1_few_open" if few else "rucam_item5_group1_many_open"))
        reason = (f"{still_open} of {n_group1} group I causes not ruled out "
                  f"({'fewer than' if few else 'at least'} {penalised}): {points:+d}; a cause that was not tested "
                  "counts as not ruled out, so missing tests cost points here")
        if group2:
            reason += "; group II counts only once all of group I is ruled out"
    return RucamItem(RUCAM_ITEMS[4], answer, points, reason)


def rucam_previous_hepatotoxicity(previous_hepatotoxicity: str) -> RucamItem:
    """RUCAM item 6: what was known of the product's liver toxicity, the same on both scales:
    labelled in the product characteristics +2; published but unlabelled +1; unknown 0. A herbal
    product sold without approved product information, such as kratom, can at most be
    'published but unlabelled'."""
    return _chosen_answer(5, previous_hepatotoxicity, PREVIOUS_HEPATOTOXICITY, "previous_hepatotoxicity")


def rucam_reexposure(scale: str, reexposure: str) -> RucamItem:
    """RUCAM item 7: response to an unintentional re-exposure (see :data:`REEXPOSURE`).

    Hepatocellular: ALT at least doubles with the drug or herb alone, having been below 5 x ULN
    before, +3. Cholestatic or mixed: ALP (or bilirubin) at least doubles with it alone, ALP having
    been below 2 x ULN before, +3. Doubling with the agents already given at the first reaction
    +1; a rise that stays below ULN in the same conditions as the first exposure -2; anything else,
    including no re-exposure or none reported, 0.
    """
    scale = check_choice(scale, "scale", SCALES)
    return _chosen_answer(6, reexposure, REEXPOSURE[scale], f"reexposure ({scale} scale)")


def rucam(pattern: str, timing: str, days, course: str, alcohol: str, age_years, pregnancy: bool,
          concomitant: str, group1_ruled_out, group2_ruled_out: bool, alternative_highly_probable: bool,
          previous_hepatotoxicity: str, reexposure: str) -> RucamResult:
    """Score all seven RUCAM items for one case and suspect agent, and band the total.

    ``pattern`` (from the R ratio) picks the scale; see the item functions for the rules:
    :func:`rucam_time_to_onset`, :func:`rucam_course`, :func:`rucam_risk_factors`,
    :func:`rucam_concomitant`, :func:`rucam_alternative_causes`, :func:`rucam_previous_hepatotoxicity`
    and :func:`rucam_reexposure`.
    """
    scale = rucam_scale(pattern)
    items = (
        rucam_time_to_onset(scale, timing, days),
        rucam_course(scale, course),
        rucam_risk_factors(scale, alcohol, age_years, pregnancy),
        rucam_concomitant(concomitant),
        rucam_alternative_causes(group1_ruled_out, group2_ruled_out, alternative_highly_probable),
        rucam_previous_hepatotoxicity(previous_hepatotoxicity),
        rucam_reexposure(scale, reexposure),
    )
    total = sum(item.points for item in items)
    return RucamResult(scale, items, total, rucam_band(total))


# --- Worked cases ------------------------------------------------------------------------------


def worked_cases() -> pd.DataFrame:
    """The lesson's cases: two published kratom cases (LiverTox) and one illustrative MASLD patient."""
    return load_table("liver_cases")


def case(name: str) -> dict:
    """One worked case as a dict; missing values (not reported) are None."""
    table = worked_cases()
    name = check_choice(name, "case name", list(table["case"]))
    row = table[table["case"] == name].iloc[0].to_dict()
    return {key: (None if isinstance(value, float) and math.isnan(value) else value) for key, value in row.items()}


def case_summary(name: str) -> dict:
    """R ratio, pattern, DILI criteria and Hy's law for a worked case, from its own lab's ULNs."""
    c = case(name)
    alt_x = times_uln(c["alt_U_L"], c["alt_uln_U_L"], "alt_U_L", "alt_uln_U_L")
    alp_x = times_uln(c["alp_U_L"], c["alp_uln_U_L"], "alp_U_L", "alp_uln_U_L")
    bili_x = bilirubin_mg_dL(c["bilirubin_mg_dL"]) / check_quantity(
        c["bilirubin_uln_mg_dL"], "bilirubin_uln_mg_dL", "mg/dL", BILIRUBIN_ULN_MG_DL)
    r = r_ratio(c["alt_U_L"], c["alp_U_L"], c["alt_uln_U_L"], c["alp_uln_U_L"])
    exact = {"alt_xuln": _exact_ratio(c["alt_U_L"], c["alt_uln_U_L"], "alt_U_L", "alt_uln_U_L"),
             "alp_xuln": _exact_ratio(c["alp_U_L"], c["alp_uln_U_L"], "alp_U_L", "alp_uln_U_L"),
             "bilirubin_xuln": _exact(c["bilirubin_mg_dL"]) / _exact(c["bilirubin_uln_mg_dL"])}
    return {
        "case": name, "latency_days": c["latency_days"], "alt_xuln": alt_x, "alp_xuln": alp_x,
        "bilirubin_xuln": bili_x, "r_ratio": r,
        "pattern": injury_pattern_from_labs(c["alt_U_L"], c["alp_U_L"], c["alt_uln_U_L"], c["alp_uln_U_L"]),
        "dili": dili_criteria(**exact).met, "hys_law_biochemical": hys_law(**exact).met,
    }


def case_table(names=("livertox_6972", "livertox_8332")) -> pd.DataFrame:
    """:func:`case_summary` of several worked cases as a table, rounded for reading."""
    names = check_choices(names, "names", list(worked_cases()["case"]))
    if not names:
        raise ValueError("names (worked cases) must name at least one case")
    rows = [case_summary(name) for name in names]
    return pd.DataFrame(rows).set_index("case").round(2)


def rucam_case_answers(name: str) -> dict:
    """The answers to all seven RUCAM items for a published worked case, as keyword arguments of
    :func:`rucam`.

    Pattern (from the R ratio), time to onset and age come from the case (``liver_cases.csv``); the
    other answers from its LiverTox summary, as the note of its row in ``liver_case_rucam.csv``
    explains fact by fact, with the judgement calls and what the other reading would score. Facts the
    summary does not give get RUCAM's answer for missing information.
    """
    table = load_table("liver_case_rucam")
    name = check_choice(name, "case name", list(table["case"]))
    row = table[table["case"] == name].iloc[0]
    c = case(name)
    return {
        "pattern": case_summary(name)["pattern"], "timing": str(row["timing"]), "days": int(c["latency_days"]),
        "course": str(row["course"]), "alcohol": str(row["alcohol"]), "age_years": int(c["age_years"]),
        "pregnancy": bool(row["pregnancy"]), "concomitant": str(row["concomitant"]),
        "group1_ruled_out": int(row["group1_ruled_out"]), "group2_ruled_out": bool(row["group2_ruled_out"]),
        "alternative_highly_probable": bool(row["alternative_highly_probable"]),
        "previous_hepatotoxicity": str(row["previous_hepatotoxicity"]), "reexposure": str(row["reexposure"]),
    }


# --- States the apps draw ----------------------------------------------------------------------


@dataclass(frozen=True)
class LabState:
    """One patient's liver tests as multiples of ULN, with pattern, DILI verdicts and FIB-4."""

    alt_xuln: float
    alp_xuln: float
    ast_xuln: float
    bilirubin_mg_dL: float
    bilirubin_umol_L: float
    bilirubin_xuln: float
    r_ratio: float
    pattern: str
    dili: Verdict
    hys: Verdict
    fib4: float
    fib4_band: str
    fib4_cutoffs: tuple[float, float]
    age_years: float


def lab_state(alt_U_L, ast_U_L, alp_U_L, bilirubin, bilirubin_unit, platelets_1e9_L, age_years,
              alt_uln_U_L, ast_uln_U_L, alp_uln_U_L, bilirubin_uln) -> LabState:
    """Everything the lab-value explorer shows. Enzymes and their ULNs in U/L; ``bilirubin`` and
    ``bilirubin_uln`` in ``bilirubin_unit`` ('mg/dL' or 'umol/L'); platelets in 10^9/L; age in years."""
    unit = check_choice(bilirubin_unit, "bilirubin_unit", BILIRUBIN_UNITS)
    bili = bilirubin_mg_dL(bilirubin, unit)
    factor = 1.0 if unit == "mg/dL" else umol_per_L_per_mg_dL()
    uln_limits = Bounds(BILIRUBIN_ULN_MG_DL.low * round(factor, 1), BILIRUBIN_ULN_MG_DL.high * round(factor, 1))
    bili_uln = check_quantity(bilirubin_uln, "bilirubin_uln", unit, uln_limits,
                              meaning="bilirubin upper limit of normal") / factor
    alt_x = times_uln(alt_U_L, alt_uln_U_L, "alt_U_L", "alt_uln_U_L")
    alp_x = times_uln(alp_U_L, alp_uln_U_L, "alp_U_L", "alp_uln_U_L")
    ast_x = times_uln(ast_U_L, ast_uln_U_L, "ast_U_L", "ast_uln_U_L")
    bili_x = bili / bili_uln
    r = r_ratio(alt_U_L, alp_U_L, alt_uln_U_L, alp_uln_U_L)
    score = fib4(age_years, ast_U_L, alt_U_L, platelets_1e9_L)
    # Categories from exact ratios of the values as entered (bilirubin in its own unit, so the
    # unit conversion cannot move a value across a cut-off).
    exact = {"alt_xuln": _exact_ratio(alt_U_L, alt_uln_U_L, "alt_U_L", "alt_uln_U_L"),
             "alp_xuln": _exact_ratio(alp_U_L, alp_uln_U_L, "alp_U_L", "alp_uln_U_L"),
             "bilirubin_xuln": _exact(bilirubin) / _exact(bilirubin_uln)}
    ast_exact = _exact_ratio(ast_U_L, ast_uln_U_L, "ast_U_L", "ast_uln_U_L")
    return LabState(
        alt_xuln=alt_x, alp_xuln=alp_x, ast_xuln=ast_x, bilirubin_mg_dL=bili,
        bilirubin_umol_L=bili * umol_per_L_per_mg_dL(), bilirubin_xuln=bili_x, r_ratio=r,
        pattern=injury_pattern_from_labs(alt_U_L, alp_U_L, alt_uln_U_L, alp_uln_U_L), dili=dili_criteria(**exact),
        hys=hys_law(**exact, ast_xuln=ast_exact), fib4=score,
        fib4_band=fib4_band_from_labs(age_years, ast_U_L, alt_U_L, platelets_1e9_L),
        fib4_cutoffs=score_cutoffs("FIB-4", age_years), age_years=float(age_years),
    )


@dataclass(frozen=True)
class FibrosisState:
    """FIB-4 and NFS with their bands and cut-offs, and the MASLD category."""

    age_years: float
    fib4: float
    fib4_band: str
    fib4_cutoffs: tuple[float, float]
    nfs: float
    nfs_band: str
    nfs_cutoffs: tuple[float, float]
    criteria: tuple[str, ...]
    category: str


def fibrosis_state(ast_U_L, alt_U_L, age_years, platelets_1e9_L, bmi_kg_m2, albumin_g_dL, diabetes: bool,
                   steatosis: bool, alcohol_g_week, sex: str) -> FibrosisState:
    """Both fibrosis scores for one patient, and the 2023 steatotic-liver category from BMI,
    diabetes, steatosis and alcohol (other cardiometabolic criteria are not entered here)."""
    f4 = fib4(age_years, ast_U_L, alt_U_L, platelets_1e9_L)
    score = nafld_fibrosis_score(age_years, bmi_kg_m2, diabetes, ast_U_L, alt_U_L, platelets_1e9_L, albumin_g_dL)
    criteria = cardiometabolic_criteria(sex, bmi_kg_m2=bmi_kg_m2, type2_diabetes=diabetes)
    return FibrosisState(
        age_years=float(age_years), fib4=f4,
        fib4_band=fib4_band_from_labs(age_years, ast_U_L, alt_U_L, platelets_1e9_L),
        fib4_cutoffs=score_cutoffs("FIB-4", age_years), nfs=score,
        nfs_band=nfs_band_from_labs(age_years, bmi_kg_m2, diabetes, ast_U_L, alt_U_L, platelets_1e9_L, albumin_g_dL),
        nfs_cutoffs=score_cutoffs("NFS", age_years), criteria=criteria,
        category=steatotic_liver_category(steatosis, len(criteria), alcohol_g_week, sex),
    )
