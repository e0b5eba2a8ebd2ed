"""Property tests: bad input is refused with a clear message; valid input never gives NaN."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teach.receptors import model
from teach.validation import Bounds, check_count, check_quantity

# Each public numeric function of teach.receptors.model with valid arguments, and the unit
# that an error about each argument must name.
VALID = {
    model.occupancy: {"conc_nM": 10.0, "kd_nM": 5.0},
    model.occupancy_with_competitor: {
        "conc_nM": 10.0, "kd_nM": 5.0, "competitor_nM": 1.0, "competitor_kd_nM": 2.0,
    },
    model.operational_response: {"conc_nM": 10.0, "ka_nM": 100.0, "tau": 3.0, "reserve": 0.5},
    model.ec50: {"ka_nM": 100.0, "tau": 3.0, "reserve": 0.5},
    model.max_response: {"tau": 3.0, "reserve": 0.5},
    model.two_agonist_response: {
        "conc_a_nM": 1.0, "ka_a_nM": 100.0, "tau_a": 30.0, "conc_b_nM": 5.0, "ka_b_nM": 100.0, "tau_b": 1.0,
    },
    model.dose_ratio: {"antagonist_over_kb": 3.0},
    model.response_with_antagonist: {"conc_nM": 10.0, "ka_nM": 100.0, "tau": 30.0, "antagonist_over_kb": 3.0},
    model.ki_from_ic50: {"ic50_nM": 30.0, "radioligand_nM": 1.0, "radioligand_kd_nM": 1.0},
    model.efficacy_state: {"partial_tau": 1.0, "reserve": 0.5, "partial_nM": 10.0, "full_tau": 30.0, "ka_nM": 100.0},
    model.antagonism_state: {"antagonist_over_kb": 3.0, "ka_nM": 100.0, "tau": 30.0},
    model.bias_state: {"tau_g": 3.0, "tau_arrestin": 0.1, "ka_nM": 100.0, "reference_tau": 30.0},
    model.binding_state: {"conc_nM": 10.0, "compounds": ("morphine",)},
}
UNITS = {
    "tau": "dimensionless", "tau_a": "dimensionless", "tau_b": "dimensionless",
    "reserve": "fraction of receptors", "antagonist_over_kb": "multiples of KB", "partial_tau": "dimensionless",
    "full_tau": "dimensionless", "tau_g": "dimensionless", "tau_arrestin": "dimensionless",
    "reference_tau": "dimensionless",
}
# Arguments that are not numbers have their own tests.
CASES_SKIPPED = {(model.binding_state, "compounds")}
CASES = [(func, name) for func, kwargs in VALID.items() for name in kwargs if (func, name) not in CASES_SKIPPED]
BAD_VALUES = st.one_of(
    st.floats(max_value=-1e-9, allow_nan=False),  # negative
    st.just(math.nan), st.just(math.inf), st.just(-math.inf),
    st.floats(min_value=2e7, allow_infinity=False),  # beyond every upper bound
    st.sampled_from(["ten", None, True, [1, [2]], {}]),
)


def _ids(case):
    func, name = case
    return f"{func.__name__}-{name}"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
@settings(max_examples=25, deadline=None)
@given(bad=BAD_VALUES)
def test_bad_input_names_parameter_unit_and_range(case, bad):
    func, name = case
    kwargs = dict(VALID[func], **{name: bad})
    with pytest.raises(ValueError) as excinfo:
        func(**kwargs)
    message = str(excinfo.value)
    assert name in message
    assert UNITS.get(name, "nM") in message
    assert "must be" in message and any(op in message for op in (">=", ">", "<="))


def test_zero_affinity_constant_is_refused():
    expected = "kd_nM (dissociation constant, nM) must be a finite number >= 0.0001"
    with pytest.raises(ValueError, match=re.escape(expected)):
        model.occupancy(1.0, 0.0)


def test_zero_reserve_is_refused():
    with pytest.raises(ValueError, match="reserve"):
        model.max_response(1.0, reserve=0.0)


def test_unknown_compound_lists_choices():
    with pytest.raises(ValueError, match=r"compounds must be one of .*mitragynine"):
        model.binding_state(1.0, ["kratom tea"])


positive_conc = st.floats(min_value=0.0, max_value=1e7)
affinity = st.floats(min_value=1e-4, max_value=1e7)
efficacy = st.floats(min_value=0.0, max_value=1000.0)
reserve = st.floats(min_value=model.RESERVE.low, max_value=1.0)


@settings(max_examples=200, deadline=None)
@given(conc=positive_conc, kd=affinity, other=positive_conc, other_kd=affinity)
def test_occupancy_valid_input_is_a_fraction(conc, kd, other, other_kd):
    for value in (model.occupancy(conc, kd), model.occupancy_with_competitor(conc, kd, other, other_kd)):
        assert not math.isnan(value) and 0.0 <= value <= 1.0


@settings(max_examples=200, deadline=None)
@given(conc=positive_conc, ka=affinity, tau=efficacy, q=reserve, ratio=st.floats(0.0, 1e3))
def test_operational_valid_input_is_a_fraction(conc, ka, tau, q, ratio):
    values = [
        model.operational_response(conc, ka, tau, q),
        model.max_response(tau, q),
        model.two_agonist_response(conc, ka, tau, conc, ka, tau * q),
    ]
    if ka * (1 + ratio) <= 1e7:
        values.append(model.response_with_antagonist(conc, ka, tau, ratio))
    for value in values:
        assert not math.isnan(value) and 0.0 <= value <= 1.0
    assert math.isfinite(model.ec50(ka, tau, q)) and model.ec50(ka, tau, q) > 0


@given(values=st.lists(st.floats(0.0, 1e7), min_size=1, max_size=20))
def test_arrays_are_checked_elementwise(values):
    out = model.occupancy(np.array(values), 1.0)
    assert out.shape == (len(values),) and not np.isnan(out).any()
    with pytest.raises(ValueError, match="conc_nM"):
        model.occupancy(np.array([*values, -1.0]), 1.0)


def test_check_quantity_rejects_2d_arrays():
    with pytest.raises(ValueError, match="1-D"):
        check_quantity([[1.0]], "x", "nM", Bounds(0, 1), allow_array=True)


def test_check_count_takes_whole_numbers_and_names_unit_and_range():
    assert check_count(7.0, "n", "people", Bounds(0, 10)) == 7
    for bad in (2.5, -1, 11, "3", None):
        with pytest.raises(ValueError, match=r"n \(people\) must be a (whole|finite) number >= 0 and <= 10"):
            check_count(bad, "n", "people", Bounds(0, 10))


# --- The probe's other inputs: huge integers, lists for numbers, strings for lists, flags ---------

from teach.validation import check_choice, check_choices, check_flag  # noqa: E402


@pytest.mark.parametrize("bad", [10**400, [10**400], ["1", "2"], [True, False], np.True_, np.array([[1.0]])])
def test_check_quantity_refuses_what_cannot_be_a_number(bad):
    with pytest.raises(ValueError, match=r"conc_nM \(nM\)"):
        check_quantity(bad, "conc_nM", "nM", Bounds(0, 10), allow_array=True)
    with pytest.raises(ValueError, match=r"conc_nM \(nM\)"):
        check_quantity(bad, "conc_nM", "nM", Bounds(0, 10))


def test_a_5000_digit_integer_is_described_not_printed():
    with pytest.raises(ValueError, match="digits") as err:
        check_quantity(10**5000, "x", "nM", Bounds(0, 10))
    assert len(str(err.value)) < 200


@pytest.mark.parametrize("bad", ["sleep", 5.0, None, {"sleep": 1}, np.array(["sleep"])])
def test_a_list_parameter_refuses_text_and_other_types(bad):
    with pytest.raises(ValueError, match="care must be a list"):
        check_choices(bad, "care", ["sleep", "mindfulness"])


@pytest.mark.parametrize("bad", [np.array(["a", "b"]), ["a"], {}, True])
def test_a_choice_refuses_arrays_lists_and_flags_with_its_name(bad):
    with pytest.raises(ValueError, match="letter must be one of a, b"):
        check_choice(bad, "letter", ["a", "b"])


@pytest.mark.parametrize("bad", ["no", "false", 0, 1, None, np.array([True])])
def test_flags_take_true_or_false_only(bad):
    with pytest.raises(ValueError, match="reveal"):
        check_flag(bad, "reveal")
    assert check_flag(np.False_, "reveal") is False


# --- Widgets: callbacks never raise into the notebook -----------------------------------------------

import importlib  # noqa: E402

APP_MODULES = ["careplan", "causal", "claims", "kinetics", "liver", "receptors"]
PROBES = [None, math.nan, -1e9, 1e9, "ten"]


@pytest.mark.parametrize("package", APP_MODULES)
def test_no_control_value_escapes_as_an_exception(package):
    """Every control of every app set (as code can) to None, NaN, far out of range or text: nothing
    is raised; an error shows in the readout under the control's label, styled as an error."""
    apps = importlib.import_module(f"teach.{package}.app").APPS
    for factory in apps.values():
        app = factory()
        for name, control in app.controls.items():
            before = control.value
            for bad in PROBES:
                app.set(**{name: bad})  # must not raise
                if app.error is not None:
                    assert "teach-readout-error" in app.readout.value and "last valid input" in app.readout.text
            app.set(**{name: before})
        app.update()
        assert app.error is None, f"{factory.__name__}: {app.error}"


def test_the_error_names_the_control_by_its_label():
    from teach.liver import app as liver_apps

    app = liver_apps.lab_explorer_app()
    app.set(alp_uln_U_L=1e-5)
    label = app.controls["alp_uln_U_L"].description
    assert label in app.error and "alp_uln_U_L" not in app.error and "alp_xuln" not in app.error
    assert "last valid input" in app.readout.text and "ALT" not in app.readout.text.split("\n", 2)[-1]


def test_an_out_of_range_factory_argument_is_refused_not_clamped():
    from teach.kinetics import app as kinetics_apps
    from teach.receptors import app as receptor_apps

    with pytest.raises(ValueError, match=r"naloxone / KB.*>= 0.01 and <= 1000; got -5"):
        receptor_apps.antagonism_app(antagonist_over_kb=-5)
    with pytest.raises(ValueError, match=r"leaf \(g\).*<= 10; got 1000000000"):
        kinetics_apps.single_dose_app(leaf_g=1e9)


def test_switching_the_bilirubin_unit_keeps_the_patients_value():
    from teach.liver import app as liver_apps

    app = liver_apps.lab_explorer_app()
    c = app.controls
    c["bilirubin"].value = 60
    c["bilirubin_unit"].value = "umol/L"
    assert c["bilirubin"].value == pytest.approx(60 * 17.1, rel=1e-3)
    c["bilirubin_unit"].value = "mg/dL"
    assert c["bilirubin"].value == pytest.approx(60) and c["bilirubin_uln"].value == pytest.approx(1.2)
    c["bilirubin_unit"].value = None  # refused in the readout, nothing converted
    assert "bilirubin unit" in app.error
    c["bilirubin_unit"].value = "mg/dL"
    assert c["bilirubin"].value == pytest.approx(60) and c["bilirubin_uln"].value == pytest.approx(1.2)
    assert app.error is None


@pytest.mark.parametrize("kwargs", [{"care": ("kratm", "sleep")}, {"medicines": ("midazolm",)},
                                    {"risks": ("alcohl",)}, {"care": "mindfulness_and_sleep_and_kratom"}])
def test_the_plan_builder_refuses_misspelled_names_and_substrings(kwargs):
    from teach.careplan import app as careplan_apps

    name = next(iter(kwargs))
    with pytest.raises(ValueError, match=name):
        careplan_apps.plan_builder_app(**kwargs)


def test_extra_selectors_report_a_none_in_the_readout():
    """The probe's B13: a Dropdown set to None (ipywidgets allows it) raised out of the setter."""
    from teach.liver import app as liver_apps

    lab = liver_apps.lab_explorer_app()
    lab.controls["bilirubin_unit"].value = None
    assert "bilirubin unit" in lab.error
    rucam = liver_apps.rucam_app()
    rucam.case.value = None
    assert "case" in rucam.error
    rucam.controls["pattern"].value = None
    assert "pattern" in rucam.error
