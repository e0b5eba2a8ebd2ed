"""Voila presents each lesson's apps without their code: every app's figure renders in Chromium.

For each lesson notebook 01-07, ``python -m voila`` serves a copy on 127.0.0.1 (token auth); the
page /voila/render/<notebook> is opened in Playwright with Debian's Chromium, and every app's
ipympl figure must appear with no "Error displaying widget".
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import LESSONS
from tests.servers import expected_apps, voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VOILA_LESSONS = [path for path in LESSONS if "01" <= path.name[:2] <= "07"]


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """A Voila server on 127.0.0.1 serving a copy of the lesson notebooks; stopped afterwards."""
    root = tmp_path_factory.mktemp("voila")
    for path in VOILA_LESSONS:
        shutil.copy2(path, root / path.name)
    with voila_server(root, tmp_path_factory.mktemp("voila-home")) as server:
        yield server


def test_there_is_a_lesson_to_present():
    assert VOILA_LESSONS and any(path.name.startswith("06_") for path in VOILA_LESSONS)


@pytest.mark.parametrize("notebook", VOILA_LESSONS, ids=lambda p: p.name)
def test_voila_renders_every_app_without_code(voila, browser, notebook):
    base, token = voila
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/voila/render/{notebook.name}?token={token}", timeout=180_000)
    expected = expected_apps(notebook)
    apps = page.locator(".teach-app")
    apps.nth(expected - 1).locator(".jupyter-matplotlib-figure").wait_for(timeout=180_000)
    assert apps.count() == expected
    for index in range(expected):
        assert apps.nth(index).locator(".jupyter-matplotlib-figure").count() == 1
    assert page.get_by_text("Error displaying widget").count() == 0
    assert "_app()" not in page.inner_text("body"), "Voila should hide the code"
    assert not errors, errors
    layout = page.evaluate(READABLE_LAYOUT)
    assert layout["widest_prose_ch"] <= 80, f"prose lines too long to read: {layout['widest_prose_ch']:.0f} characters"
    stray = [text for text in layout["stray_outputs"] if text not in _exercise_outputs(notebook)]
    assert not stray, f"outputs with no context: {stray}"
    for gap in layout["readout_gaps"]:
        assert gap <= 40, f"a readout sits {gap:.0f} px from its figure"
    page.close()


def _exercise_outputs(notebook) -> set[str]:
    """The outputs of the code-exercise cells (tagged ``teach-active``): a worked example's result is
    read with its code in JupyterLab; Voila hides the code, so these are judged there, not here."""
    import json

    texts = set()
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if "teach-active" in cell["metadata"].get("tags", []):
            for output in cell.get("outputs", []):
                texts.add("".join(output.get("text", "")).strip())
                texts.add("".join(output.get("data", {}).get("text/plain", "")).strip())
    return texts


# Measured in the page: the widest Markdown block in characters ("0" widths), text outputs of
# fewer than three words (a bare "True" or "3 6"), and each app's gap from figure to readout.
READABLE_LAYOUT = r"""() => {
    const probe = document.createElement('span');
    probe.textContent = '0'.repeat(100);
    document.querySelector('.jp-RenderedMarkdown').appendChild(probe);
    const ch = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const widths = [...document.querySelectorAll('.jp-RenderedMarkdown')].map(e => e.getBoundingClientRect().width);
    const stray = [...document.querySelectorAll('.jp-OutputArea-output pre')]
        .map(e => e.textContent.trim()).filter(t => t.split(/\s+/).length < 3);
    const gaps = [...document.querySelectorAll('.teach-app')].map(app => {
        const figure = app.querySelector('.jupyter-matplotlib-figure').getBoundingClientRect();
        const readout = app.querySelector('.teach-readout').getBoundingClientRect();
        const beside = readout.left - figure.right, below = readout.top - figure.bottom;
        return beside >= -1 ? beside : below;
    });
    return {widest_prose_ch: Math.max(...widths) / ch, stray_outputs: stray, readout_gaps: gaps};
}"""
