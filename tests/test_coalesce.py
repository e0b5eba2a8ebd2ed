"""Control changes that arrive on other threads while an app repaints are coalesced: only the
newest values are drawn, no change is lost, and the last picture is that of the last values."""

from __future__ import annotations

import threading
import time

import numpy as np

from teach.kinetics.app import daily_app
from tests.test_livefigure import Browser, screen_pixels

TIMEOUT_S = 10


def _wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.005)


class _Held:
    """Wraps an app's model so that its next call blocks until released; records every call's values."""

    def __init__(self, app):
        self.calls: list[dict] = []
        self.entered = threading.Event()
        self.release = threading.Event()
        self.hold = False
        self._compute = app._compute
        app._compute = self

    def __call__(self, **values):
        self.calls.append(values)
        if self.hold:
            self.hold = False
            self.entered.set()
            assert self.release.wait(TIMEOUT_S), "never released"
        return self._compute(**values)


def _set_in_thread(control, value) -> threading.Thread:
    thread = threading.Thread(target=lambda: setattr(control, "value", value), daemon=True)
    thread.start()
    return thread


def test_changes_during_a_repaint_are_drawn_once_with_the_newest_values():
    app = daily_app()
    browser = Browser(app.figure.canvas)
    browser.connect()
    model = _Held(app)
    dose, interval = app.controls["daily_leaf_g"], app.controls["interval_h"]
    asked = app._requests  # updates so far (the first paint)
    model.hold = True
    first = _set_in_thread(dose, dose.value + dose.step)  # the main thread's repaint, say
    assert model.entered.wait(TIMEOUT_S)
    waiters = [_set_in_thread(interval, interval.value + interval.step)]  # slider events on other threads
    _wait_until(lambda: app._requests == asked + 2, "the second change is asked for")
    waiters.append(_set_in_thread(dose, dose.value + 2 * dose.step))
    _wait_until(lambda: app._requests == asked + 3, "the third change is asked for")
    time.sleep(0.05)
    assert all(thread.is_alive() for thread in waiters), "a caller returned before its change was drawn"
    model.release.set()
    for thread in (first, *waiters):
        thread.join(TIMEOUT_S)
        assert not thread.is_alive()

    final = {**app.values}
    assert len(model.calls) == 2, f"the two waiting changes were not coalesced: {len(model.calls)} model runs"
    assert model.calls[-1] == final, "the last repaint did not use the newest values"
    assert app._painted == app._requests == asked + 3 and app._painter is None
    fresh = daily_app()
    fresh.set(**final)
    assert app.readout.text == fresh.readout.text
    shown = browser.last_frame()
    assert np.array_equal(shown, screen_pixels(app.figure.canvas))
    assert np.array_equal(shown, screen_pixels(fresh.figure.canvas)), "the last picture is not the last values'"


def test_every_change_on_one_thread_is_drawn_in_turn():
    app = daily_app()
    browser = Browser(app.figure.canvas)
    browser.connect()
    model = _Held(app)
    dose = app.controls["daily_leaf_g"]
    frames = len(browser.frames)
    values = [dose.value + k * dose.step for k in (1, 2, 3)]
    for value in values:
        dose.value = value
        assert app.state is not None and model.calls[-1]["daily_leaf_g"] == value  # drawn before set returns
    assert [call["daily_leaf_g"] for call in model.calls] == values
    assert len(browser.frames) == frames + 3


def test_a_change_made_while_updating_is_drawn_by_the_next_round():
    app = daily_app()
    Browser(app.figure.canvas).connect()
    dose, interval = app.controls["daily_leaf_g"], app.controls["interval_h"]
    seen = []
    compute = app._compute

    def model_that_moves_a_control(**values):
        seen.append(values)
        if len(seen) == 1:
            interval.value = interval.value + interval.step  # re-enters update on this thread
        return compute(**values)

    app._compute = model_that_moves_a_control
    dose.value = dose.value + dose.step
    assert len(seen) == 2 and seen[-1] == app.values
    assert app._painted == app._requests and app._painter is None


def test_a_waiting_change_is_drawn_even_when_the_running_repaint_fails():
    app = daily_app()
    Browser(app.figure.canvas).connect()
    model = _Held(app)
    dose, interval = app.controls["daily_leaf_g"], app.controls["interval_h"]
    failed = []
    original = app._describe

    def describe_failing_once(state):
        if not failed:
            failed.append(True)
            raise RuntimeError("a fault in the first repaint")
        return original(state)

    app._describe = describe_failing_once
    asked = app._requests
    model.hold = True
    errors = []

    def first_change():
        try:
            dose.value = dose.value + dose.step
        except RuntimeError as err:
            errors.append(err)

    first = threading.Thread(target=first_change, daemon=True)
    first.start()
    assert model.entered.wait(TIMEOUT_S)
    waiter = _set_in_thread(interval, interval.value + interval.step)
    _wait_until(lambda: app._requests == asked + 2, "the second change is asked for")
    model.release.set()
    for thread in (first, waiter):
        thread.join(TIMEOUT_S)
        assert not thread.is_alive(), "a caller hangs after another's repaint failed"
    assert len(errors) == 1, "the fault reached the caller whose repaint failed"
    assert model.calls[-1] == app.values and app._painted == app._requests == asked + 2
