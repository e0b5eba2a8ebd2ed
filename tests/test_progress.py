"""The progress file: atomic, validated, never executed, set aside when corrupt, reset on request."""

from __future__ import annotations

import json
import os
import stat

import pytest

from teach import progress


@pytest.fixture
def store_path(tmp_path, monkeypatch):
    path = tmp_path / "jupyter" / "teach-progress.json"
    monkeypatch.setenv(progress.ENV_VAR, str(path))
    return path


def test_path_defaults_to_the_jupyter_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv(progress.ENV_VAR, raising=False)
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    assert progress.progress_path() == tmp_path / "data" / progress.FILENAME


def test_everything_recorded_survives_a_reload(store_path):
    store = progress.current()
    store.record_prediction("receptors.binding_app", 1, "ten-fold is a lot")
    store.record_selfcheck("01-dose-ratio", "21", False)
    store.record_selfcheck("01-dose-ratio", "21 fold", True)
    store.record_exercise("03-odds-ratio", 2.08, True, "Right.")
    store.record_inventory("pre", "ci-occupancy", 2)
    store.record_claim_ratings("first", {"not_addictive": 4.0})
    again = progress.load(store_path)
    assert again.prediction("receptors.binding_app")["answer"] == 1
    assert again.selfcheck("01-dose-ratio") == {"attempts": 2, "correct": True, "last": "21 fold", "message": ""}
    assert again.exercise("03-odds-ratio")["correct"] is True
    assert again.inventory("pre") == {"ci-occupancy": 2}
    assert again.claim_ratings("first") == {"not_addictive": 4.0}
    assert again.learner_id == store.learner_id


def test_a_committed_prediction_and_the_first_ratings_are_never_overwritten(store_path):
    store = progress.current()
    store.record_prediction("kinetics.daily_app", 3.0)
    store.record_prediction("kinetics.daily_app", 9.0)
    store.record_claim_ratings("first", {"not_addictive": 2})
    store.record_claim_ratings("first", {"not_addictive": 5})
    store.record_claim_ratings("final", {"not_addictive": 1})
    store.record_claim_ratings("final", {"not_addictive": 1.5})
    again = progress.load(store_path)
    assert again.prediction("kinetics.daily_app")["answer"] == 3.0
    assert again.claim_ratings("first") == {"not_addictive": 2.0}
    assert again.claim_ratings("final") == {"not_addictive": 1.5}


def test_write_is_atomic_and_keeps_the_file_mode(store_path):
    store = progress.current()
    store.record_selfcheck("00-what-for", 1, True)
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o600
    os.chmod(store_path, 0o640)
    store.record_selfcheck("00-what-for", 1, True)
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o640
    assert [p.name for p in store_path.parent.iterdir()] == [store_path.name]  # no temp file left


def test_a_failed_write_leaves_the_old_file_whole(store_path, monkeypatch):
    store = progress.current()
    store.record_selfcheck("00-what-for", 1, True)
    before = store_path.read_text()

    def crash(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(progress.os, "replace", crash)
    with pytest.warns(UserWarning, match="kept for this session only"):
        store.record_selfcheck("01-dose-ratio", 5, False)
    assert store_path.read_text() == before
    assert store.selfcheck("01-dose-ratio")["attempts"] == 1  # kept in memory
    assert [p.name for p in store_path.parent.iterdir()] == [store_path.name]


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not valid JSON"),
    ('{"schema_version": 99}', "schema_version must be 1"),
    ('["a list"]', "JSON object"),
    ('{"schema_version": 1, "learner_id": "zz"}', "learner_id"),
    ('{"schema_version": 1, "learner_id": "' + "a" * 32 + '", "exploit": "__import__(\'os\')"}', "unknown fields"),
    ('{"schema_version": 1, "learner_id": "' + "a" * 32 + '", "selfchecks": {"x": {"attempts": "1", "correct": true}}}',
     "wrong type"),
    ('{"schema_version": 1, "learner_id": "' + "a" * 32 + '", "inventory": {"pre": {"q": 99}}}', "option number"),
    ('{"schema_version": 1, "learner_id": "' + "a" * 32 + '", "claim_ratings": {"first": {"c": 7}}}', "from 1 to 5"),
])
def test_a_bad_file_is_set_aside_with_a_clear_message(store_path, content, reason):
    store_path.parent.mkdir(parents=True)
    store_path.write_text(content)
    store = progress.current()
    assert reason in store.notice and "moved to" in store.notice
    assert store.data["selfchecks"] == {}
    aside = [p for p in store_path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_text() == content
    store.record_selfcheck("00-what-for", 1, True)  # and the lesson goes on
    assert progress.load(store_path).selfcheck("00-what-for")["correct"]


def test_an_oversized_file_is_refused(store_path):
    store_path.parent.mkdir(parents=True)
    store_path.write_text(" " * (progress.MAX_BYTES + 1))
    assert "at most" in progress.current().notice


def test_bad_keys_and_values_are_refused_by_name(store_path):
    store = progress.current()
    with pytest.raises(ValueError, match="key must be"):
        store.record_selfcheck("../../etc/passwd", 1, True)
    with pytest.raises(ValueError, match="phase must be one of pre, post"):
        store.record_inventory("middle", "ci-occupancy", 1)
    with pytest.raises(ValueError, match="rating of 'x' must be a number from 1 to 5"):
        store.record_claim_ratings("final", {"x": 9})


def test_reset_forgets_everything_and_draws_a_new_learner_id(store_path):
    store = progress.current()
    old_id = store.learner_id
    store.record_exercise("02-accumulation", 3.9, True)
    store.reset()
    again = progress.load(store_path)
    assert again.data["exercises"] == {} and again.learner_id != old_id
    assert json.loads(store_path.read_text())["schema_version"] == progress.SCHEMA_VERSION


def test_inventory_scores_and_gain_come_from_the_progress_file(store_path):
    from teach import inventory

    items = inventory.items()
    assert 12 <= len(items) <= 15 and {i["strand"] for i in items.values()} == {"receptors", "causation", "care"}
    quiz = inventory.inventory("pre")
    wrong_keys = list(items)[:4]
    for key, radio in quiz.questions.items():
        item = items[key]
        radio.value = (item["answer"] + 1) % len(item["choices"]) if key in wrong_keys else item["answer"]
    assert quiz.save() == len(items)
    assert inventory.score("pre") == (len(items) - 4, len(items))
    post = inventory.inventory("post")
    assert all(radio.value is None for radio in post.questions.values())
    for key, radio in post.questions.items():
        radio.value = items[key]["answer"]
    post.save()
    text = inventory.gain_text()
    assert f"Before: {len(items) - 4} of {len(items)}" in text and "Gain: +4" in text and "1.00" in text
    assert "Gain: +4" in post.status.value
    with pytest.raises(ValueError, match="phase must be one of pre, post"):
        inventory.inventory("during")


def test_progress_view_shows_each_lesson_and_resets_only_after_confirmation(store_path):
    from teach.ui.progressview import lesson_rows, progress_view

    store = progress.current()
    store.record_prediction("receptors.binding_app", 1)
    store.record_selfcheck("01-dose-ratio", "49", True)
    store.record_exercise("03-odds-ratio", 2.08, True)
    rows = {row["lesson"]: row for row in lesson_rows()}
    assert rows["00"]["predictions"][0] == 1 and rows["01"]["predictions"][0] == 1
    assert rows["01"]["selfchecks"][:2] == (1, 1) and rows["03"]["exercises"][:2] == (1, 1)
    view = progress_view()
    assert "<table>" in view.summary.value and str(store_path) in view.summary.value
    view.reset_button.click()
    assert view.confirm.layout.display == "flex" and progress.load(store_path).prediction("receptors.binding_app")
    view.cancel_button.click()
    assert progress.load(store_path).prediction("receptors.binding_app")
    view.reset_button.click()
    view.confirm_button.click()
    assert progress.load(store_path).prediction("receptors.binding_app") is None
    assert "0 of" in view.summary.value


def test_lesson06_compares_first_and_final_ratings_with_the_evidence(store_path):
    from teach.claims import model as claims
    from teach.ui.progressview import rating_comparison

    assert "No first ratings" in rating_comparison()
    store = progress.current()
    store.record_claim_ratings("first", {cid: 5.0 for cid in claims.claim_ids()})
    store.record_claim_ratings("final", {**{cid: 5.0 for cid in claims.claim_ids()}, "not_addictive": 1.0})
    lines = rating_comparison().split("\n")
    assert len(lines) == len(claims.claim_ids())
    assert lines[0].startswith(claims.claim("not_addictive").text) or "4 off" in lines[0]
    assert any("Kratom is not addictive: first 5, final 1, evidence 1" in line for line in lines)
