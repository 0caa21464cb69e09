"""Pilot tests: the dashboard on the in-process demo, driven from the keyboard as a user would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import events
from textual.widgets import DataTable, Input, OptionList

from krafter_tui.api import DIMENSIONS, KrafterClient, Period
from krafter_tui.app import KrafterApp
from krafter_tui.ui.keys import DASHBOARD_COMMANDS
from krafter_tui.ui.screens import (
    CustomRangeDialog,
    DashboardScreen,
    HelpScreen,
    SitePicker,
    ValueScreen,
)
from krafter_tui.ui.widgets import (
    BreakdownTable,
    EventsTable,
    Pane,
    RealtimeCounter,
    StatusBar,
    TimeseriesChart,
    TotalsPanel,
)
from krafter_tui.ui.widgets.figure import BigFigure

from .conftest import settle
from .helpers import dashboard

MakeApp = Callable[..., KrafterApp]


def status_text(app: KrafterApp) -> str:
    bar = app.screen.query_one(StatusBar)
    return bar.left_part(with_domain=True).plain + " " + bar.right_part().plain


def cell_texts(table: DataTable[Text], column: int) -> list[str]:
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def test_every_pane_shows_the_demo_figures(
    make_app: MakeApp, demo_client: KrafterClient
) -> None:
    sites = await demo_client.list_sites()
    stats = await demo_client.stats(sites[0].site_key, Period("30d"), DIMENSIONS)
    events = await demo_client.events(sites[0].site_key, Period("30d"))
    realtime = await demo_client.realtime(sites[0].site_key)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        status = status_text(app)
        assert sites[0].name in status and "Last 30 days" in status
        assert f"{stats.period.start} – {stats.period.end}" in status
        assert "req left" in status
        totals = screen.query_one(TotalsPanel)
        assert totals.totals == stats.totals
        assert totals.previous is not None  # the comparison request went out
        assert (
            screen.query_one("#figure-pageviews", BigFigure).value == f"{stats.totals.pageviews:,}"
        )
        digits = screen.query_one("#realtime-digits", BigFigure)
        assert digits.value == f"{realtime.current_visitors:,}"
        chart = screen.query_one(TimeseriesChart)
        assert [p.date for p in chart.points] == [p.date for p in stats.timeseries]
        assert stats.breakdown is not None
        table = screen.query_one("#breakdown", DataTable)
        assert table.row_count == len(stats.breakdown["path"])
        assert cell_texts(table, 0)[0] == stats.breakdown["path"][0].value
        events_table = screen.query_one("#events", DataTable)
        assert events_table.row_count == len(events)
        for pane in screen.query(Pane):
            assert pane.error is None, pane.id
            assert not pane.has_class("-loading"), pane.id


async def test_period_keys_switch_and_show_the_resolved_range(
    make_app: MakeApp, demo_client: KrafterClient
) -> None:
    site = (await demo_client.list_sites())[0]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, name in (("w", "7d"), ("l", "12mo"), ("t", "30d")):
            await pilot.press(key)
            await settle(pilot)
            expected = await demo_client.stats(site.site_key, Period(name))  # type: ignore[arg-type]
            screen = dashboard(app)
            assert screen.selection is not None and str(screen.selection.period) == name
            assert f"{expected.period.start} – {expected.period.end}" in status_text(app)
            chart = screen.query_one(TimeseriesChart)
            assert len(chart.points) == len(expected.timeseries)
            title = str(screen.query_one("#chart-pane", Pane).border_title)
            assert ("per month" in title) == (name == "12mo")


async def test_custom_range_dialog_validates_then_applies(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CustomRangeDialog)
        start = dialog.query_one("#range-from", Input)
        end = dialog.query_one("#range-to", Input)
        message = dialog.query_one("#range-message")

        async def attempt(first: str, second: str) -> str:
            start.value, end.value = first, second
            await pilot.pause()
            await pilot.click("#range-apply")
            await pilot.pause()
            return str(message.render())

        assert "not a date" in await attempt("2026-13", "2026-11-10")
        assert "does not exist" in await attempt("2026-02-30", "2026-03-10")
        assert "after the end date" in await attempt("2026-11-10", "2026-11-01")
        assert "in the future" in await attempt("2026-11-01", "2026-12-01")
        assert app.screen is dialog  # nothing was applied
        start.value, end.value = "2026-11-01", "2026-11-10"
        end.focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = dashboard(app)
        assert screen.selection is not None
        assert screen.selection.period == Period("custom", date(2026, 11, 1), date(2026, 11, 10))
        assert "Custom 2026-11-01 – 2026-11-10" in status_text(app)
        assert len(screen.query_one(TimeseriesChart).points) == 10


async def test_escape_leaves_the_custom_range_unchanged(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        screen = dashboard(app)
        assert screen.selection is not None and str(screen.selection.period) == "30d"


async def test_site_picker_filters_and_switches(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SitePicker)
        assert picker.query_one(OptionList).option_count == 3
        await pilot.press(*"slow")
        await pilot.pause()
        assert [s.name for s in picker.matches] == ["Slow Brew Notes"]
        await pilot.press("enter")
        await settle(pilot)
        screen = dashboard(app)
        assert screen.selection is not None and screen.selection.site.name == "Slow Brew Notes"
        assert "Slow Brew Notes" in status_text(app)


async def test_site_picker_escape_keeps_the_site(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s", "x", "y", "z")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SitePicker) and picker.matches == []
        await pilot.press("enter", "escape")
        await settle(pilot)
        screen = dashboard(app)
        assert screen.selection is not None and screen.selection.site.name == "Pebble CRM"


async def test_bracket_keys_step_through_sites(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        names = [s.name for s in screen.sites]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.selection is not None and screen.selection.site.name == names[1]
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert screen.selection.site.name == names[-1]
        assert screen.query_one(RealtimeCounter).readings  # a reading for the new site


async def test_metric_key_cycles_the_chart(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        chart = screen.query_one(TimeseriesChart)
        seen = []
        for _ in range(3):
            await pilot.press("m")
            await pilot.pause()
            seen.append(chart.metric)
            assert screen.query_one(f"#metric-{chart.metric}").has_class("-current")
            assert str(screen.query_one("#chart-pane", Pane).border_title).startswith(
                chart.metric.capitalize()
            )
        assert seen == ["visitors", "visits", "pageviews"]


async def test_dimension_keys_cycle_all_nine_breakdowns(
    make_app: MakeApp, demo_client: KrafterClient
) -> None:
    site = (await demo_client.list_sites())[0]
    stats = await demo_client.stats(site.site_key, Period("30d"), DIMENSIONS)
    assert stats.breakdown is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = dashboard(app).query_one(BreakdownTable)
        table = pane.query_one(DataTable)
        shown = [pane.dimension]
        for _ in range(9):
            await pilot.press("d")
            await pilot.pause()
            shown.append(pane.dimension)
            assert table.row_count == len(stats.breakdown[pane.dimension])
        assert shown == [*DIMENSIONS, "path"]
        await pilot.press("D")
        await pilot.pause()
        assert pane.dimension == "utm_campaign"
        assert "UTM campaigns (9/9)" in str(pane.border_title)


async def test_country_codes_show_their_names(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        pane = dashboard(app).query_one(BreakdownTable)
        dashboard(app).choose_dimension("country")  # as the palette does
        await pilot.pause()
        values = cell_texts(pane.query_one(DataTable), 0)
        assert any(v.startswith("US  United States") for v in values)


async def test_sort_key_orders_the_breakdown(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = dashboard(app).query_one(BreakdownTable)
        counts = [r.count for r in pane.shown_rows]
        assert counts == sorted(counts, reverse=True)
        await pilot.press("o")
        await pilot.pause()
        assert [r.count for r in pane.shown_rows] == sorted(counts)
        await pilot.press("o")
        await pilot.pause()
        values = [r.value.lower() for r in pane.shown_rows]
        assert values == sorted(values)
        assert "A→Z" in str(pane.border_title)


async def test_slash_filters_rows_and_escape_clears(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = dashboard(app).query_one(BreakdownTable)
        total = len(pane.shown_rows)
        await pilot.press("slash")
        await pilot.pause()
        assert pane.query_one("#breakdown-filter", Input).has_focus
        await pilot.press(*"blog")
        await pilot.pause()
        rows = pane.shown_rows
        assert 0 < len(rows) < total
        assert all("blog" in r.value.lower() for r in rows)
        assert pane.query_one(DataTable).row_count == len(rows)
        await pilot.press("enter")  # back to the table, filter kept
        await pilot.pause()
        assert len(pane.shown_rows) == len(rows)
        await pilot.press("escape")
        await pilot.pause()
        assert len(pane.shown_rows) == total


async def test_enter_on_a_row_shows_the_whole_value(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = dashboard(app).query_one(BreakdownTable)
        longest = max(pane.shown_rows, key=lambda r: len(r.value))
        table = pane.query_one(DataTable)
        table.focus()
        table.move_cursor(row=pane.shown_rows.index(longest))
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ValueScreen)
        assert longest.value in str(modal.query_one("#value-full").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_help_lists_every_key(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        descriptions = [d for _, d in help_screen.rows]
        # In the help screen's words (longer than the footer's where a key cycles).
        for command in DASHBOARD_COMMANDS:
            assert command.help_text in descriptions
        assert "Quit" in descriptions
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_refresh_fetches_again(make_app: MakeApp, demo: object) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        log = demo.state.requests  # type: ignore[attr-defined]
        before = len(log)
        await pilot.press("r")
        await settle(pilot)
        paths = [r.path for r in list(log)[before:]]
        assert sum(p.endswith("/stats") for p in paths) == 2  # current and previous period
        assert sum(p.endswith("/events") for p in paths) == 1


async def test_one_stats_request_carries_all_nine_dimensions(
    make_app: MakeApp, demo: object
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        queries = [r.query for r in demo.state.requests if r.path.endswith("/stats")]  # type: ignore[attr-defined]
        with_dimensions = [q for q in queries if "dimensions" in q]
        assert len(with_dimensions) == 1
        assert len(queries) == 2


async def test_q_quits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_keys_typed_right_after_q_open_nothing(make_app: MakeApp) -> None:
    """A fast typist's ``q`` followed by ``s``/``?``: the app ends cleanly, no dialog opens
    on a screen that is being torn down (that crashed with NoMatches once)."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.post_message(events.Key("q", "q"))
        app.post_message(events.Key("s", "s"))
        app.post_message(events.Key("question_mark", "?"))
        await pilot.pause()
    assert app.return_code == 0


async def test_site_and_period_are_remembered(make_app: MakeApp, tmp_path: object) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "w")
        await settle(pilot)
        chosen = dashboard(app).selection
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert dashboard(again).selection == chosen


async def test_site_option_accepts_a_name(make_app: MakeApp) -> None:
    app = make_app(site="pebble docs", period=Period("7d"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        selection = dashboard(app).selection
        assert selection is not None
        assert selection.site.name == "Pebble Docs" and str(selection.period) == "7d"


async def test_unknown_site_option_warns_and_shows_the_first(make_app: MakeApp) -> None:
    app = make_app(site="no-such-site")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        selection = dashboard(app).selection
        assert selection is not None and selection.site.name == "Pebble CRM"
        assert any("no-such-site" in str(n.message) for n in app._notifications)


async def test_command_palette_switches_site(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Site: Slow")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        selection = dashboard(app).selection
        assert selection is not None and selection.site.name == "Slow Brew Notes"


async def test_command_palette_offers_the_period_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"last 12 months")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        selection = dashboard(app).selection
        assert selection is not None and str(selection.period) == "12mo"


async def test_events_show_revenue_and_conversion(
    make_app: MakeApp, demo_client: KrafterClient
) -> None:
    site = (await demo_client.list_sites())[0]
    stats = await demo_client.stats(site.site_key, Period("30d"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = dashboard(app).query_one(EventsTable)
        table = pane.query_one(DataTable)
        for row, event in enumerate(pane.events):
            cells = [str(c) for c in table.get_row_at(row)]
            assert cells[0] == event.event_name
            assert cells[3] == ("" if event.revenue is None else f"{event.revenue:,.2f}")
            expected = event.unique_count / stats.totals.visitors * 100
            assert cells[4] == f"{expected:.1f}%"
        assert any(e.revenue is not None for e in pane.events)
        assert any(e.revenue is None for e in pane.events)


async def test_the_chart_follows_the_theme(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = dashboard(app).query_one(TimeseriesChart)
        before = chart.line_color
        app.theme = "gruvbox"
        await pilot.pause()
        assert chart.line_color is not None and chart.line_color != before
