"""Predict, commit, reveal: every demo of every lesson is gated by a prediction question."""

from __future__ import annotations

import ast
import importlib

import pytest

from teach import progress
from teach.ui import predict
from tests.conftest import ROOT

TOPICS = ("receptors", "kinetics", "causal", "liver", "careplan", "claims")


def _factories() -> list[str]:
    """Every module-level function in teach/<topic>/app.py that builds a LessonApp."""
    found = []
    for topic in TOPICS:
        tree = ast.parse((ROOT / "src" / "teach" / topic / "app.py").read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and ast.unparse(node.returns or ast.Constant(None)).endswith("App"):
                found.append(f"{topic}.{node.name}")
    return found


def _build(key: str):
    topic, name = key.split(".")
    return getattr(importlib.import_module(f"teach.{topic}.app"), name)()


@pytest.fixture(autouse=True)
def fresh_store(tmp_path, monkeypatch):
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "progress.json"))
    monkeypatch.delenv(predict.ENV_VAR, raising=False)


def test_every_app_factory_has_a_prediction_question_and_no_question_is_orphaned():
    factories = _factories()
    assert len(factories) == 19  # the 21 demos: bias_app is shown in lessons 01 and 07, binding_app in 00 and 01
    assert not set(factories) - set(predict.prediction_specs()), "a demo without a prediction question"
    assert not set(predict.prediction_specs()) - set(factories), "a prediction question for no demo"


def test_every_notebook_demo_is_one_of_the_gated_factories():
    import json
    import re

    calls = []
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                calls += re.findall(r"\b(\w+_app)\(\)", "".join(cell["source"]))
    names = {key.split(".")[1] for key in predict.prediction_specs()}
    assert len(calls) == 21 and set(calls) <= names


BUILT = [key for key in sorted(predict.prediction_specs()) if key in _factories()]


@pytest.mark.parametrize("key", BUILT)
def test_gate_locks_until_commit_then_unlocks_and_reveals(key):
    spec = predict.prediction_specs()[key]
    app = _build(key)
    gate = app.prediction_gate
    assert app.prediction_key == key and app.children[0] is gate
    assert app.locked and all(control.disabled for control in app.controls.values())
    assert not gate.commit() and ("first" in gate.status.value or "type a number" in gate.status.value)
    if spec["kind"] == "choice":
        gate.answer.value = len(spec["choices"]) - 1
    else:
        gate.answer.value = "1,5"  # a decimal comma is refused with a message
        assert not gate.commit() and "decimal point" in gate.status.value
        gate.answer.value = f"{spec['max'] + 1}"
        assert not gate.commit() and "from" in gate.status.value
        gate.answer.value = f"{spec['min']} {spec['unit']}"
    gate.why.value = "my reason"
    assert gate.commit()
    assert not app.locked and not any(control.disabled for control in app.controls.values())
    text = gate.reveal_text()
    assert predict.format_prediction(spec, gate.committed["answer"]) in text and "my reason" in text
    assert progress.current().prediction(key)["why"] == "my reason"
    reopened = _build(key)  # the store holds the prediction: opens unlocked, showing it
    assert not reopened.locked and reopened.prediction_gate.reveal_text() == text.replace(
        predict.observed(app._lines, spec["outcome"]), predict.observed(reopened._lines, spec["outcome"]))


@pytest.mark.parametrize("key", BUILT)
def test_the_compared_outcome_is_a_real_readout_line(key):
    spec = predict.prediction_specs()[key]
    app = _build(key)
    if "reveal" in app.controls:
        app.controls["reveal"].value = True
    assert predict.observed(app._lines, spec["outcome"]) != predict.observed([], spec["outcome"]), app._lines


def test_the_reveal_follows_the_controls():
    app = _build("receptors.antagonism_app")
    app.prediction_gate.answer.value = "2"
    app.prediction_gate.commit()
    app.set(antagonist_over_kb=1.0)
    assert "Naloxone at 1 x its KB" in app.prediction_gate.reveal.value


def test_questions_do_not_give_the_answer_away():
    for key, spec in predict.prediction_specs().items():
        assert spec["question"].rstrip().endswith("?"), key
        for choice in spec.get("choices", []):
            assert choice not in spec["question"], (key, choice)


def test_lesson06_keeps_first_and_final_claim_ratings():
    app = _build("claims.rating_app")
    app.prediction_gate.answer.value = "1.5"
    app.prediction_gate.commit()
    app.set(not_addictive=5.0)
    app.set(reveal=True)
    app.set(not_addictive=1.5)
    store = progress.current()
    assert store.claim_ratings("first")["not_addictive"] == 5.0
    assert store.claim_ratings("final")["not_addictive"] == 1.5


def test_gate_can_be_switched_off_for_a_projected_demo(monkeypatch):
    monkeypatch.setenv(predict.ENV_VAR, "off")
    app = _build("receptors.binding_app")
    assert not app.locked and not hasattr(app, "prediction_gate")


def test_factory_key_is_none_for_an_app_built_outside_a_lesson_module():
    assert predict.factory_key() is None
