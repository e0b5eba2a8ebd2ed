"""Property tests of lesson 06: save then load returns every valid plan exactly; bad input and
bad files are refused with a clear ValueError, and the previous file is never lost."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teach.careplan import model

text = st.text(max_size=40)
name = st.text(min_size=1, max_size=40).filter(str.strip)
medicines = st.builds(model.Medicine, name=name, **{f: st.booleans() for f in model.MEDICINE_FLAGS})
plans = st.builds(
    model.CarePlan,
    pain_condition=name,
    goals=st.lists(name, max_size=4).map(tuple),
    pain_score_0_10=st.floats(0, 10),
    bmi_kg_m2=st.floats(10, 100),
    medicines=st.lists(medicines, max_size=4).map(tuple),
    care=st.lists(st.sampled_from(model.MODALITIES), unique=True).map(tuple),
    liver_test_interval_months=st.floats(1, 24),
    fib4_interval_years=st.floats(1, 2),
    notes=text,
    uses_kratom=st.booleans(),
    **{flag: st.booleans() for flag in model.RISK_FLAGS},
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(plan=plans)
def test_save_then_load_returns_the_plan_exactly(tmp_path, plan):
    path = tmp_path / "plan.json"
    model.save_plan(plan, path)
    assert model.load_plan(path) == plan


@SETTINGS
@given(plan=plans, junk=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_invalid_file_refused_and_previous_plan_kept(tmp_path, plan, junk):
    good = tmp_path / "plan.json"
    model.save_plan(plan, good)
    bad = tmp_path / "incoming.json"
    bad.write_bytes(junk)
    try:
        loaded = model.load_plan(bad)
    except ValueError as err:
        assert str(err)
    else:  # junk that happens to be a valid plan is fine
        assert isinstance(loaded, model.CarePlan)
    assert model.load_plan(good) == plan and bad.read_bytes() == junk


@SETTINGS
@given(plan=plans)
def test_derived_rules_never_nan(plan):
    state = model.plan_state(plan)
    assert all(math.isfinite(e.month) for e in state.events)
    assert model.to_markdown(plan)


BAD = {
    "bmi_kg_m2": ("kg/m2", st.one_of(st.floats(max_value=9.99), st.floats(min_value=100.01), st.just(math.nan))),
    "pain_score_0_10": ("points", st.one_of(st.floats(max_value=-0.01), st.floats(min_value=10.01))),
    "liver_test_interval_months": ("months", st.one_of(st.floats(max_value=0.99), st.floats(min_value=24.01))),
    "fib4_interval_years": ("years", st.one_of(st.floats(max_value=0.99), st.floats(min_value=2.01))),
}


@pytest.mark.parametrize("field", list(BAD))
def test_bad_plan_numbers_name_parameter_unit_and_range(field):
    unit, values = BAD[field]

    @settings(max_examples=25, deadline=None)
    @given(value=values)
    def check(value):
        with pytest.raises(ValueError, match=rf"{field} \(.*{unit}\).*must be"):
            model.CarePlan(**{field: value})

    check()


@settings(max_examples=25, deadline=None)
@given(option=st.text(max_size=20).filter(lambda s: s not in model.GUIDELINE_OPTIONS))
def test_guideline_state_rejects_unknown_options(option):
    with pytest.raises(ValueError, match="option"):
        model.guideline_state(option)


@settings(max_examples=25, deadline=None)
@given(value=st.one_of(st.floats(max_value=0.99), st.floats(min_value=36.01)))
def test_monitoring_rejects_bad_horizon(value):
    with pytest.raises(ValueError, match=r"horizon_months \(.*months\).*must be"):
        model.monitoring(model.CarePlan(), value)


@pytest.mark.parametrize("call", [
    lambda: model.interactions("plan"), lambda: model.liver_risk_factors(None),
    lambda: model.metabolic_risk_count(3), lambda: model.clinician_questions({}),
    lambda: model.save_plan("plan", "x.json"), lambda: model.part("cupping"),
    lambda: model.medicine("aspirin"), lambda: model.CarePlan(care=("kratom", "kratom")),
    lambda: model.CarePlan(pain_condition=""), lambda: model.CarePlan(alcohol="yes"),
    lambda: model.build_plan(risks=("smoking",)), lambda: model.CarePlan(care=("kratom",)),
    lambda: model.CarePlan(uses_kratom="yes"), lambda: model.guideline_view("kratom"),
    lambda: model.red_flags("skin"),
])
def test_other_bad_input_raises_value_error(call):
    with pytest.raises(ValueError):
        call()
