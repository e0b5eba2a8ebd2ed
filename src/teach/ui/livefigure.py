"""Figures that are built once and then repainted in place.

A :class:`LiveFigure` owns an ipympl canvas (an ipywidget) made directly, outside pyplot,
so it is never shown twice, never piles up in pyplot's figure list and needs no
``%matplotlib widget`` magic. Artists whose data change are registered with
:meth:`LiveFigure.dynamic`; a slider event then restores the cached static background
(axes, ticks, labels, legend) and draws only those artists, which costs about a millisecond
instead of a full redraw. Exported images (``savefig``, the notebook's static PNG) still
contain every artist.
"""

from __future__ import annotations

from ipympl.backend_nbagg import Canvas, FigureManager
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from teach.validation import check_state_argument

FONT_SIZE = 10  # points, at display size: the smallest text any figure draws


class LiveFigure:
    """Base class: subclasses create their axes and artists in ``__init__``, then fill
    :meth:`update` to set artist data from a model state.

    Parameters
    ----------
    nrows, ncols : int
        Grid of axes.
    figsize : tuple of float
        Width and height in inches.
    dpi : float
        Dots per inch of the on-screen canvas.
    """

    def __init_subclass__(cls, **kwargs):
        """A subclass's ``update(state)`` refuses a state of the wrong type with a TypeError."""
        super().__init_subclass__(**kwargs)
        if "update" in vars(cls):
            cls.update = check_state_argument(vars(cls)["update"])

    def __init__(self, nrows: int = 1, ncols: int = 1, *, figsize=(6.4, 3.2), dpi: float = 96):
        self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        self.canvas = Canvas(self.figure)
        self._manager = FigureManager(self.canvas, num=id(self))
        self.canvas.header_visible = False
        self.canvas.footer_visible = False
        self.canvas.toolbar_position = "left"
        axes = self.figure.subplots(nrows, ncols, squeeze=False)
        self.axes = list(axes.flat)
        for ax in self.axes:
            ax.tick_params(labelsize=FONT_SIZE)
        self._dynamic: list[Artist] = []
        self._background = None
        self._background_size: tuple[int, int] | None = None
        self._full_redraw_requested = False
        self.full_draws = 0
        self.fast_draws = 0
        self.canvas.mpl_connect("draw_event", self._on_draw)

    def dynamic(self, artist: Artist) -> Artist:
        """Register ``artist`` as one whose data change; return it."""
        artist.set_animated(True)
        self._dynamic.append(artist)
        return artist

    def request_full_redraw(self) -> None:
        """Ask the next :meth:`refresh` to redraw everything (a static artist changed)."""
        self._full_redraw_requested = True

    def update(self, state) -> None:
        """Set the data of the dynamic artists from ``state`` (a model result)."""
        raise NotImplementedError(f"{type(self).__name__} must implement update(state)")

    def refresh(self, *, full: bool = False) -> None:
        """Repaint: only the dynamic artists, or everything when ``full`` or no cache exists."""
        if full or self._full_redraw_requested or not self._background_is_current():
            self._full_redraw_requested = False
            self.canvas.draw_idle()
            return
        self.canvas.restore_region(self._background)
        self._draw_dynamic(self.canvas.get_renderer())
        self.canvas.blit(self.figure.bbox)
        self.fast_draws += 1

    def _background_is_current(self) -> bool:
        return (
            self._background is not None
            and self._background_size == self.canvas.get_width_height(physical=True)
        )

    def _on_draw(self, event) -> None:
        # A full draw just painted the static artists: cache them, then add the dynamic ones.
        renderer = event.renderer
        if renderer is getattr(self.canvas, "renderer", None):
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._background_size = (int(renderer.width), int(renderer.height))
        self._draw_dynamic(renderer)
        self.full_draws += 1

    def _draw_dynamic(self, renderer) -> None:
        for artist in self._dynamic:
            if artist.get_visible():
                artist.draw(renderer)

    def to_png(self) -> bytes:
        """The figure as PNG bytes, with every artist drawn (for export and tests)."""
        from io import BytesIO

        buffer = BytesIO()
        self.figure.savefig(buffer, format="png")
        return buffer.getvalue()
