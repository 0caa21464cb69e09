"""The All sites overview as a user sees it: key 0 opens it, each row shows the demo's own
figures for its site and how fresh they are, Enter opens the highlighted site, Esc and 0 go
back, a mark for an alert, a narrow terminal, and the kiosk's rotation through it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from krafter_tui.api import KrafterClient, Period, Site
from krafter_tui.app import KrafterApp
from krafter_tui.ui.screens import DashboardScreen
from krafter_tui.ui.screens.overview import OverviewScreen
from krafter_tui.ui.widgets.site_table import SitesTable

from .conftest import FROZEN, settle
from .helpers import dashboard, wait_until
from .screen_text import line_with, screen_lines

MakeApp = Callable[..., KrafterApp]
LOAD = 30.0  # generous: the first pass asks for a row every two seconds


def overview(app: KrafterApp) -> OverviewScreen:
    screen = app.screen
    assert isinstance(screen, OverviewScreen), type(screen)
    return screen


async def open_overview(pilot: Any) -> OverviewScreen:
    """Wait for the dashboard, press 0, wait until every row has its figures."""
    await settle(pilot)
    await pilot.press("0")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, OverviewScreen), 10, "opened")
    screen = overview(pilot.app)
    await wait_until(
        pilot,
        lambda: all(row.fetched_at for row in screen.feed.rows),
        LOAD,
        "every row has its figures",
    )
    await pilot.pause()
    return screen


async def test_each_row_shows_the_demos_figures_for_its_site(
    make_app: MakeApp, demo_client: KrafterClient
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_overview(pilot)
        sites = await demo_client.list_sites()
        assert [row.site for row in screen.feed.rows] == sites
        today = FROZEN.date()
        for site in sites:
            stats = await demo_client.stats(site.site_key, Period.custom(today, today))
            now = (await demo_client.realtime(site.site_key)).current_visitors
            line = line_with(app, site.name)
            words = line.split()
            point = stats.timeseries[-1]
            expected = [f"{now:,}", f"{point.visitors:,}", f"{point.pageviews:,}"]
            start = words.index(site.domain) + 1
            assert words[start : start + 3] == expected, line
            assert line.rstrip().endswith("0s ago"), line
        assert "All sites · 3 sites" in screen_lines(app)[0]
        joined = " ".join(" ".join(line.split()) for line in screen_lines(app))
        assert "(the API has no hourly figures)" in joined


async def test_each_row_says_how_old_it_is(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_overview(pilot)
        later = FROZEN + timedelta(seconds=75)
        screen.clock = screen.feed.clock = lambda: later
        screen.tick()
        await pilot.pause()
        for row in screen.feed.rows:
            assert line_with(app, row.site.name).rstrip().endswith("1m ago")


async def test_enter_opens_the_highlighted_site_and_esc_or_0_goes_back(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        sites = [row.site for row in screen.feed.rows]
        first = dashboard_site(app)
        assert screen.table.highlighted_key() == first.site_key  # the cursor starts on it
        for key in ("escape", "0"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert dashboard_site(app) == first
            await pilot.press("0")
            await wait_until(pilot, lambda: isinstance(app.screen, OverviewScreen), 10, "again")
        target = sites[2] if first != sites[2] else sites[1]
        overview(app).table.move_cursor(row=sites.index(target))
        await pilot.pause()
        assert target.domain in line_with(app, target.name)
        await pilot.press("enter")
        await settle(pilot)
        assert dashboard_site(app) == target
        assert target.name in screen_lines(app)[0]  # the dashboard's status line


def dashboard_site(app: KrafterApp) -> Site:
    """The site the dashboard shows (on top, or under the overview)."""
    screen = next(s for s in app.screen_stack if isinstance(s, DashboardScreen))
    assert screen.selection is not None
    return screen.selection.site


async def test_the_palette_offers_all_sites(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "All sites" in titles
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "All sites")
        command.callback()
        await wait_until(pilot, lambda: isinstance(app.screen, OverviewScreen), 10, "opened")


async def test_an_alert_marks_its_row_and_is_said_in_full_for_the_highlighted_one(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        row = screen.feed.rows[0]
        screen.table.move_cursor(row=0)
        assert not line_with(app, row.site.name).lstrip().startswith("●")
        screen.set_alert(row.site.id, "Traffic spike [bold]×3[/]")
        await pilot.pause()
        assert line_with(app, row.site.name).lstrip().startswith("●")
        assert "● Traffic spike [bold]×3[/]" in line_with(app, "Traffic spike")
        await pilot.press("escape", "0")  # shut and opened again: the mark stays
        await pilot.pause()
        screen = overview(app)
        assert line_with(app, row.site.name).lstrip().startswith("●")
        screen.set_alert(row.site.id, None)
        await pilot.pause()
        assert not line_with(app, row.site.name).lstrip().startswith("●")


async def test_at_80x24_every_row_fits_with_its_figures(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_overview(pilot)
        lines = screen_lines(app)
        assert all(len(line) <= 80 for line in lines)
        header = line_with(app, "Updated")
        for word in ("Now", "Visitors", "Views", "vs yday", "7 days"):
            assert word in header
        assert lines[lines.index(header) + 1].split() == ["today", "today"]
        for row in screen.feed.rows:
            line = line_with(app, row.site.name[:8])  # a long name is cut, with …
            assert row.site.name in line or "…" in line
            assert row.today is not None and f"{row.today.pageviews:,}" in line
            assert line.rstrip().endswith("0s ago")


async def test_the_kiosk_rotation_shows_the_overview_after_the_last_site(
    make_app: MakeApp,
) -> None:
    app = make_app(kiosk=True, rotate_sites=2.0, kiosk_overview=True)  # 2 s: a loaded machine
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # The dashboard, even when the rotation has reached the overview by now (loaded machine).
        rotation = next(s for s in app.screen_stack if isinstance(s, DashboardScreen)).rotation
        seen: list[str] = []

        async def moved() -> None:
            await wait_until(pilot, lambda: where(app) != seen[-1], 40, f"moved on from {seen}")
            seen.append(where(app))

        seen.append(where(app))
        for _ in range(len(rotation) + 2):  # once round, whatever stop it was on at first
            await moved()
        stops = [*(s.name for s in rotation), "overview"]
        for before, after in zip(seen, seen[1:], strict=False):
            assert stops[(stops.index(before) + 1) % len(stops)] == after, seen
        assert "overview" in seen


def where(app: KrafterApp) -> str:
    """The kiosk's stop on screen: a site's name, or ``overview``."""
    screen = app.screen
    if isinstance(screen, OverviewScreen):
        return "overview"
    assert isinstance(screen, DashboardScreen) and screen.selection is not None
    return screen.selection.site.name


class TableHost(App[None]):
    """The sites table alone, for rows no demo site has."""

    def compose(self) -> ComposeResult:
        yield SitesTable()


async def test_site_names_with_markup_and_escapes_are_shown_as_plain_text() -> None:
    from krafter_tui.overview.row import SiteRow

    odd = Site("u1", "x[/].example", "[bold]Shop[/] \x1b[31mred", "sk_odd", False, "2024-01-01")
    app = TableHost()
    async with app.run_test(size=(120, 10)) as pilot:
        table = app.query_one(SitesTable)
        table.fill([SiteRow(odd)], FROZEN, 120)
        await pilot.pause()
        line = line_with(app, "Shop")
        assert "[bold]Shop[/] " in line and "x[/].example" in line and "\x1b" not in line
        assert line.rstrip().endswith("waiting")


async def test_behind_the_overview_the_dashboards_feeds_slow_down(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = dashboard(app)
        assert board.panes_visible()
        await open_overview(pilot)
        assert not board.panes_visible()
        await pilot.press("escape")
        await pilot.pause()
        assert board.panes_visible()


async def test_a_failing_row_keeps_its_figures_and_says_why_under_the_table(
    make_app: MakeApp, demo: Any
) -> None:
    from .conftest import set_faults

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        row = screen.feed.rows[0]
        shown = line_with(app, row.site.name).split()[:6]
        set_faults(demo, "error=1,status=503,only=stats")
        screen.table.move_cursor(row=0)
        await screen.feed.refresh(row)
        screen.tick()
        await pilot.pause()
        line = line_with(app, row.site.name)
        assert line.split()[:6] == shown and line.rstrip().endswith("⚠ 0s ago")
        assert "⚠ server error · HTTP 503 · 0s ago" in line_with(app, "⚠ server error")


async def test_opened_again_it_shows_its_rows_at_once_and_spends_nothing_extra(
    make_app: MakeApp, demo: Any
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        name = screen.feed.rows[1].site.name
        figures = line_with(app, name).split()
        await pilot.press("escape")
        await pilot.pause()
        sent = len(demo.state.requests)
        for _ in range(3):  # open, close, open: within one step of the pace
            await pilot.press("0")
            await pilot.pause()
            assert line_with(app, name).split() == figures
            await pilot.press("escape")
            await pilot.pause()
        assert len(demo.state.requests) == sent


async def test_visitors_now_shows_which_way_the_count_moved() -> None:
    from krafter_tui.overview.row import SiteRow

    site = Site("u1", "shop.example", "Shop", "sk_shop", False, "2024-01-01")
    row = SiteRow(site, now=12, before=9)
    app = TableHost()
    async with app.run_test(size=(120, 10)) as pilot:
        table = app.query_one(SitesTable)
        table.fill([row], FROZEN, 120)
        await pilot.pause()
        assert "12 ▲" in line_with(app, "Shop")
        row.before, row.now = 12, 7
        table.show_row(row, FROZEN)
        await pilot.pause()
        assert "7 ▼" in line_with(app, "Shop")


async def test_with_the_budget_nearly_spent_the_top_line_says_it_holds(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        budget = screen.client.budget
        budget.limit, budget.remaining = 100, 15
        budget.reset_at = budget.clock() + 25.0
        screen.show_status()
        await pilot.pause()
        top = screen_lines(app)[0]
        assert "holding for the budget, next row in 26 s" in top, top
        assert "15/100 req left" in top


async def test_a_site_added_or_gone_on_the_server_shows_at_the_next_row(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        board = next(s for s in app.screen_stack if isinstance(s, DashboardScreen))
        gone = board.sites[1]
        board.sites = [s for s in board.sites if s != gone]  # as a refresh of the list would
        screen.step()
        await wait_until(pilot, lambda: len(screen.feed.rows) == 2, 10, "the row went")
        await pilot.pause()
        assert not any(gone.name in line for line in screen_lines(app))
        assert "All sites · 2 sites" in screen_lines(app)[0]


class CountedRows(list[Any]):
    """The feed's rows, counting each row anyone walks through."""

    walked = 0

    def __iter__(self) -> Any:
        for row in super().__iter__():
            CountedRows.walked += 1
            yield row


async def test_a_seconds_work_at_10000_sites_is_the_rows_on_screen(
    make_app: MakeApp, monkeypatch: Any
) -> None:
    from krafter_tui.overview.row import SiteRow

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_overview(pilot)
        board = next(s for s in app.screen_stack if isinstance(s, DashboardScreen))
        extra = 10_000 - len(board.sites)
        board.sites = [
            *board.sites,
            *(
                Site(f"u{i}", f"s{i}.example", f"Site {i:05}", f"sk_many{i:05}", False, "2024")
                for i in range(extra)
            ),
        ]
        screen.step()
        await wait_until(pilot, lambda: len(screen.feed.rows) == 10_000, 20, "10,000 rows")
        if screen.next_step is not None:  # no more refreshes: the screen is idle
            screen.next_step.stop()
        screen.workers.cancel_group(screen, "overview")
        clocks = [t for t in list(screen._timers) if t.name == "overview-clock"]
        assert clocks
        for timer in clocks:  # the screen's own 1 s clock: the test ticks it itself
            timer.pause()
        for row in screen.feed.rows:
            row.fetched_at = row.tried_at = FROZEN
        screen.table.fill(screen.feed.rows, FROZEN, screen.size.width)
        await pilot.pause()
        later = FROZEN + timedelta(minutes=10)
        screen.clock = lambda: later
        screen.feed.rows = CountedRows(screen.feed.rows)
        aged: list[SiteRow] = []
        age = SiteRow.age

        def counted_age(row: SiteRow, now: Any) -> str:
            aged.append(row)
            return age(row, now)

        monkeypatch.setattr(SiteRow, "age", counted_age)
        # Textual's DataTable walks all its rows to list them in order and by line.
        table_walks: list[str] = []
        for name in ("ordered_rows", "_y_offsets"):
            walk = getattr(DataTable, name).fget

            def counted_walk(table: Any, walk: Any = walk, name: str = name) -> Any:
                table_walks.append(name)
                return walk(table)

            monkeypatch.setattr(DataTable, name, property(counted_walk))
        screen.tick()  # the first second after the rows changed may look at each once
        await pilot.pause()
        later += timedelta(minutes=1)  # every age on screen changes its words
        CountedRows.walked = 0
        aged.clear()
        table_walks.clear()
        screen.tick()  # one second of an idle All sites screen
        await pilot.pause()  # and its paint
        assert table_walks == [], "the table walked through its rows to paint a tick"
        on_screen = screen.table.size.height  # lines: the header and the rows that fit
        assert on_screen < 45
        assert CountedRows.walked == 0, "a tick walked through every row"
        assert len(aged) <= on_screen + 1, f"{len(aged)} ages worked out for {on_screen} rows"
        rows = {row.site.site_key: row for row in screen.feed.rows}
        first = rows["sk_many00000"]
        assert first.age(later) in line_with(app, "Site 00000")
        # Off screen at the tick: brought up to date as they scroll into view.
        screen.table.scroll_end(animate=False)  # as End does, without the animation
        await pilot.pause()
        last = rows[f"sk_many{extra - 1:05}"]
        assert last.age(later) in line_with(app, f"Site {extra - 1:05}")
