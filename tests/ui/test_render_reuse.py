"""Work not repeated: the same figures again, or a chart seen a moment ago, draw nothing new;
a mark on a pane's border restyles the border, not the pane's contents.

Counts calls (plotext builds, table refills, banner updates, restyles) instead of timing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from msgspec.structs import replace
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from krafter_tui.api import TimeseriesPoint, Totals
from krafter_tui.app import KrafterApp
from krafter_tui.ui.screens import DashboardScreen
from krafter_tui.ui.stylesheets import styles_dir
from krafter_tui.ui.widgets import BreakdownTable, EventsTable, Pane, TimeseriesChart, TotalsPanel
from krafter_tui.ui.widgets import chart as chart_module
from krafter_tui.ui.widgets import pane as pane_module
from krafter_tui.ui.widgets.figure import BigFigure
from krafter_tui.ui.widgets.pane import BORDER_CLASSES, DIM_AFTER

from .conftest import settle

MakeApp = Callable[..., KrafterApp]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times plotext built a plot (one entry per build)."""
    calls: list[int] = []
    original = chart_module.plot_text

    def counting(chart: PlotextPlot) -> object:
        calls.append(1)
        return original(chart)

    monkeypatch.setattr(chart_module, "plot_text", counting)
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


async def test_new_figures_of_a_series_replace_its_kept_plot(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one(TimeseriesChart)
        points = list(chart.points)
        series = chart.series
        assert series is not None  # the dashboard names what the points are of
        chart.show(points, "pageviews", series="other site, 30d")
        await pilot.pause()
        kept = set(chart._plots)
        for bump in range(1, 6):  # live data: today's figure moves at every poll
            moved = [*points[:-1], replace(points[-1], pageviews=points[-1].pageviews + bump)]
            chart.show(moved, "pageviews", series=series)
            await pilot.pause()
        # One plot of the series (its newest figures) beside the other series' plot.
        assert len(chart._plots) == len(kept) and len(chart._lines) <= len(kept)
        assert chart.points[-1].pageviews == points[-1].pageviews + 5
        chart.show(points, "pageviews", series="other site, 30d")
        assert chart._plots.keys() & kept  # the other series' plot was kept


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


def test_border_classes_style_the_pane_alone() -> None:
    """No rule reaches inside a pane through -loading, -stale or -error (the pane restyles
    only itself for them)."""
    css = "\n".join(p.read_text(encoding="utf-8") for p in sorted(styles_dir().glob("*.tcss")))
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", css) for s in block.split(",")]
    for selector in selectors:
        last = re.split(r"[\s>]+", selector.strip())[-1]
        for name in BORDER_CLASSES:
            if f".{name}" in selector:
                assert f".{name}" in last, selector


async def test_a_loading_mark_leaves_what_is_inside_the_pane_alone(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        restyled: list[object] = []
        original = DataTable.notify_style_update

        def counting(self: DataTable[object]) -> None:
            restyled.append(self)
            original(self)

        monkeypatch.setattr(DataTable, "notify_style_update", counting)
        # Dimming restyles the content on purpose; here only the marks are under test.
        monkeypatch.setattr(pane_module, "DIM_AFTER", 3600.0)
        pane = app.screen.query_one(BreakdownTable)
        pane.mark_loading()
        await until_class(pilot, pane, "-loading")
        pane.mark_error("timed out")
        pane.set_border_class(True, "-stale")
        pane.mark_ok()
        assert restyled == []


async def until_class(pilot: Pilot[Any], pane: Pane, name: str) -> None:
    """Wait for the pane's timers to add ``name`` (untimed: at most 100 pauses)."""
    for _ in range(100):
        if pane.has_class(name):
            return
        await pilot.pause(DIM_AFTER)
    raise AssertionError(f"{pane.id} never got {name}")


async def test_loading_marks_show_only_when_the_wait_is_noticeable(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(BreakdownTable)
        pane.mark_loading()
        assert not pane.has_class("-loading") and not pane.has_class("-dimmed")
        pane.mark_ok()  # answered at once: never marked, never dimmed, nothing to paint
        await pilot.pause(DIM_AFTER * 2)
        assert not pane.has_class("-loading") and not pane.has_class("-dimmed")
        assert "loading" not in str(pane.border_subtitle)
        pane.mark_loading()  # this time the answer takes a while
        await until_class(pilot, pane, "-dimmed")
        assert pane.has_class("-loading") and "loading" in str(pane.border_subtitle)
        pane.mark_ok()
        assert not pane.has_class("-dimmed") and not pane.has_class("-loading")
        assert "loading" not in str(pane.border_subtitle)


async def test_a_chart_without_figures_yet_draws_no_plot(builds: list[int]) -> None:
    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TimeseriesChart(id="chart")

    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(TimeseriesChart)
        assert builds == []
        assert chart.render_line(0).text.strip() == ""
        chart.show([], "pageviews")  # figures handed over, even none: the axes are drawn
        await pilot.pause()
        assert len(builds) == 1


async def test_new_totals_in_large_digits_need_no_new_layout(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:  # wide: totals in large digits
        await settle(pilot)
        panel = app.screen.query_one(TotalsPanel)
        figure = panel.query_one("#figure-pageviews", BigFigure)
        assert panel.totals is not None and figure.font is not None and figure.font.height == 3
        layouts: list[object] = []
        original = DashboardScreen._refresh_layout

        def counting(self: DashboardScreen, *args: Any, **kwargs: Any) -> None:
            layouts.append(self)
            original(self, *args, **kwargs)

        monkeypatch.setattr(DashboardScreen, "_refresh_layout", counting)
        longer = Totals(pageviews=12_345_678, visitors=9, visits=1_000)  # other widths
        panel.show(longer, panel.previous)
        await pilot.pause()
        await pilot.pause()
        assert figure.value == "12,345,678"
        assert layouts == []  # repainted in place, in the same frame as the rest


async def test_a_live_figure_that_moves_no_dot_is_not_plotted_again(builds: list[int]) -> None:
    """Today's figure grows by a few visitors a minute: the plot of a wall screen is built
    again only when a dot of it moves (or an axis label changes)."""

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TimeseriesChart(id="chart")

    start = date(2026, 11, 1)
    figures = [5_000 + (i * 731) % 2_000 for i in range(30)]
    figures[10] = 9_000  # the highest day is not today: the axes stay as they are
    points = [
        TimeseriesPoint(start + timedelta(days=i), v, v // 3, v // 2) for i, v in enumerate(figures)
    ]
    today = points[-1].date

    def with_today(pageviews: int) -> list[TimeseriesPoint]:
        return [*points[:-1], replace(points[-1], pageviews=pageviews)]

    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        chart = app.query_one(TimeseriesChart)
        chart.show(points, "pageviews", series="A", today=today)
        await pilot.pause()
        drawn = [line.text for line in (chart.render_line(y) for y in range(30))]
        before = len(builds)
        chart.show(with_today(points[-1].pageviews + 3), "pageviews", series="A", today=today)
        await pilot.pause()
        assert len(builds) == before  # three more pageviews: the same dots
        assert [chart.render_line(y).text for y in range(30)] == drawn
        chart.show(with_today(points[-1].pageviews + 2_500), "pageviews", series="A", today=today)
        await pilot.pause()
        assert len(builds) == before + 1  # a dot moved: drawn again, and it shows
        assert [chart.render_line(y).text for y in range(30)] != drawn


async def test_the_chart_is_plotted_once_at_launch(make_app: MakeApp, builds: list[int]) -> None:
    """Figures that arrive before the chart's final size must not be plotted for the old size
    and then again (each plot is tens of milliseconds of the launch)."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one(TimeseriesChart)
        assert chart.has_data
        assert len(builds) == 1
