"""Kernel websockets without Nagle's delay: a Jupyter server extension with one job.

Why
---
A learner dragging a slider gets a new picture from the kernel for every step; the server writes
each one to the kernel's websocket within 5 ms, yet the browser received it 32-37 ms later
(measured on the course machine, JupyterLab + Chromium, issue 17). The server-side socket of the
websocket runs with Nagle's algorithm on, so a message written while an earlier one is still
unacknowledged waits for the ACK, and the browser delays its ACK (delayed ACK). Keeping
TCP_NODELAY on brought the median drag step from 59 to 28 ms. Kernel round trips sent back to back
through the websocket (tests/test_nodelay.py) take 47-48 ms median without this extension, never
under 43 ms (the delayed-ACK timer), and 4-11 ms with it.

Where TCP_NODELAY is switched off (tornado 6.6, jupyter_server 2.21, voila 0.5.13)
-----------------------------------------------------------------------------------
The websocket upgrade is an ordinary HTTP response. ``tornado.websocket.WebSocketProtocol13.
_accept_connection`` sends the ``101 Switching Protocols`` response with ``handler.finish()``:
``tornado.http1connection.HTTP1Connection.finish`` turns TCP_NODELAY on to flush the response
("No more data is coming"), then ``HTTP1Connection._finish_request`` turns it off again with
``self.stream.set_nodelay(False)`` ("Turn Nagle's algorithm back on, leaving the stream in its
default state for the next request"); the 101 headers are written at once, so this happens inside
``finish()``. Only then does ``_accept_connection`` detach the stream (``handler._detach_stream``)
and hand it to the websocket, which keeps it for its whole life with Nagle's algorithm on. strace
of the server for one kernel websocket: ``setsockopt(TCP_NODELAY, [1])``, 4 ms later ``[0]``, and
with this extension ``[1]`` again 5 ms after that. Tornado leaves the choice to the handler
(``WebSocketHandler.set_nodelay``: "call ``self.set_nodelay(True)`` once the websocket connection
is established"), and neither jupyter_server's ``KernelWebsocketHandler``
(``services/kernels/websocket.py``) nor its ``ZMQChannelsWebsocketConnection``
(``services/kernels/connection/channels.py``) nor Voila's ``VoilaKernelWebsocketHandler`` ever
calls it: no ``set_nodelay`` anywhere in jupyter_server or voila.

What this does
--------------
``KernelWebsocketHandler.open`` calls its connection's ``connect()`` right after the upgrade, once
the stream belongs to the websocket and no HTTP code touches the option again. The extension
replaces the server's kernel websocket connection class (the ``kernel_websocket_connection_class``
web-app setting the handler reads for every new websocket: ``ZMQChannelsWebsocketConnection``, or
the gateway's when a kernel gateway is configured) by a subclass whose ``connect()`` first calls
``set_nodelay(True)``, reads the option back from the socket and logs it, once per kernel
websocket ("Kernel websocket ... TCP_NODELAY on"). A reconnecting browser gets a new websocket and
so a new ``connect()``. Behind a JupyterHub, configurable-http-proxy already keeps TCP_NODELAY
on for both of its ends of a websocket (tests/test_nodelay.py reads all three sockets).

Enabled by the package's ``etc/jupyter/jupyter_server_config.d/teach.json``, which ``pip install .``
(Binder's postBuild, a hub image) puts in ``<prefix>/etc/jupyter``; ``course.py`` puts this
checkout's ``etc/jupyter`` on ``JUPYTER_CONFIG_PATH`` (an editable install copies no data files).
Standalone Voila is not a jupyter_server application and loads no server extensions, so
``etc/jupyter/voila.json`` sets ``Voila.kernel_websocket_connection_class`` to
:class:`NoDelayZMQChannelsWebsocketConnection` instead. Switch it off with
``jupyter server extension disable --user teach.serverext`` (the user's config wins over both).
"""

from __future__ import annotations

import socket

from jupyter_server.services.kernels.connection.base import BaseKernelWebsocketConnection
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

SETTING = "kernel_websocket_connection_class"


class NoDelayConnection:
    """Mixin for a kernel websocket connection class: TCP_NODELAY on before connecting."""

    def connect(self):
        self.websocket_handler.set_nodelay(True)
        self._log_nodelay()
        return super().connect()

    def _log_nodelay(self) -> None:
        """Read TCP_NODELAY back from the websocket's own socket and log it."""
        sock = self.websocket_handler.ws_connection.stream.socket
        if sock is None or sock.family not in (socket.AF_INET, socket.AF_INET6):
            return  # closed already, or a Unix socket (no Nagle)
        try:
            nodelay = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
            host, port = sock.getpeername()[:2]
        except OSError:
            return  # the page went away already; connecting will find out
        log = self.log.info if nodelay else self.log.warning
        log("Kernel websocket for kernel %s from %s:%s: TCP_NODELAY %s", self.kernel_id, host, port,
            "on" if nodelay else "OFF (Nagle's algorithm delays its messages)")


class NoDelayZMQChannelsWebsocketConnection(NoDelayConnection, ZMQChannelsWebsocketConnection):
    """jupyter_server's default kernel websocket connection, with TCP_NODELAY on."""


def with_nodelay(connection_class: type) -> type:
    """``connection_class`` with TCP_NODELAY switched on in ``connect()``."""
    if not (isinstance(connection_class, type) and issubclass(connection_class, BaseKernelWebsocketConnection)):
        raise TypeError("connection_class must be a kernel websocket connection class (a subclass of "
                        f"jupyter_server's BaseKernelWebsocketConnection); got {connection_class!r:.60}")
    if issubclass(connection_class, NoDelayConnection):
        return connection_class
    if connection_class is ZMQChannelsWebsocketConnection:
        return NoDelayZMQChannelsWebsocketConnection
    return type(f"NoDelay{connection_class.__name__}", (NoDelayConnection, connection_class),
                {"__doc__": f"{connection_class.__name__}, with TCP_NODELAY on."})


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "teach.serverext"}]


def _load_jupyter_server_extension(serverapp) -> None:
    settings = serverapp.web_app.settings
    settings[SETTING] = with_nodelay(settings[SETTING])
    serverapp.log.info("teach.serverext: kernel websockets keep TCP_NODELAY on (%s)", settings[SETTING].__name__)
