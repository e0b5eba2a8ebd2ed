"""Class capacity: how many students a machine serves, measured on a real JupyterHub on 127.0.0.1.

For each class size, a fresh hub (tests/classhub.py: JupyterHub, configurable-http-proxy, the
idle culler, one home and one server per student, the course pulled by nbgitpuller from a local
clone) receives the whole class at once: every student follows the nbgitpuller link at the same
moment; all but ``--browser`` of them run lessons 00 and 03 over the Jupyter API and leave the
kernels running (as a learner leaves a lesson open); the others open lesson 01 in Chromium and
move a slider ``--moves`` times while the rest of the class runs. Measured:

- time until every server is ready, and until every API student has run both lessons (s);
- peak resident memory (RSS) of each student's processes (server + kernels), and of all students
  at one instant (sampled every 0.5 s);
- CPU seconds per student (their server and kernels) and the hub's own CPU seconds (hub, proxy,
  idle culler) per student;
- slider-to-picture latency for the browser students (key press to the canvas redraw, ms).

Capacity: students per GiB = 1 / (peak memory of the class at one instant / students); students
per core = 120 s / (CPU seconds per student, their own plus their share of the hub's): the number
one core gets through when the whole class clicks the link and runs both lessons within two
minutes, the busiest moment of a session. Other work on the machine slows the times; the load
average is printed with the table. A class size that would not fit in the memory available (with
3 GiB to spare, at the memory per student measured so far) is not run, and a class stops if the
machine's free memory falls below 1.5 GiB; the output says so.

Run: python3 course.py bench   (5 students), or
     python benchmarks/class_capacity.py --sizes 5 15 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.classhub: the hub and the simulated students the classroom test uses

from tests.classhub import ProcessSampler, Student, browser_student, running_hub, student_servers  # noqa: E402
from tests.servers import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

GIB = 2**30
BURST_SECONDS = 120
FIRST_GUESS_GIB = 0.6  # memory per student assumed before one class has been measured
HEADROOM_GIB = 3.0     # left free for everything else on the machine
LOW_MEMORY_GIB = 1.5   # a class stops if the machine's free memory falls below this


def _browser_thread(hub, name: str, moves: int, results: dict) -> threading.Thread:
    """A browser student in a thread of their own, with their own Playwright and Chromium."""

    def attend():
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS,
                                                     headless=True)
                try:
                    results[name] = browser_student(browser, hub, name, moves=moves)
                finally:
                    browser.close()
        except Exception as error:  # reported in the table
            results[name] = error

    return threading.Thread(target=attend, name=name)


class MemoryWatchdog(threading.Thread):
    """Stops every student's server if the machine's free memory falls below LOW_MEMORY_GIB
    while a class runs (the machine is shared: never push it into the OOM killer)."""

    def __init__(self, hub):
        super().__init__(daemon=True)
        self.hub, self.tripped = hub, False
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(1.0):
            if _available_gib() < LOW_MEMORY_GIB:
                self.tripped = True
                for server in student_servers(self.hub).values():
                    for process in [server, *server.children(recursive=True)]:
                        try:
                            process.kill()
                        except psutil.NoSuchProcess:
                            pass
                return

    def stop(self) -> None:
        self._stopped.set()
        self.join()


def run_class(size: int, in_browser: int, moves: int) -> dict:
    """One class of ``size`` students on a fresh hub; returns the measured figures."""
    names = [f"student{index:02d}" for index in range(size)]
    with tempfile.TemporaryDirectory(prefix="class-capacity-") as scratch, running_hub(Path(scratch)) as hub:
        sampler = ProcessSampler(hub)
        sampler.sample()
        hub_cpu_before = sampler.cpu_seconds(None)
        sampler.start()
        students = [Student(hub, name) for name in names[in_browser:]]
        visits: dict = {}
        threads = [threading.Thread(target=student.attend, name=student.name) for student in students]
        threads += [_browser_thread(hub, name, moves, visits) for name in names[:in_browser]]
        watchdog = MemoryWatchdog(hub)
        watchdog.start()
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        watchdog.stop()
        sampler.stop()
        failures = [f"stopped: the machine had less than {LOW_MEMORY_GIB} GiB free"] if watchdog.tripped else []
        failures += [f"{s.name}: {s.errors[0]}" for s in students if s.errors]
        failures += [f"{name}: {visit!r}" for name, visit in visits.items() if isinstance(visit, Exception)]
        ok_visits = [visit for visit in visits.values() if not isinstance(visit, Exception)]
        failures += [f"{v.name}: figure did not repaint" for v in ok_visits if not all(v.repainted)]
        ready = [s.times["server_ready"] for s in students if "server_ready" in s.times]
        ready += [v.seconds_to_server for v in ok_visits]
        hub_cpu = sampler.cpu_seconds(None) - hub_cpu_before
        return {
            "size": size,
            "failures": failures,
            "all_ready_s": max(ready) if ready else float("nan"),
            "all_lessons_s": max((s.times.get("lessons_done", float("nan")) for s in students), default=float("nan")),
            "wall_s": time.monotonic() - started,
            "peak_student_gib": max(sampler.peak_rss.values(), default=0) / GIB,
            "median_student_gib": statistics.median(sampler.peak_rss.values()) / GIB if sampler.peak_rss else 0,
            "peak_total_gib": sampler.peak_total / GIB,
            "student_cpu_s": statistics.mean(sampler.cpu_seconds(name) for name in names),
            "hub_cpu_s": hub_cpu / size,
            "latencies_ms": [ms for visit in ok_visits for ms in visit.latencies_ms],
        }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5], help="class sizes (default: 5)")
    parser.add_argument("--browser", type=int, default=2, help="students in Chromium per class")
    parser.add_argument("--moves", type=int, default=10, help="slider moves per browser student")
    args = parser.parse_args()
    if min(args.sizes) <= args.browser:
        parser.error(f"every size must be larger than --browser ({args.browser})")
    if not CHROMIUM.exists():
        print(f"class capacity: not measured, {CHROMIUM} is missing (apt-get install chromium)")
        return
    load = os.getloadavg()
    print(f"class capacity on {os.cpu_count()} cores, {_memory_gib():.1f} GiB; load average before: "
          f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}", flush=True)
    rows, per_student_gib = [], FIRST_GUESS_GIB
    for size in args.sizes:
        needed, available = size * per_student_gib + HEADROOM_GIB, _available_gib()
        if needed > available:  # the machine is shared: never push it into swapping or the OOM killer
            print(f"  {size} students: not run, they would need about {needed:.0f} GiB and "
                  f"{available:.0f} GiB is available", flush=True)
            continue
        rows.append(run_class(size, args.browser, args.moves))
        measured = [row["peak_total_gib"] / row["size"] for row in rows]
        per_student_gib = max(measured)
        print(f"  {size} students done in {rows[-1]['wall_s']:.0f} s (load {os.getloadavg()[0]:.1f})", flush=True)
    print(f"{'students':>8} {'ok':>5} {'all ready':>9} {'lessons run':>11} {'GiB/student':>11} {'(max)':>6} "
          f"{'GiB total':>9} {'CPU s/student':>13} {'hub CPU s/st.':>13} {'slider ms':>9} {'p95':>5} "
          f"{'per core':>8} {'per GiB':>7}")
    for row in rows:
        per_student_gib = row["peak_total_gib"] / row["size"]
        per_core = BURST_SECONDS / (row["student_cpu_s"] + row["hub_cpu_s"])
        ok = row["size"] - len(row["failures"])
        print(f"{row['size']:>8} {ok:>2}/{row['size']:<2} {row['all_ready_s']:>8.0f}s {row['all_lessons_s']:>10.0f}s "
              f"{per_student_gib:>11.2f} {row['peak_student_gib']:>6.2f} {row['peak_total_gib']:>9.1f} "
              f"{row['student_cpu_s']:>13.1f} {row['hub_cpu_s']:>13.1f} "
              f"{statistics.median(row['latencies_ms']) if row['latencies_ms'] else float('nan'):>9.0f} "
              f"{_percentile(row['latencies_ms'], 95):>5.0f} {per_core:>8.1f} {1 / per_student_gib:>7.1f}")
        for failure in row["failures"]:
            print(f"    failed: {failure}")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}. per core: students one core serves "
          f"when the whole class starts and runs lessons 00 and 03 within {BURST_SECONDS} s; per GiB: from the "
          "class's peak memory at one instant.")


def _memory_gib() -> float:
    return psutil.virtual_memory().total / GIB


def _available_gib() -> float:
    return psutil.virtual_memory().available / GIB


if __name__ == "__main__":
    main()
