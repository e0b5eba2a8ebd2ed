"""Property tests of lesson 04: bad input to every public function of teach.liver.model is refused
with a message naming the parameter, its unit and the valid range; valid input never gives NaN."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teach.liver import model

# Each public function with valid arguments; then, per argument, the unit its error must name.
VALID = {
    model.bilirubin_mg_dL: {"bilirubin": 2.0, "unit": "mg/dL"},
    model.bilirubin_umol_L: {"bilirubin_mg_dL_value": 1.0},
    model.times_uln: {"value_U_L": 50.0, "uln_U_L": 40.0},
    model.r_ratio: {"alt_U_L": 272.0, "alp_U_L": 428.0, "alt_uln_U_L": 40.0, "alp_uln_U_L": 130.0},
    model.injury_pattern: {"r": 3.0},
    model.dili_criteria: {"alt_xuln": 6.0, "alp_xuln": 1.0, "bilirubin_xuln": 1.0},
    model.dili_severity: {"criteria_met": True, "bilirubin_xuln": 3.0, "inr": 1.2},
    model.hys_law: {"alt_xuln": 4.0, "alp_xuln": 1.0, "bilirubin_xuln": 3.0, "ast_xuln": 2.0},
    model.fib4: {"age_years": 50.0, "ast_U_L": 40.0, "alt_U_L": 30.0, "platelets_1e9_L": 200.0},
    model.nafld_fibrosis_score: {"age_years": 50.0, "bmi_kg_m2": 30.0, "ifg_or_diabetes": True, "ast_U_L": 40.0,
                                 "alt_U_L": 30.0, "platelets_1e9_L": 200.0, "albumin_g_dL": 4.0},
    model.score_cutoffs: {"score": "FIB-4", "age_years": 50.0},
    model.fibrosis_band: {"score": "NFS", "value": 0.0, "age_years": 50.0},
    model.cardiometabolic_criteria: {"sex": "male", "bmi_kg_m2": 30.0, "waist_cm": 100.0,
                                     "fasting_glucose_mg_dL": 90.0, "two_hour_glucose_mg_dL": 120.0,
                                     "hba1c_percent": 5.0, "systolic_mmHg": 120.0,
                                     "diastolic_mmHg": 80.0, "triglycerides_mg_dL": 100.0, "hdl_mg_dL": 50.0},
    model.steatotic_liver_category: {"steatosis": True, "n_criteria": 2, "alcohol_g_week": 100.0, "sex": "female"},
    model.rucam_band: {"total": 4},
    model.rucam_time_to_onset: {"scale": "hepatocellular", "timing": "from start", "days": 20.0},
    model.rucam_risk_factors: {"scale": "hepatocellular", "alcohol": "no", "age_years": 40.0, "pregnancy": False},
    model.rucam_alternative_causes: {"group1_ruled_out": 6, "group2_ruled_out": False,
                                     "alternative_highly_probable": False},
    model.rucam_previous_hepatotoxicity: {"previous_hepatotoxicity": "reaction published but unlabelled"},
    model.rucam_reexposure: {"scale": "cholestatic or mixed", "reexposure": model.REEXPOSURE_NOT_DONE},
    model.rucam: {"pattern": "mixed", "timing": "from start", "days": 23.0,
                  "course": "not reported, persisted, rose, or drug continued", "alcohol": "not reported",
                  "age_years": 29.0, "pregnancy": False, "concomitant": "none, or not reported",
                  "group1_ruled_out": 6, "group2_ruled_out": False, "alternative_highly_probable": False,
                  "previous_hepatotoxicity": "reaction published but unlabelled",
                  "reexposure": model.REEXPOSURE_NOT_DONE},
    model.lab_state: {"alt_U_L": 272.0, "ast_U_L": 48.0, "alp_U_L": 428.0, "bilirubin": 22.4,
                      "bilirubin_unit": "mg/dL", "platelets_1e9_L": 250.0, "age_years": 29.0, "alt_uln_U_L": 40.0,
                      "ast_uln_U_L": 48.0, "alp_uln_U_L": 130.0, "bilirubin_uln": 1.2},
    model.fibrosis_state: {"age_years": 58.0, "ast_U_L": 38.0, "alt_U_L": 42.0, "platelets_1e9_L": 190.0,
                           "bmi_kg_m2": 34.0, "albumin_g_dL": 4.1, "diabetes": True, "steatosis": True,
                           "alcohol_g_week": 0.0, "sex": "female"},
}
UNITS = {
    "value": "dimensionless", "bilirubin_mg_dL_value": "mg/dL", "bilirubin": "mg/dL", "bilirubin_uln": "mg/dL",
    "value_U_L": "U/L", "uln_U_L": "U/L", "alt_U_L": "U/L", "alp_U_L": "U/L", "ast_U_L": "U/L",
    "alt_uln_U_L": "U/L", "alp_uln_U_L": "U/L", "ast_uln_U_L": "U/L",
    "r": "dimensionless", "inr": "dimensionless", "alt_xuln": "x ULN", "alp_xuln": "x ULN",
    "bilirubin_xuln": "x ULN", "ast_xuln": "x ULN", "age_years": "years", "platelets_1e9_L": "10^9/L",
    "bmi_kg_m2": "kg/m2", "albumin_g_dL": "g/dL", "waist_cm": "cm", "fasting_glucose_mg_dL": "mg/dL",
    "two_hour_glucose_mg_dL": "mg/dL",
    "hba1c_percent": "%", "systolic_mmHg": "mmHg", "diastolic_mmHg": "mmHg", "triglycerides_mg_dL": "mg/dL",
    "hdl_mg_dL": "mg/dL", "n_criteria": "count", "alcohol_g_week": "g/week", "total": "points", "days": "days",
    "group1_ruled_out": "count",
}
CHOICES = {"unit", "score", "sex", "scale", "timing", "alcohol", "pattern", "course", "concomitant", "bilirubin_unit",
           "previous_hepatotoxicity", "reexposure"}
FLAGS = {"criteria_met", "ifg_or_diabetes", "steatosis", "pregnancy", "diabetes", "group2_ruled_out",
         "alternative_highly_probable"}
OPTIONAL = {"inr", "ast_xuln", "bmi_kg_m2", "waist_cm", "fasting_glucose_mg_dL", "two_hour_glucose_mg_dL",
            "hba1c_percent", "systolic_mmHg",
            "diastolic_mmHg", "triglycerides_mg_dL", "hdl_mg_dL"}
SIGNED = {"value", "total"}  # scores may be negative

CASES = [(f, n) for f, kwargs in VALID.items() for n in kwargs if n not in CHOICES | FLAGS]
BAD_VALUES = st.one_of(
    st.floats(max_value=-1e-9, allow_nan=False),  # negative
    st.just(math.nan), st.just(math.inf), st.just(-math.inf),
    st.floats(min_value=2e7, allow_infinity=False),  # beyond every upper bound
    st.sampled_from(["ten", None, True, [1, [2]], {}]),
)
BAD_SIGNED = st.one_of(
    st.floats(max_value=-200, allow_nan=False), st.floats(min_value=2e7, allow_infinity=False),
    st.just(math.nan), st.just(math.inf), st.sampled_from(["ten", None, True, {}]),
)


def _ids(case):
    func, name = case
    return f"{func.__name__}-{name}"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_bad_input_names_parameter_unit_and_range(case, data):
    func, name = case
    if name in SIGNED and func in (model.fibrosis_band, model.rucam_band):
        bad = data.draw(BAD_SIGNED)
    else:
        bad = data.draw(BAD_VALUES)
    if bad is None and name in OPTIONAL:
        return  # None means "not measured" for these
    kwargs = dict(VALID[func], **{name: bad})
    with pytest.raises(ValueError) as excinfo:
        func(**kwargs)
    message = str(excinfo.value)
    assert name in message
    assert UNITS[name] in message
    assert "must be" in message and any(op in message for op in (">=", ">", "<="))


@pytest.mark.parametrize("case", [(f, n) for f, kwargs in VALID.items() for n in kwargs if n in CHOICES],
                         ids=lambda c: f"{c[0].__name__}-{c[1]}")
def test_unknown_choice_lists_the_options(case):
    func, name = case
    with pytest.raises(ValueError, match=r"must be one of"):
        func(**dict(VALID[func], **{name: "nonsense"}))


@pytest.mark.parametrize("case", [(f, n) for f, kwargs in VALID.items() for n in kwargs if n in FLAGS],
                         ids=lambda c: f"{c[0].__name__}-{c[1]}")
def test_flags_must_be_true_or_false(case):
    func, name = case
    with pytest.raises(ValueError, match=rf"{name} must be True or False"):
        func(**dict(VALID[func], **{name: "yes"}))


def test_functions_without_numbers_refuse_unknown_names():
    for call in (lambda: model.healthy_alt_threshold_U_L("m"), lambda: model.metald_band_g_week("x"),
                 lambda: model.case("patient zero"), lambda: model.case_summary("x"),
                 lambda: model.rucam_course("hepatocellular", "better"), lambda: model.rucam_concomitant("?"),
                 lambda: model.case_table(["x"])):
        with pytest.raises(ValueError, match="must be one of"):
            call()


enzyme = st.floats(min_value=model.ENZYME_U_L.low, max_value=model.ENZYME_U_L.high)  # the whole valid range
uln = st.floats(min_value=model.ULN_U_L.low, max_value=model.ULN_U_L.high)
adult = st.floats(min_value=18, max_value=120)
platelets = st.floats(min_value=model.PLATELETS.low, max_value=model.PLATELETS.high)


@settings(max_examples=200, deadline=None)
@given(alt=enzyme, alp=enzyme, ast=enzyme, alt_uln=uln, alp_uln=uln, age=adult, plt=platelets,
       bmi=st.floats(10, 100), alb=st.floats(model.ALBUMIN_G_DL.low, model.ALBUMIN_G_DL.high), ifg=st.booleans())
def test_valid_input_never_gives_nan(alt, alp, ast, alt_uln, alp_uln, age, plt, bmi, alb, ifg):
    r = model.r_ratio(alt, alp, alt_uln, alp_uln)
    assert math.isfinite(r) and r > 0
    assert model.injury_pattern(min(r, 1e6)) in model.PATTERNS
    f4 = model.fib4(age, ast, alt, plt)
    nfs = model.nafld_fibrosis_score(age, bmi, ifg, ast, alt, plt, alb)
    assert math.isfinite(f4) and math.isfinite(nfs)


@settings(max_examples=100, deadline=None)
@given(alt=st.floats(5, 10_000), alp=st.floats(20, 5_000), bili=st.floats(0.1, 40), plt=st.floats(20, 600),
       age=st.integers(18, 90), unit=st.sampled_from(model.BILIRUBIN_UNITS))
def test_lab_state_is_finite_for_valid_input(alt, alp, bili, plt, age, unit):
    factor = 1 if unit == "mg/dL" else model.umol_per_L_per_mg_dL()
    state = model.lab_state(alt, 40, alp, bili * factor, unit, plt, age, 33, 48, 115, 1.0 * factor)
    assert state.bilirubin_mg_dL == pytest.approx(bili)
    for value in (state.r_ratio, state.fib4, state.alt_xuln, state.bilirubin_xuln):
        assert math.isfinite(value)


@settings(max_examples=100, deadline=None)
@given(bad=st.one_of(st.integers(min_value=8, max_value=10**9), st.integers(max_value=-1),
                     st.floats(min_value=0, max_value=7, allow_nan=False).filter(lambda x: not x.is_integer())))
def test_group1_count_outside_0_to_7_or_not_whole_is_refused(bad):
    with pytest.raises(ValueError, match=r"group1_ruled_out \(group I causes ruled out, of 7, count\) must be a "
                                         r"(finite|whole) number >= 0 and <= 7"):
        model.rucam_alternative_causes(bad, False)


ANSWERS_5_TO_7 = dict(
    group1=st.integers(0, 7), group2=st.booleans(), alternative=st.booleans(),
    previous=st.sampled_from(list(model.PREVIOUS_HEPATOTOXICITY)),
)


@settings(max_examples=200, deadline=None)
@given(days=st.floats(0, 3650), age=st.floats(0, 120), pattern=st.sampled_from(model.PATTERNS),
       timing=st.sampled_from(model.TIMINGS), concomitant=st.sampled_from(list(model.CONCOMITANT)),
       alcohol=st.sampled_from(model.ALCOHOL), pregnancy=st.booleans(), data=st.data(), **ANSWERS_5_TO_7)
def test_rucam_total_is_the_sum_of_seven_items_within_their_ranges(
        days, age, pattern, timing, concomitant, alcohol, pregnancy, data, group1, group2, alternative, previous):
    scale = model.rucam_scale(pattern)
    course = data.draw(st.sampled_from(list(model.COURSES[scale])))
    reexposure = data.draw(st.sampled_from(list(model.REEXPOSURE[scale])))
    result = model.rucam(pattern, timing, days, course, alcohol, age, pregnancy, concomitant, group1, group2,
                         alternative, previous, reexposure)
    assert len(result.items) == 7 and result.total == sum(item.points for item in result.items)
    lows, highs = (0, -2, 0, -3, -3, 0, -2), (2, 3, 3, 0, 2, 2, 3)
    for item, low, high in zip(result.items, lows, highs, strict=True):
        assert low <= item.points <= high and item.reason
    assert result.band == model.rucam_band(result.total)


@settings(max_examples=100, deadline=None)
@given(group1=st.integers(0, 6), group2=st.booleans())
def test_ruling_out_one_more_cause_never_lowers_item_5(group1, group2):
    before = model.rucam_alternative_causes(group1, group2).points
    assert model.rucam_alternative_causes(group1 + 1, group2).points >= before
    assert model.rucam_alternative_causes(group1, group2, True).points <= before


def test_an_unknown_worked_case_lists_the_cases():
    with pytest.raises(ValueError, match="case name must be one of livertox_6972, livertox_8332"):
        model.rucam_case_answers("livertox_0000")
