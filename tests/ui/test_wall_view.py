"""The kiosk's All sites stop as a wall sees it: a tile per site filling the screen, the live
count in the tallest digits that fit, today so far with its change as the All sites table words
it, the trend, dense rows past 12 sites, the countdown, and no ``waiting`` the first time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from krafter_tui.api import KrafterClient, Period, Site, TimeseriesPoint
from krafter_tui.app import KrafterApp
from krafter_tui.overview.feed import OverviewFeed
from krafter_tui.overview.row import SiteRow, sparkline
from krafter_tui.ui.screens.overview import OverviewScreen
from krafter_tui.ui.widgets.fonts import fitting_font
from krafter_tui.ui.widgets.site_table import SitesTable
from krafter_tui.ui.widgets.site_tiles import SiteTiles, grid_shape

from .conftest import FROZEN, settle
from .helpers import dashboard, wait_until
from .screen_text import find_figure, line_with, screen_lines, screen_rows

MakeApp = Callable[..., KrafterApp]
SIZES = [(120, 40), (160, 48), (200, 60)]


def made_rows(count: int) -> list[SiteRow]:
    """``count`` sites with figures of their own (no demo site has these)."""
    today = FROZEN.date()
    rows = []
    for i in range(count):
        site = Site(f"u{i}", f"shop{i}.example", f"Shop {i}", f"sk_{i:05d}", False, "2024-01-01")
        row = SiteRow(site, now=7 * i + 3, before=7 * i + 1, trend=(3, 5, 4, 6, 8, 7, 9))
        row.today = TimeseriesPoint(today, 900 + i, 300 + 11 * i, 350 + i)
        row.yesterday = TimeseriesPoint(today - timedelta(days=1), 1500, 500 + 3 * i, 600)
        row.fetched_at = row.tried_at = FROZEN - timedelta(seconds=5)
        rows.append(row)
    return rows


async def open_wall(app: KrafterApp, pilot: object, count: int) -> OverviewScreen:
    await settle(pilot)  # type: ignore[arg-type]
    board = dashboard(app)
    rows = made_rows(count)
    feed = OverviewFeed(board.client, clock=board.clock, background=0.0)
    feed.rows = rows
    feed.last_step = FROZEN  # refreshed just now: the poller waits its step
    sites = [row.site for row in rows]
    screen = OverviewScreen(feed, sites=lambda: sites, kiosk=True)
    await app.push_screen(screen)
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("count", [1, 3, 12])
async def test_the_tiles_fill_the_screen_with_the_live_count_in_big_digits(
    make_app: MakeApp, size: tuple[int, int], count: int
) -> None:
    app = make_app(kiosk=True, rotate_sites=3600.0)
    async with app.run_test(size=size) as pilot:
        screen = await open_wall(app, pilot, count)
        tiles = screen.query_one(SiteTiles)
        assert tiles.display and not screen.query_one(SitesTable).display
        rows = screen_rows(app)
        text = "\n".join(rows)
        width, height = size
        # The tiles take the screen below the status line (less the countdown's line).
        assert tiles.region.height >= height - 3 and tiles.region.width == width
        shown = [tile.region for tile in tiles.tiles]
        assert len(shown) == count
        columns, lines = grid_shape(count, tiles.region.width, tiles.region.height)
        assert all(r.width >= width // columns - 1 for r in shown)
        assert all(r.height >= tiles.region.height // lines - 1 for r in shown)
        figures = [f"{row.now:,}" for row in screen.feed.rows]
        spaces = [tile.query_one(".tile-now").size for tile in tiles.tiles]
        # The tallest font in which every tile's figure fits the smallest figure space: the
        # tiles are drawn alike.
        smallest = (min(s.width for s in spaces), min(s.height for s in spaces))
        wanted = fitting_font(figures, *smallest)
        for row in screen.feed.rows:
            assert f"Shop {row.site.id[1:]}" in text
            figure = f"{row.now:,}"
            found = find_figure(rows, figure)
            assert found is not None, f"{figure} not drawn:\n{text}"
            font, top, _ = found
            assert font is wanted, text
            assert font.height >= 3  # block or line digits, never plain text
            change, _ = row.change(FROZEN)
            assert f"today {row.today.visitors:,} · {change} vs yday" in text  # type: ignore[union-attr]
            assert f"7 days {sparkline(row.trend)} · 5s ago" in text
        assert "waiting" not in text


@pytest.mark.parametrize("size", SIZES)
async def test_past_twelve_sites_the_wall_shows_dense_rows(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app(kiosk=True, rotate_sites=3600.0)
    async with app.run_test(size=size) as pilot:
        screen = await open_wall(app, pilot, 15)
        assert not screen.query_one(SiteTiles).display
        lines = screen_lines(app)
        for row in screen.feed.rows:
            line = line_with(app, f"Shop {row.site.id[1:]} ")
            assert f"{row.today.pageviews:,}" in line  # type: ignore[union-attr]
        assert not any("Visitors, Views today: so far" in line for line in lines)  # no note


def test_the_grid_follows_the_count_and_the_shape_of_the_screen() -> None:
    assert grid_shape(1, 120, 37) == (1, 1)
    assert grid_shape(3, 120, 37) == (3, 1)  # side by side on a wide screen
    assert grid_shape(3, 60, 80) == (1, 3)  # one above the other on a tall one
    assert grid_shape(12, 200, 57) == (4, 3)
    columns, rows = grid_shape(12, 120, 37)
    assert columns * rows >= 12 and columns * rows - 12 < columns


@pytest.mark.parametrize("size", SIZES)
async def test_the_first_showing_of_the_stop_has_its_figures_and_the_countdown(
    make_app: MakeApp, demo_client: KrafterClient, size: tuple[int, int]
) -> None:
    app = make_app(kiosk=True, rotate_sites=5.0, kiosk_overview=True, kiosk_sites=("Pebble CRM",))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, OverviewScreen), 30, "the stop")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        text = "\n".join(screen_lines(app))
        assert "waiting" not in text, text
        assert "…" not in text  # no figure on its way
        bottom = screen_lines(app)[-1]
        assert bottom.startswith(" All sites · next in ") and bottom.rstrip().endswith(
            ": Pebble CRM"
        ), bottom
        today = FROZEN.date()
        sites = await demo_client.list_sites()
        table = screen.query_one(SitesTable)
        for site in sites:
            stats = await demo_client.stats(site.site_key, Period.custom(today, today))
            visitors = stats.totals.visitors
            change = table.shown[site.site_key][0]  # the All sites table's words
            assert f"today {visitors:,} · {change} vs yday" in text, text


async def test_a_countdown_before_the_wall_is_put_together_waits_for_the_next_tick(
    make_app: MakeApp,
) -> None:
    """The dashboard's tick can reach the All sites stop between its push and its compose:
    that second shows no countdown (it used to stop the app with NoMatches), the next does."""
    app = make_app(kiosk=True, rotate_sites=3600.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = dashboard(app)
        rows = made_rows(3)
        feed = OverviewFeed(board.client, clock=board.clock, background=0.0)
        feed.rows = rows
        feed.last_step = FROZEN
        sites = [row.site for row in rows]
        screen = OverviewScreen(feed, sites=lambda: sites, kiosk=True)
        screen.show_countdown(30.0, "Shop 1")  # not put together yet: nothing to show
        await app.push_screen(screen)
        await pilot.pause()
        screen.show_countdown(30.0, "Shop 1")
        await pilot.pause()
        line = line_with(app, "All sites · next in")
        assert "Shop 1" in line, line
