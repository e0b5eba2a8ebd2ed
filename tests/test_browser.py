"""Browser tests: JupyterLab on 127.0.0.1 driven by Playwright in Debian's Chromium.

Every notebook runs all its cells in a real JupyterLab, every widget renders, and moving a
slider in each app changes the figure's pixels and its text readout.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import time
import urllib.request

import pytest

from tests.conftest import NOTEBOOKS
from tests.servers import expected_apps, free_port, running_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 serving a copy of notebooks/; stopped afterwards."""
    root = tmp_path_factory.mktemp("lab")
    for path in NOTEBOOKS:
        shutil.copy2(path, root / path.name)
    port, token = free_port(), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("jupyter-home")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "ws"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings")}
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly",
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]
    base = f"http://127.0.0.1:{port}"
    ready = urllib.request.Request(f"{base}/api/status", headers={"Authorization": f"token {token}"})
    with running_server(command, ready, env=env, log_path=home / "server.log", name="JupyterLab"):
        yield base, token


def _run_all(page, base, token, name):
    page.goto(f"{base}/lab/tree/{name}?token={token}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const kernel = panel && panel.sessionContext && panel.sessionContext.session
                && panel.sessionContext.session.kernel;
            return kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
        }""",
        timeout=90_000,
    )
    # Clear the stored outputs first, so numbered prompts can only come from this run.
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].every(p => !/\\d/.test(p.textContent))"
    )
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=180_000,
    )




@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_every_widget_renders_and_responds(lab, browser, notebook):
    base, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _run_all(page, base, token, notebook.name)

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
