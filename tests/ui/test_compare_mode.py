"""Comparison on the dashboard (x): the second series, both totals and the rows' changes, with
the compared figures checked against the demo's own SQL, and what it costs in requests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import httpx

from krafter_tui.app import KrafterApp
from krafter_tui.demo import DemoApp
from krafter_tui.demo.sites import SITES
from krafter_tui.text.numbers import grouped
from krafter_tui.ui.widgets import TimeseriesChart

from .conftest import FROZEN, settle
from .screen_text import line_with, screen_lines

MakeApp = Callable[..., KrafterApp]


class Counter(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.stats: list[dict[str, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/stats"):
            self.stats.append(dict(request.url.params))
        return await self.inner.handle_async_request(request)


def sql_totals(demo: DemoApp, site_key: str, first: date, last: date) -> dict[str, int]:
    """The demo's own figures for a range wholly in its history, straight from its tables."""
    index = next(i for i, s in enumerate(SITES) if s.site_key == site_key)
    row = demo.state.store.conn.execute(
        "SELECT SUM(pageviews), SUM(visitors), SUM(visits) FROM hist.daily"
        " WHERE site = ? AND day BETWEEN ? AND ?",
        (index, first.toordinal(), last.toordinal()),
    ).fetchone()
    return dict(zip(("pageviews", "visitors", "visits"), row, strict=True))


async def test_x_compares_with_the_same_dates_a_year_before_as_the_demo_counts_them(
    make_app: MakeApp, demo: DemoApp
) -> None:
    counter = Counter(httpx.ASGITransport(app=demo))
    app = make_app(transport=counter, period=None)  # 30d: Oct 27–Nov 26 2026
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        site_key = app.screen.selection.site.site_key  # type: ignore[attr-defined]
        await pilot.press("x")  # the previous period
        await settle(pilot)
        previous = sql_totals(demo, site_key, date(2026, 9, 26), date(2026, 10, 26))
        # 30d ends today: each figure is set against the same share of the compared one, and
        # that is the figure beside it (30 whole days and 14.5 hours of 31 days gone by).
        share = (30 + 14.5 / 24) / 31
        assert FROZEN.hour == 14 and FROZEN.minute == 30
        shown = "\n".join(screen_lines(app))
        assert f"vs {grouped(round(previous['pageviews'] * share))}" in shown, shown
        before = len(counter.stats)
        await pilot.press("x")  # the same dates a year before
        await settle(pilot)
        year = sql_totals(demo, site_key, date(2025, 10, 27), date(2025, 11, 26))
        lines = screen_lines(app)
        for key in ("pageviews", "visitors", "visits"):
            same_share = grouped(round(year[key] * share))
            assert any(f"vs {same_share}" in line for line in lines), (key, year)
        assert "so far · vs same share of Oct 27–Nov 26 '25" in " ".join(lines)  # the hint
        # The chart's second series is the demo's own day by day.
        chart = app.screen.query_one(TimeseriesChart)
        assert chart.compare is not None and len(chart.compare) == 31
        for point in chart.compare:
            day = sql_totals(demo, site_key, point.date, point.date)
            assert point.pageviews == day["pageviews"], point
        # The chart's legend names both, and the breakdown has a change column.
        assert any("··· Oct 27–Nov 26 '25" in line for line in lines), lines
        assert "Change" in line_with(app, "Value ")
        # One request for the year before (with its breakdown), none for the current period.
        asked = counter.stats[before:]
        assert [(q["from"], q["to"], "dimensions" in q) for q in asked] == [
            ("2025-10-27", "2025-11-26", True)
        ]
        assert "compare +0/min" in lines[0]
        await pilot.press("x")  # off: as before the comparison
        await settle(pilot)
        lines = screen_lines(app)
        assert not any("vs " in line and "▲" in line for line in lines[2:8])
        assert "Change" not in line_with(app, "Value ")
        assert "compare" not in lines[0]


async def test_compare_mode_fits_at_the_smallest_size(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert "vs " in line_with(app, "Pageviews")
        assert "Change" in line_with(app, "Value ")
        assert "···" in text  # the compared line's legend


async def test_the_live_count_keeps_each_sites_readings_across_a_switch_and_back(
    make_app: MakeApp,
) -> None:
    from krafter_tui.ui.widgets import RealtimeCounter

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        counter = screen.query_one(RealtimeCounter)
        for _ in range(2):
            screen.poller.poll_now("realtime")  # type: ignore[attr-defined]
            await settle(pilot)
        first = list(counter.readings)
        assert len(first) == 3
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert len(counter.readings) == 1  # the other site's own, new history
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert counter.readings[: len(first)] == first  # back, with the next reading after
        assert len(counter.readings) == len(first) + 1
