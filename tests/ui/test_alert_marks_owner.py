"""One book of alert marks: the dashboard's alerts write it, the All sites feed keeps it, and
the sites table asks that same book (no dict shared by reference, no copy)."""

from __future__ import annotations

from collections.abc import Callable

from krafter_tui.alerts.marks import AlertMarks
from krafter_tui.app import KrafterApp
from krafter_tui.ui.screens import DashboardScreen

from .test_overview import open_overview

MakeApp = Callable[..., KrafterApp]


async def test_the_desk_the_feed_and_the_table_share_one_book(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        overview = await open_overview(pilot)
        dashboard = next(s for s in app.screen_stack if isinstance(s, DashboardScreen))
        assert dashboard.alerts is not None
        book = dashboard.alerts.marks
        assert isinstance(book, AlertMarks)
        assert overview.feed.alerts is book and overview.table.alerts is book
        site = overview.feed.rows[0].site
        dashboard.alerts.marks.set(site.id, "▲ spike")  # as the desk does on an alert
        assert overview.table.alerts.get(site.id) == "▲ spike"
