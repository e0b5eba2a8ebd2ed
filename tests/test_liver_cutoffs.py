"""Every category that depends on a cut-off, checked exhaustively over integer lab values.

For each rule the expected category is computed here in integer arithmetic only (cross-multiplied,
never divided), and the model must agree for every integer value pair next to and at each cut-off,
whatever floating-point rounding would do. Each loop also counts the pairs that land exactly on a
cut-off, so a loop that never reaches one fails instead of passing vacuously.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from teach.liver import model

ALT_ULNS = range(7, 61)  # every integer ALT upper limit in use (U/L)
ALP_ULNS = (104, 115, 129, 130)  # U/L
BILIRUBIN_ULNS_UMOL = range(5, 41)  # umol/L


def _near(numerator: int, denominator: int) -> set[int]:
    """The integers next to and at numerator/denominator (both sides), at least 1."""
    low = numerator // denominator
    return {v for v in (low - 1, low, low + 1, low + 2) if v >= 1}


def _expected_pattern(alt, alp, alt_uln, alp_uln) -> str:
    # R = (alt/alt_uln)/(alp/alp_uln); R >= 5 <=> alt*alp_uln >= 5*alt_uln*alp (all positive)
    left, right = alt * alp_uln, alt_uln * alp
    if left >= 5 * right:
        return "hepatocellular"
    if left <= 2 * right:
        return "cholestatic"
    return "mixed"


def test_r_ratio_pattern_is_exact_for_every_integer_pair_near_each_cutoff():
    exactly_at, float_would_err = 0, 0
    for alt_uln in ALT_ULNS:
        for alp_uln in ALP_ULNS:
            for alp in range(40, 401, 29):
                for cut in (5, 2):
                    for alt in _near(cut * alt_uln * alp, alp_uln):
                        expected = _expected_pattern(alt, alp, alt_uln, alp_uln)
                        assert model.injury_pattern_from_labs(alt, alp, alt_uln, alp_uln) == expected, (
                            alt, alp, alt_uln, alp_uln)
                        exactly_at += alt * alp_uln == cut * alt_uln * alp
                        naive = model.r_ratio(alt, alp, alt_uln, alp_uln)
                        float_would_err += (naive >= 5) != (expected == "hepatocellular") or (
                            naive <= 2) != (expected == "cholestatic")
    assert exactly_at > 100
    # Documents why the exact path exists: dividing in floats misclassifies some of these pairs.
    assert float_would_err > 0


def _lab(alt=40, alp=100, bilirubin=10, unit="umol/L", alt_uln=40, alp_uln=100, bilirubin_uln=20, ast=None,
         ast_uln=40):
    return model.lab_state(alt, ast if ast is not None else alt, alp, bilirubin, unit, 250, 40,
                           alt_uln, ast_uln, alp_uln, bilirubin_uln)


def test_dili_and_hys_alt_criteria_are_exact_for_every_integer_alt_and_uln():
    exactly_at = 0
    for uln in ALT_ULNS:
        for cut in (5, 3):
            for alt in _near(cut * uln, 1):
                # bilirubin 3 x ULN (so criterion 3 and Hy's law hinge on ALT alone), ALP normal
                state = _lab(alt=alt, ast=1, alt_uln=uln, bilirubin=60, bilirubin_uln=20)
                assert state.dili.met is (alt >= 3 * uln), (alt, uln)
                assert state.hys.met is (alt >= 3 * uln), (alt, uln)
                low_bili = _lab(alt=alt, ast=1, alt_uln=uln, bilirubin=20, bilirubin_uln=20)
                assert low_bili.dili.met is (alt >= 5 * uln), (alt, uln)
                exactly_at += alt == cut * uln
    assert exactly_at == 2 * len(ALT_ULNS)


def test_dili_and_hys_alp_criteria_are_exact_for_every_integer_alp_and_uln():
    for alp_uln in range(30, 151):
        for alp in _near(2 * alp_uln, 1):
            # ALT 3 x ULN and bilirubin 3 x ULN: DILI hinges on nothing; Hy's law on ALP < 2 x ULN
            state = _lab(alt=120, alt_uln=40, alp=alp, alp_uln=alp_uln, bilirubin=60, bilirubin_uln=20)
            assert state.hys.met is (alp < 2 * alp_uln), (alp, alp_uln)
            ok = _lab(alt=40, alt_uln=40, alp=alp, alp_uln=alp_uln)
            assert ok.dili.met is (alp >= 2 * alp_uln), (alp, alp_uln)


@pytest.mark.parametrize("unit", ["umol/L", "mg/dL"])
def test_bilirubin_criteria_are_exact_in_either_unit(unit):
    exactly_at = 0
    # In mg/dL the values are tenths: 0.5-4.0 mg/dL; in umol/L integers.
    ulns = [Fraction(n, 10) for n in range(5, 41)] if unit == "mg/dL" else [Fraction(n) for n in BILIRUBIN_ULNS_UMOL]
    step = Fraction(1, 10) if unit == "mg/dL" else Fraction(1)
    for uln in ulns:
        for k in (-2, -1, 0, 1, 2):
            bili = 2 * uln + k * step
            typed = float(bili)  # the value a person types, e.g. 2.4
            state = _lab(alt=120, alt_uln=40, ast=1, bilirubin=typed, bilirubin_uln=float(uln), unit=unit)
            assert state.dili.met is (bili > 2 * uln), (typed, float(uln))
            assert state.hys.met is (bili > 2 * uln), (typed, float(uln))
            grade = model.dili_severity(True, bilirubin_xuln=bili / uln, inr=1.5)[0]
            assert grade == (3 if bili >= 2 * uln else 1), (typed, float(uln))
            exactly_at += k == 0
    assert exactly_at == len(ulns)


def test_severity_inr_cutoff_is_exact():
    for tenths in range(10, 30):
        inr = tenths / 10
        assert (model.dili_severity(True, bilirubin_xuln=2.0, inr=inr)[0] == 3) is (tenths >= 15)


def _expected_fib4_band(age, ast, alt, plt) -> str:
    # FIB-4 = age*AST/(plt*sqrt(ALT)); compare squares, cut-offs in hundredths
    low, high = (200, 267) if age >= 65 else (130, 267)
    top = (100 * age * ast) ** 2
    if top < low ** 2 * plt ** 2 * alt:
        return "low risk"
    if top > high ** 2 * plt ** 2 * alt:
        return "high risk"
    return "indeterminate"


def test_fib4_band_is_exact_for_every_integer_value_near_each_cutoff():
    exactly_at = 0
    for age in range(18, 91):
        for root in (3, 5, 7, 10):  # ALT a perfect square, so FIB-4 can land exactly on a cut-off
            alt = root * root
            for plt in (100, 150, 200, 250, 300):
                low = 200 if age >= 65 else 130
                for cut in (low, 267):
                    for ast in _near(cut * plt * root, 100 * age):
                        if ast > 50_000:
                            continue
                        expected = _expected_fib4_band(age, ast, alt, plt)
                        assert model.fib4_band_from_labs(age, ast, alt, plt) == expected, (age, ast, alt, plt)
                        exactly_at += 100 * age * ast == cut * plt * root
    assert exactly_at > 20


def _expected_nfs_band(age, bmi, ifg, ast, alt, plt, alb_tenths) -> str:
    # 1000 * ALT * NFS, in integers (coefficients in thousandths, albumin in tenths)
    n = (-1675 * alt + 37 * age * alt + 94 * bmi * alt + 1130 * ifg * alt + 990 * ast
         - 13 * plt * alt - 66 * alb_tenths * alt)
    low, high = (120, 676) if age >= 65 else (-1455, 676)
    if n < low * alt:
        return "low risk"
    if n > high * alt:
        return "high risk"
    return "indeterminate"


def test_nfs_band_is_exact_for_every_integer_value_near_each_cutoff():
    exactly_at = checked = 0
    for age in range(18, 91, 6):
        low = 120 if age >= 65 else -1455
        for bmi in (22, 30, 38):
            for ifg in (0, 1):
                for ast in (20, 40, 60):
                    for alt in (20, 40):
                        for alb_tenths in (35, 42):
                            rest = (-1675 * alt + 37 * age * alt + 94 * bmi * alt + 1130 * ifg * alt + 990 * ast
                                    - 66 * alb_tenths * alt)
                            for cut in (low, 676):
                                # platelets where 1000*ALT*NFS meets the cut-off: rest - 13*plt*alt = cut*alt
                                for plt in _near(rest - cut * alt, 13 * alt):
                                    if not 1 <= plt <= 2000:
                                        continue
                                    expected = _expected_nfs_band(age, bmi, ifg, ast, alt, plt, alb_tenths)
                                    got = model.nfs_band_from_labs(age, bmi, bool(ifg), ast, alt, plt, alb_tenths / 10)
                                    assert got == expected, (age, bmi, ifg, ast, alt, plt, alb_tenths)
                                    exactly_at += rest - 13 * plt * alt == cut * alt
                                    checked += 1
    assert exactly_at > 5 and checked > 1000


def test_fibrosis_band_compares_the_written_value_exactly():
    for hundredths in range(100, 300):
        value = hundredths / 100
        expected = "low risk" if hundredths < 130 else "high risk" if hundredths > 267 else "indeterminate"
        assert model.fibrosis_band("FIB-4", value, 40) == expected


def test_rucam_bands_at_every_integer_total():
    for total in range(-20, 21):
        expected = ("excluded" if total <= 0 else "unlikely" if total <= 2 else "possible" if total <= 5
                    else "probable" if total <= 8 else "highly probable")
        assert model.rucam_band(total) == expected


def test_rucam_time_after_stopping_at_every_day_on_each_scale():
    for days in range(0, 61):
        assert model.rucam_time_to_onset("hepatocellular", "after stopping", days).points == (1 if days <= 15 else 0)
        assert model.rucam_time_to_onset("cholestatic or mixed", "after stopping", days).points == (
            1 if days <= 30 else 0)


@pytest.mark.parametrize("call", [
    lambda: model.dili_criteria(272, 428, 22.4),
    lambda: model.hys_law(6.8, 3.3, 18.7),
    lambda: model.dili_severity(True, 18.7),
])
def test_multiples_of_uln_must_be_named(call):
    # A multiple of ULN is only accepted under its *_xuln keyword, so raw U/L cannot slip in unnamed.
    with pytest.raises(TypeError):
        call()
