"""A class on a real JupyterHub on this machine, shared by the classroom test and the class benchmark.

:func:`running_hub` starts JupyterHub (pip) behind the configurable-http-proxy that
``course.py`` installs from package-lock.json, with the dummy authenticator (one class
password), ``SimpleLocalProcessSpawner`` (one home folder per student, servers run from this
project's .venv), the idle culler as a hub service and a "class-driver" service the test uses to
see and stop servers; everything binds 127.0.0.1 on free ports, and everything it started is
stopped afterwards, even when the class failed.

A :class:`Student` does what a learner does, over HTTP: follows the nbgitpuller link, logs in,
waits for the server, lets nbgitpuller pull the course, and runs lessons through the Jupyter REST
and websocket API (one ``execute_request`` per code cell, in order). :func:`browser_student` does
the same in Chromium and moves a slider.

The local spawner runs every server as the same system user: the hub and each server keep
students apart (separate homes, each server serves only its own home and only to its owner),
but a student's kernel could read another home on the disk. A hub for a real class uses system
users (The Littlest JupyterHub) or containers (Zero to JupyterHub); see deploy/.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import psutil
import requests
import websocket

from course import jupyter_environment
from teach.classroom import nbgitpuller_link

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PROXY = ROOT / ".venv" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
COURSE = "kratom-course"
PASSWORD = "class-password"  # the dummy authenticator's shared password (127.0.0.1 only)
LESSONS = ("notebooks/00_start_here.ipynb", "notebooks/03_correlation_vs_causation.ipynb")
BROWSER_LESSON = "notebooks/01_alkaloids_and_receptors.ipynb"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now. SO_REUSEADDR, as servers set it, so a
    port left in TIME_WAIT by a server that stopped counts as free, as it is for the next server."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    """Whether a server could listen on ``port`` of 127.0.0.1 now (TIME_WAIT counts as free)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def bare_course_repository(directory: Path) -> Path:
    """A bare clone of this repository's committed HEAD at ``directory/kratom-course.git``, branch
    ``main``: the "GitHub" the class pulls from (file://, no network)."""
    bare = directory / f"{COURSE}.git"
    subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(bare)], check=True)
    subprocess.run(["git", "-C", str(bare), "config", "receive.shallowUpdate", "true"], check=True)
    subprocess.run(["git", "-C", str(ROOT), "push", "--quiet", str(bare), "HEAD:refs/heads/main"], check=True)
    return bare


def push_instructor_update(bare: Path, scratch: Path, name: str, text: str) -> None:
    """The instructor adds file ``name`` to the course and pushes it to ``bare``."""
    clone = scratch / "instructor"
    subprocess.run(["git", "clone", "--quiet", str(bare), str(clone)], check=True)
    (clone / name).write_text(text, encoding="utf-8")
    git = ["git", "-C", str(clone), "-c", "user.name=Instructor", "-c", "user.email=instructor@example.org"]
    subprocess.run([*git, "add", name], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", f"Add {name}"], check=True)
    subprocess.run([*git, "push", "--quiet", "origin", "HEAD:main"], check=True)


HUB_CONFIG = """\
# Written by tests/classhub.py for one run; everything on 127.0.0.1.
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/jupyterhub_cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
# The course's Jupyter config and data from this checkout (editable install), where a hub's image
# (`pip install .`) has them in its prefix: kernel websockets with TCP_NODELAY on, the Voila template.
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
# As in deploy/: a learner who follows the link while their server is stopped gets it started.
c.JupyterHub.implicit_spawn_seconds = 1
c.JupyterHub.services = [
    {{"name": "idle-culler", "command": [{python!r}, "-m", "jupyterhub_idle_culler", "--timeout=3600"]}},
    {{"name": "class-driver", "api_token": {driver_token!r}}},
]
c.JupyterHub.load_roles = [
    {{"name": "idle-culler", "services": ["idle-culler"],
      "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]}},
    {{"name": "class-driver", "services": ["class-driver"],
      "scopes": ["admin:users", "admin:servers", "list:services", "read:services"]}},
]
"""


@dataclass
class Hub:
    """A running hub: its public address, the driver's API token and where things live."""

    url: str
    driver_token: str
    work: Path
    homes: Path
    repo: Path
    process: psutil.Process
    ports: tuple[int, ...]
    leftovers: list = field(default_factory=list)  # commands of processes alive after the hub stopped

    def link(self, path: str = LESSONS[0]) -> str:
        """The nbgitpuller link a learner is given, built by the course's own helper."""
        return nbgitpuller_link(self.url, f"file://{self.repo}", "main", path, allow_local=True)

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """The hub's REST API as the class driver (admin of users and servers)."""
        return requests.request(method, f"{self.url}/hub/api/{path}", timeout=30,
                                headers={"Authorization": f"token {self.driver_token}"}, **kwargs)

    def processes(self) -> list[psutil.Process]:
        """The hub and everything it started (proxy, services, servers, kernels) that is alive."""
        try:
            return [self.process, *self.process.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def log(self) -> str:
        return (self.work / "hub.log").read_text(errors="replace")


@contextmanager
def running_hub(work: Path):
    """Start a hub serving the course from a bare clone of this repository; yield a :class:`Hub`.

    Afterwards every server is stopped through the hub's API, then the hub (which stops the proxy
    and its services), then whatever of that process tree is still alive, so nothing outlives it.
    The hub's log is ``work/hub.log``.
    """
    if not PROXY.exists():
        raise RuntimeError(f"{PROXY} is missing: `python3 course.py test` installs it (npm ci; needs Node.js)")
    homes = work / "homes"
    homes.mkdir(parents=True)
    repo = bare_course_repository(work)
    port, hub_port, api_port = free_port(), free_port(), free_port()
    while len({port, hub_port, api_port}) < 3:
        hub_port, api_port = free_port(), free_port()
    token = secrets.token_hex(32)
    args = ["--ServerApp.ip=127.0.0.1", "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    config = work / "jupyterhub_config.py"
    config.write_text(HUB_CONFIG.format(
        port=port, hub_port=hub_port, api_port=api_port, proxy=str(PROXY), work=work, password=PASSWORD,
        homes=homes, singleuser=str(VENV_BIN / "jupyterhub-singleuser"), args=args, python=sys.executable,
        driver_token=token, environment=jupyter_environment()))
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("JUPYTER_CONFIG_DIR", None)
    with (work / "hub.log").open("w") as log:
        popen = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=work, env=env,
                                 stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    hub = Hub(url, token, work, homes, repo, psutil.Process(popen.pid), (port, hub_port, api_port))
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if hub.api("GET", "services").status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if popen.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"JupyterHub did not start:\n{hub.log()[-3000:]}")
            time.sleep(0.5)
        yield hub
    finally:
        _stop_hub(hub, popen)


def _stop_hub(hub: Hub, popen: subprocess.Popen) -> None:
    started = hub.processes()
    try:
        users = hub.api("GET", "users").json()
        for user in users:
            if user.get("servers"):
                hub.api("DELETE", f"users/{user['name']}/server")
        deadline = time.monotonic() + 60
        while any(u.get("servers") for u in hub.api("GET", "users").json()) and time.monotonic() < deadline:
            time.sleep(0.5)
    except (requests.RequestException, ValueError):
        pass  # the hub is gone already: its process tree is stopped below
    children = {p.pid: p for p in [*started, *hub.processes()] if p.pid != popen.pid}
    popen.terminate()  # the hub stops its proxy and services on the way out
    try:
        popen.wait(timeout=30)
    except subprocess.TimeoutExpired:
        popen.kill()
        popen.wait()
    _, alive = psutil.wait_procs(list(children.values()), timeout=10)
    still = [process for process in alive if _running(process)]
    hub.leftovers = [_command(process) for process in still]  # what the hub failed to stop: a test fails on it
    for process in still:  # and it is stopped here, so nothing outlives the test either way
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(still, timeout=10)


def _command(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.NoSuchProcess:
        return f"process {process.pid}"


def _running(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@dataclass
class Student:
    """One simulated learner, speaking HTTP to the hub as a browser would; records what happened."""

    hub: Hub
    name: str
    session: requests.Session = field(default_factory=requests.Session)
    times: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return f"{self.hub.url}/user/{self.name}"

    def _xsrf(self) -> str:
        for cookie in self.session.cookies:
            if cookie.name == "_xsrf" and cookie.path.startswith(f"/user/{self.name}"):
                return cookie.value
        raise AssertionError(f"{self.name}: the server set no _xsrf cookie")

    def follow_link(self, link: str, password: str = PASSWORD, timeout: float = 300) -> str:
        """Click ``link``: log in if asked, start the server if stopped, wait for it, let nbgitpuller
        pull the course; return the address nbgitpuller then opens (its urlpath)."""
        started = time.monotonic()
        response = self.session.get(link, timeout=60)
        if "/hub/login" in response.url:
            xsrf = re.search(r'name="_xsrf" value="([^"]+)"', response.text).group(1)
            response = self.session.post(response.url, data={"username": self.name, "password": password,
                                                             "_xsrf": xsrf}, timeout=60)
        if response.status_code == 424:  # server not running: the page starts it (implicit spawn)
            spawn = re.search(r'href="([^"]*/hub/spawn/[^"]+)"', response.text).group(1).replace("&amp;", "&")
            response = self.session.get(f"{self.hub.url}{spawn}" if spawn.startswith("/") else spawn, timeout=300)
        while "/hub/spawn-pending/" in response.url:  # the pending page redirects once the server is up
            if time.monotonic() - started > timeout:
                raise AssertionError(f"{self.name}: server not ready after {timeout} s")
            time.sleep(1)
            response = self.session.get(response.url, timeout=60)
        self.times.setdefault("server_ready", time.monotonic() - started)
        if response.status_code != 200 or "/git-pull" not in response.url:
            raise AssertionError(f"{self.name}: link ended at {response.url} ({response.status_code})")
        query = {key: values[0] for key, values in parse_qs(urlsplit(response.url).query).items()}
        api = {key: query[key] for key in ("repo", "branch", "targetpath") if key in query}
        phases = []
        with self.session.get(f"{self.prefix}/git-pull/api?{urlencode(api, quote_via=quote)}", stream=True,
                              timeout=300) as stream:
            for line in stream.iter_lines(decode_unicode=True):
                if line.startswith("data: "):
                    event = json.loads(line.removeprefix("data: "))
                    phases.append(event.get("phase"))
                    if event.get("phase") in ("finished", "error"):
                        if event["phase"] == "error":
                            raise AssertionError(f"{self.name}: nbgitpuller: {event.get('message')}")
                        break
        if phases[-1:] != ["finished"]:
            raise AssertionError(f"{self.name}: nbgitpuller stopped at {phases}")
        self.times["pulled"] = time.monotonic() - started
        opened = self.session.get(f"{self.prefix}/{query['urlpath']}", timeout=60)
        if opened.status_code != 200:
            raise AssertionError(f"{self.name}: {query['urlpath']} answered {opened.status_code}")
        return query["urlpath"]

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        """The student's own server's API (``path`` after /user/NAME/), authenticated by their cookie."""
        headers = {"X-XSRFToken": self._xsrf()} if method != "GET" else {}
        return self.session.request(method, f"{self.prefix}/{path}", headers=headers, timeout=60, **kwargs)

    def notebook(self, path: str) -> dict:
        response = self.request("GET", f"api/contents/{COURSE}/{quote(path)}?content=1")
        response.raise_for_status()
        return response.json()["content"]

    def save_notebook(self, path: str, content: dict) -> None:
        self.request("PUT", f"api/contents/{COURSE}/{quote(path)}",
                     json={"type": "notebook", "format": "json", "content": content}).raise_for_status()

    def run_lesson(self, path: str, cell_timeout: float = 300) -> int:
        """Run every code cell of lesson ``path`` (as pulled into this student's home) in a new kernel,
        in order; return how many ran. Errors (an ``error`` output or a failed reply) are recorded.
        The kernel keeps running afterwards, as it does when a learner leaves a lesson open."""
        cells = [cell for cell in self.notebook(path)["cells"] if cell["cell_type"] == "code"]
        created = self.request("POST", "api/sessions", json={
            "path": f"{COURSE}/{path}", "type": "notebook", "name": Path(path).name, "kernel": {"name": "python3"}})
        created.raise_for_status()
        session = created.json()
        kernel = session["kernel"]["id"]
        mine = [c for c in self.session.cookies if c.path.startswith(f"/user/{self.name}")]
        cookie = "; ".join(f"{c.name}={c.value}" for c in mine)
        ws_url = f"{self.prefix.replace('http://', 'ws://')}/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}"
        connection = websocket.create_connection(ws_url, header=[f"Cookie: {cookie}"], timeout=cell_timeout)
        try:
            for index, cell in enumerate(cells):
                self._execute(connection, path, index, "".join(cell["source"]))
        finally:
            connection.close()
        return len(cells)

    def _execute(self, connection, path: str, index: int, code: str) -> None:
        msg_id = uuid.uuid4().hex
        connection.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.name,
                       "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        replied = idle = False
        while not (replied and idle):
            frame = connection.recv()
            if isinstance(frame, bytes):
                continue  # comm messages with binary buffers (widgets): not ours to read
            message = json.loads(frame)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            if kind == "error":
                self.errors.append(f"{path} cell {index}: {message['content']['ename']}: "
                                   f"{message['content']['evalue']}")
            elif kind == "execute_reply":
                replied = True
                if message["content"]["status"] != "ok":
                    self.errors.append(f"{path} cell {index}: execute_reply {message['content']['status']}")
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True

    def attend(self, lessons=LESSONS) -> None:
        """The whole visit: follow the link, then run each lesson; errors are recorded, not raised."""
        started = time.monotonic()
        try:
            self.follow_link(self.hub.link())
            for lesson in lessons:
                self.run_lesson(lesson)
            self.times["lessons_done"] = time.monotonic() - started
        except Exception as error:  # recorded per student; the caller checks every student
            self.errors.append(f"{type(error).__name__}: {error}")


def student_servers(hub: Hub) -> dict[str, psutil.Process]:
    """Each student's running server process, by student name, read from the process tree (the
    spawner starts servers as the hub's children, with JUPYTERHUB_USER set) so that watching them
    costs the hub nothing."""
    servers = {}
    for process in hub.process.children():
        try:
            user = process.environ().get("JUPYTERHUB_USER")
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        if user:
            servers[user] = process
    return servers


def _tree(process: psutil.Process) -> list[psutil.Process]:
    try:
        return [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


class ProcessSampler(threading.Thread):
    """Samples, every ``interval`` s, the resident memory (RSS) of each student's process tree
    (their server and its kernels) and the CPU time of every process under the hub, until
    :meth:`stop`."""

    def __init__(self, hub: Hub, interval: float = 0.5):
        super().__init__(daemon=True)
        self.hub, self.interval = hub, interval
        self.peak_rss: dict[str, int] = {}   # bytes, per student
        self.peak_total = 0                  # bytes, all students at one instant
        self.cpu: dict[int, tuple[str | None, float]] = {}  # pid -> (student or None for the hub's own, CPU s)
        self._stopped = threading.Event()

    def sample(self) -> None:
        servers = student_servers(self.hub)
        owner = {}
        for name, server in servers.items():
            owner.update(dict.fromkeys((p.pid for p in _tree(server)), name))
        total, rss = 0, dict.fromkeys(servers, 0)
        for process in _tree(self.hub.process):
            try:
                with process.oneshot():
                    memory, times = process.memory_info().rss, process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            name = owner.get(process.pid)
            self.cpu[process.pid] = (name, times.user + times.system)
            if name is not None:
                rss[name] += memory
                total += memory
        for name, value in rss.items():
            self.peak_rss[name] = max(self.peak_rss.get(name, 0), value)
        self.peak_total = max(self.peak_total, total)

    def run(self) -> None:
        while not self._stopped.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        self._stopped.set()
        self.join()
        self.sample()

    def cpu_seconds(self, name: str | None) -> float:
        """CPU seconds used by student ``name``'s processes, or by the hub's own (``None``: hub,
        proxy, services), as last seen."""
        return sum(seconds for owner, seconds in self.cpu.values() if owner == name)


# Times of key presses and of draws onto a lesson app's canvas, in the page's clock.
INSTRUMENT = """
(() => {
  window.__keys = []; window.__draws = [];
  document.addEventListener('keydown', () => window.__keys.push(performance.now()), true);
  const drawImage = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    if (this.canvas.isConnected && this.canvas.closest('.teach-app')) window.__draws.push(performance.now());
    return drawImage.apply(this, args);
  };
})();
"""
# Milliseconds from the last key press to the first draw on an app's canvas after it (up to 30 s).
LATENCY = """
() => new Promise((resolve, reject) => {
  const pressed = window.__keys[window.__keys.length - 1];
  const started = performance.now();
  const check = () => {
    const after = window.__draws.filter((t) => t > pressed);
    if (after.length) return resolve(after[0] - pressed);
    if (performance.now() - started > 30000) return reject(new Error('no new picture within 30 s'));
    requestAnimationFrame(check);
  };
  check();
})
"""
KERNEL_READY = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = panel && panel.sessionContext && panel.sessionContext.session
        && panel.sessionContext.session.kernel;
    return kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""
ALL_RAN = """() => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


@dataclass
class BrowserVisit:
    """What a learner in Chromium saw: seconds to the lesson, whether a prediction was committed,
    slider-to-picture latencies (ms) and whether every move changed the figure's pixels."""

    name: str
    seconds_to_server: float = 0.0
    seconds_to_lesson: float = 0.0
    committed_prediction: bool | None = None  # None: the lesson's first app asks for no prediction
    latencies_ms: list = field(default_factory=list)
    repainted: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)


def browser_student(browser, hub: Hub, name: str, moves: int = 1, lesson: str = BROWSER_LESSON) -> BrowserVisit:
    """A learner in Chromium (Playwright ``browser``): follows the link to ``lesson``, logs in, waits
    for the server and the pull, runs every cell once the kernel is connected, commits a prediction
    if the first app asks for one, then moves its first slider ``moves`` times, each time timing the
    key press to the next canvas draw, waiting for the readout to change and checking that the
    figure's pixels changed."""
    visit = BrowserVisit(name)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(120_000)  # a hub busy with a whole class answers slowly
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: visit.page_errors.append(str(exc)))
        page.add_init_script(INSTRUMENT)
        started = time.monotonic()
        page.goto(hub.link(lesson), timeout=300_000)
        page.fill("#username_input", name)
        page.fill("#password_input", PASSWORD)
        page.click("#login_submit")
        page.wait_for_url(re.compile(rf"^{re.escape(hub.url)}/user/{name}/"), timeout=300_000)  # past the hub
        visit.seconds_to_server = time.monotonic() - started
        page.wait_for_url(re.compile(rf"/user/{name}/lab/tree/{COURSE}/"), timeout=300_000)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
        # JupyterLab says "idle" before the kernel is connected; a Run All sent then is lost.
        page.wait_for_function(KERNEL_READY, timeout=120_000)
        visit.seconds_to_lesson = time.monotonic() - started
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        page.wait_for_function(ALL_RAN, timeout=300_000)
        app = page.locator(".teach-app").first
        figure = app.locator(".jupyter-matplotlib-figure")
        figure.wait_for(timeout=60_000)
        app.scroll_into_view_if_needed()
        prediction = app.locator(".teach-predict")  # the predict-commit-reveal gate (teach.ui.predict)
        if prediction.count():
            choices = prediction.locator("input[type=radio]")
            if choices.count():
                choices.first.check()
            else:
                prediction.locator("input[type=text]").first.fill("1")
            prediction.get_by_role("button", name=re.compile("commit", re.IGNORECASE)).click()
            prediction.get_by_text(re.compile("You expected", re.IGNORECASE)).first.wait_for(timeout=60_000)
            visit.committed_prediction = True
        handle, readout = app.locator(".noUi-handle").first, app.locator(".teach-readout")
        for move in range(moves):
            page.wait_for_timeout(300)
            before, text = figure.screenshot(), readout.inner_text()
            handle.focus()
            page.keyboard.press("ArrowRight" if move % 2 == 0 else "ArrowLeft")
            visit.latencies_ms.append(page.evaluate(LATENCY))
            page.wait_for_function("([el, before]) => el.innerText !== before",
                                   arg=[readout.element_handle(), text], timeout=60_000)
            deadline = time.monotonic() + 30
            changed = False
            while not changed and time.monotonic() < deadline:
                changed = figure.screenshot() != before
                if not changed:
                    page.wait_for_timeout(100)
            visit.repainted.append(changed)
    finally:
        context.close()
    return visit
