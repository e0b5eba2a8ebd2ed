"""pytest plugin: every test run keeps learner progress in a temporary file, never in the
real Jupyter data directory. Loaded with ``-p tests.progress_isolation`` (pyproject addopts),
so notebook kernels and servers started by tests inherit the variable too."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from teach.progress import ENV_VAR


def pytest_configure(config):
    folder = Path(tempfile.mkdtemp(prefix="teach-progress-tests-"))
    os.environ[ENV_VAR] = str(folder / "teach-progress.json")
