"""Layout in a real browser: every app and every self-check of the course, in JupyterLab + Chromium.

One generated notebook shows every app factory of every lesson (the notebooks call them with
their defaults) and every self-check; it runs once, and the page is then measured at several
notebook widths:

* self-check options never overlap, keep their radio button, and a click selects the option clicked;
* no control's text is cut off (content wider than its box), no slider track is under 150 px;
* each readout sits beside its figure, or directly under it;
* in Voila too (its page is as wide as the window): options, controls and readouts as above.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from teach.data import self_checks
from tests.servers import jupyterlab, run_all_cells, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PACKAGES = ("receptors", "kinetics", "causal", "liver", "careplan", "claims")
NOTEBOOK = "layout_all.ipynb"


def _cell(source: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}


def write_notebook(path: Path, packages=PACKAGES) -> int:
    """Write the notebook of every app of ``packages`` and every self-check; return how many apps it shows."""
    from importlib import import_module

    cells = [_cell("import importlib\nfrom teach.ui import self_check")]
    count = 0
    for package in packages:
        for name in import_module(f"teach.{package}.app").APPS:
            cells.append(_cell(f"importlib.import_module('teach.{package}.app').APPS[{name!r}]()"))
            count += 1
    cells += [_cell(f"self_check({check_id!r})") for check_id in sorted(self_checks())]
    notebook = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
                "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return count


@pytest.fixture(scope="module")
def page(tmp_path_factory, browser):
    """The generated notebook, run in JupyterLab with the file browser closed; yields the page."""
    root = tmp_path_factory.mktemp("layout")
    apps = write_notebook(root / NOTEBOOK)
    with jupyterlab(root, tmp_path_factory.mktemp("layout-home")) as (base, token):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        run_all_cells(page, base, token, NOTEBOOK)
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        page.locator(".teach-app").nth(apps - 1).locator(".jupyter-matplotlib-figure").wait_for(timeout=90_000)
        assert page.locator(".teach-app").count() == apps
        assert page.locator(".teach-selfcheck").count() == len(self_checks())
        yield page
        page.close()


def option_problems(page) -> tuple[int, list[str]]:
    """How many choice self-checks ``page`` shows, and every overlap, lost radio button or wrong
    selection among their options."""
    checks = page.locator(".teach-selfcheck")
    problems, measured = [], 0
    for index in range(checks.count()):
        check = checks.nth(index)
        if not check.locator(".widget-radio-box").count():
            continue
        check.scroll_into_view_if_needed()
        boxes = check.evaluate(OPTION_BOXES)
        measured += 1
        right_edge = check.evaluate("el => el.getBoundingClientRect().right")
        for i, a in enumerate(boxes):
            if not a["inputVisible"]:
                problems.append(f"check {index}: option {a['text']!r} has no visible radio button")
            if a["right"] > right_edge + 1:
                problems.append(f"check {index}: option {a['text']!r} runs past the self-check's edge")
            for b in boxes[i + 1:]:
                if a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5:
                    problems.append(f"check {index}: options {a['text']!r} and {b['text']!r} overlap")
        labels = check.locator(".widget-radio-box label")
        for i in range(labels.count()):
            labels.nth(i).click()
            chosen = check.evaluate("el => [...el.querySelectorAll('.widget-radio-box input')].map(r => r.checked)")
            if chosen != [j == i for j in range(len(chosen))]:
                problems.append(f"check {index}: clicking option {i} selected {chosen}")
    return measured, problems


def app_problems(page) -> list[str]:
    """Clipped text, short slider tracks and far-away readouts in every app on ``page``."""
    apps = page.locator(".teach-app")
    assert page.locator(".teach-app .slider-container").count() > 0  # the measurements find the controls
    problems = []
    for index in range(apps.count()):
        app = apps.nth(index)
        app.scroll_into_view_if_needed()
        title = app.locator("h4").inner_text()
        problems += [f"{title}: {found}" for found in app.evaluate(CLIPPED)]
        gap = app.evaluate(READOUT_PLACE)
        if not -1 <= gap <= 40:
            problems.append(f"{title}: the readout is {gap:.0f} px from its figure")
    return problems


def set_notebook_width(page, width: int) -> None:
    """Resize the viewport until the notebook panel is ``width`` px wide (within 2 px)."""
    viewport = width + 80
    for _ in range(4):
        page.set_viewport_size({"width": viewport, "height": 1000})
        page.wait_for_timeout(600)
        actual = page.evaluate("() => document.querySelector('.jp-NotebookPanel').getBoundingClientRect().width")
        if abs(actual - width) <= 2:
            return
        viewport += round(width - actual)
    pytest.fail(f"could not make the notebook {width} px wide (it is {actual} px)")


OPTION_BOXES = """el => [...el.querySelectorAll('.widget-radio-box label')].map(label => {
    const box = label.getBoundingClientRect(), input = label.querySelector('input').getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, left: box.left, right: box.right,
            inputVisible: input.width > 0 && input.left >= box.left - 1 && input.right <= box.right + 1,
            text: label.textContent.slice(0, 60)};
})"""


@pytest.mark.parametrize("width", [800, 1400])
def test_self_check_options_never_overlap_and_select_what_is_clicked(page, width):
    set_notebook_width(page, width)
    measured, problems = option_problems(page)
    assert measured == sum(spec["kind"] == "choice" for spec in self_checks().values())
    assert not problems, "\n".join(problems)


CLIPPED = """app => {
    const found = [];
    const selector = '.widget-label, .widget-label-basic, .widget-readout, .widget-toggle-button, button, '
        + 'input[type=text], input[type=number], .widget-html-content, .widget-radio-box label';
    for (const el of app.querySelectorAll(selector)) {
        if (el.closest('.teach-readout') || el.closest('.teach-style') || el.offsetParent === null) continue;
        if (el.scrollWidth > el.clientWidth + 1) found.push(`${el.className}: "${(el.innerText || el.value || '')
            .slice(0, 50)}" needs ${el.scrollWidth} px, has ${el.clientWidth}`);
    }
    const ctx = document.createElement('canvas').getContext('2d');
    for (const select of app.querySelectorAll('select')) {
        const style = getComputedStyle(select);
        ctx.font = `${style.fontSize} ${style.fontFamily}`;
        const text = select.options[select.selectedIndex] ? select.options[select.selectedIndex].text : '';
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (ctx.measureText(text).width > room + 1) found.push(`drop-down "${text}" needs `
            + `${Math.ceil(ctx.measureText(text).width)} px, has ${room}`);
    }
    for (const group of app.querySelectorAll('.widget-toggle-buttons')) {
        const label = group.querySelector('.widget-label'), button = group.querySelector('button');
        if (label && label.innerText.trim() && button
            && label.getBoundingClientRect().bottom <= button.getBoundingClientRect().top + 1)
            found.push(`toggle buttons on a line below their label "${label.innerText}"`);
    }
    for (const track of app.querySelectorAll('.slider-container')) {
        const width = track.getBoundingClientRect().width;
        if (width < 150) found.push(`slider track ${Math.round(width)} px wide, next to `
            + `"${track.parentElement.innerText.slice(0, 40)}"`);
    }
    return found;
}"""

READOUT_PLACE = """app => {
    const fig = app.querySelector('.jupyter-matplotlib-figure').getBoundingClientRect();
    const out = app.querySelector('.teach-readout').getBoundingClientRect();
    if (out.left >= fig.right - 1 && out.top < fig.bottom) return out.left - fig.right;  // beside: the gap
    return out.top - fig.bottom;  // under: the gap
}"""


@pytest.mark.parametrize("width", [800, 1000, 1400])
def test_no_control_clips_its_text_and_every_readout_is_next_to_its_figure(page, width):
    set_notebook_width(page, width)
    assert page.locator(".teach-app .slider-container").count() > 40
    problems = app_problems(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [1600])
def test_voila_lays_out_options_controls_and_readouts(tmp_path_factory, browser, width):
    """Voila at a wide window (where the review saw readouts 500 px from their figures): lesson 07's
    apps and every self-check."""
    root = tmp_path_factory.mktemp("voila-layout")
    write_notebook(root / NOTEBOOK, packages=("claims",))
    with voila_server(root, tmp_path_factory.mktemp("voila-layout-home")) as (base, token):
        page = browser.new_page(viewport={"width": width, "height": 1000})
        page.goto(f"{base}/voila/render/{NOTEBOOK}?token={token}", timeout=180_000)
        page.locator(".teach-selfcheck").nth(len(self_checks()) - 1).wait_for(timeout=300_000)
        page.wait_for_timeout(1000)
        measured, problems = option_problems(page)
        problems += app_problems(page)
        page.close()
    assert measured == sum(spec["kind"] == "choice" for spec in self_checks().values())
    assert not problems, "\n".join(problems)
