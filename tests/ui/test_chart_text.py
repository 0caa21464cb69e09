"""The chart's plot read from plotext's matrix is the text textual-plotext would have drawn
(plotext's ANSI canvas parsed back by Rich), cell for cell and style for style: at every
size, compared or not, a day by the hour, in a light and a dark theme."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual_plotext import PlotextPlot

from krafter_tui.app import KrafterApp
from krafter_tui.ui.widgets import TimeseriesChart
from krafter_tui.ui.widgets.chart_text import plot_text

from .conftest import settle
from .helpers import dashboard

MakeApp = Callable[..., KrafterApp]


def same_as_textual_plotext(chart: TimeseriesChart) -> None:
    ours = plot_text(chart)
    theirs = PlotextPlot.render(chart)  # plotext's canvas through Text.from_ansi
    assert ours.plain == theirs.plain  # type: ignore[union-attr]
    assert ours.spans == theirs.spans  # type: ignore[union-attr]
    assert ours.plain.strip()  # a plot, not an empty frame


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_the_plot_is_the_text_textual_plotext_draws(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        chart = dashboard(app).query_one(TimeseriesChart)
        if not chart.display or not chart.size.area:
            pytest.skip("no chart at this size")
        # 30 days (today not over), 7 days, 12 months, today, another metric, compared.
        same_as_textual_plotext(chart)
        for key in "wlnmx":
            await pilot.press(key)
            await settle(pilot)
            await pilot.pause()
            same_as_textual_plotext(chart)
        for theme in ("textual-light", "nord"):
            app.theme = theme
            await pilot.pause()
            same_as_textual_plotext(chart)
