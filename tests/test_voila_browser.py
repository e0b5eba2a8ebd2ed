"""Voila presents each lesson's apps without their code: every app's figure renders in Chromium.

For each lesson notebook 01-06, ``python -m voila`` serves a copy on 127.0.0.1 (token auth); the
page /voila/render/<notebook> is opened in Playwright with Debian's Chromium, and every app's
ipympl figure must appear with no "Error displaying widget".
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import LESSONS
from tests.test_browser import CHROMIUM, CHROMIUM_FLAGS, _expected_apps, _free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VOILA_LESSONS = [path for path in LESSONS if "01" <= path.name[:2] <= "06"]


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """A Voila server on 127.0.0.1 serving a copy of the lesson notebooks; stopped afterwards."""
    root = tmp_path_factory.mktemp("voila")
    for path in VOILA_LESSONS:
        shutil.copy2(path, root / path.name)
    port, token = _free_port(), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("voila-home")
    log = (home / "voila.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "voila", str(root), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
         f"--Voila.token={token}", "--Voila.port_retries=0"],
        env={**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config")},
        stdout=subprocess.DEVNULL, stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{base}/?token={token}", timeout=2):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                log.close()
                pytest.fail(f"Voila did not start: {(home / 'voila.log').read_text()[-2000:]}")
            time.sleep(0.5)
    yield base, token
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is needed at /usr/bin/chromium: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


def test_there_is_a_lesson_to_present():
    assert VOILA_LESSONS and any(path.name.startswith("06_") for path in VOILA_LESSONS)


@pytest.mark.parametrize("notebook", VOILA_LESSONS, ids=lambda p: p.name)
def test_voila_renders_every_app_without_code(voila, browser, notebook):
    base, token = voila
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/voila/render/{notebook.name}?token={token}", timeout=180_000)
    expected = _expected_apps(notebook)
    apps = page.locator(".teach-app")
    apps.nth(expected - 1).locator(".jupyter-matplotlib-figure").wait_for(timeout=180_000)
    assert apps.count() == expected
    for index in range(expected):
        assert apps.nth(index).locator(".jupyter-matplotlib-figure").count() == 1
    assert page.get_by_text("Error displaying widget").count() == 0
    assert "_app()" not in page.inner_text("body"), "Voila should hide the code"
    assert not errors, errors
    page.close()
