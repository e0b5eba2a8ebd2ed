"""Sam, the invented person followed through the course: one table, the lessons' own models."""

from __future__ import annotations

import pandas as pd
import pytest

from teach import persona
from teach.data import load_table, parameter
from teach.kinetics import model as kinetics
from teach.liver import model as liver


def test_sam_is_read_whole_from_one_table():
    sam = persona.person()
    table = load_table("persona")
    assert list(table["field"]) == list(persona.Person.__dataclass_fields__)
    assert sam.name == "Sam" and sam.kratom_g_per_day == sam.kratom_dose_g * sam.kratom_doses_per_day
    assert "invented" in persona.describe() and "not a real patient" in persona.describe()


@pytest.mark.parametrize("lesson", persona.LESSONS)
def test_every_lesson_opens_with_sams_question_and_closes_with_what_it_lets_you_say(lesson):
    opening, closing = persona.opening(lesson).markdown, persona.closing(lesson).markdown
    assert "Sam's question" in opening and persona.describe() in opening
    assert closing.startswith("**What this lesson lets you say about Sam**")
    assert closing.count("\n- ") >= 3


def test_lesson_04_reads_sams_panel_against_his_laboratorys_limits():
    sam = persona.person()
    alt_x = liver.times_uln(sam.alt_U_L, parameter("lab_alt_uln_U_L", "liver_thresholds"), "alt_U_L", "alt_uln_U_L")
    r = liver.r_ratio(sam.alt_U_L, sam.alp_U_L, parameter("lab_alt_uln_U_L", "liver_thresholds"),
                      parameter("lab_alp_uln_U_L", "liver_thresholds"))
    text = persona.closing("04").markdown
    assert f"ALT of {sam.alt_U_L:g} U/L is {alt_x:.1f} times" in text and f"R ratio is {r:.2f}" in text
    assert "does not meet the international case criteria" in text  # ALT below 5 x ULN and ALP below 2 x ULN
    assert "FIB-4" not in text and "RUCAM" not in text  # lesson 05's tools


def test_lesson_05_weighs_sams_alt_with_fibrosis_scores_and_what_rucam_would_need():
    sam = persona.person()
    fib4 = liver.fib4(sam.age_years, sam.ast_U_L, sam.alt_U_L, sam.platelets_1e9_L)
    text = persona.closing("05").markdown
    assert f"FIB-4 is {fib4:.2f} ({liver.fibrosis_band('FIB-4', fib4, sam.age_years)})" in text
    assert "RUCAM has no case to score" in text  # his panel does not meet the case criteria
    assert "fits his fatty liver better than kratom injury, but it does not rule kratom out" in text


def test_each_lesson_asks_its_own_question():
    questions = [persona.opening(lesson).markdown for lesson in persona.LESSONS]
    assert len(set(questions)) == len(questions)
    assert "pattern" in persona.opening("04").markdown and "FIB-4" in persona.opening("05").markdown


def test_lesson_02_gives_sams_daily_dose_as_the_range_of_product_strengths():
    sam = persona.person()
    low = kinetics.mitragynine_dose_mg(sam.kratom_g_per_day, parameter("content_low_percent", kinetics.TABLE))
    high = kinetics.mitragynine_dose_mg(sam.kratom_g_per_day, parameter("content_high_percent", kinetics.TABLE))
    assert f"about {low:.0f} to {high:.0f} mg of mitragynine" in persona.closing("02").markdown


def test_a_missing_or_malformed_row_is_refused(monkeypatch):
    table = load_table("persona")
    persona.person.cache_clear()
    try:
        monkeypatch.setattr(persona, "load_table", lambda name: table[table["field"] != "alt_U_L"])
        with pytest.raises(ValueError, match="alt_U_L"):
            persona.person()
        broken = table.copy()
        broken.loc[broken["field"] == "type2_diabetes", "value"] = "maybe"
        monkeypatch.setattr(persona, "load_table", lambda name: pd.DataFrame(broken))
        with pytest.raises(ValueError, match="yes or no"):
            persona.person()
    finally:
        persona.person.cache_clear()


@pytest.mark.parametrize("bad", ["09", 1, None, "1"])
def test_unknown_lesson_is_refused(bad):
    with pytest.raises(ValueError, match="lesson must be one of"):
        persona.closing(bad)
