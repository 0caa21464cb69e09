"""Details a user reads off the panes: the realtime history's scale, what a change compares
with, and the dates in a narrow header."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from krafter_tui.api import DateRange, Period, Site
from krafter_tui.app import KrafterApp
from krafter_tui.feeds.readings import Reading
from krafter_tui.feeds.words import partial_since
from krafter_tui.ui.widgets import RealtimeCounter, StatusBar, TotalsPanel
from krafter_tui.ui.widgets.realtime import ReadingBars, bars

from .conftest import FROZEN, settle

MakeApp = Callable[..., KrafterApp]


def test_bars_start_at_zero_so_a_small_change_is_a_small_step() -> None:
    assert bars([4, 4, 5, 4], 10, 1) == ["      ▆▆█▆"]
    assert bars([100, 101, 100], 3, 1) == ["███"]  # +1 of 100 is not a cliff
    assert bars([0, 10, 5], 5, 2) == ["   █ ", "  ▁██"]  # zero still shows a sliver
    assert bars([], 4, 1) == ["    "]


def test_bars_keep_the_newest_readings_at_the_right() -> None:
    readings = [1] * 30 + [8]
    (line,) = bars(readings, 10, 1)
    assert len(line) == 10 and line[-1] == "█" and set(line[:-1]) == {"▁"}


async def test_realtime_history_draws_a_one_visitor_change_as_a_step(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        counter = app.screen.query_one(RealtimeCounter)
        counter.show_readings([Reading(FROZEN, visitors) for visitors in (40, 40, 41, 40, 41)])
        await pilot.pause()
        spark = app.screen.query_one("#realtime-spark", ReadingBars)
        lines = str(spark.render()).split("\n")
        assert len(lines) == spark.size.height and len(lines[-1]) == spark.size.width
        columns = lines[-1][-5:]
        # All five readings stand at nearly full height: the top line of the bars shows
        # every one of them (a min-to-max scale would draw 40 as an empty column).
        assert all(ch != " " for ch in lines[0][-5:]), lines
        assert set(columns) == {"█"}


async def test_a_comparison_with_days_before_the_site_existed_says_so(
    make_app: MakeApp,
) -> None:
    # Pebble Docs was added on 2026-04-25: its previous twelve months are mostly empty.
    app = make_app(site="Pebble Docs", period=Period("12mo"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        totals = app.screen.query_one(TotalsPanel)
        assert totals.site_since == date(2026, 4, 25)
        assert "site added Apr 2026" in str(totals.border_subtitle)
        await pilot.press("t")  # its previous 30 days are all after that
        await settle(pilot)
        assert totals.site_since is None
        assert "so far · vs same share of previous" in str(totals.border_subtitle)
    # Slow Brew Notes is four years old: a 12mo comparison is a whole one.
    app = make_app(site="Slow Brew Notes", period=Period("12mo"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        totals = app.screen.query_one(TotalsPanel)
        assert totals.site_since is None
        assert "so far · vs same share of previous" in str(totals.border_subtitle)


def test_a_created_at_that_is_not_a_date_means_no_note() -> None:
    site = Site("1", "example.com", "Example", "sk_x", False, "yesterday-ish")
    assert partial_since(site, DateRange(date(2026, 1, 1), date(2026, 1, 31))) is None
    site = Site("1", "example.com", "Example", "sk_x", False, "2025-12-15T00:00:00Z")
    assert partial_since(site, DateRange(date(2026, 1, 1), date(2026, 1, 31))) == date(2025, 12, 15)


async def test_a_narrow_header_keeps_the_year_of_a_range_across_years(
    make_app: MakeApp,
) -> None:
    app = make_app(period=Period("12mo"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = str(app.screen.query_one(StatusBar).render())
        assert "Nov 26 '25–Nov 26" in header, header
