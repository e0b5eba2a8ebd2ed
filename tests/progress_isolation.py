"""pytest plugin: every test run keeps learner progress in a temporary file, never in the
real Jupyter data directory. Loaded with ``-p tests.progress_isolation`` (pyproject addopts),
so notebook kernels and servers started by tests inherit the variables too.

It also builds demos without the prediction gate (``TEACH_PREDICT=off``) unless a test asks for
it: tests about figures and sliders then drive the controls directly, as before. The gate itself
is tested with the gate on (tests/test_predict.py, tests/test_active_browser.py)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from teach.progress import ENV_VAR
from teach.ui.predict import ENV_VAR as GATE_VAR


def pytest_configure(config):
    folder = Path(tempfile.mkdtemp(prefix="teach-progress-tests-"))
    os.environ[ENV_VAR] = str(folder / "teach-progress.json")
    os.environ.setdefault(GATE_VAR, "off")
