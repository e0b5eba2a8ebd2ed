"""What the browser tests share: Debian's Chromium, and a local server started and stopped for them."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def expected_apps(path: Path) -> int:
    """How many lesson apps a notebook shows: its code cells that end in ``_app()``."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return sum("".join(c["source"]).strip().endswith("_app()") for c in cells if c["cell_type"] == "code")


@contextmanager
def running_server(command: list[str], ready: urllib.request.Request, *, env: dict, log_path: Path, name: str):
    """Start ``command``, wait (up to 2 min) until ``ready`` answers, and stop the server afterwards.

    Its output goes to ``log_path`` (a pipe nobody reads would fill up and stall it); the last of
    that log is the failure message when the server does not come up.
    """
    with log_path.open("w") as log:
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(ready, timeout=2):
                        break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"{name} did not start: {log_path.read_text()[-2000:]}")
                    time.sleep(0.5)
            yield
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
