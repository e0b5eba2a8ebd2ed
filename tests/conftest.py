"""Shared fixtures. Figures use ipympl canvases made directly, so no display is needed."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # only pyplot's default; LiveFigure makes its own ipympl canvas

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def notebook_kind(path: Path) -> str:
    """'lesson' (a content lesson), 'start', 'capstone' or 'closing', from the notebook's metadata."""
    return json.loads(path.read_text(encoding="utf-8"))["metadata"]["teach"].get("kind", "lesson")


LESSONS = [path for path in NOTEBOOKS if notebook_kind(path) == "lesson"]


@pytest.fixture
def figure_counter(monkeypatch):
    """Counts every matplotlib Figure created while the test runs."""
    from matplotlib.figure import Figure

    created = []
    original = Figure.__init__

    def counting_init(self, *args, **kwargs):
        created.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "__init__", counting_init)
    return created


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright; shared by every browser test."""
    from tests.servers import CHROMIUM, CHROMIUM_FLAGS

    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is needed at /usr/bin/chromium: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()
