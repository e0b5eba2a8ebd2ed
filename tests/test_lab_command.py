"""`course.py lab` with port 8888 taken: the printed URL must reach this course's server, and the
token must never be on a command line (readable by every local user in /proc/<pid>/cmdline)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The lab command itself, with the environment already present: ensure_environment would only
# find it up to date (and, for a dev-only venv, reinstall the runtime pins).
RUN_LAB = "import sys, course; course.ensure_environment = lambda _requirements: None; sys.exit(course.lab(None))"
URL = re.compile(r"Open (http://127\.0\.0\.1:(\d+)/lab/tree/\S+\?token=([0-9a-f]+))")

pytestmark = pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")


def _descendants(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [int(p) for p in children.read_text().split()] if children.exists() else []
    return found + [grand for child in found for grand in _descendants(child)]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:  # the process has just ended
        return ""


def test_lab_prints_the_port_its_own_server_listens_on(tmp_path):
    blocker = socket.socket()
    try:
        blocker.bind(("127.0.0.1", 8888))
        blocker.listen()
    except OSError:
        pass  # something already listens on 8888: the condition this test wants
    env = {**os.environ, "BROWSER": "true", "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_DATA_DIR": str(tmp_path / "data"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"), "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings")}
    env.pop("JUPYTER_TOKEN", None)
    log = (tmp_path / "lab.log").open("w+")
    lab = subprocess.Popen([sys.executable, "-c", RUN_LAB], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                           stderr=log, text=True, start_new_session=True)
    try:
        deadline, match = time.monotonic() + 150, None
        while match is None and time.monotonic() < deadline and lab.poll() is None:
            match = URL.search(lab.stdout.readline())
        assert match, f"no URL printed; log: {(tmp_path / 'lab.log').read_text()[-2000:]}"
        url, port, token = match.group(1), int(match.group(2)), match.group(3)
        assert port != 8888 and len(token) == 48
        with urllib.request.urlopen(url, timeout=30) as page:  # the token logs in: JupyterLab answers
            assert page.status == 200 and "jupyter-config-data" in page.read().decode()
        status = urllib.request.Request(f"http://127.0.0.1:{port}/api/status",
                                        headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(status, timeout=30) as answer:
            assert answer.status == 200
        with pytest.raises(urllib.error.HTTPError):  # and it is this server's token, not any
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=30)
        processes = [lab.pid, *_descendants(lab.pid)]
        assert len(processes) >= 2  # course.py and the Jupyter server it started
        assert not [pid for pid in processes if token in _cmdline(pid)]
    finally:
        os.killpg(lab.pid, 15)
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, 9)
            lab.wait()
        lab.stdout.close()
        log.close()
        blocker.close()
