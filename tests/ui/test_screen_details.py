"""Small things a user reads off the screen (issue 14): the breakdown filter, one date format,
plurals, the words of the palette and the value dialog, labels shortened by whole parts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from textual.widgets import DataTable

from krafter_tui.api import BreakdownRow, Period
from krafter_tui.app import KrafterApp
from krafter_tui.ui.widgets import BreakdownTable, Pane

from .conftest import settle
from .helpers import dashboard
from .screen_text import line_with, screen_lines

MakeApp = Callable[..., KrafterApp]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SHORT_RANGE = re.compile(r"[A-Z][a-z]{2} \d{1,2}( '\d\d)?–[A-Z][a-z]{2} \d{1,2}")


def table_lines(app: KrafterApp) -> int:
    """How many lines of the breakdown table (header and rows) are on screen."""
    table = app.screen.query_one("#breakdown", DataTable)
    return table.region.height


async def test_the_filter_is_in_the_title_and_another_dimension_clears_it(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = dashboard(app).query_one(BreakdownTable)
        total = len(pane.shown_rows)
        before = table_lines(app)
        await pilot.press("slash", *"blog")
        await pilot.pause()
        shown = len(pane.shown_rows)
        assert 0 < shown < total
        title = line_with(app, "Pages (1/9)")
        assert f"“blog” {shown}/{total} rows" in title, title
        # The filter line takes one row of the table's seven, not three.
        assert table_lines(app) >= before - 1, (before, table_lines(app))
        assert any(line.count("blog") and "│" in line for line in screen_lines(app))
        await pilot.press("enter", "d")
        await pilot.pause()
        title = line_with(app, "Referrers (2/9)")
        assert re.search(r"Referrers \(2/9\) · \d+ rows · pageviews ↓ ─", title), title
        assert "filter “blog” cleared" in line_with(app, "cleared")
        assert len(pane.shown_rows) == len(pane.breakdown["referrer"])
        assert table_lines(app) == before


async def test_no_rows_matching_says_how_to_get_them_back(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert "“zzz” 0/81 rows" in line_with(app, "Pages (1/9)")
        assert "no rows match “zzz” · Esc clears" in line_with(app, "no rows match")


async def test_dates_keep_one_format_whatever_the_period(make_app: MakeApp) -> None:
    custom = Period("custom", date(2026, 11, 1), date(2026, 11, 20))
    for size, iso in (((80, 24), False), ((160, 48), True)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            screen = dashboard(app)
            for key in ("w", "t", "l", None):
                if key is None:
                    assert screen.selection is not None
                    screen.select(screen.selection.site, custom)
                else:
                    await pilot.press(key)
                await settle(pilot)
                status = screen_lines(app)[0]
                if iso:
                    assert len(ISO_DATE.findall(status)) == 2, status
                else:
                    assert not ISO_DATE.search(status) and SHORT_RANGE.search(status), status


async def test_one_is_singular(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = dashboard(app).query_one(BreakdownTable)
        pane.show({"path": [BreakdownRow("/only", 5, 100.0)]})
        await pilot.pause()
        assert "Pages (1/9) · 1 row · pageviews ↓" in line_with(app, "Pages (1/9)")
        rows = [BreakdownRow(f"/p{i}", 1000 - i, 0.1) for i in range(501)]
        pane.show({"path": rows})
        table = pane.query_one(DataTable)
        table.scroll_end(animate=False)
        await pilot.pause()
        assert "… 1 more row: press / to filter" in line_with(app, "more row")


async def test_the_palette_names_dimensions_and_sites_as_the_panes_do(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"operating")
        await pilot.pause(0.5)
        screen = "\n".join(screen_lines(app))
        assert "Breakdown: Operating systems" in screen
        assert "Show Operating systems in the breakdown pane (6 of 9)" in screen
        assert "the os breakdown" not in screen
        for _ in "operating":
            await pilot.press("backspace")
        await pilot.press(*"pebble crm")
        await pilot.pause(0.5)
        screen = "\n".join(screen_lines(app))
        assert "Switch the dashboard to Pebble CRM" in screen, screen
        assert "sk_" not in screen


async def test_the_value_dialog_names_the_dimension_as_the_pane_does(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard(app).query_one("#breakdown", DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        title = line_with(app, "whole value")
        assert "Pages · whole value" in title and "path" not in title, title


async def test_marks_and_titles_drop_whole_parts_when_short(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        realtime = dashboard(app).query_one("#realtime", Pane)
        realtime.mark_error("server error · HTTP 503 · 25s old")
        await pilot.pause()
        bottom = screen_lines(app)[realtime.region.bottom - 1]
        assert "⚠ server error · HTTP 503 ─" in bottom and "…" not in bottom, bottom
        await pilot.press("slash", *"integrations")
        await pilot.pause()
        title = line_with(app, "Pages (1/9)")
        assert "“integrations”" in title and "…" not in title, title
        assert "pageviews ↓" not in title  # the sort gave way first


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_breakdown_says_its_counts_are_pageviews(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    # The published example's path counts add up to totals.pageviews (1000; visitors 500),
    # and each percent is a share of them: the column is named for what it counts.
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        header = line_with(app, "Value ")
        assert re.search(r"Value\s+Pageviews\s+%", header), header
        assert "Count" not in header, header
        assert "pageviews ↓" in line_with(app, "Pages (1/9)")
        pane = dashboard(app).query_one(BreakdownTable)
        top = pane.shown_rows[0]
        dashboard(app).query_one("#breakdown", DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        figures = line_with(app, "Esc closes")
        assert f"{top.count:,} pageviews · {top.percent:.1f}% of pageviews" in figures, figures
