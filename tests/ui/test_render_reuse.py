"""Work not repeated: the same figures again, or a chart seen a moment ago, draw nothing new.

Counts calls (plotext builds, table refills, banner updates) instead of timing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from textual.widgets import Static
from textual_plotext import PlotextPlot

from krafter_tui.app import KrafterApp
from krafter_tui.screens import DashboardScreen
from krafter_tui.widgets import BreakdownTable, EventsTable, TimeseriesChart

from .conftest import settle

MakeApp = Callable[..., KrafterApp]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times plotext built a plot (one entry per build)."""
    calls: list[int] = []
    original = PlotextPlot.render

    def counting(self: PlotextPlot) -> object:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(PlotextPlot, "render", counting)
    yield calls


async def test_the_same_figures_again_are_not_plotted_again(
    make_app: MakeApp, builds: list[int]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one(TimeseriesChart)
        before = len(builds)
        chart.show(list(chart.points), chart.metric)  # equal, not identical
        await pilot.pause()
        assert len(builds) == before


async def test_switching_back_reuses_the_chart_drawn_before(
    make_app: MakeApp, builds: list[int]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        before = len(builds)
        await pilot.press("t")  # back to 30 days, fetched a moment ago
        await settle(pilot)
        assert len(builds) == before
        await pilot.press("m")  # another metric is a new plot
        await settle(pilot)
        assert len(builds) == before + 1


async def test_a_poll_with_nothing_new_leaves_the_tables_alone(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        refills: list[str] = []
        monkeypatch.setattr(BreakdownTable, "_refill", lambda self: refills.append("breakdown"))
        events = screen.query_one(EventsTable)
        shown = list(events.events)
        screen.action_refresh()  # the demo's figures are frozen: the same answers again
        await settle(pilot)
        assert refills == []
        assert events.events == shown


async def test_the_health_tick_does_not_touch_an_unchanged_banner(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        updates: list[object] = []
        banner = screen.query_one("#banner", Static)
        original = banner.update

        def counting(*args: object, **kwargs: object) -> None:
            updates.append(args)
            original(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(banner, "update", counting)
        for _ in range(3):
            screen.update_health()
        assert updates == []
        screen.show_banner("Something is wrong.")
        screen.show_banner("Something is wrong.")
        assert len(updates) == 1
