"""Import time of every lesson's app module, peak memory of every lesson's kernel, lesson 03's slider model.

Import time: each app module (``teach.<topic>.app``) is imported in a fresh interpreter, and only
the ``import`` statement is timed: wall seconds, and CPU seconds of the process (the steadier
figure on a shared machine, where other processes stretch the wall time). The run also says
whether ``statsmodels.api`` (with its datasets and distributions) was pulled in.

Kernel memory: each lesson notebook is run in a fresh kernel with nbclient, cell by cell as
"Restart and run all" would, and the kernel process's peak resident set (``VmHWM`` in
``/proc/<pid>/status``, Linux) is read after its last cell. The executed notebook is discarded,
never written.

Lesson 03's live odds-ratio sliders: the model behind each slider that updates as it moves
(``estimates_state`` for the estimates app's ``kratom_or`` and ``pain_kratom_or``) is timed per
event in a fresh interpreter, over distinct values across the slider's range from the app's
defaults (so no cache answers for an event): median, 95th percentile and minimum wall ms, and
median CPU ms. The figure, the PNG and the browser are not included (benchmarks/slider_latency.py
and benchmarks/browser_latency.py time those).

With ``--baseline REV`` the same figures are measured for the package and notebooks of a git
revision (``git archive``, unpacked into a temporary directory and put first on PYTHONPATH), so
one run prints before and after side by side.

Run: python benchmarks/import_memory.py [--repeats 5] [--events 200] [--baseline main] [--lessons 03]
Targets (issue 17): every app module imports in under 0.8 s; lesson 03's kernel peaks under 250 MB;
lesson 03's slider model under 3 ms per event.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
APPS = ("receptors", "kinetics", "causal", "liver", "careplan", "claims")
IMPORT_TARGET_S = 0.8
KERNEL_TARGET_MB = {"03": 250}
MODEL_TARGET_MS = 3.0

_PROBE = """
import json, sys, time
wall, cpu = time.perf_counter(), time.process_time()
import {module}
print(json.dumps({{"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "statsmodels.api": "statsmodels.api" in sys.modules}}))
"""


_MODEL_PROBE = """
import json, time
import numpy as np
from teach.causal import app, model
defaults = app.estimates_app()
values = {{name: control.value for name, control in defaults.controls.items()}}
model.estimates_state(**values)  # calibration and imports, once
result = {{}}
for name, control in defaults.controls.items():
    if not getattr(control, "continuous_update", False) or not hasattr(control, "base"):
        continue
    wall, cpu = [], []
    for value in control.base ** np.linspace(control.min, control.max, {events}):
        w, c = time.perf_counter(), time.process_time()
        model.estimates_state(**{{**values, name: float(value)}})
        wall.append(1e3 * (time.perf_counter() - w))
        cpu.append(1e3 * (time.process_time() - c))
    result[name] = {{"wall": wall, "cpu": cpu}}
print(json.dumps(result))
"""


def _environment(source: Path | None) -> dict:
    """The process environment, with ``source`` (a directory holding ``teach``) first on PYTHONPATH."""
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    return env


def time_import(module: str, env: dict) -> dict:
    """Wall and CPU seconds of ``import module`` in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", _PROBE.format(module=module)], env=env, cwd=tempfile.gettempdir(),
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def time_slider_model(env: dict, events: int) -> dict:
    """Per live slider of lesson 03's estimates app: wall and CPU milliseconds of the model, event by event."""
    out = subprocess.run([sys.executable, "-c", _MODEL_PROBE.format(events=events)], env=env,
                         cwd=tempfile.gettempdir(), check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def kernel_peak_mb(notebook: Path, env: dict) -> float:
    """Peak resident set (MB) of a fresh kernel that has run every cell of ``notebook``."""
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, timeout=900, kernel_name="python3", allow_errors=False)
    with client.setup_kernel(env=env, cwd=str(notebook.parent)):
        pid = client.km.provisioner.process.pid
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        status = Path(f"/proc/{pid}/status").read_text()
    peak_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    return peak_kb / 1024


def _unpack(revision: str, into: Path) -> Path:
    """``src/`` and ``notebooks/`` of a git revision, unpacked under ``into``; returns the root."""
    archive = subprocess.run(["git", "archive", revision, "src", "notebooks"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def measure(checkouts: dict, args: argparse.Namespace, lessons: list[str]) -> dict:
    """Figures per checkout (``{label: (root, source directory or None)}``): median import figures per
    app module, lesson 03's slider model, and median kernel peak per lesson. Checkouts take turns
    run by run, so that a change in the machine's load falls on each of them alike."""
    envs = {label: _environment(source) for label, (_, source) in checkouts.items()}
    runs: dict = {label: {"import": {topic: [] for topic in APPS}, "model": [], "kernel": {}} for label in checkouts}
    for _ in range(args.repeats):
        for topic in APPS:
            for label, env in envs.items():
                runs[label]["import"][topic].append(time_import(f"teach.{topic}.app", env))
        for label, env in envs.items():
            runs[label]["model"].append(time_slider_model(env, max(args.events // args.repeats, 10)))
    for lesson in lessons:
        for label, (root, _) in checkouts.items():
            notebook = next((root / "notebooks").glob(f"{lesson}_*.ipynb"))
            runs[label]["kernel"][lesson] = statistics.median(
                kernel_peak_mb(notebook, envs[label]) for _ in range(args.memory_repeats))
    figures = {}
    for label, run in runs.items():
        figures[label] = {
            "import": {topic: {"wall": statistics.median(r["wall"] for r in rows),
                               "cpu": statistics.median(r["cpu"] for r in rows),
                               "statsmodels.api": any(r["statsmodels.api"] for r in rows)}
                       for topic, rows in run["import"].items()},
            "model": {name: _summary([ms for r in run["model"] for ms in r[name]["wall"]],
                                     [ms for r in run["model"] for ms in r[name]["cpu"]])
                      for name in run["model"][0]},
            "kernel": run["kernel"],
        }
    return figures


def _summary(wall: list[float], cpu: list[float]) -> dict:
    ordered = sorted(wall)
    return {"median": statistics.median(wall), "p95": ordered[round(0.95 * (len(ordered) - 1))],
            "min": ordered[0], "cpu": statistics.median(cpu)}


def _verdict(wall: float, cpu: float, target: float) -> str:
    """Met, or met in CPU time only (the wall time stretched by other processes), or missed."""
    return "met" if wall < target else "met in CPU time only" if cpu < target else "MISSED"


def _report(label: str, figures: dict) -> None:
    print(f"\n{label}")
    print(f"{'app module':22} {'import wall s':>14} {'import CPU s':>13} {'statsmodels.api':>16}"
          f"  target < {IMPORT_TARGET_S:g} s")
    for topic, row in figures["import"].items():
        print(f"{'teach.' + topic + '.app':22} {row['wall']:14.3f} {row['cpu']:13.3f} "
              f"{'yes' if row['statsmodels.api'] else 'no':>16}  {_verdict(row['wall'], row['cpu'], IMPORT_TARGET_S)}")
    print(f"{'lesson 03 slider':22} {'model median ms':>15} {'p95 ms':>7} {'min ms':>7} {'CPU median ms':>14}"
          f"  target < {MODEL_TARGET_MS:g} ms")
    for name, row in figures["model"].items():
        print(f"{name:22} {row['median']:15.2f} {row['p95']:7.2f} {row['min']:7.2f} {row['cpu']:14.2f}"
              f"  {_verdict(row['median'], row['cpu'], MODEL_TARGET_MS)}")
    if figures["kernel"]:
        print(f"{'lesson':22} {'kernel peak MB':>14}")
        for lesson, peak in figures["kernel"].items():
            target = KERNEL_TARGET_MB.get(lesson)
            verdict = "" if target is None else f"  target < {target} MB: {'met' if peak < target else 'MISSED'}"
            print(f"{lesson:22} {peak:14.0f}{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5,
                        help="fresh interpreters per app module, and rounds of the model timing (medians printed)")
    parser.add_argument("--events", type=int, default=200, help="model events per lesson 03 slider")
    parser.add_argument("--memory-repeats", type=int, default=1, help="fresh kernels per lesson (median printed)")
    parser.add_argument("--lessons", nargs="*", default=None,
                        help="lesson numbers to run (default: every notebook); none with --lessons alone")
    parser.add_argument("--baseline", metavar="REV", help="also measure this git revision (e.g. main), printed first")
    args = parser.parse_args()
    lessons = args.lessons if args.lessons is not None else sorted(
        p.name[:2] for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as temporary:
        checkouts = {"this checkout": (ROOT, None)}
        if args.baseline:
            base = _unpack(args.baseline, Path(temporary))
            checkouts = {f"baseline: {args.baseline}": (base, base / "src"), **checkouts}
        for label, figures in measure(checkouts, args, lessons).items():
            _report(label, figures)


if __name__ == "__main__":
    main()
