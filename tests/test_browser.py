"""Browser tests: JupyterLab on 127.0.0.1 driven by Playwright in Debian's Chromium.

Every notebook runs all its cells in a real JupyterLab, every widget renders, and moving a
slider in each app changes the figure's pixels and its text readout.
"""

from __future__ import annotations

import shutil
import time

import pytest

from tests.conftest import NOTEBOOKS
from tests.servers import expected_apps, jupyterlab, run_all_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]

@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 serving a copy of notebooks/; stopped afterwards."""
    root = tmp_path_factory.mktemp("lab")
    for path in NOTEBOOKS:
        shutil.copy2(path, root / path.name)
    with jupyterlab(root, tmp_path_factory.mktemp("jupyter-home")) as server:
        yield server


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_every_widget_renders_and_responds(lab, browser, notebook):
    base, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    run_all_cells(page, base, token, notebook.name)

    apps = page.locator(".teach-app")
    expected = expected_apps(notebook)
    apps.nth(expected - 1).locator(".jupyter-matplotlib-figure").wait_for(timeout=60_000)
    assert apps.count() == expected
    assert page.locator(".jupyter-matplotlib-figure").count() == expected
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    assert page.locator(".teach-selfcheck").count() >= (4 if not notebook.name.startswith("00") else 1)

    for index in range(expected):
        app = apps.nth(index)
        app.scroll_into_view_if_needed()
        figure = app.locator(".jupyter-matplotlib-figure")
        readout = app.locator(".teach-readout")
        page.wait_for_timeout(300)
        pixels, text = figure.screenshot(), readout.inner_text()
        slider_value = app.locator(".widget-slider .widget-readout").first
        slider_value.click()
        page.keyboard.press("Control+A")
        current = slider_value.inner_text()
        page.keyboard.type("0.5" if current.strip() != "0.5" else "5")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "([el, before]) => el.innerText !== before", arg=[readout.element_handle(), text], timeout=15_000
        )
        deadline = time.monotonic() + 15
        while figure.screenshot() == pixels:
            assert time.monotonic() < deadline, f"app {index} of {notebook.name}: figure pixels did not change"
            page.wait_for_timeout(200)
    assert not errors, errors
    page.close()
