"""The shared control builders and the app shell's layout, headless (the browser tests measure pixels)."""

from __future__ import annotations

import ipywidgets as widgets
import pytest
import traitlets

from teach.ui.controls import CELL_WIDTH, LABEL_WIDTH, CheckGroup, dropdown, slider, tick, toggles
from teach.ui.style import CSS


def test_check_group_value_follows_the_boxes_and_the_boxes_follow_the_value():
    group = CheckGroup("compounds", [("Morphine", "morphine"), ("Naloxone", "naloxone"), "tramadol"], ("naloxone",))
    seen = []
    group.observe(lambda change: seen.append(change["new"]), names="value")
    assert group.value == ("naloxone",)
    group.boxes["morphine"].value = True
    assert group.value == ("morphine", "naloxone")  # in the order of the options
    group.value = ("tramadol",)
    assert [box.value for box in group.boxes.values()] == [False, False, True]
    assert seen == [("morphine", "naloxone"), ("tramadol",)]  # one event per change, no echoes
    assert group.boxes["morphine"].description == "Morphine"


def test_check_group_refuses_an_unknown_option():
    group = CheckGroup("adjust for", ["age", "sex"])
    with pytest.raises(traitlets.TraitError, match="no option 'pain'"):
        group.value = ("pain",)


def test_controls_share_one_label_column_and_fill_their_cell():
    for control in (slider("leaf (g)", 2, 0.5, 10, 0.1), dropdown("study", ["a", "b"], "a")):
        assert control.style.description_width == LABEL_WIDTH
        assert control.layout.width == CELL_WIDTH
    assert tick("pregnancy").indent is False


def test_long_options_get_a_wider_cell():
    short = dropdown("sex", ["male", "female"], "male")
    long = dropdown("course", ["not reported, persisted, rose, or drug continued"], "not reported, persisted, rose, "
                    "or drug continued")
    buttons = toggles("sample", ["whole cohort", "liver clinic", "online survey"], "liver clinic")
    assert short.layout.width == CELL_WIDTH
    assert long.layout.width.startswith("calc(2") and buttons.layout.width.startswith("calc(2")
    assert float(buttons.style.button_width[:-2]) >= len("online survey") * 0.6  # no "online sur..."


def test_lesson_app_groups_tick_boxes_under_headings_and_shows_helpers_first():
    from teach.careplan.app import plan_builder_app
    from teach.liver.app import rucam_app

    app = plan_builder_app()
    headings = [child.children[0].value for child in app.children if "teach-group" in child._dom_classes]
    assert headings == ["<b>Parts of care</b>", "<b>Liver risk factors</b>", "<b>Medicines in the plan</b>"]
    care = next(c for c in app.children if "teach-group" in c._dom_classes)
    assert all(isinstance(box, widgets.Checkbox) for box in care.children[1:])
    assert not any("_" in box.description for box in care.children[1:])  # labels, not code names
    rucam = rucam_app()
    grid = rucam.children[2]
    assert grid.children[0] is rucam.case
    assert "livertox" not in " ".join(label for label, _ in rucam.case.options)


def test_no_list_box_is_left():
    from importlib import import_module

    for package in ("receptors", "kinetics", "causal", "liver", "careplan", "claims"):
        for factory in import_module(f"teach.{package}.app").APPS.values():
            app = factory()
            assert not any(isinstance(c, widgets.SelectMultiple) for c in app.controls.values()), factory


def test_readout_sits_beside_the_figure_or_wraps_under_it():
    from teach.receptors.app import antagonism_app

    app = antagonism_app()
    body = app.children[-1]
    assert body.children == (app.figure.canvas, app.readout)
    assert body.layout.flex_flow == "row wrap" and app.figure.canvas.layout.flex == "0 0 auto"
    assert app.readout.layout.min_width and app.readout.layout.flex.startswith("1 1")


def test_style_lets_labels_and_options_wrap():
    assert "white-space: normal" in CSS and "height: auto" in CSS
    assert ".teach-selfcheck" in CSS and ".teach-app" in CSS
