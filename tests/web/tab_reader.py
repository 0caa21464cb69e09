"""One browser tab without a browser: a websocket to ``serve``'s ``/ws`` speaking textual-serve's
protocol as the page does, reading every frame (a tab whose frames are not read stalls its
dashboard) and noting when the dashboard shows data: its budget line (``req left``), written
once the first answer is in. Used by tests/web/test_serve_poll.py and benchmarks/bench_serve.py.
"""

from __future__ import annotations

import asyncio
import re

import aiohttp

__all__ = ["TabReader"]

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]")
#: On the dashboard's top line once an answer with the API's rate headers is in.
DATA_SHOWN = b"req left"


class TabReader:
    """A tab of ``columns`` × ``rows`` on the page at ``url`` (``http://HOST:PORT/``), open
    until :meth:`close`; :attr:`shown` is set once its dashboard shows data."""

    def __init__(
        self, http: aiohttp.ClientSession, url: str, columns: int = 160, rows: int = 48
    ) -> None:
        self.shown = asyncio.Event()
        self._address = f"{url}ws?width={columns}&height={rows}"
        self._http = http
        self._seen = b""
        self._task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async with self._http.ws_connect(self._address) as websocket:
            async for message in websocket:
                if message.type != aiohttp.WSMsgType.BINARY or self.shown.is_set():
                    continue
                self._seen = (self._seen + message.data)[-65536:]
                if DATA_SHOWN in ANSI.sub(b"", self._seen):
                    self.shown.set()

    async def wait_shown(self) -> None:
        """Until the dashboard shows data (raises what ended the tab, if it ended first)."""
        shown = asyncio.create_task(self.shown.wait())
        await asyncio.wait((shown, self._task), return_when=asyncio.FIRST_COMPLETED)
        if not self.shown.is_set():
            shown.cancel()
            self._task.result()  # the websocket's error, if any
            raise AssertionError("the tab closed before its dashboard showed data")
        shown.cancel()

    async def close(self) -> None:
        """Close the tab (its dashboard is then told to quit)."""
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
