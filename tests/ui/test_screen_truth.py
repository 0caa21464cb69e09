"""What a person reads on screen, for the places a deliberate bug once left every test green:
server text shown as markup, the realtime arrow, the breakdown filter and sort, the log file,
the wait after a 429, the live rate budget, and polls that overlap."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from krafter_tui.app import KrafterApp
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.ui.screens import DashboardScreen, SitePicker, ValueScreen
from krafter_tui.ui.widgets import BreakdownTable

from .conftest import FROZEN, settle
from .helpers import dashboard, kind
from .screen_text import on_screen, pane_lines

MakeApp = Callable[..., KrafterApp]
SAFETY_WAIT = 10.0

SITES = [
    {
        "id": f"00000000-0000-0000-0000-00000000000{i}",
        "domain": f"site{i}.example",
        "name": name,
        "site_key": f"sk_site{i}",
        "public_stats": False,
        "created_at": "2024-01-01T00:00:00Z",
    }
    for i, name in enumerate(["[i]Shop[/i]", "Blog"])
]
PATHS = ["/b", "/About", "/c", "/B2", "[bold]x[/]"]
COUNTRIES = ["DE", "US", "rs"]


def row(value: str, count: int) -> dict[str, Any]:
    return {"value": value, "count": count, "percent": count / 2}


class CraftedServer(httpx.AsyncBaseTransport):
    """Answers with crafted figures; ``realtime`` readings are served in turn; ``headers`` are
    added to every answer; ``slow`` seconds pass before each answer; ``inflight`` counts
    requests of each kind being answered at the same moment (``peak`` keeps the most)."""

    def __init__(self) -> None:
        self.readings = [10]
        self.headers: dict[str, str] = {}
        self.realtime_status = 200
        self.slow = 0.0
        self.inflight: dict[str, int] = {}
        self.peak: dict[str, int] = {}

    def payload(self, request: httpx.Request) -> tuple[int, Any]:
        what = kind(request)
        if what == "sites":
            return 200, SITES
        if what == "realtime":
            if self.realtime_status == 429:
                return 429, None
            reading = self.readings.pop(0) if len(self.readings) > 1 else self.readings[0]
            return 200, {"current_visitors": reading}
        if what == "events":
            return 200, [
                {"event_name": "[b]signup[/b]", "total": 5, "unique_count": 4, "revenue": None}
            ]
        stats: dict[str, Any] = {
            "period": {"from": "2026-10-27", "to": "2026-11-26"},
            "totals": {"pageviews": 200, "visitors": 100, "visits": 120},
            "timeseries": [
                {"date": "2026-11-26", "pageviews": 200, "visitors": 100, "visits": 120}
            ],
        }
        if what == "stats":
            breakdown = {d: [] for d in request.url.params["dimensions"].split(",")}
            breakdown["path"] = [row(p, 10 + i) for i, p in enumerate(PATHS)]
            breakdown["country"] = [row(c, 20 - i) for i, c in enumerate(COUNTRIES)]
            stats["breakdown"] = breakdown
        return 200, stats

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        what = kind(request)
        self.inflight[what] = self.inflight.get(what, 0) + 1
        self.peak[what] = max(self.peak.get(what, 0), self.inflight[what])
        try:
            if self.slow:
                await asyncio.sleep(self.slow)
            status, data = self.payload(request)
        finally:
            self.inflight[what] -= 1
        headers = {"content-type": "application/json", **self.headers}
        if status == 429:
            headers["retry-after"] = "7"
            body = json.dumps({"error": "Rate limit exceeded", "retry_after": 7}).encode()
        else:
            body = json.dumps({"data": data}).encode()
        return httpx.Response(status, content=body, headers=headers, request=request)


def breakdown_values(app: KrafterApp) -> list[str]:
    """The first cell of each breakdown row on screen, top to bottom."""
    lines = pane_lines(app, "#breakdown")[1:]  # the table, below its header
    cells = [re.split(r"\s{3,}", line.strip())[0] for line in lines]
    return [cell for cell in cells if cell]


async def test_server_text_is_shown_as_text_in_the_events_value_dialog_and_picker(
    make_app: MakeApp,
) -> None:
    app = make_app(transport=CraftedServer())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("[b]signup[/b]" in line for line in pane_lines(app, "#events-pane"))
        assert on_screen(app, "[i]Shop[/i]")  # the status line
        table = app.screen.query_one(BreakdownTable)
        table.query_one("#breakdown").focus()
        await pilot.press("end", "enter")  # the last row by count: the markup one
        await pilot.pause()
        assert isinstance(app.screen, ValueScreen)
        assert any("[bold]x[/]" in line for line in pane_lines(app, "#value-full"))
        await pilot.press("escape", "s")
        await pilot.pause()
        assert isinstance(app.screen, SitePicker)
        assert any("[i]Shop[/i]" in line for line in pane_lines(app, "#picker-list"))


async def test_the_realtime_arrow_points_the_way_the_count_moved(make_app: MakeApp) -> None:
    server = CraftedServer()
    server.readings = [10, 14, 9]
    app = make_app(transport=server)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        seen = []
        for _ in range(2):
            screen.poller.poll_now("realtime")
            await settle(pilot)
            seen.append("".join(pane_lines(app, "#realtime")))
        assert "▲ +4" in seen[0] and "▼" not in seen[0]
        assert "▼ -5" in seen[1] and "▲" not in seen[1]


async def test_the_filter_ignores_case_and_finds_country_names(make_app: MakeApp) -> None:
    app = make_app(transport=CraftedServer())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ABOUT", "enter")
        await pilot.pause()
        assert breakdown_values(app) == ["/About"]
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        screen.choose_dimension("country")  # as the palette does
        await pilot.press("slash", *"germ", "enter")
        await pilot.pause()
        assert breakdown_values(app) == ["DE  Germany"]


async def test_a_to_z_ignores_case(make_app: MakeApp) -> None:
    app = make_app(transport=CraftedServer())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o", "o")  # count ↓ → count ↑ → A→Z
        await pilot.pause()
        assert "A→Z" in str(app.screen.query_one(BreakdownTable).border_title)
        assert breakdown_values(app) == ["/About", "/b", "/B2", "/c", "[bold]x[/]"]


async def test_no_api_key_reaches_the_log_file(make_app: MakeApp) -> None:
    app = make_app(transport=CraftedServer())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.log_path is not None
        # As a traceback or a server's echo would carry it, in the logger the app writes to.
        logging.getLogger("krafter_tui").warning("the server said: bad key %s", DEMO_TOKEN)
    written = app.log_path.read_text(encoding="utf-8")
    assert "the server said: bad key " + DEMO_TOKEN[:12] in written
    assert DEMO_TOKEN not in written and DEMO_TOKEN[12:] not in written


async def test_after_a_429_the_next_try_is_when_the_server_said(make_app: MakeApp) -> None:
    server = CraftedServer()
    app = make_app(transport=server)  # the app's clock stands still: the wait reads exactly
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        server.realtime_status = 429
        screen.poller.poll_now("realtime")
        await settle(pilot)
        screen.update_health()
        await pilot.pause()
        assert on_screen(app, "Rate limited")
        assert on_screen(app, "Next try in 7s")  # retry-after: 7, not more, not less


async def test_the_live_rate_budget_slows_the_polls(make_app: MakeApp) -> None:
    server = CraftedServer()
    reset = int(time.time()) + 40
    server.headers = {
        "x-ratelimit-limit": "100",
        "x-ratelimit-remaining": "3",
        "x-ratelimit-reset": str(reset),
    }
    app = make_app(transport=server, stats_interval=15, realtime_interval=5)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert on_screen(app, "3/100 req left")
        await pilot.resize_terminal(130, 42)  # a resize wakes slowed feeds: not this slowdown
        await pilot.pause()
        health = dashboard(app).poller.health
        for feed in ("stats", "events", "realtime"):
            next_try = health[feed].next_try
            assert next_try is not None
            wait = (next_try - FROZEN).total_seconds()
            # 3 % left: every feed waits for the window to reset (~40 s), not its interval.
            assert 30 <= wait <= 45, (feed, wait)


async def test_polls_of_a_feed_never_overlap(make_app: MakeApp) -> None:
    server = CraftedServer()
    server.slow = 0.15  # each answer takes longer than the realtime interval
    app = make_app(transport=server, realtime_interval=0.05, stats_interval=0.05)
    app.clock = lambda: datetime.now(UTC)
    async with app.run_test(size=(120, 40)) as pilot:
        loader = None
        async with asyncio.timeout(SAFETY_WAIT):
            while loader is None or loader.polls < 12:
                await pilot.pause(0.05)
                if isinstance(app.screen, DashboardScreen):
                    loader = app.screen.poller
    assert server.peak.get("realtime", 0) == 1, server.peak
    assert server.peak.get("events", 0) == 1, server.peak
