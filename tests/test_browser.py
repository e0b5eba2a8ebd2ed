"""Browser tests: JupyterLab on 127.0.0.1 driven by Playwright in Debian's Chromium.

Every notebook runs all its cells three times, each time in a fresh kernel and a fresh page:
every widget renders, and every figure canvas shows the kernel's own full redraw of that
figure, pixel for pixel: never blank, never curves without their axes. In the first run each
slider of each app is then moved one step with the keyboard (ArrowRight on its handle), and
after each step the figure is again the full picture of the new state.
"""

from __future__ import annotations

import base64
import json
import shutil
import time
from io import BytesIO

import numpy as np
import pytest
from PIL import Image

from tests.conftest import NOTEBOOKS
from tests.servers import expected_apps, jupyterlab, kernel_stdout, run_all_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RUNS = 3  # Run Alls per notebook, each in a fresh kernel: a blank figure showed in 6 of 31 such runs
SETTLE_S = 60  # how long a figure may take to show the kernel's last frame on a loaded 2-core machine

# Model ids of the lesson apps shown in the notebook's outputs, in order.
APP_MODEL_IDS = """() => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    const ids = [];
    for (const cell of notebook.widgets) {
        if (cell.model.type !== 'code') { continue; }
        const area = cell.outputArea;
        for (let i = 0; i < area.model.length; i++) {
            const view = area.model.get(i).data['application/vnd.jupyter.widget-view+json'];
            const node = area.widgets[i] && area.widgets[i].node;
            if (view && node && node.querySelector('.teach-app')) { ids.push(view.model_id); }
        }
    }
    return ids;
}"""

# For each app (by model id): its canvas's last frame sent, or (redraw=True) a full redraw of its
# figure, as base64 PNG, with the number of frames sent and the app's input error, if any.
KERNEL_FRAMES = """
def _teach_frames(model_ids, redraw):
    import base64, gc, io, json
    import numpy as np
    from PIL import Image
    from teach.ui.app import LessonApp
    apps = globals().setdefault("_teach_browser_test_apps", {{}})  # found once per kernel: gc is slow
    if not set(model_ids) <= apps.keys():
        apps.update({{app.model_id: app for app in gc.get_objects() if isinstance(app, LessonApp)}})
    frames = {{}}
    for model_id in model_ids:
        app = apps[model_id]
        canvas = app.figure.canvas
        with canvas.lock:
            if redraw:
                canvas.draw()
                buffer = io.BytesIO()
                Image.fromarray(np.asarray(canvas.get_renderer().buffer_rgba())).save(buffer, format="png")
                png = buffer.getvalue()
            else:
                png = canvas.last_frame or b""
            frames[model_id] = [base64.b64encode(png).decode(), canvas.frames_sent, app.error]
    print(json.dumps(frames))
_teach_frames({model_ids!r}, {redraw!r})
del _teach_frames
"""


def _decode(png_b64: str) -> np.ndarray | None:
    return np.asarray(Image.open(BytesIO(base64.b64decode(png_b64))).convert("RGBA")) if png_b64 else None


def _kernel_frames(page, model_ids: list[str], *, redraw: bool = False) -> dict:
    """``{model_id: (RGBA array or None, frames sent, input error)}`` from the notebook's kernel."""
    printed = kernel_stdout(page, KERNEL_FRAMES.format(model_ids=list(model_ids), redraw=redraw))
    return {key: (_decode(png), sent, error) for key, (png, sent, error) in json.loads(printed).items()}


def _canvas_pixels(app) -> np.ndarray | None:
    """The RGBA pixels of an app's figure canvas as the browser shows them."""
    url = app.locator(".jupyter-matplotlib-figure canvas").first.evaluate(
        "canvas => canvas.width && canvas.height ? canvas.toDataURL('image/png') : ''"
    )
    return _decode(url.split(",", 1)[1]) if url else None


def _differing(shown: np.ndarray | None, expected: np.ndarray | None) -> float:
    """Share of pixels that differ (1.0 when either picture is missing or the sizes differ)."""
    if shown is None or expected is None or shown.shape != expected.shape:
        return 1.0
    return float(np.any(shown != expected, axis=-1).mean())


def _describe(shown: np.ndarray | None) -> str:
    if shown is None:
        return "no canvas"
    transparent = (shown[..., 3] == 0).mean()
    ink = (np.any(shown[..., :3] < 200, axis=-1) & (shown[..., 3] > 0)).mean()
    return f"{shown.shape[1]}x{shown.shape[0]} px, {transparent:.0%} transparent, {ink:.1%} dark pixels"


def _settled(page, app, model_id: str, *, frames_before: int = -1, label: str) -> np.ndarray:
    """Wait until the kernel has sent a frame (after its ``frames_before``-th) or shown an input
    error, and the browser shows that last frame; return the canvas pixels."""
    deadline = time.monotonic() + SETTLE_S
    while True:
        frame, sent, error = _kernel_frames(page, [model_id])[model_id]
        shown = _canvas_pixels(app)
        if (sent > frames_before or error) and frame is not None and _differing(shown, frame) == 0:
            return shown
        assert time.monotonic() < deadline, (
            f"{label}: after {SETTLE_S} s the figure does not show the kernel's last frame "
            f"({_describe(shown)}; the frame: {_describe(frame)}; frames sent {sent}, error {error})"
        )
        page.wait_for_timeout(300)


def _assert_full_picture(page, model_id: str, shown: np.ndarray, label: str) -> int:
    """Assert that ``shown`` is the kernel's full redraw of the figure; return the frames sent since."""
    full, sent, _ = _kernel_frames(page, [model_id], redraw=True)[model_id]
    share = _differing(shown, full)
    assert share == 0, (
        f"{label}: {share:.2%} of the figure's pixels differ from the kernel's full redraw "
        f"(shown: {_describe(shown)}; full redraw: {_describe(full)})"
    )
    return sent


def _move_each_slider(page, app, model_id: str, frames_sent: int, label: str) -> int:
    """Move every slider of ``app`` one step with the keyboard (the kernel has sent ``frames_sent``
    frames so far) and check the figure after each; return how many sliders there were."""
    handles = app.locator(".noUi-handle")
    for index in range(handles.count()):
        handle = handles.nth(index)
        handle.scroll_into_view_if_needed()
        at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        key = "ArrowLeft" if at_max else "ArrowRight"
        handle.focus()
        page.keyboard.press(key)
        where = f"{label}, slider {index + 1} ({key})"
        shown = _settled(page, app, model_id, frames_before=frames_sent, label=where)
        frames_sent = _assert_full_picture(page, model_id, shown, where)
    return handles.count()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 serving a copy of notebooks/; stopped afterwards."""
    root = tmp_path_factory.mktemp("lab")
    for path in NOTEBOOKS:
        shutil.copy2(path, root / path.name)
    with jupyterlab(root, tmp_path_factory.mktemp("jupyter-home")) as server:
        yield server


WITH_APPS = [path for path in NOTEBOOKS if expected_apps(path)]  # the capstone and closing page: see
# tests/test_learner_view_browser.py


@pytest.mark.parametrize("notebook", WITH_APPS, ids=lambda p: p.name)
def test_every_figure_shows_the_full_picture_after_run_all_and_after_each_slider(lab, browser, notebook):
    base, token = lab
    expected = expected_apps(notebook)
    for run in range(RUNS):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        run_all_cells(page, base, token, notebook.name)

        apps = page.locator(".teach-app")
        apps.nth(expected - 1).locator(".jupyter-matplotlib-figure").wait_for(timeout=60_000)
        assert apps.count() == expected
        assert page.locator(".jupyter-matplotlib-figure").count() == expected
        assert page.get_by_text("Error displaying widget").count() == 0
        assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
        assert page.locator(".teach-selfcheck").count() >= (4 if not notebook.name.startswith("00") else 1)
        model_ids = page.evaluate(APP_MODEL_IDS)
        assert len(model_ids) == expected

        sliders = 0
        for index, model_id in enumerate(model_ids):
            app = apps.nth(index)
            app.scroll_into_view_if_needed()
            label = f"{notebook.name}, run {run + 1}, app {index + 1}"
            shown = _settled(page, app, model_id, label=label)
            frames_sent = _assert_full_picture(page, model_id, shown, label)
            if run == 0:
                sliders += _move_each_slider(page, app, model_id, frames_sent, label)
        if run == 0:
            assert sliders > 0, f"{notebook.name}: no slider was moved"
        assert not errors, errors
        # A fresh kernel for the next run: shut this one down before the page goes.
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        page.close()
