"""Unit tests of lesson 05: interaction and monitoring rules against their sources; save/load."""

from __future__ import annotations

import json

import pytest

from teach.careplan import model
from teach.data import load_table


def _plan(**kwargs):
    return model.CarePlan(**kwargs)


def test_kratom_with_cyp3a_substrate_flags_the_observed_midazolam_ratio():
    plan = _plan(care=("kratom",), medicines=(model.medicine("midazolam"),))
    flags = model.interactions(plan)
    cyp3a = [f for f in flags if f.kind == "CYP3A"]
    assert len(cyp3a) == 1 and "1.39-fold" in cyp3a[0].message and "1.23-1.57" in cyp3a[0].message  # Tanna 2023
    assert cyp3a[0].citation == "tanna2023cpt"


def test_cyp2d6_flag_says_the_clinical_study_saw_no_change():
    flags = model.interactions(_plan(care=("kratom",), medicines=(model.medicine("dextromethorphan"),)))
    assert [f.kind for f in flags] == ["CYP2D6"] and "0.99" in flags[0].message and "0.67" in flags[0].message


def test_no_kratom_no_kratom_flags():
    meds = (model.medicine("midazolam"), model.medicine("dextromethorphan"))
    plan = _plan(care=("physical_therapy",), medicines=meds)
    assert model.interactions(plan) == []


def test_opioid_with_sedative_flagged_with_or_without_kratom():
    meds = (model.medicine("an opioid pain medicine"), model.medicine("a benzodiazepine or other sedative"))
    flags = model.interactions(_plan(care=(), medicines=meds))
    assert [f.kind for f in flags] == ["opioid + sedative"] and flags[0].citation == "cdc2022opioids"
    with_kratom = {f.kind for f in model.interactions(_plan(care=("kratom",), medicines=meds))}
    assert with_kratom == {"opioid", "sedative", "opioid + sedative"}


def test_fib4_rule_follows_aasld_2023():
    assert model.fib4_applies(_plan(diabetes=True, bmi_kg_m2=22))  # diabetes alone
    assert not model.fib4_applies(_plan(bmi_kg_m2=30))  # one metabolic factor
    assert model.fib4_applies(_plan(bmi_kg_m2=30, hypertension=True))  # two
    assert not model.fib4_applies(_plan(bmi_kg_m2=24.9, hypertension=True))
    events = [e for e in model.monitoring(_plan(diabetes=True, fib4_interval_years=1), 36) if e.kind == "FIB-4"]
    assert [e.month for e in events] == [0, 12, 24, 36]


def test_liver_tests_only_with_a_risk_factor_and_at_the_chosen_interval():
    assert model.monitoring(_plan(bmi_kg_m2=22, care=("mindfulness",))) == []
    events = model.monitoring(_plan(bmi_kg_m2=22, care=("kratom",), liver_test_interval_months=4))
    assert [e.month for e in events if e.kind == "liver tests"] == [0, 4, 8, 12]
    watch = [e for e in events if e.kind == "red flags"]
    assert len(watch) == 1 and watch[0].month == pytest.approx(49 / 30.4375)  # Schimmel 2020 latency range
    assert [e.month for e in events if e.kind == "dependence"] == [3, 6, 9, 12]


def test_parameters_match_the_reference_files():
    table = load_table("careplan_parameters").set_index("name")
    assert table.loc["midazolam_auc_ratio", "value"] == 1.39
    assert table.loc["fib4_repeat_min_years", "value"] == 1 and table.loc["fib4_repeat_max_years", "value"] == 2
    assert table.loc["dili_latency_max_days", "value"] == 49
    assert table.loc["liver_test_interval_months", "kind"] == "illustrative"


def test_every_modality_has_evidence_with_a_rating():
    for part in model.MODALITIES:
        row = model.evidence(part)
        assert row["evidence"] in model.EVIDENCE_LEVELS and row["asks"]


def test_save_then_load_and_export(tmp_path):
    plan = _plan(care=("kratom", "sleep"), medicines=(model.medicine("midazolam"),), goals=("sleep through",))
    path = model.save_plan(plan, tmp_path / "plan.json")
    assert json.loads(path.read_text())["schema_version"] == model.SCHEMA_VERSION
    assert model.load_plan(path) == plan
    assert "not medical advice" in model.to_markdown(plan) and "<h4>" in model.to_html(plan)
    assert list(tmp_path.iterdir()) == [path]  # no temp file left behind


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    ('{"schema_version": 99}', "unknown version"),
    ('{"schema_version": 1, "colour": "red"}', "unknown field"),
    ('{"schema_version": 1, "bmi_kg_m2": -3}', "bmi_kg_m2"),
    ("[1, 2]", "JSON object"),
])
def test_bad_files_are_refused_clearly(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ValueError, match=message):
        model.load_plan(path)
    assert path.read_text() == content


def test_oversized_file_refused(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(" " * (model.MAX_FILE_BYTES + 1))
    with pytest.raises(ValueError, match="limit"):
        model.load_plan(path)
