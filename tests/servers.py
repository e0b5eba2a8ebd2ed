"""What the browser tests and the browser benchmark share: Debian's Chromium, a local server
started and stopped for them, and running every cell of a notebook in JupyterLab."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from course import jupyter_environment

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


@contextmanager
def jupyterlab(root: Path, home: Path):
    """JupyterLab on 127.0.0.1 serving ``root``, with its settings under ``home`` and the course's
    own Jupyter config and data (as ``course.py lab`` runs it); yields ``(base_url, token)`` and
    stops the server afterwards."""
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, **jupyter_environment(), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "ws"), "JUPYTERLAB_SETTINGS_DIR": str(home / "settings")}
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly",
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]
    base = f"http://127.0.0.1:{port}"
    ready = urllib.request.Request(f"{base}/api/status", headers={"Authorization": f"token {token}"})
    with running_server(command, ready, env=env, log_path=home / "server.log", name="JupyterLab"):
        yield base, token


@contextmanager
def voila_server(root: Path, home: Path):
    """Voila on 127.0.0.1 serving the notebooks in ``root``, with its settings under ``home`` and
    the course's own Jupyter config and data (its template); yields ``(base_url, token)`` and stops
    the server afterwards."""
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "voila", str(root), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
               f"--Voila.token={token}", "--Voila.port_retries=0", "--template=teach"]
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, **jupyter_environment(), "JUPYTER_CONFIG_DIR": str(home / "config")}
    with running_server(command, urllib.request.Request(f"{base}/?token={token}"), env=env,
                        log_path=home / "voila.log", name="Voila"):
        yield base, token


def run_all_cells(page, base: str, token: str, name: str) -> None:
    """Open notebook ``name`` in JupyterLab, clear its stored outputs and run every cell (Playwright ``page``)."""
    page.goto(f"{base}/lab/tree/{name}?token={token}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const kernel = panel && panel.sessionContext && panel.sessionContext.session
                && panel.sessionContext.session.kernel;
            return kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
        }""",
        timeout=90_000,
    )
    wait_for_kernel_idle_in_status_bar(page)
    # Clear the stored outputs first, so numbered prompts can only come from this run.
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].every(p => !/\\d/.test(p.textContent))"
    )
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=180_000,
    )


def wait_for_kernel_idle_in_status_bar(page, timeout_ms: int = 90_000) -> None:
    """Wait until JupyterLab's status bar shows the notebook's kernel name and "Idle" (as in
    "Python 3 (ipykernel) | Idle"): only then is the kernel connected, and a Run All sent
    before it would be lost."""
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const name = panel && panel.sessionContext && panel.sessionContext.kernelDisplayName;
            const bar = document.querySelector('#jp-main-statusbar');
            return !!name && !!bar && bar.innerText.split('\\n').some(line => line.trim() === name + ' | Idle');
        }""",
        timeout=timeout_ms,
    )


def kernel_stdout(page, code: str) -> str:
    """Run ``code`` in the kernel of the notebook open in ``page`` (no cell is added or changed)
    and return what it printed; raise if it raised."""
    return page.evaluate(
        """async (code) => {
            const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
            const future = kernel.requestExecute({code, silent: false, store_history: false, allow_stdin: false});
            let text = '', error = null;
            future.onIOPub = (msg) => {
                if (msg.header.msg_type === 'stream') { text += msg.content.text; }
                if (msg.header.msg_type === 'error') { error = msg.content.ename + ': ' + msg.content.evalue; }
            };
            await future.done;
            if (error) { throw new Error(error); }
            return text;
        }""",
        code,
    )
