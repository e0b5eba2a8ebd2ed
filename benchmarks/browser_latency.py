"""Slider-to-picture latency in a real browser: JupyterLab in Debian's Chromium, driven by Playwright.

For each app below, a scratch notebook shows the lesson app (an ipympl canvas repainted in
place) and, under it, the naive baseline: ``ipywidgets.interact`` re-running the same model,
building a new figure and displaying a whole PNG on every change. The same key press
(ArrowRight or ArrowLeft on the focused slider) moves each one, ``--events`` times after
``--warmup`` untimed presses, waiting for each picture before the next press. The page records
the time from the key press to the moment the new picture is drawn: the lesson app's visible
canvas receiving the image (``drawImage``), or the naive output's new image having loaded. The
screen shows it at the next frame (<= 17 ms at 60 Hz), not included. JupyterLab runs on
127.0.0.1 and is stopped afterwards.

Run: python3 course.py bench   (or python benchmarks/browser_latency.py [--events 40])
Needs Debian's Chromium (/usr/bin/chromium); without it the benchmark says so and stops.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
from pathlib import Path

import ipywidgets as widgets
from IPython.display import Image, display

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # tests.servers: the JupyterLab server and Chromium settings the browser tests use

from slider_latency import APPS, SLIDERS, _percentile  # noqa: E402  (this folder)

CASES = (("causal.estimates", "kratom_or"), ("receptors.binding", None), ("kinetics.daily", None))

# Times, in the page's clock, of key presses, of draws onto a lesson app's visible canvas and of
# loaded images in the naive output.
INSTRUMENT = """
(() => {
  window.__keys = []; window.__draws = []; window.__loads = [];
  document.addEventListener('keydown', () => window.__keys.push(performance.now()), true);
  document.addEventListener('load', (event) => {
    if (event.target.tagName === 'IMG' && event.target.closest('.bench-naive')) window.__loads.push(performance.now());
  }, true);
  const drawImage = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    if (this.canvas.isConnected && this.canvas.closest('.bench-app')) window.__draws.push(performance.now());
    return drawImage.apply(this, args);
  };
})();
"""
# Milliseconds from the last key press to the first picture after it (waits up to 10 s).
LATENCY = """
(kind) => new Promise((resolve, reject) => {
  const pressed = window.__keys[window.__keys.length - 1];
  const started = performance.now();
  const check = () => {
    const after = (kind === 'app' ? window.__draws : window.__loads).filter((t) => t > pressed);
    if (after.length) return resolve(after[0] - pressed);
    if (performance.now() - started > 10000) return reject(new Error(kind + ': no new picture within 10 s'));
    requestAnimationFrame(check);
  };
  check();
})
"""


def _slider_name(app, wanted: str | None) -> str:
    return wanted or next(name for name, control in app.controls.items() if isinstance(control, SLIDERS))


def show_app(name: str):
    """The lesson app ``name`` (a key of slider_latency.APPS), marked for the benchmark."""
    app = APPS[name][0]()
    app.add_class("bench-app")
    return app


def show_naive(name: str, control: str | None = None):
    """The naive baseline for app ``name``: interact re-plots the whole figure as a PNG on every change."""
    factory, build_figure = APPS[name]
    app = factory()
    control = _slider_name(app, control)
    original = app.controls[control]
    options = {key: getattr(original, key) for key in ("value", "min", "max", "step", "description")}
    if isinstance(original, widgets.FloatLogSlider):
        options["base"] = original.base
    slider = type(original)(continuous_update=True, **options)

    def replot(**changed):
        figure = build_figure()
        figure.update(app._compute(**{**app.values, **changed}))
        display(Image(figure.to_png()))

    naive = widgets.interactive(replot, **{control: slider})
    naive.add_class("bench-naive")
    return naive


def _notebook(path: Path) -> None:
    cells = [f"import sys\nsys.path.insert(0, {str(BENCHMARKS)!r})\nimport browser_latency as bench"]
    for name, control in CASES:
        cells += [f"bench.show_app({name!r})", f"bench.show_naive({name!r}, {control!r})"]
    notebook = {
        "cells": [{"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}
                  for source in cells],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook), encoding="utf-8")


def _positions(slider, events: int) -> list[str]:
    """Arrow keys that move ``slider`` one step ``events`` times without hitting an end."""
    value = math.log(slider.value, slider.base) if isinstance(slider, widgets.FloatLogSlider) else slider.value
    steps_right = round((slider.max - value) / slider.step)
    steps_left = round((value - slider.min) / slider.step)
    keys, right = [], steps_right >= steps_left
    for _ in range(events):
        if (right and steps_right == 0) or (not right and steps_left == 0):
            right = not right
        keys.append("ArrowRight" if right else "ArrowLeft")
        steps_right, steps_left = (steps_right - 1, steps_left + 1) if right else (steps_right + 1, steps_left - 1)
    return keys


def measure(page, index: int, kind: str, keys: list[str], warmup: int) -> list[float]:
    """Milliseconds per key press on the slider of the ``index``-th app (``kind``: 'app' or 'naive');
    the first ``warmup`` presses (first paints, code paths run for the first time) are not kept."""
    box = page.locator(".bench-app" if kind == "app" else ".bench-naive").nth(index)
    box.scroll_into_view_if_needed()
    box.locator(".noUi-handle").first.focus()
    samples = []
    for key in keys:
        page.keyboard.press(key)
        samples.append(page.evaluate(LATENCY, kind))
        page.wait_for_timeout(150)  # let the kernel go idle: one learner, one move at a time
    return samples[warmup:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=40, help="key presses per slider, timed")
    parser.add_argument("--warmup", type=int, default=5, help="key presses per slider before timing")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.servers import CHROMIUM, CHROMIUM_FLAGS, jupyterlab, run_all_cells

    if not CHROMIUM.exists():
        print(f"browser latency: not measured, {CHROMIUM} is missing (apt-get install chromium)")
        return
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        root, home = Path(scratch) / "lab", Path(scratch) / "home"
        root.mkdir()
        home.mkdir()
        _notebook(root / "latency.ipynb")
        with jupyterlab(root, home) as (base, token):
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.add_init_script(INSTRUMENT)
            run_all_cells(page, base, token, "latency.ipynb")
            page.locator(".bench-naive img").nth(len(CASES) - 1).wait_for(timeout=60_000)
            print(f"{'app':22} {'slider':12} {'in place: median':>17} {'p95':>6} {'naive interact: median':>23} "
                  f"{'p95':>6} {'speed-up':>9}   (ms, key press to picture, JupyterLab + Chromium)")
            for index, (name, control) in enumerate(CASES):
                app = APPS[name][0]()
                control = _slider_name(app, control)
                keys = _positions(app.controls[control], args.warmup + args.events)
                fast = measure(page, index, "app", keys, args.warmup)
                slow = measure(page, index, "naive", keys, args.warmup)
                median, naive = statistics.median(fast), statistics.median(slow)
                print(f"{name:22} {control:12} {median:17.0f} {_percentile(fast, 95):6.0f} "
                      f"{naive:23.0f} {_percentile(slow, 95):6.0f} {naive / median:8.1f}x")
            browser.close()


if __name__ == "__main__":
    main()
