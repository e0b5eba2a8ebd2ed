"""The in-place repaint path never shows a wrong picture.

Each app is driven through a seeded random sequence of control changes, browser reconnects
with another device-pixel ratio and figure resizes sent as the browser sends them, with a
stand-in for ipympl's browser side (:class:`Browser`) answering the kernel as ipympl 0.10.0's
JavaScript does. The browser may paint only the last frame it received, on a canvas it has
just cleared (that is what ipympl's JavaScript does when frames arrive faster than they decode,
and on every resize), so that last frame alone must be the whole, current picture: pixel for
pixel what a full redraw of the same state paints, in the same figure and in a new app set to
the same values.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import random
import threading
import zlib
from io import BytesIO

import ipywidgets as widgets
import numpy as np
import pytest
from ipympl.backend_nbagg import Canvas
from PIL import Image

import teach
from teach.ui import LiveFigure, livecanvas
from teach.ui.controls import CheckGroup
from teach.ui.livecanvas import FrameEncoder, LiveCanvas, encode_frame


def _app_factories() -> dict:
    """Every app factory of every topic: ``teach.<topic>.app.APPS``."""
    factories = {}
    for package in pkgutil.iter_modules(teach.__path__):
        try:
            module = importlib.import_module(f"teach.{package.name}.app")
        except ModuleNotFoundError:
            continue
        apps = getattr(module, "APPS", {})  # teach.ui.app is the shell, with no apps of its own
        factories.update({f"{package.name}.{name}": factory for name, factory in apps.items()})
    return factories


APPS = _app_factories()


def decode(png: bytes) -> np.ndarray:
    """An RGBA array of a PNG frame."""
    return np.asarray(Image.open(BytesIO(png)).convert("RGBA"))


def differing(a: np.ndarray, b: np.ndarray) -> int:
    """How many pixels of two same-sized RGBA arrays differ."""
    return int(np.any(a != b, axis=-1).sum())


def screen_pixels(canvas) -> np.ndarray:
    """A full redraw of the canvas, as the RGBA array of its Agg buffer."""
    canvas.draw()
    return np.asarray(canvas.get_renderer().buffer_rgba()).copy()


class Browser:
    """ipympl 0.10.0's browser side of one canvas, as far as pictures go (``MPLCanvasModel``
    in ipympl's JavaScript): it connects with ``send_initialization_message``'s messages,
    asks for a draw when told to (``send_draw_message``, once until an image arrives),
    answers the kernel's 'resize' with 'refresh' (``handle_resize``), and keeps every frame
    with the image mode the kernel had set when it arrived."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.frames: list[tuple[bytes, str]] = []
        self.inbox: list[dict] = []
        self.waiting_for_image = False
        canvas.send = self._receive  # the widget's custom messages: what reaches the browser

    def _receive(self, content, buffers=None):
        message = json.loads(content["data"])
        if message["type"] == "binary":
            self.frames.append((bytes(buffers[0]), self.canvas._image_mode))
            self.waiting_for_image = False
        else:
            self.inbox.append(message)

    def send(self, kind: str, **fields) -> None:
        """One message from the browser to the kernel, then the browser's answers to what comes back."""
        self.canvas._handle_message(self.canvas, {"type": kind, **fields}, [])
        self.settle()

    def settle(self) -> None:
        while self.inbox:
            message = self.inbox.pop(0)
            if message["type"] == "draw" and not self.waiting_for_image:
                self.waiting_for_image = True
                self.send("draw")
            elif message["type"] == "resize":
                self.send("refresh")

    def connect(self, ratio: float = 1.0) -> None:
        """A view (re)connecting from a screen with device-pixel ratio ``ratio``."""
        if ratio != 1:
            self.send("set_dpi_ratio", dpi_ratio=ratio)
            self.send("set_device_pixel_ratio", device_pixel_ratio=ratio)
        for kind in ("refresh", "send_image_mode", "initialized"):
            self.send(kind)

    def resize(self, width: float, height: float) -> None:
        """The learner drags the figure's resize handle to ``width`` x ``height`` CSS pixels."""
        self.send("resize", width=width, height=height)

    def last_frame(self) -> np.ndarray:
        """What the browser shows when it paints only the last frame it received."""
        png, mode = self.frames[-1]
        assert mode == "full", "the last frame is a diff: on a cleared canvas it shows a partial picture"
        return decode(png)


def random_change(control, rng: random.Random):
    """A value a learner could give ``control``."""
    if isinstance(control, widgets.FloatLogSlider):
        steps = round((control.max - control.min) / control.step)
        return control.base ** (control.min + rng.randint(0, steps) * control.step)
    if isinstance(control, widgets.IntSlider):
        return rng.randint(control.min, control.max)
    if isinstance(control, widgets.FloatSlider):
        steps = round((control.max - control.min) / control.step)
        return control.min + rng.randint(0, steps) * control.step
    if isinstance(control, widgets.Checkbox):
        return not control.value
    if isinstance(control, widgets.SelectMultiple):
        values = [value for _, value in control._options_full]
        return tuple(rng.sample(values, rng.randint(0, len(values))))
    if isinstance(control, CheckGroup):
        return tuple(rng.sample(control.options, rng.randint(0, len(control.options))))
    if isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons)):
        return rng.choice([value for _, value in control._options_full])
    if isinstance(control, widgets.FloatText):
        return round(control.value * rng.choice([0.5, 0.8, 1.25, 2.0]), 1)
    if isinstance(control, widgets.Text):
        return rng.choice(["", "walk to the shop and back", "sleep through the night"])
    raise TypeError(f"no random value for a {type(control).__name__}")


def drive(app, browser: Browser, rng: random.Random, steps: int) -> dict:
    """``steps`` random events: mostly control changes, some reconnects at another device-pixel
    ratio and some resizes. Returns the control values of the last state the app accepted."""
    last_good = dict(app.values)
    canvas = browser.canvas
    width, height = (size / canvas.device_pixel_ratio for size in canvas.get_width_height(physical=True))
    for _ in range(steps):
        event = rng.random()
        if event < 0.12:
            browser.connect(rng.choice([1.0, 1.25, 1.5, 2.0]))
        elif event < 0.24:
            browser.resize(width * rng.uniform(0.8, 1.25), height * rng.uniform(0.8, 1.25))
        else:
            name = rng.choice(list(app.controls))
            app.controls[name].value = random_change(app.controls[name], rng)
            browser.settle()
            if app.error is None:
                last_good = dict(app.values)
    return last_good


@pytest.mark.parametrize("name", list(APPS))
def test_fast_path_picture_equals_a_full_redraw(name):
    factory = APPS[name]
    rng = random.Random(zlib.crc32(name.encode()))
    app = factory()
    browser = Browser(app.figure.canvas)
    browser.connect()
    fast_before = app.figure.fast_draws
    values = drive(app, browser, rng, steps=14)
    assert app.figure.fast_draws > fast_before, "the sequence never took the in-place path"
    assert {mode for _, mode in browser.frames} == {"full"}, "a diff frame was sent"

    shown = browser.last_frame()
    canvas = app.figure.canvas
    redrawn = screen_pixels(canvas)
    assert shown.shape == redrawn.shape
    assert np.array_equal(shown, redrawn), f"{name}: {differing(shown, redrawn)} pixels differ from a full redraw"

    fresh = factory()
    fresh.set(**values)
    fresh.figure.canvas._set_device_pixel_ratio(canvas.device_pixel_ratio)
    fresh.figure.figure.set_size_inches(app.figure.figure.get_size_inches(), forward=False)
    from_scratch = screen_pixels(fresh.figure.canvas)
    assert np.array_equal(shown, from_scratch), (
        f"{name}: {differing(shown, from_scratch)} pixels differ from a new app's full draw at the same values"
    )


class _Line(LiveFigure):
    def __init__(self, canvas_class=LiveCanvas):
        super().__init__()
        if canvas_class is not LiveCanvas:  # the plain ipympl canvas, to show what the check catches
            self.canvas = canvas_class(self.figure)  # draw_event callbacks belong to the figure: kept
            type(self._manager)(self.canvas, num=id(self))
            self.canvas.lock, self.canvas.drawing_for_screen = threading.RLock(), True
        (self.line,) = self.axes[0].plot([0, 1], [0, 1], lw=3)
        self.axes[0].set_title("static title")
        self.dynamic(self.line)

    def update(self, state):
        self.line.set_ydata(state)


def test_plain_ipympl_canvas_sends_a_diff_that_alone_shows_no_axes():
    """The fault the review saw, reproduced with ipympl's own canvas: after the first whole frame
    an in-place repaint is sent as a diff, which on a cleared canvas is only the moved line."""
    fig = _Line(canvas_class=Canvas)
    browser = Browser(fig.canvas)
    browser.connect()
    fig.update([1, 0])
    fig.refresh()
    png, mode = browser.frames[-1]
    assert mode == "diff"
    shown, redrawn = decode(png), screen_pixels(fig.canvas)
    assert not np.array_equal(shown, redrawn)
    assert (shown[..., 3] == 0).mean() > 0.5, "most of a diff is transparent: no axes, ticks or labels"


def test_every_frame_is_whole_and_current():
    fig = _Line()
    browser = Browser(fig.canvas)
    browser.connect()
    for ys in ([1, 0], [0.5, 0.5], [0.2, 0.9]):
        fig.update(ys)
        fig.refresh()
        assert browser.frames[-1][1] == "full"
        assert np.array_equal(browser.last_frame(), np.asarray(fig.canvas.get_renderer().buffer_rgba()))
    assert fig.fast_draws == 3


def test_changed_static_artist_forces_a_full_redraw_until_one_is_drawn():
    fig = _Line()
    browser = Browser(fig.canvas)
    browser.connect()
    fig.axes[0].set_title("a new title")  # a static artist, changed without request_full_redraw
    asked = []
    fig.canvas.draw_idle = lambda: asked.append(True)  # the browser has not answered yet
    fig.update([1, 0])
    fig.refresh()
    fig.update([0, 1])
    fig.refresh()
    assert len(asked) == 2 and fig.fast_draws == 0, "an old background was restored"


def test_requested_full_redraw_is_not_skipped_by_the_next_event():
    fig = _Line()
    browser = Browser(fig.canvas)
    browser.connect()
    fig.request_full_redraw()
    fig.canvas.draw_idle = lambda: None  # the browser's draw request is still on its way
    fig.refresh()
    fig.update([1, 0])
    fig.refresh()
    assert fig.fast_draws == 0


def test_savefig_at_another_dpi_does_not_become_the_background():
    fig = _Line()
    browser = Browser(fig.canvas)
    browser.connect()
    fig.figure.savefig(BytesIO(), format="png", dpi=50, facecolor="black")
    fig.canvas.draw()  # savefig restored the face colour, so the figure was stale: redraw as the browser would
    fig.update([1, 0])
    fig.refresh()
    assert fig.fast_draws == 1
    assert np.array_equal(browser.last_frame(), screen_pixels(fig.canvas))


@pytest.mark.parametrize("same_figure", [True, False], ids=["same figure", "another figure"])
def test_a_repaint_from_another_thread_waits_for_a_draw_in_progress(same_figure):
    """JupyterLab sends widget messages over a kernel subshell, handled on its own thread: a
    slider event must not paint while the main thread is drawing, this figure or another."""
    drawn = _Line()
    moved = drawn if same_figure else _Line()
    browsers = {id(fig): Browser(fig.canvas) for fig in (drawn, moved)}
    for browser in browsers.values():
        browser.connect()
    finished = threading.Event()

    def slider_event():
        moved.update([1, 0])
        moved.refresh()
        finished.set()

    other = threading.Thread(target=slider_event)
    seen_during_draw = []

    def during_draw(_event):
        other.start()
        seen_during_draw.append(finished.wait(timeout=0.5))

    cid = drawn.canvas.mpl_connect("draw_event", during_draw)
    drawn.canvas.draw()
    drawn.canvas.mpl_disconnect(cid)
    other.join(timeout=10)
    assert seen_during_draw == [False], "the repaint ran inside another thread's draw"
    assert finished.is_set() and moved.fast_draws == 1
    assert np.array_equal(browsers[id(moved)].last_frame(), screen_pixels(moved.canvas))


@pytest.mark.parametrize("opaque", [True, False], ids=["opaque", "with transparency"])
def test_encoded_frame_is_a_png_of_exactly_the_buffer(opaque):
    """The frame encoder writes the PNG itself (unfiltered rows, zlib): a strict decoder reads
    back every pixel, RGB when all are opaque, RGBA otherwise."""
    fig = _Line()
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.get_renderer().buffer_rgba()).copy()
    if not opaque:
        rgba[10:20, 30:40, 3] = 77
    png = encode_frame(rgba)
    image = Image.open(BytesIO(png))
    image.load()  # checks every chunk's CRC and the zlib stream
    assert image.mode == ("RGB" if opaque else "RGBA")
    assert np.array_equal(decode(png), rgba)


def _idat(png: bytes) -> bytes:
    """The image data of a PNG, its chunks' CRCs checked."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data = 8, b""
    while position < len(png):
        length = int.from_bytes(png[position:position + 4], "big")
        kind, body = png[position + 4:position + 8], png[position + 8:position + 8 + length]
        assert zlib.crc32(kind + body) == int.from_bytes(png[position + 8 + length:position + 12 + length], "big")
        data += body if kind == b"IDAT" else b""
        position += 12 + length
    return data


def test_encoder_recompresses_only_changed_bands_and_every_frame_stands_alone():
    """A sequence of frames through one encoder: each PNG alone decodes (zlib checks the
    Adler-32 of the joined bands) to exactly its buffer, whatever changed since the last:
    nothing, one row in a band, a band's first and last rows, the last (short) band, the
    size, transparency."""
    rng = np.random.default_rng(17)
    height, width = 3 * FrameEncoder.BAND_ROWS + 5, 40
    frame = np.full((height, width, 4), 255, dtype=np.uint8)
    frame[..., :3] = rng.integers(0, 256, (height, width, 3))
    encoder = FrameEncoder()
    sequence = []
    for change in ("first", "none", "middle row", "band edges", "last row", "transparent", "opaque again", "size"):
        frame = frame.copy()
        if change == "middle row":
            frame[FrameEncoder.BAND_ROWS + 7, 3, 0] ^= 0xFF
        elif change == "band edges":
            frame[[FrameEncoder.BAND_ROWS - 1, 2 * FrameEncoder.BAND_ROWS], 5, 1] ^= 0x0F
        elif change == "last row":
            frame[-1, -1, 2] ^= 0x01
        elif change == "transparent":
            frame[2, 2, 3] = 10
        elif change == "opaque again":
            frame[2, 2, 3] = 255
        elif change == "size":
            frame = frame[:-9, :-3].copy()
        png = encoder.encode(frame)
        raw = zlib.decompress(_idat(png))  # raises on a wrong Adler-32 or a broken stream
        channels = 4 if change == "transparent" else 3
        assert len(raw) == frame.shape[0] * (1 + frame.shape[1] * channels)
        assert np.array_equal(decode(png), frame), change
        sequence.append((png, frame))
    assert all(np.array_equal(decode(png), frame) for png, frame in sequence), "a frame changed afterwards"
    assert sequence[1][0] == sequence[0][0], "an unchanged frame was not written the same"
    assert all(encode_frame(frame) == png for png, frame in sequence), "reused bands differ from a fresh encode"


@pytest.mark.parametrize("bad", [np.zeros((4, 4, 3), np.uint8), np.zeros((4, 4, 4), np.float32),
                                 np.zeros((0, 4, 4), np.uint8), b"png"])
def test_encoder_refuses_what_is_not_an_rgba_buffer(bad):
    with pytest.raises(TypeError, match="rgba must be"):
        encode_frame(bad)


def test_frame_trace_is_off_by_default_and_stamps_every_step_of_an_app_event():
    assert livecanvas.TRACE is None
    app = APPS["kinetics.daily"]()
    browser = Browser(app.figure.canvas)
    browser.connect()
    try:
        trace = livecanvas.trace_frames(8)
        control = app.controls["daily_leaf_g"]
        control.value = control.value + control.step
        (record,) = trace
        steps = ["event", "model", "artists", "refresh", "drawn", "encoded", "sent"]
        assert [record[step] for step in steps] == sorted(record[step] for step in steps)
        assert record["path"] == "fast" and record["bytes"] == len(browser.frames[-1][0])
        for _ in range(10):
            control.value = control.value - control.step if control.value > control.min else control.max
        assert len(trace) == 8, "the trace keeps only the newest frames"
    finally:
        livecanvas.trace_frames(0)
    assert livecanvas.TRACE is None
    with pytest.raises(ValueError, match="capacity"):
        livecanvas.trace_frames(-1)
