"""``krafter-tui serve``'s tabs cost bounded memory and processes: one process per tab, at most
``serve_max_sessions`` at once (a refusal page beyond), a bounded terminal, and nothing left
running once a tab closes, even a dashboard that hangs."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from krafter_tui.web.tab import MAX_COLUMNS, MAX_ROWS

from .serve_app import alive, records, serve_app, stub_command


async def until(check: Callable[[], Any], what: str, timeout: float = 30) -> Any:
    """Poll ``check`` until it returns something true; fail naming ``what`` after ``timeout``."""
    async with asyncio.timeout(timeout):
        while not (result := check()):
            await asyncio.sleep(0.1)
    assert result, what
    return result


def started(path: Path, count: int) -> list[dict[str, Any]]:
    """The start records of the tabs, once ``count`` have started (else empty)."""
    found = [r for r in records(path) if "pid" in r]
    return found if len(found) >= count else []


async def test_a_closed_tab_leaves_no_process_even_a_hung_one(tmp_path: Path) -> None:
    tabs = tmp_path / "tabs.jsonl"
    # A dashboard that ignores quit (and SIGTERM) and has started a process of its own.
    async with serve_app(stub_command(tabs, "--stubborn"), tab_grace=1) as served:
        async with aiohttp.ClientSession() as http:
            websocket = await http.ws_connect(served.url + "/ws")
            (tab,) = await until(lambda: started(tabs, 1), "the tab's process")
            # One process per tab, the server's own child: no shell in between.
            assert tab["parent"] == os.getpid()
            assert alive(tab["pid"]) and alive(tab["child"])
            await websocket.close()
        await until(lambda: not served.server.sessions, "the tab to end")
        assert not alive(tab["pid"]), "the tab's dashboard still runs"
        assert not alive(tab["child"]), "what the tab's dashboard started still runs"


async def test_tabs_beyond_the_cap_get_a_refusal_page_and_a_reconnecting_kiosk_leaks_nothing(
    tmp_path: Path,
) -> None:
    tabs = tmp_path / "tabs.jsonl"
    async with serve_app(stub_command(tabs), max_sessions=2) as served:
        async with aiohttp.ClientSession() as http:
            first = await http.ws_connect(served.url + "/ws")
            second = await http.ws_connect(served.url + "/ws")
            await until(lambda: started(tabs, 2), "two tabs")
            async with http.get(served.url + "/") as page:
                assert page.status == 503
                text = await page.text()
                assert "Too many dashboards open" in text and "Close one of those tabs" in text
                assert "serve_max_sessions = 2" in text
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(served.url + "/ws")
            assert refused.value.status == 503
            assert len(started(tabs, 2)) == 2  # the refused tab started no process
            await first.close()
            await until(lambda: len(served.server.sessions) == 1, "the closed tab to end")
            async with http.get(served.url + "/") as page:
                assert page.status == 200
            # A kiosk browser reloading again and again: each time a tab opens and closes.
            for _ in range(5):
                again = await http.ws_connect(served.url + "/ws")
                await again.close()
                await until(lambda: len(served.server.sessions) == 1, "the reload's tab to end")
            await second.close()
        await until(lambda: not served.server.sessions, "every tab to end")
    pids = [r["pid"] for r in records(tabs) if "pid" in r]
    assert len(pids) == 7
    assert not [pid for pid in pids if alive(pid)]


async def test_a_tab_may_not_ask_for_a_huge_terminal(tmp_path: Path) -> None:
    tabs = tmp_path / "tabs.jsonl"
    async with serve_app(stub_command(tabs)) as served, aiohttp.ClientSession() as http:
        websocket = await http.ws_connect(served.url + "/ws?width=3000&height=3000")
        (tab,) = await until(lambda: started(tabs, 1), "the tab's process")
        assert (tab["columns"], tab["rows"]) == (str(MAX_COLUMNS), str(MAX_ROWS))
        # Then a resize asking for as much; then one within bounds, kept as asked.
        await websocket.send_str(json.dumps(["resize", {"width": 3000, "height": 3000}]))
        await websocket.send_str(json.dumps(["resize", {"width": 132, "height": 43}]))

        def resizes() -> list[tuple[int, int]]:
            found = [r["meta"] for r in records(tabs) if r.get("meta", {}).get("type") == "resize"]
            return [(m["width"], m["height"]) for m in found] if len(found) == 2 else []

        assert await until(resizes, "two resizes") == [(MAX_COLUMNS, MAX_ROWS), (132, 43)]
        await websocket.close()
