"""What the chart says on screen: round value ticks, and a last bucket that is not over drawn
as such (dotted, an open dot, muted) with the words in the title."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from rich.style import Style
from textual.color import Color

from krafter_tui.api import Period
from krafter_tui.app import KrafterApp
from krafter_tui.ui.widgets import Pane, TimeseriesChart
from krafter_tui.ui.widgets.chart import PARTIAL_MARKER
from krafter_tui.ui.widgets.chart_axis import axis_label, value_ticks

from .conftest import settle
from .screen_text import cells, line_with, screen_strips

MakeApp = Callable[..., KrafterApp]
TICK = re.compile(r"^\s*([\d.]+)([kM]?)┤")


def chart_cells(app: KrafterApp) -> list[list[tuple[str, Style | None]]]:
    """The chart's own cells, as drawn on the screen."""
    chart = app.screen.query_one(TimeseriesChart)
    x, y, width, height = chart.region
    return [cells(strip)[x : x + width] for strip in screen_strips(app)[y : y + height]]


def chart_text(app: KrafterApp) -> list[str]:
    return ["".join(ch for ch, _ in row) for row in chart_cells(app)]


def ticks_on_screen(app: KrafterApp) -> list[float]:
    scale = {"": 1, "k": 1e3, "M": 1e6}
    found = [TICK.match(line) for line in chart_text(app)]
    return [float(m[1]) * scale[m[2]] for m in reversed(found) if m]


def is_round_step(step: float) -> bool:
    while step >= 10:
        step /= 10
    return round(step, 6) in (1, 2, 5)


def test_ticks_are_round_and_more_where_there_is_room() -> None:
    assert [axis_label(t) for t in value_ticks(10_400 * 1.05, 6)] == ["0", "5k", "10k"]
    assert [axis_label(t) for t in value_ticks(217_000 * 1.05, 6)] == ["0", "100k", "200k"]
    tall = value_ticks(10_400 * 1.05, 44)
    assert len(tall) == 11 and axis_label(tall[1]) == "1k"
    assert [axis_label(t) for t in value_ticks(3, 40)] == ["0", "1", "2", "3"]  # whole counts
    assert value_ticks(0, 40) == [0.0]
    assert axis_label(1500) == "1.5k" and axis_label(2_500_000) == "2.5M"


async def test_the_chart_on_screen_has_round_ticks_at_every_size(make_app: MakeApp) -> None:
    for size, least in (((80, 24), 3), ((160, 48), 8)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            ticks = ticks_on_screen(app)
            assert len(ticks) >= least, (size, chart_text(app))
            steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}
            assert ticks[0] == 0 and len(steps) == 1 and is_round_step(steps.pop()), ticks


def muted(app: KrafterApp) -> Color:
    return app.screen.query_one(TimeseriesChart).partial_color()


async def test_today_is_drawn_as_a_day_not_over(make_app: MakeApp) -> None:
    app = make_app()  # 30 days up to the demo's today, Nov 26 at 14:30 UTC
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Pageviews per day · ┈○ today so far" in line_with(app, "Pageviews per day")
        rows = chart_cells(app)
        marks = [
            (y, x)
            for y, row in enumerate(rows)
            for x, (ch, _) in enumerate(row)
            if ch == PARTIAL_MARKER
        ]
        assert len(marks) == 1, chart_text(app)
        # The open dot is the rightmost point drawn, in the muted colour, and the muted dots
        # lead to it from the day before (a dotted last segment), nowhere else.
        (mark_y, mark_x) = marks[0]
        colour = muted(app).rich_color
        muted_at = [
            x
            for row in rows
            for x, (ch, style) in enumerate(row)
            if style is not None and style.color == colour and ch.strip() and ch not in "┤┬│└─┘┌┐"
        ]
        plotted = [x for row in rows for x, (ch, _) in enumerate(row) if "\u2800" < ch <= "\u28ff"]
        assert mark_x == max(plotted + [mark_x])
        assert len(muted_at) >= 2 and min(muted_at) >= mark_x - 4, (muted_at, mark_x)
        # Dotted: a dot or two per cell, not the four or so of a solid line through it.
        dots = [
            bin(ord(ch) - 0x2800).count("1")
            for row in rows
            for ch, style in row
            if style is not None and style.color == colour and "\u2800" < ch <= "\u28ff"
        ]
        assert dots and max(dots) <= 2, dots
        totals = line_with(app, "so far")
        assert "so far · vs same share of previous period" in totals


async def test_twelve_months_mark_the_month_not_over(make_app: MakeApp) -> None:
    app = make_app(period=Period("12mo"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Pageviews per month · ┈○ Nov so far" in line_with(app, "per month")
        assert sum(row.count(PARTIAL_MARKER) for row in chart_text(app)) == 1


async def test_a_range_that_has_ended_has_no_partial_marks(make_app: MakeApp) -> None:
    period = Period("custom", date(2026, 11, 1), date(2026, 11, 25))
    app = make_app(period=period)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        title = line_with(app, "Pageviews per day")
        assert "so far" not in title
        assert not any(PARTIAL_MARKER in row for row in chart_text(app))
        assert "change vs previous period" in line_with(app, "change vs")
        assert not any("so far" in line for line in chart_text(app))


async def test_a_narrow_chart_keeps_the_partial_words(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#chart-pane", Pane)
        assert "Pageviews · ┈○ today so far" in line_with(app, "today so far")
        assert str(pane.border_title) == "Pageviews · ┈○ today so far"
