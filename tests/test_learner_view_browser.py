"""What a learner sees in JupyterLab + Chromium before and outside the lesson apps.

- Before Run All, a stored lesson shows each demo as a still picture with its readout and each
  self-check as its question: no Python repr (the notebook is untrusted, as a fresh download is).
- The capstone runs: its form renders, and checking an answer gives feedback in the page.
- The closing page and the navigation links render.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import NOTEBOOKS, notebook_kind
from tests.servers import expected_apps, jupyterlab, run_all_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CAPSTONE = next(path for path in NOTEBOOKS if notebook_kind(path) == "capstone")
CLOSING = next(path for path in NOTEBOOKS if notebook_kind(path) == "closing")
STORED = [path for path in NOTEBOOKS if expected_apps(path)]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab with every cell kept in the page (no windowing), so a whole notebook can be read."""
    root, home = tmp_path_factory.mktemp("lab"), tmp_path_factory.mktemp("jupyter-home")
    for path in NOTEBOOKS:
        shutil.copy2(path, root / path.name)
    settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    with jupyterlab(root, home) as server:
        yield server


def _open(page, base, token, name):
    page.goto(f"{base}/lab/tree/{name}?token={token}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_timeout(1500)


@pytest.mark.parametrize("notebook", STORED, ids=lambda p: p.name)
def test_before_running_every_demo_is_a_still_picture_and_no_repr_shows(lab, browser, notebook):
    base, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    _open(page, base, token, notebook.name)
    pictures = page.locator(".teach-fallback img")
    assert pictures.count() == expected_apps(notebook)
    for index in range(pictures.count()):
        picture = pictures.nth(index)
        picture.scroll_into_view_if_needed()
        assert picture.evaluate("img => img.complete && img.naturalWidth > 300"), f"picture {index} did not load"
    text = page.locator(".jp-Notebook").inner_text()
    assert "LessonApp(" not in text and "SelfCheck(" not in text and "children=" not in text
    assert page.get_by_text("Run the notebook to check your answer here.").count() >= 1
    page.close()


def test_capstone_form_checks_an_answer_in_the_page(lab, browser):
    base, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    run_all_cells(page, base, token, CAPSTONE.name)
    form = page.locator(".teach-capstone")
    form.wait_for(timeout=60_000)
    form.get_by_text("Check my brief").click()
    form.get_by_text("checkable parts right").wait_for(timeout=15_000)
    assert form.get_by_text("Give both ends of the range as numbers").count() == 1
    assert page.get_by_text("Error displaying widget").count() == 0 and not errors
    page.close()


def test_closing_page_links_back_to_the_course(lab, browser):
    base, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    _open(page, base, token, CLOSING.name)
    links = page.locator(".jp-RenderedMarkdown a")
    links.last.wait_for(timeout=30_000)
    targets = " ".join(str(links.nth(i).get_attribute("href")) for i in range(links.count()))
    assert "00_start_here.ipynb" in targets and "references.md" in targets, targets
    page.close()
