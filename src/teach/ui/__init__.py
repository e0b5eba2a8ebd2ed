"""What every lesson app shares: palette, live figure, readout, app shell and self-checks."""

from teach.ui.app import LessonApp
from teach.ui.livefigure import LiveFigure
from teach.ui.palette import OKABE_ITO, STYLES, series_style
from teach.ui.readout import Readout
from teach.ui.selfcheck import SelfCheck, self_check

__all__ = [
    "OKABE_ITO",
    "STYLES",
    "LessonApp",
    "LiveFigure",
    "Readout",
    "SelfCheck",
    "self_check",
    "series_style",
]
