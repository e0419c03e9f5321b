"""Running the web app: bind the port first (a taken port is one clear error), then serve with
uvicorn, and on SIGTERM or Ctrl-C stop the queries that are running instead of waiting for them."""

from __future__ import annotations

import errno
import socket
import threading
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

GRACE_SECONDS = 3
"""How long a shutdown waits for requests in flight before it cancels them."""


class PortInUse(OSError):
    """The port asked for is taken by another program."""


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port).

    Raises:
        PortInUse: another program listens there; the message says how to choose another port.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(
                f"port {port} on {host} is already in use (another rasd serve?): choose another with --port N "
                "(make demo: PORT=N make demo), or --port 0 for any free port"
            ) from None
        raise
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve_app(
    app: FastAPI,
    host: str = "127.0.0.1",
    port: int = 8765,
    *,
    ready: Callable[[int], None] | None = None,
    grace: int = GRACE_SECONDS,
) -> None:
    """Serve ``app`` until SIGINT or SIGTERM.

    On the signal, ``app.state.stopping`` (see :func:`rasd.web.create_app`) is set, so every
    running database query stops at its next progress check, and requests still in flight after
    ``grace`` seconds are cancelled: the server exits within a few seconds even while a long
    search runs.

    Args:
        ready: called with the bound port once the socket listens (before serving).

    Raises:
        PortInUse: the port is taken.
    """
    import uvicorn

    sock = bind(host, port)
    stopping: threading.Event | None = getattr(app.state, "stopping", None)

    class _Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            if stopping is not None:
                stopping.set()
            super().handle_exit(sig, frame)

    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=grace)
    server = _Server(config)
    if ready is not None:
        ready(sock.getsockname()[1])
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
