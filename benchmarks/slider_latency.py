"""Slider-to-image latency of every lesson app, against the naive ``interact`` re-plot.

For every slider of every app, one slider event is timed end to end in the kernel: the model,
the in-place update of the figure's artists, the Agg render of what changed and the whole PNG
frame sent to the browser (LiveCanvas never sends ipympl's diff frames: see teach.ui.livecanvas).
Every event is a new value, so no cache in a model answers for it. The baseline is what
``interact`` with the inline backend does for the same figure (timed once per app, on its first
slider): build a new figure, draw everything and encode a whole PNG. Both run here, in the same
process, so the ratio is fair on any machine. Browser paint time is not included. Sliders that
update only on release (a whole new cohort) are timed and printed too, but the targets are for
sliders that update as they move.

Run: python3 course.py bench   (or python benchmarks/slider_latency.py [--events 200])
Targets (DESIGN.md): median <= 17 ms, p95 <= 35 ms, at least 5x faster than the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import time
from io import BytesIO

import ipywidgets as widgets
import numpy as np

from teach.careplan import app as careplan_apps
from teach.careplan import figures as careplan_figures
from teach.causal import app as causal_apps
from teach.causal import figures as causal_figures
from teach.claims import app as claims_apps
from teach.claims import figures as claims_figures
from teach.kinetics import app as kinetics_apps
from teach.kinetics import figures as kinetics_figures
from teach.liver import app as liver_apps
from teach.liver import figures as liver_figures
from teach.receptors import app as receptor_apps
from teach.receptors import figures as receptor_figures
from teach.receptors import model as receptor_model

# name -> (app factory, how the naive baseline rebuilds the same figure)
APPS = {
    "receptors.binding": (receptor_apps.binding_app,
                          lambda: receptor_figures.BindingFigure(receptor_model.affinities())),
    "receptors.efficacy": (receptor_apps.efficacy_app, receptor_figures.EfficacyFigure),
    "receptors.antagonism": (receptor_apps.antagonism_app, receptor_figures.AntagonismFigure),
    "receptors.bias": (receptor_apps.bias_app, receptor_figures.BiasFigure),
    "causal.estimates": (causal_apps.estimates_app, causal_figures.EstimatesFigure),
    "causal.selection": (causal_apps.selection_app, causal_figures.SelectionFigure),
    "causal.indication": (causal_apps.indication_app, causal_figures.IndicationFigure),
    "kinetics.single_dose": (kinetics_apps.single_dose_app, kinetics_figures.SingleDoseFigure),
    "kinetics.daily": (kinetics_apps.daily_app, kinetics_figures.DailyFigure),
    "kinetics.saturation": (kinetics_apps.saturation_app, kinetics_figures.SaturationFigure),
    "kinetics.occupancy": (kinetics_apps.occupancy_app, kinetics_figures.OccupancyFigure),
    "liver.lab_explorer": (liver_apps.lab_explorer_app, liver_figures.LabFigure),
    "liver.rucam": (liver_apps.rucam_app, liver_figures.RucamFigure),
    "liver.fibrosis": (liver_apps.fibrosis_app, liver_figures.FibrosisFigure),
    "claims.rating": (claims_apps.rating_app, claims_figures.RatingFigure),
    "claims.levels": (claims_apps.levels_app, claims_figures.LevelFigure),
    "careplan.plan_builder": (careplan_apps.plan_builder_app, careplan_figures.TimelineFigure),
    "careplan.monitoring": (careplan_apps.monitoring_app, careplan_figures.TimelineFigure),
    "careplan.guidelines": (careplan_apps.guideline_app, careplan_figures.GuidelineFigure),
}
SLIDERS = (widgets.FloatSlider, widgets.FloatLogSlider, widgets.IntSlider)


def _fine_steps(app):
    """The same app with its float sliders stepping by 1/1000 of their range, so that a sweep of
    a few hundred events never repeats a value and no cache in a model can answer for it."""
    for control in app.controls.values():
        if isinstance(control, (widgets.FloatSlider, widgets.FloatLogSlider)):
            control.step = (control.max - control.min) / 1000
    return app


def _slider_values(slider, count: int) -> list[float]:
    """``count`` slider values, each different from the one before (the first from the slider's
    current value): a float slider sweeps its range once through distinct values; an integer
    slider goes back and forth over its positions."""
    if isinstance(slider, widgets.IntSlider):
        up = np.arange(slider.min, slider.max + 1)
        sweep = np.concatenate([up, up[-2:0:-1]])
        sweep = np.resize(sweep, count + 2)
    else:
        sweep = np.linspace(slider.min, slider.max, count + 2)
        if isinstance(slider, widgets.FloatLogSlider):
            sweep = slider.base**sweep
    values, last = [], slider.value
    for value in map(float, sweep):
        if value != last and len(values) < count:
            values.append(value)
            last = value
    return values


def _percentile(samples: list[float], q: float) -> float:
    return float(np.percentile(samples, q))


def time_in_place(factory, control: str, events: int) -> list[float]:
    """Seconds per event of moving the slider ``control`` of a fresh app ``events`` times."""
    app = _fine_steps(factory())
    canvas = app.figure.canvas
    canvas.syncing_data_url = False  # as once a browser has connected
    canvas.draw()  # the browser's first paint
    sent = []
    canvas.send_binary = sent.append  # the bytes that would go over the websocket
    canvas.draw_idle = canvas.draw  # a full redraw, when one is asked for, happens as the browser would ask
    slider = app.controls[control]
    samples = []
    for value in _slider_values(slider, events):
        start = time.perf_counter()
        slider.value = value
        samples.append(time.perf_counter() - start)
    assert app.error is None and len(sent) == events, f"{factory.__name__}: {app.error or 'no image sent'}"
    return samples


def time_naive(factory, build_figure, control: str, events: int) -> list[float]:
    """Seconds per event of the naive re-plot: the model, a new figure and a whole PNG."""
    app = _fine_steps(factory())
    samples = []
    for value in _slider_values(app.controls[control], events):
        start = time.perf_counter()
        state = app._compute(**{**app.values, control: value})
        figure = build_figure()
        figure.update(state)
        buffer = BytesIO()
        figure.figure.savefig(buffer, format="png")
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200, help="events per slider (in place)")
    parser.add_argument("--naive-events", type=int, default=40, help="events per app (naive baseline)")
    args = parser.parse_args()
    print(f"{'app':24} {'slider':26} {'median ms':>10} {'p95 ms':>8} {'naive median ms':>16} {'speed-up':>9}  targets")
    for name, (factory, build_figure) in APPS.items():
        sliders = {key: c for key, c in factory().controls.items() if isinstance(c, SLIDERS)}
        if not sliders:  # a demo driven by a drop-down only (lesson 06's guideline grid)
            continue
        first = next(iter(sliders))
        naive = statistics.median(1e3 * s for s in time_naive(factory, build_figure, first, args.naive_events))
        for control, slider in sliders.items():
            fast = [1e3 * s for s in time_in_place(factory, control, args.events)]
            median, p95 = statistics.median(fast), _percentile(fast, 95)
            if slider.continuous_update:
                verdict = "met" if median <= 17 and p95 <= 35 and naive / median >= 5 else "MISSED"
            else:
                verdict = "updates on release"
            print(f"{name:24} {control:26} {median:10.1f} {p95:8.1f} {naive:16.1f} {naive / median:8.1f}x  {verdict}")


if __name__ == "__main__":
    main()
