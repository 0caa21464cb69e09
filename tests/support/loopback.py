"""The one way the tests serve an ASGI app over real HTTP: uvicorn on 127.0.0.1, in a thread.

Used by the demo server (tests/support/demo_server.py), the scripted server of the API tests
(tests/api/scripted_server.py), the CLI's stand-in API (tests/cli/conftest.py) and the
hostile servers of the pilot tests.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

__all__ = ["LoopbackServer", "serving"]

START_WAIT = 10.0  # only reached when the server never starts (a bug, or a port in use)


class LoopbackServer:
    """Serves ``app`` on 127.0.0.1 (``port``, or a free one) from :meth:`start` to
    :meth:`stop`; ``config`` goes to ``uvicorn.Config`` (``http="h11"``, ``log_level``, ...)."""

    def __init__(self, app: Any, port: int = 0, **config: Any) -> None:
        # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets whose proto says
        # TCP, and without it every keep-alive answer waits 40 ms for a delayed ACK.
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", port))
        self.port: int = self._sock.getsockname()[1]
        options: dict[str, Any] = {"log_level": "critical", "lifespan": "off", "access_log": False}
        options.update(config)
        self._server = uvicorn.Server(uvicorn.Config(app, **options))
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start serving; returns once the socket accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + START_WAIT
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("loopback server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()


@contextmanager
def serving(app: Any, port: int = 0, **config: Any) -> Iterator[str]:
    """Serve the ASGI ``app`` on 127.0.0.1 (``port``, or a free one) until the block ends;
    yields ``http://127.0.0.1:<port>``. ``config`` as for :class:`LoopbackServer`."""
    server = LoopbackServer(app, port, **config)
    server.start()
    try:
        yield server.base_url
    finally:
        server.stop()
