"""textual-serve's server, made to serve the dashboard safely on this machine.

What it changes from :class:`textual_serve.server.Server`:

- the page (``templates/app_index.html``) links nothing outside this server: textual-serve's
  own template loads a font from a font service; this one uses the Roboto Mono that
  textual-serve ships, and falls back to any monospace font if that cannot load;
- a request whose ``Host`` is not a loopback name is refused unless serving publicly (a web
  page elsewhere could otherwise rebind its own name to 127.0.0.1 and read the dashboard), and
  a websocket whose ``Origin`` is another site is always refused (browsers let any page open
  a websocket anywhere);
- it listens on a socket bound beforehand (so a port in use is one error line, not a
  traceback) and on shutdown closes every tab's websocket, which ends each tab's process.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from krafter_tui.api import is_loopback_host

__all__ = ["DashboardWebServer", "refusal"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: How long shutting down waits for open tabs to end.
SHUTDOWN_TIMEOUT = 10.0

log = logging.getLogger("textual-serve")


def refusal(host: str, origin: str | None, public: bool) -> str | None:
    """Why a request with these ``Host`` and ``Origin`` headers is refused, or None."""
    name = urlsplit(f"//{host}").hostname or ""
    if not public and not is_loopback_host(name):
        return f"this dashboard answers only on loopback names, not {name!r}"
    if origin is not None and origin not in (f"http://{host}", f"https://{host}"):
        return "a page from another site may not open this dashboard"
    return None


async def _reaped(service: AppService) -> None:
    """Wait for the tab's process to end (killed after :data:`SHUTDOWN_TIMEOUT`), so that its
    pipes are closed while the event loop still runs: a process left to the garbage collector
    prints "Event loop is closed" tracebacks when the server stops."""
    process = getattr(service, "_process", None)  # textual-serve keeps no public handle
    if process is None:
        return
    try:
        await asyncio.wait_for(process.wait(), SHUTDOWN_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()


class DashboardWebServer(Server):
    """Serves ``command`` (one process per browser tab) on the listening socket ``sock``."""

    def __init__(self, command: str, sock: socket.socket, *, public: bool, title: str) -> None:
        host, port = sock.getsockname()[:2]
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        self._sock = sock
        self._public = public
        self._websockets: set[web.WebSocketResponse] = set()

    def initialize_logging(self) -> None:
        """Warnings and errors only, as plain lines on stderr (no tracebacks with locals)."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("krafter-tui serve: %(message)s"))
        log.handlers[:] = [handler]
        log.setLevel(logging.WARNING)
        log.propagate = False

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print: :func:`run_serve` said where the page is before listening."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's websocket, so its process is told to quit and waited for."""
        for websocket in list(self._websockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    def _refused(self, request: web.Request) -> web.HTTPForbidden | None:
        reason = refusal(request.host, request.headers.get("Origin"), self._public)
        return None if reason is None else web.HTTPForbidden(text=reason)

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page, with its URLs on the host the browser asked for."""
        if (refused := self._refused(request)) is not None:
            raise refused
        scheme = "wss" if request.secure else "ws"
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: start its process, relay keys and screen until either side ends."""
        if (refused := self._refused(request)) is not None:
            raise refused
        websocket = web.WebSocketResponse(heartbeat=15)

        async def close() -> None:
            await websocket.close()

        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        self._websockets.add(websocket)
        service = AppService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=False,
        )
        try:
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # a tab's failure must not stop the others
            log.warning("a tab ended with an error: %s", error)
        finally:
            self._websockets.discard(websocket)
            await service.stop()
            await websocket.close()
            await _reaped(service)
        return websocket

    def run(self) -> None:
        """Serve until SIGINT or SIGTERM, then close the tabs and return."""
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, self.request_exit)
        web.run_app(
            self._make_app(),
            sock=self._sock,
            handle_signals=False,
            loop=loop,
            print=None,
            shutdown_timeout=SHUTDOWN_TIMEOUT,
        )
