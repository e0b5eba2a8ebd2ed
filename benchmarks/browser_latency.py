"""Slider-to-picture latency in a real browser: JupyterLab in Debian's Chromium, driven by Playwright.

For every live slider of every lesson app (``slider_latency.APPS``; sliders that update only
on release are listed, not timed), the same key press (ArrowRight or ArrowLeft on the focused
slider handle) moves the slider ``--events`` times after ``--warmup`` untimed presses, in two
modes: ``paced`` (a press every 0.25 s, the picture long since painted) and ``drag`` (the next
press as soon as the picture lands, as in a drag). The time kept is from the key press to the
new picture drawn onto the visible canvas (``drawImage``); the page shows it at its next
animation frame, reported as the 'paint' phase.

Each app gets a scratch notebook of its own (its own kernel) with, under the lesson app, two
baselines moved by the same keys on the app's first live slider: plain ipympl (ipympl's own
canvas, artists updated in place, ``draw_idle``) and the naive ``ipywidgets.interact`` re-plot
(the model, a new figure and a whole PNG on every change).

The phase breakdown of the lesson app's events comes from wall-clock stamps on both sides of
the websocket, on one machine: the kernel's (``teach.ui.livecanvas.trace_frames``, switched on
in the scratch kernel only) and the page's (``performance.timeOrigin + performance.now()``).
Phases: page input (key press to the page's websocket send), to kernel (on to the kernel's
control event), model, artists (result set on the artists), wait (a full redraw's round trip
to the browser and back), draw (Agg), encode (PNG), send, bytes, transport (sent to the page
holding the frame), decode (to the decoded image drawn off-screen; includes ipympl's
``toDataURL`` of the previous frame, also shown on its own), blit (off-screen to visible
canvas) and paint (to the next animation frame).

Output: a markdown table (stdout and ``--out``.md) and every sample in ``--out``.json, with the
machine's load (``uptime``) before and after, and whether the server loaded the package's
TCP_NODELAY extension (``teach.serverext``). JupyterLab runs on 127.0.0.1 as the browser tests
start it and is stopped afterwards.

Run: python3 course.py bench   (or python benchmarks/browser_latency.py [--events 12]
     [--modes paced drag] [--apps kinetics.daily causal.estimates] [--out DIR/NAME])
Needs Debian's Chromium (/usr/bin/chromium); without it the benchmark says so and stops.
Targets (issue 17, quiet machine): every live slider <= 25 ms median and <= 40 ms p95 paced,
<= 30 ms median dragging, >= 8x faster than the naive re-plot.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ipywidgets as widgets
from IPython.display import Image, display

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # tests.servers: the JupyterLab server and Chromium settings the browser tests use

from slider_latency import APPS, SLIDERS, _percentile  # noqa: E402  (this folder)

MODES = ("paced", "drag")
PACE_S = 0.25  # seconds from one key press to the next in the paced mode
TIMEOUT_MS = 5000  # a press with no picture within this long is counted as lost
PHASES = ("page input", "to kernel", "model", "artists", "wait", "draw", "encode", "send", "transport", "decode",
          "toDataURL", "blit", "paint")
TARGETS = {"paced median": 25, "paced p95": 40, "drag median": 30, "speed-up": 8}

# Wall-clock times (ms) in the page of key presses, websocket sends, PNG frames received by
# ipympl (its Blob URL), toDataURL calls, drawImage calls (onto a visible canvas of a marked box
# or off-screen), the animation frame after each visible draw, and images loaded in the naive box.
INSTRUMENT = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const b = window.__bench = {keys: [], sends: [], frames: [], encodes: [], draws: [], paints: [], loads: []};
  const box = (element) => {
    const found = element.closest && element.closest('.bench-app, .bench-ipympl, .bench-naive');
    return found ? found.classList.contains('bench-app') ? 'app' : found.classList.contains('bench-ipympl')
      ? 'ipympl' : 'naive' : 'other';
  };
  document.addEventListener('keydown', () => b.keys.push(now()), true);
  document.addEventListener('load', (event) => {
    if (event.target.tagName === 'IMG') b.loads.push({t: now(), box: box(event.target)});
  }, true);
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) { b.sends.push(now()); return send.apply(this, args); };
  const objectURL = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    if (object instanceof Blob && object.type === 'image/png') b.frames.push({t: now(), bytes: object.size});
    return objectURL.call(this, object);
  };
  const toDataURL = HTMLCanvasElement.prototype.toDataURL;
  HTMLCanvasElement.prototype.toDataURL = function (...args) {
    const start = now();
    const url = toDataURL.apply(this, args);
    b.encodes.push({t: start, ms: now() - start});
    return url;
  };
  const drawImage = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    const result = drawImage.apply(this, args);
    const t = now();
    if (this.canvas.isConnected) {
      const where = box(this.canvas);
      b.draws.push({t, box: where});
      requestAnimationFrame(() => b.paints.push({t: now(), box: where}));
    } else {
      b.draws.push({t, box: 'offscreen'});
    }
    return result;
  };
})();
"""
# The page's times for the last key press: the first picture after it in box ``kind`` and the
# steps on the way (null where a step has no stamp). Waits up to TIMEOUT_MS; null if no picture.
EVENT = """
async ([kind, timeout]) => {
  const b = window.__bench;
  const key = b.keys[b.keys.length - 1];
  const deadline = performance.now() + timeout;
  const first = (list, after, test = () => true) => list.find((item) => (item.t ?? item) > after && test(item));
  for (;;) {
    const picture = kind === 'naive' ? first(b.loads, key, (l) => l.box === 'naive')
      : first(b.draws, key, (d) => d.box === kind);
    const paint = picture && (kind === 'naive' ? picture : first(b.paints, picture.t, (p) => p.box === kind));
    if (paint) {
      const frame = kind === 'naive' ? null : first(b.frames, key);
      const offscreen = frame ? first(b.draws, frame.t, (d) => d.box === 'offscreen') : null;
      const encode = frame ? first(b.encodes, frame.t - 0.01) : null;
      return {key, send: first(b.sends, key) ?? null, frame: frame ? frame.t : null, bytes: frame ? frame.bytes : null,
              offscreen: offscreen && offscreen.t <= picture.t ? offscreen.t : null,
              toDataURL: encode && encode.t <= picture.t ? encode.ms : null, picture: picture.t, paint: paint.t};
    }
    if (performance.now() > deadline) return null;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}
"""
KERNEL_TRACE = ("import json, teach.ui.livecanvas as lc\n"
                "print(json.dumps(list(lc.TRACE or ())))\n"
                "lc.TRACE is not None and lc.TRACE.clear()")


def live_sliders(app) -> tuple[list[str], list[str]]:
    """Names of ``app``'s sliders that update as they move, and of those that update on release."""
    sliders = {name: control for name, control in app.controls.items() if isinstance(control, SLIDERS)}
    return ([n for n, c in sliders.items() if c.continuous_update],
            [n for n, c in sliders.items() if not c.continuous_update])


def start_trace() -> None:
    """In the scratch kernel: build apps without the prediction gate, and stamp every frame."""
    from teach.ui import livecanvas

    os.environ["TEACH_PREDICT"] = "off"
    livecanvas.trace_frames(4096)


def show_app(name: str):
    """The lesson app ``name`` (a key of slider_latency.APPS), its live sliders marked for the benchmark."""
    app = APPS[name][0]()
    app.add_class("bench-app")
    for control in live_sliders(app)[0]:
        app.controls[control].add_class(f"bench-slider-{control}")
    return app


def _baseline_slider(app, control: str):
    """A copy of the app's slider ``control``, updating as it moves, marked for the benchmark."""
    original = app.controls[control]
    options = {key: getattr(original, key) for key in ("value", "min", "max", "step", "description")}
    if isinstance(original, widgets.FloatLogSlider):
        options["base"] = original.base
    slider = type(original)(continuous_update=True, **options)
    slider.add_class(f"bench-slider-{control}")
    return slider


def show_ipympl(name: str, control: str):
    """Plain ipympl for app ``name``: ipympl's own canvas, the artists updated in place and
    ``draw_idle`` (the browser asks for the draw; ipympl sends a diff PNG)."""
    from ipympl.backend_nbagg import Canvas, FigureManager

    factory, build_figure = APPS[name]
    app = factory()
    figure = build_figure()
    for artist in figure._dynamic:  # drawn by every full draw, as any artist is
        artist.set_animated(False)
    figure._dynamic = []
    canvas = Canvas(figure.figure)
    FigureManager(canvas, num=id(canvas))
    canvas.header_visible = canvas.footer_visible = False
    canvas.toolbar_visible = False
    figure.update(app.state)
    slider = _baseline_slider(app, control)

    def moved(change):
        figure.update(app._compute(**{**app.values, control: change["new"]}))
        canvas.draw_idle()

    slider.observe(moved, names="value")
    box = widgets.VBox([slider, canvas])
    box.add_class("bench-ipympl")
    return box


def show_naive(name: str, control: str):
    """The naive baseline for app ``name``: interact re-plots the whole figure as a PNG on every change."""
    factory, build_figure = APPS[name]
    app = factory()

    def replot(**changed):
        figure = build_figure()
        figure.update(app._compute(**{**app.values, **changed}))
        display(Image(figure.to_png()))

    naive = widgets.interactive(replot, **{control: _baseline_slider(app, control)})
    naive.add_class("bench-naive")
    return naive


def _notebook(path: Path, name: str, baseline: str) -> None:
    cells = [f"import sys\nsys.path.insert(0, {str(BENCHMARKS)!r})\nimport browser_latency as bench\n"
             "bench.start_trace()",
             f"bench.show_app({name!r})", f"bench.show_ipympl({name!r}, {baseline!r})",
             f"bench.show_naive({name!r}, {baseline!r})"]
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


def _back(keys: list[str]) -> list[str]:
    """The presses that undo ``keys``, so that the next mode starts where this one did."""
    return [{"ArrowRight": "ArrowLeft", "ArrowLeft": "ArrowRight"}[key] for key in reversed(keys)]


def measure(page, kind: str, control: str, keys: list[str], warmup: int, mode: str) -> list[dict | None]:
    """The page's times of each key press on slider ``control`` in box ``kind`` ('app', 'ipympl'
    or 'naive'), None for a press with no picture; the first ``warmup`` presses are not kept."""
    box = page.locator(f".bench-{kind}").first
    box.scroll_into_view_if_needed()
    page.locator(f".bench-{kind} .bench-slider-{control} .noUi-handle").first.focus()
    events = []
    for key in keys:
        pressed = time.monotonic()
        page.keyboard.press(key)
        events.append(page.evaluate(EVENT, [kind, TIMEOUT_MS]))
        if mode == "paced":
            page.wait_for_timeout(max(0.0, PACE_S - (time.monotonic() - pressed)) * 1e3)
    if mode == "drag":
        page.wait_for_timeout(PACE_S * 1e3)  # the last picture's kernel work done before the next slider
    return events[warmup:]


def kernel_trace(page) -> list[dict]:
    """The kernel's frame stamps since the last call (ms, wall clock), emptied after reading."""
    from tests.servers import kernel_stdout

    records = json.loads(kernel_stdout(page, KERNEL_TRACE))
    return [{key: value * 1e3 if isinstance(value, float) else value for key, value in r.items()} for r in records]


def phases(event: dict, records: list[dict]) -> dict | None:
    """Milliseconds per phase of one lesson-app event: the page's stamps ``event`` joined with the
    kernel's record of the frame that answered it (the first control event after the key press)."""
    after = [r for r in records if "event" in r and r["event"] >= event["key"] and r["sent"] <= event["picture"]]
    if not after:
        return None
    r = min(after, key=lambda record: record["event"])
    full = r.get("path") == "full"
    start_draw = r.get("draw", r.get("refresh")) if full else r.get("refresh")

    def gap(later, earlier):
        return None if later is None or earlier is None else later - earlier

    return {
        "page input": gap(event["send"], event["key"]), "to kernel": gap(r["event"], event["send"]),
        "model": gap(r.get("model"), r["event"]),
        "artists": gap(r.get("artists"), r.get("model")), "wait": gap(start_draw, r.get("refresh")) if full else 0.0,
        "draw": gap(r.get("drawn"), start_draw), "encode": gap(r.get("encoded"), r.get("drawn")),
        "send": gap(r["sent"], r.get("encoded")), "transport": gap(event["frame"], r["sent"]),
        "decode": gap(event["offscreen"], event["frame"]), "toDataURL": event["toDataURL"],
        "blit": gap(event["picture"], event["offscreen"]), "paint": gap(event["paint"], event["picture"]),
        "bytes": r["bytes"], "path": r.get("path", "?"),
    }


def summary(events: list[dict | None]) -> dict:
    """Median and p95 (ms) of the key-press-to-picture times, and how many presses got no picture."""
    times = [e["picture"] - e["key"] for e in events if e is not None]
    return {"median": statistics.median(times) if times else None,
            "p95": _percentile(times, 95) if times else None, "lost": sum(e is None for e in events),
            "samples": times}


def median_phases(rows: list[dict | None]) -> dict:
    """Median of each phase over the events that have it."""
    rows = [r for r in rows if r is not None]
    result = {}
    for name in (*PHASES, "bytes"):
        values = [r[name] for r in rows if r.get(name) is not None]
        result[name] = statistics.median(values) if values else None
    result["full draws"] = sum(r["path"] == "full" for r in rows)
    return result


def _load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def _nodelay_extension(log: Path) -> str:
    """Whether the server log says the package's TCP_NODELAY extension (teach.serverext) loaded,
    and which server extensions did."""
    text = log.read_text(errors="replace") if log.exists() else ""
    loaded = re.findall(r"\] (\S+) \| extension was successfully loaded", text)
    verdict = "loaded" if "teach.serverext" in loaded else "NOT loaded"
    return f"teach.serverext {verdict} (server extensions loaded: {', '.join(loaded) or 'none'})"


def bench_app(page, base: str, token: str, root: Path, name: str, args) -> dict:
    """Every live slider of app ``name`` in every mode, and the two baselines on its first one."""
    from tests.servers import run_all_cells

    app = APPS[name][0]()
    live, on_release = live_sliders(app)
    result = {"live": live, "on release": on_release, "sliders": {}, "baselines": {}}
    if not live:
        return result
    notebook = f"{name}.ipynb"
    _notebook(root / notebook, name, live[0])
    run_all_cells(page, base, token, notebook)
    page.locator(".bench-naive img").first.wait_for(timeout=60_000)
    page.locator(".bench-ipympl canvas").first.wait_for(timeout=60_000)
    kernel_trace(page)  # drop the first paints' stamps
    for control in live:
        keys = _positions(app.controls[control], args.warmup + args.events)
        entry = result["sliders"][control] = {}
        for turn, mode in enumerate(args.modes):
            events = measure(page, "app", control, _back(keys) if turn % 2 else keys, args.warmup, mode)
            records = kernel_trace(page)
            split = [phases(e, records) if e is not None else None for e in events]
            entry[mode] = {**summary(events), "phases": median_phases(split), "events": events, "split": split}
    keys = _positions(app.controls[live[0]], args.warmup + args.events)
    for kind in ("ipympl", "naive"):
        result["baselines"][kind] = {
            mode: summary(measure(page, kind, live[0], _back(keys) if turn % 2 else keys, args.warmup, mode))
            for turn, mode in enumerate(args.modes)}
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    return result


def _ms(value) -> str:
    return "-" if value is None else f"{value:.0f}"


def _verdict(entry: dict, naive: float | None) -> str:
    """'met' or the targets (TARGETS) this slider missed, for the modes measured."""
    missed = []
    for mode, stat in (("paced", "median"), ("paced", "p95"), ("drag", "median")):
        value = entry.get(mode, {}).get(stat)
        if mode in entry and (value is None or value > TARGETS[f"{mode} {stat}"]):
            missed.append(f"{mode} {stat}")
    paced = entry.get("paced", {}).get("median")
    if "paced" in entry and (not naive or not paced or naive / paced < TARGETS["speed-up"]):
        missed.append("speed-up")
    return "met" if not missed else "missed: " + ", ".join(missed)


def markdown(report: dict) -> str:
    """The report as markdown: per slider and mode, the baselines per app, the phases."""
    modes = report["modes"]
    lines = [f"# Slider to picture in JupyterLab + Chromium ({report['events']} presses per slider and mode)", "",
             f"- started {report['started']}; load before: `{report['load before']}`; after: `{report['load after']}`",
             f"- TCP_NODELAY extension: {report['nodelay']}",
             "- ms from key press to the new picture drawn onto the visible canvas; the naive and plain-ipympl "
             "baselines on each app's first live slider; speed-up = naive median / paced median", ""]
    header = ["app", "slider"] + [f"{m} {s}" for m in modes for s in ("median", "p95")] + \
        ["ipympl median", "naive median", "speed-up", "lost", "targets"]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    excluded = []
    for name, app in report["apps"].items():
        excluded += [f"{name}.{s}" for s in app["on release"]]
        naive = app["baselines"].get("naive", {}).get(modes[0], {}).get("median")
        ipympl = app["baselines"].get("ipympl", {}).get(modes[0], {}).get("median")
        for control, entry in app["sliders"].items():
            cells = [name, control]
            for mode in modes:
                cells += [_ms(entry[mode]["median"]), _ms(entry[mode]["p95"])]
            first = entry[modes[0]]["median"]
            cells += [_ms(ipympl), _ms(naive), f"{naive / first:.1f}x" if naive and first else "-",
                      str(sum(entry[m]["lost"] for m in modes)), _verdict(entry, naive)]
            lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"Updating only on release (not timed): {', '.join(excluded) or 'none'}. "
              f"Apps with no slider: {', '.join(report['no sliders']) or 'none'}.", ""]
    for mode in modes:
        lines += [f"## Phases, {mode} (median ms; bytes in kB)", "",
                  "| app | slider | " + " | ".join(PHASES) + " | kB | full draws |",
                  "|" + "---|" * (len(PHASES) + 4)]
        for name, app in report["apps"].items():
            for control, entry in app["sliders"].items():
                p = entry[mode]["phases"]
                cells = [name, control] + [("-" if p.get(k) is None else f"{p[k]:.1f}") for k in PHASES]
                cells += [_ms(p["bytes"] / 1e3 if p["bytes"] else None), str(p["full draws"])]
                lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    medians = {m: [e[m]["median"] for a in report["apps"].values() for e in a["sliders"].values()
                   if e[m]["median"] is not None] for m in modes}
    for mode in modes:
        if medians[mode]:
            lines.append(f"- {mode}: slider medians {min(medians[mode]):.0f}-{max(medians[mode]):.0f} ms "
                         f"over {len(medians[mode])} sliders")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=12, help="key presses per slider and mode, timed")
    parser.add_argument("--warmup", type=int, default=3, help="key presses per slider and mode before timing")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--apps", nargs="+", choices=list(APPS), default=list(APPS), help="a subset of the apps")
    parser.add_argument("--out", type=Path, default=None,
                        help="write the report to OUT.md and every sample to OUT.json")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.servers import CHROMIUM, CHROMIUM_FLAGS, jupyterlab

    if not CHROMIUM.exists():
        print(f"browser latency: not measured, {CHROMIUM} is missing (apt-get install chromium)")
        return
    report = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "load before": _load(), "events": args.events,
              "warmup": args.warmup, "modes": args.modes, "apps": {}, "no sliders": []}
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        root, home = Path(scratch) / "lab", Path(scratch) / "home"
        root.mkdir()
        home.mkdir()
        with jupyterlab(root, home) as (base, token):
            report["nodelay"] = _nodelay_extension(home / "server.log")
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.add_init_script(INSTRUMENT)
            for name in args.apps:
                result = bench_app(page, base, token, root, name, args)
                if not result["live"] and not result["on release"]:
                    report["no sliders"].append(name)
                report["apps"][name] = result
                print(f"{name}: done ({time.strftime('%H:%M:%S')})", file=sys.stderr, flush=True)
            browser.close()
    report["load after"] = _load()
    text = markdown(report)
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        Path(f"{args.out}.md").write_text(text, encoding="utf-8")  # not with_suffix: OUT may hold dots
        Path(f"{args.out}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
