"""textual-serve's server, made to serve the dashboard safely on this machine.

What it changes from :class:`textual_serve.server.Server`:

- the page (``templates/app_index.html``) links nothing outside this server: textual-serve's
  own template loads a font from a font service; this one uses the Roboto Mono that
  textual-serve ships, and falls back to any monospace font if that cannot load;
- every request, on every route, is checked by :mod:`krafter_tui.web.guard` (the names it
  answers under, the site a websocket comes from) and every response forbids framing;
- each tab is a :class:`~krafter_tui.web.tab.TabProcess` (no shell, a bounded terminal, its
  process group killed when the tab closes), and at most ``max_sessions`` run at once: the
  page beyond that is a refusal saying so;
- it listens on a socket bound beforehand (so a port in use is one error line, not a
  traceback), logs one clean line per problem (a malformed request is no traceback), and on
  shutdown closes every tab's websocket, which ends each tab's process.
"""

from __future__ import annotations

import asyncio
import html
import logging
import signal
import socket
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.server import Server, to_int

from krafter_tui.web.guard import AllowedHosts, add_page_headers, guard_middleware
from krafter_tui.web.logs import one_line_logs
from krafter_tui.web.tab import TabProcess

__all__ = ["DashboardWebServer"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: How long shutting down waits for open tabs to end.
SHUTDOWN_TIMEOUT = 10.0

log = logging.getLogger("textual-serve")


class DashboardWebServer(Server):
    """Serves ``command`` (one process per browser tab, at most ``max_sessions`` at once) on
    the listening socket ``sock``, answering under loopback names and ``allowed``."""

    #: Seconds a closed tab's dashboard has to quit before its process group is killed.
    tab_grace = SHUTDOWN_TIMEOUT

    def __init__(
        self,
        command: str,
        sock: socket.socket,
        *,
        allowed: AllowedHosts,
        max_sessions: int,
        title: str,
    ) -> None:
        host, port = sock.getsockname()[:2]
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        self._sock = sock
        self._allowed = allowed
        self.max_sessions = max_sessions
        self._websockets: set[web.WebSocketResponse] = set()
        #: Tabs whose process has started and not yet ended.
        self.sessions: set[TabProcess] = set()

    def initialize_logging(self) -> None:
        """Warnings and errors only, one plain line each on stderr (no tracebacks)."""
        one_line_logs("krafter-tui serve")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(guard_middleware(self._allowed))
        app.on_response_prepare.append(add_page_headers)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print: :func:`run_serve` said where the page is before listening."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's websocket, so its process is told to quit and waited for."""
        for websocket in list(self._websockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    def _full(self) -> web.HTTPServiceUnavailable | None:
        """The refusal page while :attr:`max_sessions` tabs are open, else None."""
        if len(self.sessions) < self.max_sessions:
            return None
        open_now = len(self.sessions)
        text = (
            f"{open_now} dashboards are open in browsers already, the most this server runs "
            f"at once (serve_max_sessions = {self.max_sessions}). Close one of those tabs, "
            "then reload this page."
        )
        body = (
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(self.title)}: too many tabs</title></head>"
            f"<body><h1>Too many dashboards open</h1><p>{html.escape(text)}</p></body></html>"
        )
        return web.HTTPServiceUnavailable(
            text=body, content_type="text/html", headers={"Retry-After": "30"}
        )

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page, with its URLs on the host the browser asked for."""
        if (full := self._full()) is not None:
            raise full
        scheme = "wss" if request.secure else "ws"
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: start its process, relay keys and screen until either side ends, then
        end the process (and whatever it started)."""
        if (full := self._full()) is not None:
            raise full
        websocket = web.WebSocketResponse(heartbeat=15)

        async def close() -> None:
            await websocket.close()

        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service = TabProcess(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=False,
        )
        self.sessions.add(service)  # counted before the first await: no race past the cap
        try:
            await websocket.prepare(request)
            self._websockets.add(websocket)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # a tab's failure must not stop the others
            log.warning("a tab ended with an error: %s", error)
        finally:
            self._websockets.discard(websocket)
            try:
                await service.end(self.tab_grace)
            finally:
                self.sessions.discard(service)
                await websocket.close()
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
