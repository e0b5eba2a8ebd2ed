#!/usr/bin/env python3
"""Set up and run the course. Needs only Python 3.11+; creates ./.venv when it is missing.

    python3 course.py lab        open the course in JupyterLab (127.0.0.1, token auth)
    python3 course.py test       run the whole test suite (lint, units, apps, notebooks, browser)
    python3 course.py execute    render citations and navigation, re-run every notebook in order, store outputs
    python3 course.py bench      print the benchmarks (slider latency, cohort scale)
    python3 course.py shots      screenshots of every screen at 1000 and 1400 px, into shots/
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
NODE_TOOLS = VENV / "node"
START_NOTEBOOK = "notebooks/00_start_here.ipynb"


def _fingerprint(requirements: str) -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", requirements, "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment(requirements: str) -> None:
    """Create .venv if missing and install ``requirements`` plus this package (editable); with the
    development requirements, also the Node.js tools the classroom test needs."""
    if requirements == "requirements-dev.txt":
        ensure_node_tools()
    stamp = VENV / f".installed-{Path(requirements).stem}"
    wanted = _fingerprint(requirements)
    if stamp.exists() and stamp.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f"Creating the environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print(f"Installing {requirements} (first run only; a few minutes) ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "--only-binary=:all:", "-r", str(ROOT / requirements)], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
    stamp.write_text(wanted)


def jupyter_environment() -> dict:
    """Environment that lets Jupyter find the course's own data files in this checkout: its Voila
    template (share/jupyter, on JUPYTER_PATH) and its Jupyter config (etc/jupyter, on
    JUPYTER_CONFIG_PATH: kernel websockets with TCP_NODELAY on, see teach/serverext.py). An
    editable install does not copy pyproject's data-files; ``pip install .`` (Binder, a hub) does."""
    def first(variable: str, path: Path) -> str:
        others = [p for p in os.environ.get(variable, "").split(os.pathsep) if p and p != str(path)]
        return os.pathsep.join([str(path), *others])

    return {"JUPYTER_PATH": first("JUPYTER_PATH", ROOT / "share" / "jupyter"),
            "JUPYTER_CONFIG_PATH": first("JUPYTER_CONFIG_PATH", ROOT / "etc" / "jupyter")}


def ensure_node_tools() -> None:
    """Install the Node.js tools pinned in package-lock.json (JupyterHub's configurable-http-proxy,
    for the classroom test and benchmark) into .venv/node/node_modules with ``npm ci``, when they
    are missing or the lock file changed. Needs Node.js and npm (.ci/run installs them)."""
    target = NODE_TOOLS
    lock = (ROOT / "package-lock.json").read_bytes()
    stamp = target / ".installed"
    wanted = hashlib.sha256((ROOT / "package.json").read_bytes() + lock).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and (target / "node_modules").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm (Node.js) is needed for the classroom test's proxy: apt-get install nodejs npm")
    print("Installing the Node.js tools in package-lock.json (npm ci) ...", flush=True)
    target.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, target / name)
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                   cwd=target, check=True)
    stamp.write_text(wanted)


def run(*args: str, env: dict | None = None) -> int:
    return subprocess.call([str(PYTHON), *args], cwd=ROOT, env={**os.environ, **jupyter_environment(), **(env or {})})


def _free_port(preferred: int = 8888) -> int:
    """``preferred`` if nothing listens on it on 127.0.0.1, else a port the system says is free."""
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise OSError("no free TCP port on 127.0.0.1")


def _server_url(server: subprocess.Popen, runtime_dir: Path, timeout_s: float = 180.0) -> str | None:
    """The URL the Jupyter server ``server`` reports once it listens (its runtime file
    ``jpserver-<pid>.json``), or None when it stops first or does not come up in time."""
    info_file = runtime_dir / f"jpserver-{server.pid}.json"
    deadline = time.monotonic() + timeout_s
    while server.poll() is None and time.monotonic() < deadline:
        try:
            return json.loads(info_file.read_text(encoding="utf-8"))["url"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.2)
    return None


def lab(_args) -> int:
    """Start JupyterLab on 127.0.0.1 and print the login URL only once this server listens on it.

    The port is chosen free beforehand and Jupyter may not move to another (port_retries=0), so
    the printed URL cannot send the token to another program. The token goes to Jupyter through
    the environment (JUPYTER_TOKEN), never the command line, which every local user can read.
    """
    ensure_environment("requirements.txt")
    token = secrets.token_hex(24)
    runtime_dir = Path(subprocess.run([str(PYTHON), "-m", "jupyter", "--runtime-dir"], check=True,
                                      capture_output=True, text=True).stdout.strip())
    command = [
        str(PYTHON), "-m", "jupyterlab", START_NOTEBOOK, "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={_free_port()}", "--ServerApp.port_retries=0", f"--ServerApp.root_dir={ROOT}",
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **jupyter_environment(), "JUPYTER_TOKEN": token})
    try:
        url = _server_url(server, runtime_dir)
        if url is None:
            print("\nJupyterLab did not start; see its messages above.\n", flush=True)
        else:
            print(f"\nOpen {url}lab/tree/{START_NOTEBOOK}?token={token}\n", flush=True)
        while True:
            try:
                return server.wait()
            except KeyboardInterrupt:  # Jupyter got the same Ctrl-C and asks whether to stop
                continue
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait()


def test(args) -> int:
    ensure_environment("requirements-dev.txt")
    lint = run("-m", "ruff", "check", "src", "tests", "benchmarks", "tools", "course.py")
    if lint:
        return lint
    return run("-m", "pytest", *args.pytest_args)


def execute(args) -> int:
    ensure_environment("requirements-dev.txt")
    learner_ready = ("tools/render_citations.py", "tools/glossary_links.py", "tools/lesson_frame.py")
    for tool in learner_ready:  # learner-ready Markdown first
        if run(tool):
            return 1
    return run("tools/execute_notebooks.py", *args.notebooks)


def bench(_args) -> int:
    ensure_environment("requirements-dev.txt")
    scripts = sorted((ROOT / "benchmarks").glob("*.py"))
    return max(run(str(script.relative_to(ROOT))) for script in scripts)


def shots(args) -> int:
    ensure_environment("requirements-dev.txt")
    return run("tools/screenshots.py", *args.shots_args)


def main() -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - the one check that must run on old Pythons too
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("lab", help="open the course in JupyterLab").set_defaults(func=lab)
    tests = commands.add_parser("test", help="run the whole test suite")
    tests.add_argument("pytest_args", nargs=argparse.REMAINDER, help="passed on to pytest")
    tests.set_defaults(func=test)
    runner = commands.add_parser("execute", help="re-execute notebooks and store their outputs")
    runner.add_argument("notebooks", nargs="*", help="default: every notebook in notebooks/")
    runner.set_defaults(func=execute)
    commands.add_parser("bench", help="print the benchmarks").set_defaults(func=bench)
    pictures = commands.add_parser("shots", help="screenshots of every screen (see tools/screenshots.py)")
    pictures.add_argument("shots_args", nargs=argparse.REMAINDER, help="notebooks, --out DIR, --widths PX ...")
    pictures.set_defaults(func=shots)
    # Options meant for pytest or the screenshot tool ("test -q", "shots --out DIR") pass through.
    args, extra = parser.parse_known_args()
    passed_on = {"test": "pytest_args", "shots": "shots_args"}.get(args.command)
    if extra and passed_on is None:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if passed_on:
        setattr(args, passed_on, [*extra, *getattr(args, passed_on)])
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
