"""A site or period the server refuses (400/404/422), as the screen shows it: said once, never
remembered, and the screen never labels data with a selection it does not belong to. (Never
retried, every feed, chosen again: tests/feeds/test_refused_selection.py.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import httpx

from krafter_tui.api import Period
from krafter_tui.app import KrafterApp
from krafter_tui.demo import DemoApp
from krafter_tui.local.remembered import StateStore
from krafter_tui.ui.screens import CustomRangeDialog
from krafter_tui.ui.widgets import StatusBar, TotalsPanel

from .conftest import DEMO_URL, settle
from .helpers import dashboard
from .screen_text import on_screen, screen_lines

MakeApp = Callable[..., KrafterApp]
TOO_LONG = Period.custom(date(2024, 1, 1), date(2026, 11, 26))  # the demo allows 400 days


def stats_asked(demo: DemoApp, start: str) -> int:
    return sum(1 for r in demo.state.requests if r.path.endswith("/stats") and start in r.query)


async def test_a_refused_range_at_launch_is_said_once_and_not_retried(
    make_app: MakeApp, demo: DemoApp, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    # Never asked again by a timer: tests/feeds/test_refused_selection.py, on a fake clock.
    app = make_app(period=TOO_LONG, state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert stats_asked(demo, "from=2024-01-01") == 1
        assert on_screen(app, "The server refused")
        assert on_screen(app, "range must not exceed 400 days")
        assert app.screen.query_one(TotalsPanel).totals is None  # no figures under its label
        assert "refused" in screen_lines(app)[0]  # the status line
    assert StateStore(state).load(DEMO_URL).period != TOO_LONG


async def test_a_range_the_server_refuses_is_said_in_the_dialog(
    make_app: MakeApp, demo: DemoApp, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CustomRangeDialog)
        await pilot.press(*"2024-01-01", "tab", *"2026-11-26", "enter")
        await settle(pilot)
        assert app.screen is dialog  # still open, saying why
        message = str(dialog.query_one("#range-message").render())
        assert "refused" in message and "400 days" in message
        await pilot.press("escape")
        await settle(pilot)
        screen = dashboard(app)
        assert screen.selection is not None and str(screen.selection.period) == "30d"
        assert "Last 30 days" in screen.query_one(StatusBar).left_part().plain
        assert stats_asked(demo, "from=2024-01-01") == 1
    assert str(StateStore(state).load(DEMO_URL).period) == "30d"


async def test_an_accepted_range_from_the_dialog_is_not_fetched_twice(
    make_app: MakeApp, demo: DemoApp
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"2026-10-01", "tab", *"2026-10-31", "enter")
        await settle(pilot)
        screen = dashboard(app)
        assert screen.selection is not None
        assert screen.selection.period == Period.custom(date(2026, 10, 1), date(2026, 10, 31))
        totals = screen.query_one(TotalsPanel).totals
        assert totals is not None and totals.pageviews > 0
        asked = [r.query for r in demo.state.requests if "from=2026-10-01" in r.query]
        with_dimensions = [query for query in asked if "dimensions" in query]
        assert len(with_dimensions) == 1


async def test_a_site_the_server_refuses_brings_the_last_good_one_back(
    make_app: MakeApp, demo: DemoApp, tmp_path: Path
) -> None:
    inner = httpx.ASGITransport(app=demo)
    refused_key: list[str] = []

    class Refusing(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if refused_key and refused_key[0] in request.url.path:
                return httpx.Response(404, json={"error": "Not found"}, request=request)
            return await inner.handle_async_request(request)

    state = tmp_path / "state.json"
    app = make_app(transport=Refusing(), state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        first = screen.selection
        assert first is not None
        second = screen.sites[1]
        refused_key.append(second.site_key)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.selection == first
        status = screen.query_one(StatusBar).left_part().plain
        assert first.site.name in status and second.name not in status
        messages = [str(n.message) for n in app._notifications]
        assert any("refused" in m and second.name in m for m in messages), messages
        asked = sum(1 for r in demo.state.requests if second.site_key in r.path)
        assert asked == 0  # the transport refused it before the demo saw it
    assert StateStore(state).load(DEMO_URL).site_key == first.site.site_key


async def test_dates_whose_previous_period_cannot_exist_are_refused_at_once() -> None:
    for start, end in (("0001-01-01", "0001-01-03"), ("0001-01-02", "0001-01-03")):
        try:
            Period.parse(f"{start}..{end}")
        except ValueError as error:
            assert "too early" in str(error)
        else:
            raise AssertionError(f"{start}..{end} was accepted")
    assert Period.parse("0001-01-04..0001-01-06").start == date(1, 1, 4)
