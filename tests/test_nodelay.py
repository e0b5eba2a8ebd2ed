"""Kernel websockets keep TCP_NODELAY on (teach/serverext.py), read back from the server's real socket.

A real JupyterLab server, started as ``course.py lab`` starts it (tests/servers.py), starts a
kernel; the test opens that kernel's channels websocket as JupyterLab's page does (subprotocol
v1.kernel.websocket.jupyter.org), gets a reply from the kernel through it, then borrows the
server's own end of that TCP connection (``pidfd_getfd``: the server is this test's child) and
reads TCP_NODELAY with ``getsockopt``; drag-like round trips through it beat the delayed-ACK floor.
The same server with the extension disabled by the user's config shows the option off, as tornado
leaves it after the websocket upgrade, and round trips held back about 40 ms. A learner's server
on the class's JupyterHub (tests/classhub.py) has it on behind the hub's proxy; standalone Voila
gets it from the package's voila.json. The package's config files are checked, and so is
the wheel ``pip install .`` would install (slow: builds it).
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import tomllib
import urllib.request
import uuid
import zipfile
from pathlib import Path

import psutil
import pytest
import websocket
from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1

from tests.classhub import Student, running_hub, student_servers
from tests.servers import jupyterlab, voila_server

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "etc" / "jupyter"
EXTENSION_CONFIG = CONFIG / "jupyter_server_config.d" / "teach.json"
VOILA_CONFIG = CONFIG / "voila.json"
PROTOCOL = "v1.kernel.websocket.jupyter.org"  # what JupyterLab's page asks for
SYS_PIDFD_GETFD = 438  # the same number on every Linux architecture (5.6 and later)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads a socket of another process: Linux")


def _borrowed_socket_nodelay(pid: int, fd: int) -> int:
    """TCP_NODELAY of socket ``fd`` of process ``pid``, read from a duplicate of it (pidfd_getfd)."""
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    try:
        copy = libc.syscall(SYS_PIDFD_GETFD, pidfd, fd, 0)
        if copy < 0:
            error = ctypes.get_errno()
            if error in (errno.ENOSYS, errno.EPERM):
                pytest.skip(f"this system does not let a process read its child's socket: {os.strerror(error)}")
            raise OSError(error, os.strerror(error))
    finally:
        os.close(pidfd)
    with socket.socket(fileno=copy) as borrowed:  # closing the copy leaves the server's socket open
        return borrowed.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def server_side_nodelay(server_port: int, client_port: int) -> int:
    """TCP_NODELAY of the server's end of the connection from 127.0.0.1:``client_port`` to the server
    listening on ``server_port`` (a child process of this test)."""
    for process in psutil.Process().children(recursive=True):
        try:
            connections = process.net_connections(kind="tcp")
        except psutil.NoSuchProcess:
            continue
        for conn in connections:
            if conn.laddr.port == server_port and conn.raddr and conn.raddr.port == client_port:
                return _borrowed_socket_nodelay(process.pid, conn.fd)
    raise AssertionError(f"no server socket for the connection from port {client_port} to {server_port}")


def _request(base: str, token: str, method: str, path: str, body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{base}{path}", data=data, method=method,
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read() or b"null")


def open_kernel_websocket(base: str, token: str, kernel_id: str) -> websocket.WebSocket:
    """The kernel's channels websocket as JupyterLab's page opens it, once the kernel has answered a
    kernel_info_request through it (so the server has finished connecting it)."""
    url = f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}"
    ws = websocket.create_connection(url, timeout=60, subprotocols=[PROTOCOL],
                                     header=[f"Authorization: token {token}"])
    assert ws.subprotocol == PROTOCOL
    session = Session(key=b"")
    request = session.msg("kernel_info_request")
    ws.send_binary(serialize_msg_to_ws_v1(request, "shell", pack=session.pack))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        channel, parts = deserialize_msg_from_ws_v1(ws.recv())
        if channel == "shell" and json.loads(parts[1]).get("msg_id") == request["header"]["msg_id"]:
            return ws
    raise AssertionError("the kernel did not answer through its websocket")


def round_trips_ms(ws: websocket.WebSocket, count: int = 20) -> list[float]:
    """Milliseconds from sending an execute_request to receiving the kernel's "idle" after it, each
    request sent as soon as the previous one is done, as a drag sends the next slider value as soon as
    the picture lands. Each execution sends five small messages back (busy, input, output, reply,
    idle); with Nagle's algorithm on, one written while the one before is unacknowledged waits for the
    page's delayed ACK (about 40 ms on Linux)."""
    session, times = Session(key=b""), []
    for _ in range(count):
        request = session.msg("execute_request", content={
            "code": "print('x' * 20)", "silent": False, "store_history": False, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        start = time.perf_counter()
        ws.send_binary(serialize_msg_to_ws_v1(request, "shell", pack=session.pack))
        while True:
            channel, parts = deserialize_msg_from_ws_v1(ws.recv())
            if (channel == "iopub" and json.loads(parts[0])["msg_type"] == "status"
                    and json.loads(parts[1]).get("msg_id") == request["header"]["msg_id"]
                    and json.loads(parts[3])["execution_state"] == "idle"):
                break
        times.append((time.perf_counter() - start) * 1000)
    return times


def _kernel_websocket(base: str, token: str):
    kernel_id = _request(base, token, "POST", "/api/kernels", {"name": "python3"})["id"]
    ws = open_kernel_websocket(base, token, kernel_id)
    return kernel_id, ws, ws.sock.getsockname()[1]


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def _log_line(log: Path, text: str, timeout_s: float = 10.0) -> bool:
    return _log_match(log, re.escape(text), timeout_s) is not None


def _log_match(log: Path, pattern: str, timeout_s: float = 10.0) -> re.Match | None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        match = re.search(pattern, log.read_text(errors="replace"))
        if match:
            return match
        time.sleep(0.2)
    return None


@pytest.mark.slow
def test_a_live_kernel_websocket_has_tcp_nodelay_on(tmp_path):
    with jupyterlab(ROOT, tmp_path) as (base, token):
        kernel_id, ws, client_port = _kernel_websocket(base, token)
        try:
            assert server_side_nodelay(_port(base), client_port) == 1
            # The extension read the option back from the same socket and said so in the log.
            assert _log_line(tmp_path / "server.log",
                             f"Kernel websocket for kernel {kernel_id} from 127.0.0.1:{client_port}: TCP_NODELAY on")
            # Not held back by Nagle: the fastest of 20 drag-like round trips beats the delayed-ACK
            # floor (measured on 2 busy cores: median 4-11 ms, fastest 3.5-5 ms, against 47-48 and 44
            # without the extension).
            assert min(round_trips_ms(ws)) < 30
        finally:
            ws.close()


@pytest.mark.slow
def test_without_the_extension_the_kernel_websocket_runs_with_nagle(tmp_path):
    """What the extension fixes, and proof that the test above can fail: a learner who switched the
    extension off (``jupyter server extension disable --user teach.serverext``) gets tornado's state."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": {"teach.serverext": False}}}))
    with jupyterlab(ROOT, tmp_path) as (base, token):
        _kernel_id, ws, client_port = _kernel_websocket(base, token)
        try:
            assert server_side_nodelay(_port(base), client_port) == 0
            # and its messages wait for the client's delayed ACK (load only makes them slower)
            assert statistics.median(round_trips_ms(ws)) > 30
        finally:
            ws.close()
    assert "TCP_NODELAY" not in (tmp_path / "server.log").read_text()


@pytest.mark.slow
def test_a_hub_user_servers_kernel_websocket_has_tcp_nodelay_on_all_the_way(tmp_path):
    """On the class's JupyterHub (tests/classhub.py), a learner's kernel websocket passes the hub's
    proxy: the user server's end of the proxy's connection has TCP_NODELAY on (the extension), and
    so do both of the proxy's own ends (configurable-http-proxy sets it for websockets)."""
    with running_hub(tmp_path) as hub:
        student = Student(hub, "ann")
        student.follow_link(hub.link())
        kernel_id = student.request("POST", "api/kernels", json={"name": "python3"}).json()["id"]
        cookie = "; ".join(f"{c.name}={c.value}" for c in student.session.cookies
                           if c.path.startswith(f"/user/{student.name}"))
        url = f"{student.prefix.replace('http://', 'ws://')}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}"
        ws = websocket.create_connection(url, header=[f"Cookie: {cookie}"], timeout=120, subprotocols=[PROTOCOL])
        try:
            logged = _log_match(tmp_path / "hub.log", rf"Kernel websocket for kernel {kernel_id} "
                                                      rf"from 127\.0\.0\.1:(\d+): TCP_NODELAY on")
            assert logged, "the user server did not log TCP_NODELAY on for this kernel's websocket"
            proxy_port = int(logged.group(1))
            (server_port,) = {c.laddr.port for c in student_servers(hub)["ann"].net_connections(kind="tcp")
                              if c.status == psutil.CONN_LISTEN}
            assert server_side_nodelay(server_port, proxy_port) == 1  # the user server's socket
            assert server_side_nodelay(proxy_port, server_port) == 1  # the proxy's, towards the server
            assert server_side_nodelay(_port(hub.url), ws.sock.getsockname()[1]) == 1  # the proxy's, to the page
        finally:
            ws.close()


@pytest.mark.slow
def test_a_voila_kernel_websocket_has_tcp_nodelay_on(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": "1 + 1"}
    notebook = {"cells": [cell], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                             "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    (notebooks / "one.ipynb").write_text(json.dumps(notebook))
    with voila_server(notebooks, tmp_path) as (base, token):
        with urllib.request.urlopen(f"{base}/voila/render/one.ipynb?token={token}", timeout=120) as page:
            html = page.read().decode()
        kernel_id = html.split('"kernelId": "', 1)[1].split('"', 1)[0]
        ws = open_kernel_websocket(base, token, kernel_id)
        try:
            assert server_side_nodelay(_port(base), ws.sock.getsockname()[1]) == 1
        finally:
            ws.close()


def test_the_config_files_enable_the_extension_and_the_voila_connection():
    from teach import serverext

    extensions = json.loads(EXTENSION_CONFIG.read_text())["ServerApp"]["jpserver_extensions"]
    assert extensions == {"teach.serverext": True}
    assert serverext._jupyter_server_extension_points() == [{"module": "teach.serverext"}]
    dotted = json.loads(VOILA_CONFIG.read_text())["Voila"]["kernel_websocket_connection_class"]
    module, name = dotted.rsplit(".", 1)
    assert module == "teach.serverext" and issubclass(getattr(serverext, name), serverext.NoDelayConnection)


def test_pyproject_installs_the_config_files_under_etc_jupyter():
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    installed = {str(Path(target) / Path(source).name) for target, sources in data_files.items() for source in sources}
    assert {"etc/jupyter/jupyter_server_config.d/teach.json", "etc/jupyter/voila.json"} <= installed
    for sources in data_files.values():
        assert all((ROOT / source).is_file() for source in sources)


def test_the_wrapped_connection_class_keeps_the_configured_one():
    from jupyter_server.gateway.connections import GatewayWebSocketConnection
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

    from teach.serverext import NoDelayConnection, NoDelayZMQChannelsWebsocketConnection, with_nodelay

    assert with_nodelay(ZMQChannelsWebsocketConnection) is NoDelayZMQChannelsWebsocketConnection
    gateway = with_nodelay(GatewayWebSocketConnection)
    assert issubclass(gateway, GatewayWebSocketConnection) and issubclass(gateway, NoDelayConnection)
    assert with_nodelay(gateway) is gateway


@pytest.mark.slow
def test_the_wheel_puts_the_config_files_in_the_prefix(tmp_path):
    """``pip install .`` (Binder's postBuild, a hub's image) installs the wheel's ``.data/data``
    files under the environment's prefix: <prefix>/etc/jupyter/..."""
    source = tmp_path / "source"  # a copy, so the build leaves nothing (build/, egg-info) in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("src", "etc", "share"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check",
                    "--wheel-dir", str(tmp_path / "dist"), str(source)], check=True, capture_output=True, timeout=300)
    (wheel,) = (tmp_path / "dist").glob("teach-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        data = [name.split("/data/", 1)[1] for name in names if ".data/data/" in name]
        assert {"etc/jupyter/jupyter_server_config.d/teach.json", "etc/jupyter/voila.json"} <= set(data)
        packaged = archive.read(next(n for n in names if n.endswith("jupyter_server_config.d/teach.json")))
    assert json.loads(packaged) == json.loads(EXTENSION_CONFIG.read_text())
    assert "teach/serverext.py" in names
