"""Today on a wall without the record's hours: the chart draws the last 7 days with today
marked (an open dot), says so in its title, and costs one request at most (none when the
week is kept), read back from the rendered screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from krafter_tui.api import Period
from krafter_tui.app import KrafterApp
from krafter_tui.demo import DemoApp

from .conftest import settle
from .screen_text import pane_lines

MakeApp = Callable[..., KrafterApp]


def week_requests(demo: DemoApp) -> int:
    """Stats requests the demo got for the last 7 days."""
    return sum(r.path.endswith("/stats") and "period=7d" in r.query for r in demo.state.requests)


@pytest.mark.parametrize("kiosk", [False, True], ids=["desk", "kiosk"])
@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_today_without_hours_draws_the_week_with_today_marked(
    make_app: MakeApp, demo: DemoApp, size: tuple[int, int], kiosk: bool
) -> None:
    app = make_app(
        period=Period("today"), record=False, kiosk=kiosk, rotate_sites=3600.0 if kiosk else 0
    )
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        chart = pane_lines(app, "#chart-pane")
        title, axis = chart[0], "\n".join(chart[-3:])
        assert "7 days" in title, title
        # The week before the frozen Thursday Nov 26 on the axis, not one day's dot.
        assert "Nov 19" in axis, axis
        plot = "\n".join(chart[1:-3])
        assert plot.count("○") == 1, plot  # today, not over: the open dot
        assert sum("\u2800" < ch <= "\u28ff" for ch in plot) > 10, plot  # a line, not a dot
        assert week_requests(demo) == 1
        # Today asked for again (r): the week is kept, no request more.
        await pilot.press("r")
        await settle(pilot)
        assert week_requests(demo) == 1
        assert "7 days" in pane_lines(app, "#chart-pane")[0]


async def test_the_week_is_not_asked_for_when_it_is_kept(make_app: MakeApp, demo: DemoApp) -> None:
    """Seen 7d just before: switching to today asks for nothing more for the chart."""
    app = make_app(period=Period("7d"), record=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert week_requests(demo) == 1  # the 7d selection itself
        await pilot.press("n")  # today
        await settle(pilot)
        assert "7 days" in pane_lines(app, "#chart-pane")[0]
        assert week_requests(demo) == 1


async def test_other_periods_keep_their_own_chart(make_app: MakeApp, demo: DemoApp) -> None:
    app = make_app(period=Period("yesterday"), record=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "7 days" not in pane_lines(app, "#chart-pane")[0]
        assert week_requests(demo) == 0


async def test_today_compared_keeps_the_week_and_the_totals_compare(
    make_app: MakeApp, demo: DemoApp
) -> None:
    """x on today: the chart stays the week with today marked (no compared line, as with the
    record's hours), the totals say what today so far is set against."""
    app = make_app(period=Period("today"), record=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(2):  # the previous period, then the year before
            await pilot.press("x")
            await settle(pilot)
            chart = pane_lines(app, "#chart-pane")
            assert "7 days" in chart[0], chart[0]
            assert "\n".join(chart[1:-3]).count("○") == 1
            totals = pane_lines(app, "#totals")
            assert any("vs same share of" in line for line in totals), totals
        assert week_requests(demo) == 1
