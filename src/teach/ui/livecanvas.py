"""An ipympl canvas that never lets the browser show a wrong picture.

ipympl 0.10.0 sends each new picture to the browser either whole ("full") or as a "diff":
only the pixels that changed since the last frame the kernel *sent*, transparent elsewhere.
Its browser side, however, keeps only the last frame it *painted*, and two things make
those differ:

* ``handle_binary`` points its one ``<img>`` at each new frame as it arrives, so a frame that
  is still decoding when the next one arrives is never painted. Run All produces exactly that:
  the first whole frame, then within milliseconds an in-place repaint sent as a diff (set off
  by a control value coming back from the browser), and only the diff gets painted;
* ``handle_resize`` (the answer to the kernel's 'resize', sent on every 'initialized') and a
  change of ``_size`` reset the browser's off-screen canvas to transparent and repaint only
  the last frame received, which may be a diff.

The browser then shows a diff on a cleared canvas: nothing at all (an empty diff), or the
moved curves with no axes, ticks, labels or legend. Its 'draw' request for the repair is
dropped while it still waits for an earlier image. ipympl's browser side sends no
acknowledgement, so the kernel can never know which frame a diff would land on; the only
safe frame is a whole one. :class:`LiveCanvas` therefore sends every frame whole: whichever
frame the browser paints last is a complete, current picture.

Sending only the region that changed is ruled out for the same reason, whatever the encoding:
ipympl's browser side draws a 'diff' frame over whatever its off-screen canvas holds, and that
is not known in the kernel. A region frame would be right only on the frame the kernel sent
before it, but that frame may never have been painted (dropped while still decoding), and a
resize paints the region alone on a cleared canvas. Making it safe would need an
acknowledgement from the browser of each frame painted, which ipympl 0.10 does not send.

What a frame costs is therefore kept down otherwise: :class:`FrameEncoder` writes the whole
PNG without Pillow's row-filter search and re-compresses only the rows that changed (its
memory of the last frame is the kernel's own, never the browser's), and nothing is encoded
twice in the kernel (ipympl's own ``send_binary`` PNG-encodes its copy of the previous buffer
again for ``_data_url`` until the browser connects; :meth:`LiveCanvas.send_binary` reuses the
frame's bytes, and no buffer is kept for diffs). ipympl's browser side still encodes its
previous picture (``toDataURL``, 1-3 ms on the page) on every frame it receives; only ipympl
can drop that.

JupyterLab 4.6 also sends widget messages over a kernel subshell, which ipykernel 7 handles
on a thread of its own beside the main thread that runs cells, so a browser message for a
canvas can arrive while a cell is drawing it. Matplotlib is not thread-safe: ``Figure.draw``
holds a lock of its own, but the in-place path draws artists outside it, and ipympl's frame
bookkeeping (``_png_is_old``, ``_force_full``, the shared renderer) has none. Every entry point
that touches a canvas's pixels or that bookkeeping therefore holds one process-wide lock,
:data:`DRAW_LOCK`.
"""

from __future__ import annotations

import struct
import threading
import time
import zlib
from base64 import b64encode
from collections import deque

import numpy as np
from ipympl.backend_nbagg import Canvas
from matplotlib.figure import Figure

DRAW_LOCK = threading.RLock()  # serialises all drawing of every LiveCanvas, whatever the thread
PNG_COMPRESS_LEVEL = 1  # zlib level: a whole 730 x 420 px frame in about 3 ms, about 60 kB
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZLIB_HEADER = b"\x78\x01"  # deflate, 32 KiB window, fastest-compression flag (header check: multiple of 31)
DEFLATE_END = b"\x03\x00"  # a final, empty deflate block with fixed Huffman codes
TRACE: deque | None = None  # per-frame timestamps for benchmarks/browser_latency.py; None (off) by default
MAX_TRACE_FRAMES = 1_000_000  # the longest trace a benchmark may ask for (frames)


def trace_frames(capacity: int = 4096) -> deque | None:
    """Record, for every frame any LiveCanvas sends from now on, the wall-clock times
    (``time.time()``, seconds) of the steps that made it, in a list of at most ``capacity``
    dicts (the oldest dropped); ``capacity=0`` switches recording off again (the default).

    Each dict has ``sent`` (handed to the widget's comm), ``bytes`` (PNG size), ``frame``
    (the canvas's frame count) and whichever steps :func:`mark` stamped since the canvas's
    previous frame: ``event`` (a control changed), ``model``, ``artists`` (model result set on
    the artists), ``refresh`` (repaint asked for, with ``path`` 'fast' or 'full'), ``draw``
    (a full draw began), ``drawn`` (the picture is in the Agg buffer), ``encoded`` (PNG done).
    The benchmark reads it with a kernel execute; wall-clock times compare with the page's
    ``performance.timeOrigin + performance.now()`` on the same machine.
    """
    global TRACE
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 0 <= capacity <= MAX_TRACE_FRAMES:
        raise ValueError(f"capacity must be a whole number of frames from 0 to {MAX_TRACE_FRAMES:,}; "
                         f"got {capacity!r:.40}")
    TRACE = deque(maxlen=capacity) if capacity else None
    return TRACE


def mark(canvas, step: str, **fields) -> None:
    """Stamp ``step`` (and any ``fields``) for ``canvas``'s next frame, when tracing is on."""
    if TRACE is not None:
        canvas.__dict__.setdefault("_trace_marks", {})[step] = time.time()
        canvas.__dict__["_trace_marks"].update(fields)


def encode_frame(rgba: np.ndarray) -> bytes:
    """PNG bytes of an ``(height, width, 4)`` uint8 RGBA buffer (see :class:`FrameEncoder`)."""
    return FrameEncoder().encode(rgba)


class FrameEncoder:
    """Writes whole PNG frames, re-compressing only the bands of rows that changed since the
    frame it encoded before.

    Written here rather than by Pillow, which spends most of a frame's encode choosing a PNG
    row filter: every row is stored unfiltered (filter type 0), RGB when every pixel is
    opaque (a quarter less to compress and send), else RGBA. The rows are compressed in bands
    of :attr:`BAND_ROWS`, each band by a zlib compressor of its own (raw deflate at
    :data:`PNG_COMPRESS_LEVEL`, ended by a sync flush, so that it refers to nothing before it
    and ends on a byte), and the bands are joined into one zlib stream with a final empty
    block and the Adler-32 of all rows, as pigz joins its blocks. The encoder keeps a copy of
    the last buffer it encoded (width x height x 4 bytes) and each band's compressed bytes: a
    band whose pixels are exactly the last frame's (the axes, labels and legend around what a
    slider moves: often 90 % of the rows) keeps them. Every frame is still a complete,
    stand-alone PNG of exactly the buffer's pixels, byte for byte what a new encoder writes;
    nothing depends on the browser having painted an earlier one.

    Measured for issue 17: a 730 x 420 px frame is 58-61 kB (Pillow at the same level: 58 kB)
    in 2.5-4 ms when a curve moves over most rows and 0.3-1.4 ms when a marker or a bar moves,
    against 7.4 ms for Pillow's; Chromium loads it no slower (5.2-5.4 against 5.7-7.9 ms).
    """

    BAND_ROWS = 16  # rows per separately compressed band

    def __init__(self):
        self._pixels: np.ndarray | None = None  # a copy of the previous frame's RGBA buffer
        self._opaque: bool | None = None  # whether it was written as RGB
        self._bands: list[tuple[bytes, int, int]] = []  # per band: compressed, Adler-32 and length of its rows

    def encode(self, rgba: np.ndarray) -> bytes:
        """PNG bytes of an ``(height, width, 4)`` uint8 RGBA buffer."""
        if not isinstance(rgba, np.ndarray) or rgba.dtype != np.uint8 or rgba.ndim != 3 or rgba.shape[2] != 4 \
                or rgba.size == 0:
            raise TypeError(f"rgba must be a (height, width, 4) uint8 array; got {type(rgba).__name__} "
                            f"{getattr(rgba, 'shape', '')}")
        height, width, _ = rgba.shape
        opaque = bool((rgba[..., 3] == 255).all())
        channels = 3 if opaque else 4
        if self._pixels is None or self._pixels.shape != rgba.shape or self._opaque != opaque:
            self._pixels, self._opaque, self._bands = rgba.copy(), opaque, []
            changed = np.ones(height, dtype=bool)
        else:
            changed = np.any((rgba != self._pixels).reshape(height, -1), axis=1)
            self._pixels[changed] = rgba[changed]
        bands = []
        for index, start in enumerate(range(0, height, self.BAND_ROWS)):
            stop = min(start + self.BAND_ROWS, height)
            if self._bands and not changed[start:stop].any():
                bands.append(self._bands[index])
                continue
            rows = np.empty((stop - start, 1 + width * channels), dtype=np.uint8)  # filter type 0, then pixels
            rows[:, 0] = 0
            rows[:, 1:].reshape(stop - start, width, channels)[...] = rgba[start:stop, :, :channels]
            compressor = zlib.compressobj(PNG_COMPRESS_LEVEL, zlib.DEFLATED, -15)  # raw deflate, no header
            bands.append((compressor.compress(rows) + compressor.flush(zlib.Z_SYNC_FLUSH), zlib.adler32(rows),
                          rows.size))
        self._bands = bands
        checksum = 1  # Adler-32 of nothing
        for _, band_checksum, length in bands:
            checksum = _adler32_combine(checksum, band_checksum, length)
        stream = b"".join((ZLIB_HEADER, *(data for data, _, _ in bands), DEFLATE_END, struct.pack(">I", checksum)))
        header = struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0)  # 8 bits, RGB or RGBA
        return b"".join((PNG_SIGNATURE, _chunk(b"IHDR", header), _chunk(b"IDAT", stream), _chunk(b"IEND", b"")))


def _adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings joined, from theirs and the second's length (zlib's
    ``adler32_combine``, which Python's zlib module does not offer)."""
    base = 65521
    rem = second_length % base
    sum1 = first & 0xFFFF
    sum2 = rem * sum1 % base
    sum1 = (sum1 + (second & 0xFFFF) + base - 1) % base
    sum2 = (sum2 + (first >> 16) + (second >> 16) + base - rem) % base
    return sum1 | (sum2 << 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data and the CRC-32 of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


class LiveCanvas(Canvas):
    """ipympl's widget canvas, sending only whole frames and drawing under :data:`DRAW_LOCK`.

    Attributes
    ----------
    lock : threading.RLock
        :data:`DRAW_LOCK`, held while the canvas draws, prints, encodes a frame or handles a
        browser message. Hold it too while restoring a background and drawing artists for :meth:`blit`.
    frames_sent : int
        Frames sent to the browser so far (each one a whole picture).
    last_frame : bytes or None
        The PNG of the last frame sent: what the browser shows once it has painted it.
    drawing_for_screen : bool
        True while :meth:`draw` paints the picture the browser will get (not a savefig).
    """

    def __init__(self, figure):
        if not isinstance(figure, Figure):
            raise TypeError(f"figure must be a matplotlib Figure; got {type(figure).__name__}")
        # Made before the widget opens its comm: a browser message may arrive on another thread at once.
        self.lock = DRAW_LOCK
        self.frames_sent = 0
        self.last_frame: bytes | None = None
        self.drawing_for_screen = False
        self._encoder = FrameEncoder()  # re-compresses only the rows that changed since its last frame
        super().__init__(figure)

    def _handle_message(self, object, content, buffers):
        with self.lock:
            super()._handle_message(object, content, buffers)

    def draw(self):
        """Draw every artist and send the picture (holding :attr:`lock`)."""
        with self.lock:
            mark(self, "draw")
            self.reset_layout()
            self.drawing_for_screen = True
            try:
                super().draw()
            finally:
                self.drawing_for_screen = False

    def reset_layout(self) -> None:
        """Put every gridded axes back at its grid position, for the layout engine to start from.

        Constrained layout sizes the axes from tick labels measured at their current size, and
        one pass does not settle (each pass moves them a quarter as far as the one before), so
        a draw started from where the last draw left the axes lands a little elsewhere: after a
        resize, two full draws of the same state differed in a few pixels. Started from the
        grid every time, the layout, and so every draw, depends only on the state, size and dpi.
        """
        if self.figure.get_layout_engine() is None:
            return
        for ax in self.figure.axes:
            spec = ax.get_subplotspec()
            if spec is not None and ax.get_in_layout():
                ax.set_position(spec.get_position(self.figure))
                ax.set_in_layout(True)  # set_position takes an axes out of the layout: keep it in

    def blit(self, bbox=None):
        """Send the renderer's current pixels as a whole frame (holding :attr:`lock`)."""
        with self.lock:
            super().blit(bbox)

    def print_figure(self, *args, **kwargs):
        # savefig (and ipympl's static PNG on display) draw into this canvas's renderer too.
        with self.lock:
            self.reset_layout()
            return super().print_figure(*args, **kwargs)

    def get_diff_image(self):
        """The frame to send: always the whole picture (never a diff; see the module docstring),
        or None when nothing was drawn since the last frame."""
        with self.lock:
            if not self._png_is_old:
                return None
            mark(self, "drawn")
            self.set_image_mode("full")
            frame = self._encoder.encode(np.asarray(self.get_renderer().buffer_rgba()))
            mark(self, "encoded")
            self._png_is_old = False
            self._force_full = False
            return frame

    def send_binary(self, data):
        """Send one frame; before the browser has connected, also keep it as the widget's
        ``_data_url`` (ipympl re-encodes its own copy there, without the ``data:`` prefix)."""
        if self.syncing_data_url:
            self._data_url = "data:image/png;base64," + b64encode(data).decode("ascii")
        self.send({"data": '{"type": "binary"}'}, buffers=[data])
        self.frames_sent += 1
        self.last_frame = data
        if TRACE is not None:
            TRACE.append({**self.__dict__.pop("_trace_marks", {}), "sent": time.time(), "bytes": len(data),
                          "frame": self.frames_sent})
