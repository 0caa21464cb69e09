"""The dashboard when things go wrong: refused keys, server faults, bad bodies, hostile text,
slow answers overtaken by a newer choice. The app must stay up and say what happened."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
from textual.widgets import DataTable, Static

from krafter_tui.api import KrafterClient
from krafter_tui.app import KrafterApp
from krafter_tui.demo import DemoApp
from krafter_tui.ui.screens import DashboardScreen, LoginScreen
from krafter_tui.ui.widgets import (
    BreakdownTable,
    EventsTable,
    Pane,
    StatusBar,
    TimeseriesChart,
    TotalsPanel,
)

from .conftest import set_faults, settle
from .helpers import banner, dashboard

MakeApp = Callable[..., KrafterApp]


class GatedTransport(httpx.AsyncBaseTransport):
    """Forwards to ``inner``; requests whose URL contains ``hold`` wait until released, and
    ``override`` (a URL part → response) answers in the server's place."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.hold: str | None = None
        self.gate = asyncio.Event()
        self.override: dict[str, httpx.Response] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        for part, response in self.override.items():
            if part in url:
                return httpx.Response(
                    response.status_code,
                    content=response.content,
                    headers=response.headers,
                    request=request,
                )
        if self.hold is not None and self.hold in url:
            await self.gate.wait()
        return await self.inner.handle_async_request(request)


async def test_a_refused_key_shows_how_to_log_in(make_app: MakeApp, demo: DemoApp) -> None:
    gated = GatedTransport(httpx.ASGITransport(app=demo))
    app = make_app(transport=gated)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert banner(app) == ""
        refused = httpx.Response(401, json={"error": "Invalid or missing API key"})
        gated.override = {"/sites/": refused}
        await pilot.press("r")
        await settle(pilot)
        text = banner(app)
        assert "refused" in text and "krafter-tui auth login" in text
        screen = dashboard(app)
        assert screen.poller.stopped  # no more polling with a dead key
        assert screen.query_one(TotalsPanel).totals is not None  # old figures stay
        gated.override = {}
        await pilot.press("r")
        await settle(pilot)
        assert banner(app) == ""


async def test_a_sandbox_key_at_start_gets_the_scope_message(
    make_app: MakeApp, demo: DemoApp
) -> None:
    gated = GatedTransport(httpx.ASGITransport(app=demo))
    gated.override = {"/sites": httpx.Response(403, json={"error": "Insufficient scope"})}
    app = make_app(transport=gated)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "analytics:read" in banner(app)
        assert isinstance(app.screen, DashboardScreen)


async def test_server_errors_mark_the_panes_and_recover(make_app: MakeApp, demo: DemoApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        before = screen.query_one(TotalsPanel).totals
        set_faults(demo, "error=1,status=502,only=stats")
        await pilot.press("r")
        await settle(pilot)
        for selector in ("#chart-pane", "#totals", "#breakdown-pane"):
            pane = screen.query_one(selector, Pane)
            assert pane.error is not None and "HTTP 502" in pane.error, selector
            assert pane.has_class("-error")
        assert screen.query_one(EventsTable).error is None  # events were fine
        assert screen.query_one(TotalsPanel).totals == before  # last good data kept
        set_faults(demo, None)
        await pilot.press("r")
        await settle(pilot)
        assert all(p.error is None for p in screen.query(Pane))


async def test_a_malformed_body_marks_only_its_pane(make_app: MakeApp, demo: DemoApp) -> None:
    set_faults(demo, "malformed=1,only=events")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        events = screen.query_one(EventsTable)
        assert events.error is not None and "unexpected response" in events.error
        assert screen.query_one(TotalsPanel).error is None
        assert screen.query_one(TimeseriesChart).points


async def test_a_dropped_connection_is_a_network_error(make_app: MakeApp, demo: DemoApp) -> None:
    set_faults(demo, "drop=1,only=realtime")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        realtime = dashboard(app).query_one("#realtime", Pane)
        assert realtime.error is not None and "offline" in realtime.error


async def test_rate_limited_answers_say_when_the_next_try_is(
    make_app: MakeApp, demo: DemoApp
) -> None:
    set_faults(demo, "ratelimit=1,retry=30s,only=events")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        events = dashboard(app).query_one(EventsTable)
        assert events.error is not None and "rate limited" in events.error


HOSTILE = [
    "[bold]x[/]",
    "/blog/[/]",
    "[link=https://evil.example]click[/link]",
    "\x1b[31mred\x1b[0m\x07",
    "\u202eevil\u202c",
    "tab\there\nnewline",
    "x" * 5000,
]


def hostile_handler(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    headers = {
        "x-ratelimit-limit": "100",
        "x-ratelimit-remaining": "[red]9",
        "x-ratelimit-reset": "x",
    }
    if path.endswith("/sites"):
        site = {
            "id": "1",
            "domain": "[i]evil[/i].example",
            "name": "[bold]Evil[/] \x1b[2J",
            "site_key": "sk_evil",
            "public_stats": False,
            "created_at": "[/]",
        }
        return httpx.Response(200, json={"data": [site]}, headers=headers)
    if path.endswith("/realtime"):
        return httpx.Response(200, json={"data": {"current_visitors": 3}}, headers=headers)
    if path.endswith("/events"):
        events = [
            {"event_name": v, "total": 2, "unique_count": 1, "revenue": None} for v in HOSTILE
        ]
        return httpx.Response(200, json={"data": events}, headers=headers)
    rows = [{"value": v, "count": 10, "percent": 10.0} for v in HOSTILE]
    dims = "path,referrer,country,device,browser,os,utm_source,utm_medium,utm_campaign"
    stats = {
        "period": {"from": "2026-11-19", "to": "2026-11-26"},
        "totals": {"pageviews": 70, "visitors": 7, "visits": 9},
        "timeseries": [],
        "breakdown": {d: rows for d in dims.split(",")},
    }
    return httpx.Response(200, json={"data": stats}, headers=headers)


async def test_hostile_server_text_is_shown_literally(make_app: MakeApp) -> None:
    app = make_app(transport=httpx.MockTransport(hostile_handler))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        status = screen.query_one(StatusBar)
        line = status.left_part().plain
        assert "[bold]Evil[/]" in line and "\x1b" not in line
        table = screen.query_one(BreakdownTable).query_one(DataTable)
        cells = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert "[bold]x[/]" in cells and "/blog/[/]" in cells
        assert any(c.startswith("[link=https://evil.example]") for c in cells)
        for cell in cells:
            assert not any(ch in cell for ch in "\x1b\x07\u202e\t\n"), repr(cell)
        events = screen.query_one(EventsTable).query_one(DataTable)
        assert events.row_count == len(HOSTILE)
        assert all(p.error is None for p in screen.query(Pane))
        # the whole screen renders without a markup error
        await pilot.press("d", "m", "o")
        await settle(pilot)
        app.export_screenshot()


def flood_handler(request: httpx.Request) -> httpx.Response:
    """Hostile text everywhere and 20,000 rows in every breakdown."""
    if not request.url.path.endswith("/stats"):
        return hostile_handler(request)
    answer = hostile_handler(request).json()
    rows = [
        {"value": f"{HOSTILE[i % len(HOSTILE)]}{i}", "count": 20_000 - i, "percent": 0.01}
        for i in range(20_000)
    ]
    answer["data"]["breakdown"] = {d: rows for d in answer["data"]["breakdown"]}
    return httpx.Response(200, json=answer)


async def test_hostile_floods_leave_the_layout_as_it_was(make_app: MakeApp) -> None:
    """Every pane keeps the place it has with ordinary data; every screen line is exactly as
    wide as the terminal and free of escape and control characters."""

    async def layout(transport: httpx.AsyncBaseTransport | None) -> dict[str, Any]:
        app = make_app(transport=transport)
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            screen = dashboard(app)
            regions = {p.id: p.region for p in screen.query(Pane)}
            strips = screen._compositor.render_strips()
            breakdown = screen.query_one(BreakdownTable)
            title = str(breakdown.border_title)
        lines = ["".join(seg.text for seg in strip) for strip in strips]
        return {
            "regions": regions,
            "lines": lines,
            "widths": {s.cell_length for s in strips},
            "title": title,
        }

    normal = await layout(None)
    flooded = await layout(httpx.MockTransport(flood_handler))
    # The events pane is as tall as its events (the hostile list has more than the demo's
    # four), within its cap of 12 rows; the breakdown takes the rest. Every other pane keeps
    # its place, and the two together keep theirs.
    moved = {"breakdown-pane", "events-pane"}
    assert {k: v for k, v in flooded["regions"].items() if k not in moved} == {
        k: v for k, v in normal["regions"].items() if k not in moved
    }
    for regions in (normal["regions"], flooded["regions"]):
        both = regions["breakdown-pane"].union(regions["events-pane"])
        assert both == normal["regions"]["breakdown-pane"].union(normal["regions"]["events-pane"])
    assert flooded["regions"]["events-pane"].height <= 12
    assert flooded["widths"] == {160}
    assert "20,000 rows" in flooded["title"]
    for line in flooded["lines"]:
        assert not any(ch in line for ch in "\x1b\x07\u202e\t\n"), repr(line)
    assert any("[link=https://evil.example]" in line for line in flooded["lines"])


async def test_a_slow_answer_for_the_old_site_never_shows(
    make_app: MakeApp, demo: DemoApp, demo_client: KrafterClient
) -> None:
    sites = await demo_client.list_sites()
    gated = GatedTransport(httpx.ASGITransport(app=demo))
    app = make_app(transport=gated)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        gated.hold = f"/sites/{sites[0].site_key}/"
        await pilot.press("w")  # site 1, 7 days: held on the wire
        totals = screen.query_one(TotalsPanel)
        for _ in range(100):  # the mark shows once the wait is noticeable (untimed wait)
            await pilot.pause(0.05)
            if totals.has_class("-dimmed"):
                break
        assert totals.has_class("-loading")  # old figures dimmed while the new ones load
        assert totals.has_class("-dimmed")
        assert totals.totals is not None
        await pilot.press("right_square_bracket")  # site 2 answers at once
        await settle(pilot)
        gated.gate.set()  # now site 1's answers arrive, too late
        await settle(pilot)
        assert screen.selection is not None and screen.selection.site == sites[1]
        expected = await demo_client.stats(sites[1].site_key, screen.selection.period)
        assert totals.totals == expected.totals
        assert sites[1].name in screen.query_one(StatusBar).left_part().plain


async def test_without_a_key_the_login_screen_checks_and_stores_it(
    make_app: MakeApp, demo: DemoApp
) -> None:
    from krafter_tui.demo import DEMO_SANDBOX_TOKEN, DEMO_TOKEN

    stored: list[str] = []
    app = make_app()
    app.token = None
    app.store_token = stored.append
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        field = app.screen.query_one("#login-token")
        message = app.screen.query_one("#login-message", Static)

        async def attempt(key: str) -> None:
            field.value = key  # type: ignore[attr-defined]
            await pilot.press("enter")
            await settle(pilot)

        await attempt("kr_live_wrong")
        assert "refused" in str(message.render())
        await attempt(DEMO_SANDBOX_TOKEN)
        assert isinstance(app.screen, LoginScreen)
        assert "analytics:read" in str(message.render())
        assert stored == []
        await attempt(DEMO_TOKEN)
        assert stored == [DEMO_TOKEN]
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.query_one(TotalsPanel).totals is not None
        for shown in (str(message.render()), app.screen.query_one(StatusBar).left_part().plain):
            assert DEMO_TOKEN not in shown


async def test_the_app_over_real_loopback_http(tmp_path: Any) -> None:
    """No transport handed in: the production path, httpx over TCP to the demo server."""
    from datetime import UTC, datetime

    from krafter_tui.config.options import DashboardOptions
    from krafter_tui.demo import DEMO_TOKEN
    from krafter_tui.local.remembered import StateStore
    from tests.support.demo_server import running_demo_server

    with running_demo_server(seed=42) as server:
        app = KrafterApp(
            DashboardOptions(api_url=server.api_url, realtime_interval=3600, stats_interval=3600),
            token=DEMO_TOKEN,
            clock=lambda: datetime.now(UTC),
            state=StateStore(tmp_path / "state.json"),
        )
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("l", "right_square_bracket")
            await settle(pilot)
            screen = dashboard(app)
            assert screen.selection is not None and str(screen.selection.period) == "12mo"
            assert all(p.error is None for p in screen.query(Pane))
            assert screen.query_one(TotalsPanel).totals is not None
            assert "req left" in screen.query_one(StatusBar).right_part().plain
        paths = [r.path for r in server.app.state.requests]
        assert any(p.endswith("/realtime") for p in paths)
