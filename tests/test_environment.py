"""The environment files agree, and repo2docker would build what Binder needs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from tests.conftest import ROOT


def _pins(path):
    lines = [line.strip() for line in path.read_text().splitlines()]
    return sorted(line for line in lines if line and not line.startswith(("#", "-r")))


def test_binder_pins_match_the_root_requirements():
    assert _pins(ROOT / "binder" / "requirements.txt") == _pins(ROOT / "requirements.txt")


def test_runtime_pins_are_exact_and_complete():
    pins = dict(line.split("==") for line in _pins(ROOT / "requirements.txt"))
    required = {"jupyterlab", "ipywidgets", "ipympl", "matplotlib", "numpy", "scipy", "pandas", "statsmodels",
                "networkx"}
    assert required <= set(pins)
    assert tuple(int(x) for x in pins["jupyterlab"].split(".")[:2]) >= (4, 5)
    dev = _pins(ROOT / "requirements-dev.txt")
    assert all("==" in line for line in dev)
    assert {"pytest", "nbval", "hypothesis", "playwright", "ruff"} <= {line.split("==")[0] for line in dev}


def test_binder_runtime_and_postbuild():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    major, minor = map(int, re.fullmatch(r"python-(\d+)\.(\d+)", runtime).groups())
    assert (major, minor) >= (3, 11)
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert "set -e" in post_build and "pip install" in post_build


def test_repo2docker_generates_a_build_that_installs_the_pins_and_runs_postbuild(tmp_path):
    """repo2docker --no-build prints the Dockerfile it would build (no Docker engine needed)."""
    clean = tmp_path / "repo"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (ROOT / name).is_file():
            (clean / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clean / name)
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(clean)],
        capture_output=True, text=True, timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    assert f"Building conda environment for python={runtime}" in output
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in output
    assert "RUN ./binder/postBuild" in output
