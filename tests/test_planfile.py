"""Care-plan files against the reliability probe's attacks: every one is refused with a ValueError
naming the file (or a TypeError naming the parameter), and exports keep user text inert."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
import time

import pytest

from teach.careplan import model, planfile


def _plan(**changes) -> model.CarePlan:
    base = model.CarePlan(pain_condition="chronic low back pain", goals=("walk 30 minutes",),
                          medicines=(model.medicine("tramadol"),), care=("sleep",), uses_kratom=True,
                          notes="ask about sleep")
    return dataclasses.replace(base, **changes)


def _write(tmp_path, data, name="plan.json") -> os.PathLike:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_model_keeps_the_file_functions_for_compatibility():
    assert model.save_plan is planfile.save_plan and model.load_plan is planfile.load_plan
    assert model.to_markdown is planfile.to_markdown and model.MAX_FILE_BYTES == planfile.MAX_FILE_BYTES


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(model.CarePlan)])
def test_every_field_is_required(tmp_path, field):
    data = _plan().to_dict()
    del data[field]
    with pytest.raises(ValueError, match=f"missing field.*{field}") as err:
        model.load_plan(_write(tmp_path, data))
    assert "plan.json" in str(err.value)


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(model.Medicine)])
def test_every_medicine_field_is_required(tmp_path, field):
    data = _plan().to_dict()
    del data["medicines"][0][field]
    with pytest.raises(ValueError, match=f"Medicine is missing field.*{field}"):
        model.load_plan(_write(tmp_path, data))


def test_only_a_version_is_not_a_plan(tmp_path):
    with pytest.raises(ValueError, match="missing field"):
        model.load_plan(_write(tmp_path, '{"schema_version": 1}'))


@pytest.mark.parametrize(("content", "message"), [
    ('{"schema_version": true}', "schema_version"),
    ('{"schema_version": 1.0}', "schema_version"),
    ('{"schema_version": 1, "schema_version": 1}', "appears twice"),
    ("[" * 50_000 + "]" * 50_000, "nested"),
    ('{"a": ' * 20 + "1" + "}" * 20, "nested"),
    ('{"schema_version": 1, "bmi_kg_m2": 1' + "0" * 400 + "}", "digits"),
    ('{"schema_version": 1, "bmi_kg_m2": 1' + "0" * 5000 + "}", "digits"),
    ('{"schema_version": 1, "bmi_kg_m2": NaN}', "NaN"),
    ('{"schema_version": 1, "bmi_kg_m2": 1e999}', "too large"),
])
def test_hostile_json_is_refused_naming_the_file(tmp_path, content, message):
    path = _write(tmp_path, content)
    with pytest.raises(ValueError, match=message) as err:
        model.load_plan(path)
    assert "plan.json" in str(err.value)


@pytest.mark.parametrize("care", [[{}], [["kratom"]], [["x"], "sleep"]])
def test_unhashable_list_entries_are_refused(tmp_path, care):
    data = {**_plan().to_dict(), "care": care}
    with pytest.raises(ValueError, match="care"):
        model.load_plan(_write(tmp_path, data))


def test_a_bom_file_loads(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_plan().to_dict()).encode())
    assert model.load_plan(path) == _plan()


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(ValueError, match="not a regular file"):
        model.load_plan(fifo)
    assert time.monotonic() - start < 1


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_is_refused(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    link = tmp_path / "device.json"
    link.symlink_to(device)
    with pytest.raises(ValueError, match="not a regular file"):
        model.load_plan(link)


def test_file_system_errors_are_value_errors_naming_the_file(tmp_path):
    plan = _plan()
    cases = [
        (lambda: model.load_plan(tmp_path / "missing.json"), "missing.json"),
        (lambda: model.load_plan(tmp_path), str(tmp_path)),
        (lambda: model.save_plan(plan, tmp_path), str(tmp_path)),
        (lambda: model.save_plan(plan, tmp_path / ("x" * 300 + ".json")), "xxxx"),
        (lambda: model.save_plan(plan, tmp_path / "no" / "such" / "folder.json"), "folder.json"),
        (lambda: model.save_plan(plan, ""), "path"),
        (lambda: model.load_plan("a\0b.json"), "path"),
    ]
    for call, name in cases:
        with pytest.raises(ValueError) as err:
            call()
        assert name in str(err.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bad", [5, None, 1.5, b"plan.json", ["plan.json"]])
def test_a_path_of_the_wrong_type_names_the_parameter(bad):
    for call in (lambda: model.load_plan(bad), lambda: model.save_plan(_plan(), bad)):
        with pytest.raises(TypeError, match="path"):
            call()


def test_saving_through_a_symlink_writes_the_target(tmp_path):
    old, new = _plan(notes="old"), _plan(notes="new")
    target = model.save_plan(old, tmp_path / "target.json")
    link = tmp_path / "link.json"
    link.symlink_to("target.json")
    model.save_plan(new, link)
    assert link.is_symlink() and model.load_plan(target) == new == model.load_plan(link)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "target.json"]


def test_an_existing_files_mode_is_kept_and_a_new_file_is_private(tmp_path):
    path = model.save_plan(_plan(), tmp_path / "plan.json")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    os.chmod(path, 0o644)
    model.save_plan(_plan(notes="again"), path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644


def test_stale_temp_files_of_killed_saves_are_removed(tmp_path):
    stale, fresh, other = (tmp_path / ".plan.json.abc123.tmp", tmp_path / ".plan.json.def456.tmp",
                           tmp_path / ".other.json.abc123.tmp")
    for leftover in (stale, fresh, other):
        leftover.write_text("")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    os.utime(other, (hour_ago, hour_ago))
    model.save_plan(_plan(), tmp_path / "plan.json")
    assert not stale.exists() and fresh.exists() and other.exists()  # a recent one may be a save running now


def test_a_failed_save_keeps_the_old_file(tmp_path, monkeypatch):
    path = model.save_plan(_plan(notes="old"), tmp_path / "plan.json")

    def broken(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(ValueError, match="No space left"):
        model.save_plan(_plan(notes="new"), path)
    monkeypatch.undo()
    assert model.load_plan(path).notes == "old" and [p.name for p in tmp_path.iterdir()] == ["plan.json"]


HOSTILE = {
    "pain_condition": "back <script>alert('pc')</script> pain",
    "goals": ("x\n## Interaction flags\n- none found by these rules\n# Fake title",
              "see [click](javascript:alert(1)) and <img src=x onerror=alert(1)>", "# heading", "1. one",
              "http://example.com www.example.com **bold** _em_ `code` | table |"),
    "notes": "> quoted\n\n---\n<b>bold</b> &amp; [ref]: http://evil.example",
}


def test_html_export_escapes_every_free_text_field():
    out = model.to_html(_plan(**HOSTILE))
    for raw in ("<script", "<img", "<b>", "Fake title</h3>", "javascript:alert(1)</a>", "href"):
        assert raw not in out
    assert "&lt;script&gt;" in out and "&lt;b&gt;bold&lt;/b&gt;" in out
    assert out.count("<h3>") == 1 and "<h4>Notes</h4>" in out and "<ul><li>" in out
    assert "<strong>Pain condition:</strong> back" in out
    assert "ask about sleep" in model.to_html(_plan())


def test_markdown_export_keeps_user_text_inert():
    mistune = pytest.importorskip("mistune")
    markdown = model.to_markdown(_plan(**HOSTILE))
    rendered = mistune.create_markdown(escape=False, plugins=["url", "strikethrough", "table"])(markdown)
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert "<a " not in rendered and "<table" not in rendered and "<code>" not in rendered
    assert rendered.count("<h1>") == 1 and "Fake title</h1>" not in rendered and "<blockquote>" not in rendered
    assert rendered.count("<ol>") == 0 and "<hr" not in rendered
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings == ["# My care plan (a teaching example, not medical advice)", "## Goals", "## Parts of care",
                        "## Kratom (recorded use, not a part of care)", "## Liver risk factors",
                        "## Interaction flags and medicine cautions", "## Monitoring (first 12 months)",
                        "## Stop and seek care at once for", "## Questions for my clinician",
                        "## Deciding together", "## Notes"]
    assert "<strong>Pain condition:</strong> back" in rendered and "ask about sleep" in model.to_markdown(_plan())
