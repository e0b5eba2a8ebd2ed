"""Unit tests of lesson 06: kratom is never care; interaction, caution and monitoring rules against
their sources; the guideline table; complete red flags; provenance; save/load."""

from __future__ import annotations

import json

import pytest

from teach.careplan import model
from teach.data import load_table

CAREPLAN_TABLES = ("careplan_parameters", "careplan_parts", "careplan_guidelines", "careplan_medicines",
                   "careplan_medicine_cautions", "careplan_red_flags", "careplan_kratom_harms")


def _plan(**kwargs):
    return model.CarePlan(**kwargs)


def _kinds(plan):
    return [f.kind for f in model.interactions(plan)]


# --- Kratom is recorded use, never a part of care ---------------------------------------------


def test_kratom_is_not_a_part_of_care_anywhere():
    assert "kratom" not in model.MODALITIES and "kratom" not in model.GUIDELINE_OPTIONS
    for name in ("careplan_parts", "careplan_guidelines"):
        table = load_table(name)
        assert not table.apply(lambda row: row.astype(str).str.lower().str.startswith("kratom")).any().any(), name
    with pytest.raises(ValueError, match=r"not a part of care.*uses_kratom"):
        _plan(care=("physical_therapy", "kratom"))
    assert model.CarePlan().uses_kratom is False and "kratom" not in model.CarePlan().care


def test_no_table_rates_a_benefit_of_kratom():
    harms = model.kratom_harms()
    assert {"dependence", "seizures", "deaths", "neonatal", "contamination", "concentrated_7oh", "naloxone"} <= {
        h["harm"] for h in harms}
    benefit_words = ("benefit", "effective", "improve", "relie", "helps")
    assert not any(word in h["statement"].lower() for h in harms for word in benefit_words)
    with pytest.raises(ValueError):
        model.guideline_view("kratom")


def test_kratom_use_asks_for_checks_never_a_benefit():
    meds = (model.medicine("tramadol"),)
    without, with_kratom = _plan(medicines=meds), _plan(medicines=meds, uses_kratom=True)
    assert not {"CYP3A", "CYP2D6", "opioid", "seizure"} & set(_kinds(without))
    assert {"CYP3A", "CYP2D6", "opioid", "seizure"} <= set(_kinds(with_kratom))
    assert with_kratom.care == without.care
    questions = " ".join(model.clinician_questions(with_kratom))
    assert "naloxone" in questions and "interact" in questions and "dependence" in questions
    text = model.to_markdown(with_kratom)
    assert "not a part of care" in text and "Seizures" in text and "Naloxone" in text


# --- Medicines --------------------------------------------------------------------------------


def test_the_medicine_list_is_realistic_and_keeps_probe_drugs_out():
    names = set(model.example_medicines())
    assert {"paracetamol", "nsaid", "duloxetine", "tramadol", "buprenorphine", "other_opioid",
            "benzodiazepine"} <= names
    assert not {"midazolam", "dextromethorphan"} & names


def test_tramadol_is_an_opioid_serotonergic_seizure_lowering_and_cyp2d6_dependent():
    tramadol = model.medicine("tramadol")
    assert tramadol.opioid and tramadol.serotonergic and tramadol.lowers_seizure_threshold
    assert tramadol.cyp2d6_substrate and not tramadol.sedative
    flags = model.interactions(_plan(medicines=(tramadol, model.medicine("duloxetine")), uses_kratom=True))
    by_kind = {f.kind: f for f in flags if f.medicine == "tramadol"}
    assert "midazolam" in by_kind["CYP3A"].message and "1.39-fold" in by_kind["CYP3A"].message  # Tanna 2023
    assert "0.99" in by_kind["CYP2D6"].message and "0.67" in by_kind["CYP2D6"].message
    assert by_kind["seizure"].citation == "fda_kratom"
    serotonergic = [f for f in flags if f.kind == "serotonergic"]
    assert len(serotonergic) == 1 and serotonergic[0].medicine == "tramadol + duloxetine"


def test_no_kratom_no_kratom_flags():
    meds = tuple(model.medicine(n) for n in ("tramadol", "buprenorphine", "supplement"))
    assert not {"CYP3A", "CYP2D6", "opioid", "sedative", "seizure", "liver"} & set(_kinds(_plan(medicines=meds)))


def test_opioid_with_benzodiazepine_quotes_cdc_2022_recommendation_11():
    meds = (model.medicine("other_opioid"), model.medicine("benzodiazepine"))
    flags = [f for f in model.interactions(_plan(medicines=meds)) if f.kind == "opioid + sedative"]
    assert len(flags) == 1 and flags[0].citation == "cdc2022opioids"
    assert '"use particular caution"' in flags[0].message and "benefits outweigh" in flags[0].message
    assert "avoid" not in flags[0].message.lower()  # the 2016 wording, not 2022's
    with_kratom = set(_kinds(_plan(medicines=meds, uses_kratom=True)))
    assert {"opioid", "sedative", "opioid + sedative"} <= with_kratom


def test_medicine_cautions_follow_the_persons_risk_factors():
    para, nsaid, dulox = (model.medicine(n) for n in ("paracetamol", "nsaid", "duloxetine"))
    base = _kinds(_plan(medicines=(para, nsaid, dulox)))
    assert "caution with alcohol" not in base and "caution with liver disease" not in base
    drinking = [f for f in model.interactions(_plan(medicines=(para, dulox), alcohol=True))
                if f.kind == "caution with alcohol"]
    assert {f.medicine for f in drinking} == {para.name, dulox.name}
    assert any("3 or more alcoholic drinks" in f.message for f in drinking)
    liver = {f.medicine for f in model.interactions(_plan(medicines=(para, nsaid, dulox), liver_disease=True))
             if f.kind == "caution with liver disease"}
    assert liver == {para.name, nsaid.name, dulox.name}


# --- Guidelines side by side ------------------------------------------------------------------


def test_guideline_view_shows_each_guideline_in_its_own_words():
    view = model.guideline_view("acupuncture")
    assert [row["guideline"] for row in view] == list(model.GUIDELINES.values())
    stances = {row["guideline"]: row["stance"] for row in view}
    assert stances["ACP 2017"] == "strong for" and stances["NICE NG59"] == "against"
    assert "Do not offer acupuncture" in next(r["wording"] for r in view if r["guideline"] == "NICE NG59")
    assert model.guidelines_disagree("acupuncture") and model.guidelines_disagree("tramadol")
    assert not model.guidelines_disagree("mindfulness")
    assert all(row["stance"] == model.NOT_VERIFIED for row in model.guideline_view("sleep"))


def test_acp_rates_non_drug_care_strong_and_drugs_weak():
    for option in ("physical_therapy", "psychological_therapy", "mindfulness", "acupuncture"):
        assert model.guideline_view(option)[0]["stance"] == "strong for", option
    for option in ("nsaid", "duloxetine", "tramadol", "other_opioids"):
        assert model.guideline_view(option)[0]["stance"] == "weak for", option


# --- Monitoring -------------------------------------------------------------------------------


def test_red_flags_are_complete():
    liver = set(model.red_flags("liver"))
    for symptom in ("malaise", "nausea", "appetite", "abdominal pain", "fever", "jaundice", "dark urine", "itching",
                    "pale stools", "confusion", "bleeding"):
        assert any(symptom in flag for flag in liver), symptom
    toxicity = " ".join(model.red_flags("opioid toxicity"))
    assert "sleepiness" in toxicity and "breathing" in toxicity
    assert model.red_flags("seizure") and set(model.red_flags()) >= liver


def test_red_flags_are_watched_throughout_not_to_a_latency_window():
    events = model.monitoring(_plan(bmi_kg_m2=22, uses_kratom=True, liver_test_interval_months=4))
    watch = [e for e in events if e.kind == "red flags"]
    assert len(watch) == 1 and watch[0].month == 0 and watch[0].continuous
    assert "throughout" in watch[0].label and "latency" not in watch[0].label.lower().replace("median", "")
    assert [e.month for e in events if e.kind == "liver tests"] == [0, 4, 8, 12]
    assert [e.month for e in events if e.kind == "dependence"] == [3, 6, 9, 12]
    assert "dili_latency_max_days" not in set(load_table("careplan_parameters")["name"])


def test_schedule_survives_slider_rounding():
    # A browser slider sends 3 months back as 3.0000000000000004; month 12 must stay in the schedule.
    events = model.monitoring(_plan(diabetes=True, liver_test_interval_months=3.0000000000000004))
    assert [e.month for e in events if e.kind == "liver tests"] == [0, 3, 6, 9, 12]


def test_no_risk_no_monitoring():
    assert model.monitoring(_plan(bmi_kg_m2=22, care=("mindfulness",))) == []


def test_fib4_rule_follows_aasld_2023():
    assert model.fib4_applies(_plan(diabetes=True, bmi_kg_m2=22))  # diabetes alone
    assert not model.fib4_applies(_plan(bmi_kg_m2=30))  # one metabolic factor
    assert model.fib4_applies(_plan(bmi_kg_m2=30, hypertension=True))  # two
    assert not model.fib4_applies(_plan(bmi_kg_m2=24.9, hypertension=True))
    events = [e for e in model.monitoring(_plan(diabetes=True, fib4_interval_years=1), 36) if e.kind == "FIB-4"]
    assert [e.month for e in events] == [0, 12, 24, 36]


# --- Tables and provenance --------------------------------------------------------------------


def test_parameters_match_the_sources_read():
    table = load_table("careplan_parameters").set_index("name")
    assert table.loc["midazolam_auc_ratio", "value"] == 1.39
    assert table.loc["fib4_repeat_min_years", "value"] == 1 and table.loc["fib4_repeat_max_years", "value"] == 2
    assert table.loc["liver_test_interval_months", "kind"] == "illustrative"
    # Olsen et al., MMWR 2019;68:326-327
    assert (table.loc["sudors_overdose_deaths", "value"], table.loc["kratom_positive_deaths", "value"],
            table.loc["kratom_involved_deaths", "value"], table.loc["kratom_only_deaths", "value"]) == (
            27338, 152, 91, 7)
    assert round(100 * 152 / 27338, 2) == table.loc["kratom_positive_pct", "value"]
    assert round(100 * 91 / 152, 1) == table.loc["kratom_involved_pct", "value"]


def test_every_part_of_care_is_described_by_the_same_columns():
    for name in model.MODALITIES:
        row = model.part(name)
        assert row["asks_of_the_person"] and row["downsides_to_discuss"] and row["what_it_is"]


# --- Save, load, export -------------------------------------------------------------------------


def test_save_then_load_and_export(tmp_path):
    plan = _plan(care=("sleep",), medicines=(model.medicine("tramadol"),), goals=("sleep through",),
                 uses_kratom=True)
    path = model.save_plan(plan, tmp_path / "plan.json")
    assert json.loads(path.read_text())["uses_kratom"] is True
    assert model.load_plan(path) == plan
    assert "not medical advice" in model.to_markdown(plan) and "<h4>" in model.to_html(plan)
    assert list(tmp_path.iterdir()) == [path]  # no temp file left behind


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    ('{"schema_version": 99}', "unknown version"),
    ('{"schema_version": 1, "colour": "red"}', "unknown field"),
    ('{"schema_version": 1, "bmi_kg_m2": -3}', "bmi_kg_m2"),
    ("KRATOM_AS_CARE", "not a part of care"),
    ("[1, 2]", "JSON object"),
])
def test_bad_files_are_refused_clearly(tmp_path, content, message):
    if content == "KRATOM_AS_CARE":  # a complete plan file that lists kratom among the parts of care
        import json

        data = json.loads(model.save_plan(model.CarePlan(), tmp_path / "good.json").read_text())
        content = json.dumps({**data, "care": ["kratom"]})
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


def test_the_lessons_guideline_summary_agrees_with_the_data():
    """Lesson 06 shows the guidelines only through the grid and readout (drawn from the table); the
    summary its key points give in words must say what the table rows say."""
    from tests.conftest import ROOT

    notebook = json.loads((ROOT / "notebooks" / "06_holistic_care_planning.ipynb").read_text(encoding="utf-8"))
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert "| NICE NG59" not in markdown, "a hand-written guideline table can drift from the data"
    key_points = markdown[markdown.index("## Key points"):markdown.index("## References")]

    def stance(option, guideline):
        return {row["guideline"]: row["stance"] for row in model.guideline_view(option)}[guideline]

    assert "ACP rates non-drug care strong and drugs weak" in key_points
    assert {stance(o, "ACP 2017") for o in ("physical_therapy", "psychological_therapy", "mindfulness",
                                             "acupuncture")} == {"strong for"}
    assert {stance(o, "ACP 2017") for o in ("nsaid", "duloxetine", "tramadol", "other_opioids")} == {"weak for"}
    assert "NICE NG193 advises not starting paracetamol, NSAIDs, benzodiazepines or opioids" in key_points
    assert {stance(o, "NICE NG193") for o in ("paracetamol", "nsaid", "benzodiazepines", "tramadol",
                                               "other_opioids")} == {"against"}
    assert "disagree about acupuncture" in key_points
    assert (stance("acupuncture", "ACP 2017"), stance("acupuncture", "NICE NG59")) == ("strong for", "against")
