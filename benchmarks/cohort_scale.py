"""Scale of lesson 03's simulated cohort: simulation plus every estimate, for 10^4, 10^5 and 10^6 people.

Each row times, in one process: simulating the cohort from its causal graph; the crude odds
ratio and risk difference; the Mantel-Haenszel odds ratio (statsmodels StratifiedTable) over
pain x sex; the logistic regression adjusted for pain and sex (statsmodels Logit); and a
simulated randomised trial of the same size. Target (issue): 10^6 people and every estimate
in under 2 s on a 2-core machine. The calibration of intercepts is done once before timing
(it is cached per set of arrow strengths); every cohort and trial has a seed of its own, so no
simulated column comes from the cache.

Run: python benchmarks/cohort_scale.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from teach.causal import model

STEPS = ("simulate", "crude", "Mantel-Haenszel", "logistic", "trial")


def time_once(n_people: int, seed: int) -> dict:
    times = {}
    cpu = time.process_time()
    start = time.perf_counter()
    cohort = model.simulate_cohort(n_people, seed)
    times["simulate"] = time.perf_counter() - start
    t = time.perf_counter()
    model.crude_estimates(cohort.data)
    times["crude"] = time.perf_counter() - t
    t = time.perf_counter()
    model.mantel_haenszel(cohort.data, ("pain", "male"))
    times["Mantel-Haenszel"] = time.perf_counter() - t
    t = time.perf_counter()
    model.adjusted_logit(cohort.data, ("pain", "male"))
    times["logistic"] = time.perf_counter() - t
    t = time.perf_counter()
    model.randomised_trial(n_people, seed + 10_000)  # a seed no run uses for its cohort: nothing cached
    times["trial"] = time.perf_counter() - t
    times["total"] = time.perf_counter() - start
    times["total CPU"] = time.process_time() - cpu
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per size (the median is printed)")
    args = parser.parse_args()
    model.simulate_cohort(1_000, 0)  # calibration and imports, once
    columns = (*STEPS, "total", "total CPU")
    print(f"{'people':>10} " + " ".join(f"{s:>16}" for s in columns) + "  (median wall s; CPU s of this process)")
    for n_people in (10**4, 10**5, 10**6):
        runs = [time_once(n_people, seed) for seed in range(args.repeats)]
        medians = {k: statistics.median(r[k] for r in runs) for k in (*STEPS, "total", "total CPU")}
        verdict = "" if n_people < 10**6 else ("  target <= 2 s: met" if medians["total"] <= 2 else "  target: MISSED")
        print(f"{n_people:>10,} " + " ".join(f"{medians[k]:>16.3f}" for k in (*STEPS, "total", "total CPU")) + verdict)


if __name__ == "__main__":
    main()
