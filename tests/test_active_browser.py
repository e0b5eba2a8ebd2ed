"""Active learning in a real JupyterLab (Playwright + Debian's Chromium), on a temporary copy of the
notebooks wired by tools/wire_active_learning.py: commit a prediction, move a slider, answer a
self-check and a code exercise, restart the kernel, and find the progress kept."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from teach import progress
from tests.conftest import ROOT
from tests.servers import jupyterlab, run_all_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LESSON = "01_alkaloids_and_receptors.ipynb"


@pytest.fixture
def wired(tmp_path):
    root = tmp_path / "notebooks"
    root.mkdir()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy2(path, root / path.name)
    if not (root / "99_where_next.ipynb").exists():  # the closing page is the lead's; a stand-in has its anchor
        cells = [{"cell_type": "markdown", "id": "k", "metadata": {}, "source": ["## Key points\n"]}]
        (root / "99_where_next.ipynb").write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                                               "nbformat_minor": 5}))
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "wire_active_learning.py"), "--notebooks",
                             str(root)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return root


BINDING_TITLE = "Binding: how much of the receptor"


def _show_binding_demo(page) -> None:
    page.evaluate("""() => { const nb = window.jupyterapp.shell.currentWidget.content;
        const i = nb.widgets.findIndex(c => c.model.sharedModel.getSource().includes('binding_app()'));
        nb.activeCellIndex = i; return nb.scrollToItem(i, 'start'); }""")
    page.wait_for_timeout(500)


def _kernel_idle(page) -> None:
    page.wait_for_function(
        """() => { const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
                   return k && k.connectionStatus === 'connected' && k.status === 'idle'; }""", timeout=90_000)


def test_prediction_selfcheck_and_exercise_survive_a_kernel_restart(wired, tmp_path, monkeypatch, browser):
    store_path = tmp_path / "home" / "teach-progress.json"
    monkeypatch.setenv(progress.ENV_VAR, str(store_path))  # the server, and so the kernel, inherit it
    monkeypatch.delenv("TEACH_PREDICT", raising=False)
    (tmp_path / "jupyter-home").mkdir()
    with jupyterlab(wired, tmp_path / "jupyter-home") as (base, token):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        run_all_cells(page, base, token, LESSON)

        # 1. the first demo is locked until a prediction is committed
        _show_binding_demo(page)
        app = page.locator(".teach-app", has_text=BINDING_TITLE)
        app.locator(".teach-predict").wait_for(timeout=60_000)
        readout_box = app.locator(".widget-slider .widget-readout").first
        assert readout_box.get_attribute("contenteditable") == "false"  # the slider is disabled until commit
        app.locator(".teach-predict").get_by_text("It will rise, but far less than ten-fold").click()
        app.get_by_role("button", name="Commit my prediction").click()
        reveal = app.locator(".teach-predict [role=status]").last
        reveal.wait_for(timeout=15_000)
        assert "You expected: It will rise, but far less than ten-fold" in reveal.inner_text()

        # 2. the slider now works, and the reveal follows it
        page.wait_for_function("el => el.contentEditable === 'true'", arg=readout_box.element_handle(), timeout=15_000)
        readout = app.locator(".teach-readout")
        before = readout.inner_text()
        value = app.locator(".widget-slider .widget-readout").first
        value.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("1000")
        page.keyboard.press("Enter")
        page.wait_for_function("([el, b]) => el.innerText !== b", arg=[readout.element_handle(), before],
                               timeout=15_000)
        gate = app.locator(".teach-predict").element_handle()  # its status paragraph is re-rendered on each change
        page.wait_for_function("el => el.innerText.includes('1e+03 nM')", arg=gate, timeout=15_000)

        # 3. a self-check answered with a unit
        check = page.locator(".teach-selfcheck").first
        check.scroll_into_view_if_needed()
        check.locator("input[type=text]").fill("75 %")
        check.get_by_role("button", name="Check").click()
        check.get_by_text("Correct.").wait_for(timeout=15_000)

        # 4. a code exercise: replace the placeholder and run the cell
        cell = page.locator(".jp-CodeCell", has_text='check("01-occupancy", occupancy)')
        cell.scroll_into_view_if_needed()
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text('from teach.exercises import check\noccupancy = 0.4 / (0.4 + 1.2)\n'
                                  'check("01-occupancy", occupancy)')
        page.keyboard.press("Shift+Enter")
        cell.locator(".teach-exercise").get_by_text("Correct.").wait_for(timeout=30_000)
        assert cell.locator("details summary", has_text="reference solution").count() == 1

        # 5. restart the kernel and run everything again: the progress is still there
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
        _kernel_idle(page)
        run_all_cells(page, base, token, LESSON)
        _show_binding_demo(page)  # JupyterLab renders only the cells near the view
        app = page.locator(".teach-app", has_text=BINDING_TITLE)
        app.locator(".teach-readout").wait_for(timeout=60_000)
        app.locator(".teach-predict").wait_for(timeout=30_000)
        page.wait_for_function("el => el.innerText.includes('You expected: It will rise, but far less than ten-fold')",
                               arg=app.locator(".teach-predict").element_handle(), timeout=30_000)
        assert app.get_by_role("button", name="Commit my prediction").is_hidden()
        assert not errors, errors
        page.close()

    kept = progress.load(store_path)
    assert kept.prediction("receptors.binding_app")["answer"] == 1
    assert kept.selfcheck("01-occupancy-at-ki")["correct"] is True
    assert kept.exercise("01-occupancy")["correct"] is True
