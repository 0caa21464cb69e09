"""The panes' comparison mode and the live history, one widget at a time: each is mounted
alone in a small app with the dashboard's styles, at the size its pane has at 80x24 and at
160x48, and read back off the screen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widget import Widget

from krafter_tui.api import BreakdownRow, TimeseriesPoint, Totals
from krafter_tui.feeds.readings import SiteReadings
from krafter_tui.feeds.so_far import SoFar
from krafter_tui.ui.stylesheets import styles_dir
from krafter_tui.ui.widgets import BreakdownTable, RealtimeCounter, TimeseriesChart, TotalsPanel
from krafter_tui.ui.widgets.breakdown import column_widths, row_change
from krafter_tui.ui.widgets.chart import COMPARE_MARKER
from krafter_tui.ui.widgets.chart_axis import span_label
from krafter_tui.ui.widgets.realtime import HISTORY_SPAN, ReadingBars, history_columns

from .screen_text import cells, find_figure, screen_lines, screen_rows, screen_strips

# The sizes of each pane (its widget, for the chart) in the dashboard at 80x24 and 160x48.
CHART_SIZES = [(32, 8), (98, 37)]
TOTALS_SIZES = [(48, 5), (122, 7)]
BREAKDOWN_SIZES = [(46, 10), (60, 27)]
REALTIME_SIZES = [(32, 5), (38, 7)]
NOW = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)


class OneWidget(App[None]):
    """Just ``widget``, filling the screen, in the dashboard's styles."""

    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "looks.tcss"]

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


def days(start: date, values: Sequence[int]) -> list[TimeseriesPoint]:
    """Daily points from ``start`` with ``values`` as pageviews (and a tenth as the rest)."""
    return [
        TimeseriesPoint(start + timedelta(days=i), v, v // 10, v // 10)
        for i, v in enumerate(values)
    ]


def plot_rows(app: Any) -> list[str]:
    """The rows of the plot area: between the frame's top and bottom, inside its sides."""
    rows = screen_lines(app)
    top = next(i for i, row in enumerate(rows) if "┌" in row)
    bottom = next(i for i, row in enumerate(rows) if "└" in row)
    left = rows[top].index("┌")
    return [row[left + 1 : rows[top].index("┐")] for row in rows[top + 1 : bottom]]


def marker_columns(rows: Sequence[str]) -> list[int]:
    """The columns of the plot area where the compared line is drawn."""
    return sorted({c for row in rows for c, ch in enumerate(row) if ch == COMPARE_MARKER})


# -- the chart --------------------------------------------------------------------------------

CURRENT = days(date(2026, 10, 28), [100] * 30)  # Oct 28 – Nov 26
PREVIOUS = days(date(2026, 9, 28), [1000] * 30)  # Sep 28 – Oct 27


@pytest.mark.parametrize("size", CHART_SIZES)
async def test_the_chart_draws_the_compared_period_dotted_with_a_legend(
    size: tuple[int, int],
) -> None:
    chart = TimeseriesChart()
    app = OneWidget(chart)
    async with app.run_test(size=size) as pilot:
        chart.show(CURRENT, "pageviews", compare=PREVIOUS)
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        # The legend names both where it fits, else the compared period (the status line
        # names the current one).
        if size[0] >= 40:
            assert "━ Oct 28–Nov 26  ··· Sep 28–Oct 27" in text
        else:
            assert "··· Sep 28–Oct 27" in text
        rows = plot_rows(app)
        # 1,000 a day before, 100 now: the dotted line runs along the top, across the plot;
        # the braille line of the current period near the bottom.
        dotted = [i for i, row in enumerate(rows) if row.count(COMPARE_MARKER) > len(row) // 2]
        braille = [i for i, row in enumerate(rows) if any("⠁" <= ch <= "⣿" for ch in row)]
        assert dotted and braille and max(dotted) < min(braille), rows

        chart.show(CURRENT, "pageviews")  # comparison off: exactly the plain chart again
        await pilot.pause()
        assert not marker_columns(plot_rows(app))
        assert "Sep 28" not in "\n".join(screen_lines(app))


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(rgb: tuple[int, int, int]) -> float:
        parts = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_the_compared_line_reads_in_light_and_dark_themes(theme: str) -> None:
    chart = TimeseriesChart()
    app = OneWidget(chart)
    async with app.run_test(size=(60, 15)) as pilot:
        app.theme = theme
        chart.show(CURRENT, "pageviews", compare=PREVIOUS)
        await pilot.pause()
        styles = {
            style
            for strip in screen_strips(app)[2:]  # below the legend
            for char, style in cells(strip)
            if char == COMPARE_MARKER and style is not None
        }
        assert styles
        for style in styles:
            assert style.color is not None and style.bgcolor is not None
            foreground, background = style.color.get_truecolor(), style.bgcolor.get_truecolor()
            assert contrast(tuple(foreground), tuple(background)) >= 3, (theme, style)
            assert tuple(foreground) != chart.line_color  # muted, not the current line's


async def test_the_compared_points_sit_beside_the_buckets_of_the_same_index() -> None:
    chart = TimeseriesChart()
    app = OneWidget(chart)
    async with app.run_test(size=(98, 20)) as pilot:
        # Ten days of comparison under a thirty-day chart: the first third only, not
        # stretched across it.
        chart.show(CURRENT, "pageviews", compare=days(date(2026, 9, 28), [500] * 10))
        await pilot.pause()
        rows = plot_rows(app)
        columns = marker_columns(rows)
        width = len(rows[0])
        assert columns and min(columns) <= 1
        assert width * 0.25 < max(columns) < width * 0.4, (columns, width)


async def test_the_legend_takes_the_label_given_and_names_years_a_year_apart() -> None:
    chart = TimeseriesChart()
    app = OneWidget(chart)
    async with app.run_test(size=(98, 20)) as pilot:
        chart.show(CURRENT, "pageviews", compare=PREVIOUS, compare_label="previous 30 days")
        await pilot.pause()
        assert "━ Oct 28–Nov 26  ··· previous 30 days" in "\n".join(screen_lines(app))
        year_before = days(date(2025, 10, 28), [1000] * 30)
        chart.show(CURRENT, "pageviews", compare=year_before)
        await pilot.pause()
        assert "━ Oct 28–Nov 26 '26  ··· Oct 28–Nov 26 '25" in "\n".join(screen_lines(app))


async def test_another_metric_keeps_the_comparison() -> None:
    chart = TimeseriesChart()
    app = OneWidget(chart)
    async with app.run_test(size=(98, 20)) as pilot:
        chart.show(CURRENT, "pageviews", compare=PREVIOUS, series=("site", "30d"))
        chart.set_metric("visitors")
        await pilot.pause()
        assert chart.metric == "visitors" and chart.compare == PREVIOUS
        assert marker_columns(plot_rows(app))


async def test_kept_plots_never_mix_up_compared_and_plain_charts_of_a_series() -> None:
    chart = TimeseriesChart()
    app = OneWidget(chart)
    async with app.run_test(size=(98, 20)) as pilot:
        series = ("site", "30d")
        for _ in range(2):  # the second round is drawn from the kept plots
            chart.show(CURRENT, "pageviews", series=series, compare=PREVIOUS)
            await pilot.pause()
            assert marker_columns(plot_rows(app))
            chart.show(CURRENT, "pageviews", series=series)
            await pilot.pause()
            assert not marker_columns(plot_rows(app))
        # Both plots of the series are kept: toggling the comparison draws neither again.
        assert len({key[0] for key in chart._plots}) == 2


def test_span_labels() -> None:
    assert span_label([p.date for p in CURRENT]) == "Oct 28–Nov 26"
    new_year = [p.date for p in days(date(2025, 12, 20), [1] * 30)]
    assert span_label(new_year) == "Dec 20 '25–Jan 18 '26"
    assert span_label([date(2026, 11, 26)], year=True) == "Nov 26 '26"
    months = [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert span_label(months) == "Dec '25–Feb '26"
    assert span_label([]) == ""


# -- the totals -------------------------------------------------------------------------------

NOW_TOTALS = Totals(pageviews=219_501, visitors=55_438, visits=71_084)
THEN_TOTALS = Totals(pageviews=202_630, visitors=50_770, visits=64_800)


@pytest.mark.parametrize("size", TOTALS_SIZES)
async def test_the_totals_show_both_figures_and_the_change(size: tuple[int, int]) -> None:
    panel = TotalsPanel()
    app = OneWidget(panel)
    async with app.run_test(size=size) as pilot:
        panel.show(NOW_TOTALS, THEN_TOTALS, compare_label="Oct 3–Nov 1")
        await pilot.pause()
        rows = screen_rows(app)
        text = "\n".join(rows)
        for figure in ("219,501", "55,438", "71,084"):
            assert find_figure(rows, figure) is not None, text
        for compared in ("vs 202,630 ▲ 8.3%", "vs 50,770 ▲ 9.2%", "vs 64,800 ▲ 9.7%"):
            assert compared in text
        assert "vs Oct 3–Nov 1" in str(panel.border_subtitle)

        panel.show(NOW_TOTALS, THEN_TOTALS)  # comparison off: the changes alone, as before
        await pilot.pause()
        text = "\n".join(screen_rows(app))
        assert "▲ 8.3%" in text and "vs 202,630" not in text
        assert str(panel.border_subtitle) == "change vs previous period"


async def test_too_narrow_for_the_compared_figures_the_totals_keep_the_change() -> None:
    panel = TotalsPanel()
    app = OneWidget(panel)
    async with app.run_test(size=(34, 5)) as pilot:
        # Half the period gone by: each figure is set against half of the compared one
        # (pageviews 219,501 against 101,315), and that is the figure shown beside it.
        half = SoFar(elapsed=timedelta(days=15), length=timedelta(days=30))
        panel.show(NOW_TOTALS, THEN_TOTALS, so_far=half, compare_label="Oct 3–Nov 1")
        await pilot.pause()
        text = "\n".join(screen_rows(app))
        assert "219,501" in text and "▲ 117%" in text and "vs 101,315" not in text
        assert "202,630" not in text
        await pilot.resize_terminal(48, 5)  # room again: the compared figures come back
        await pilot.pause()
        assert "vs 101,315 ▲ 117%" in "\n".join(screen_rows(app))
        assert str(panel.border_subtitle) == "so far · vs same share of Oct 3–Nov 1"


async def test_the_totals_wait_for_the_compared_figures() -> None:
    panel = TotalsPanel()
    app = OneWidget(panel)
    async with app.run_test(size=TOTALS_SIZES[0]) as pilot:
        panel.show(NOW_TOTALS, None, compare_label="Oct 3–Nov 1")
        await pilot.pause()
        assert "vs …" in "\n".join(screen_rows(app))
        assert "vs Oct 3–Nov 1" in str(panel.border_subtitle)


# -- the breakdown ----------------------------------------------------------------------------

NOW_ROWS = [
    BreakdownRow(value="/pricing", count=120, percent=40.0),
    BreakdownRow(value="/blog", count=97, percent=32.3),
    BreakdownRow(value="/launch", count=50, percent=16.7),
    BreakdownRow(value="/about", count=33, percent=11.0),
]
THEN_ROWS = [
    BreakdownRow(value="/pricing", count=100, percent=40.0),
    BreakdownRow(value="/blog", count=100, percent=40.0),
    BreakdownRow(value="/about", count=50, percent=20.0),
]


def table_rows(app: Any) -> dict[str, str]:
    """Each row of the table on screen, by its value."""
    return {line.split()[1]: line for line in screen_lines(app) if line.startswith("│ /")}


def test_row_changes() -> None:
    assert row_change(120, 100) == ("▲ 20%", "up")
    assert row_change(97, 100) == ("▼ 3%", "down")
    assert row_change(5, None) == ("new", "up")
    assert row_change(5, 0) == ("new", "up")
    assert row_change(100, 100) == ("±0%", "flat")
    assert row_change(5_000, 100) == ("▲ ×50", "up")


@pytest.mark.parametrize("size", BREAKDOWN_SIZES)
async def test_the_breakdown_shows_each_rows_change(size: tuple[int, int]) -> None:
    table = BreakdownTable()
    app = OneWidget(table)
    async with app.run_test(size=size) as pilot:
        table.show({"path": NOW_ROWS}, compare={"path": THEN_ROWS})
        await pilot.pause()
        rows = table_rows(app)
        assert "▲ 20%" in rows["/pricing"] and "▼ 3%" in rows["/blog"]
        assert "new" in rows["/launch"] and "▼ 34%" in rows["/about"]
        # Everything still fits: count, change, share and bar, no sideways scrolling.
        assert "40.0% █" in rows["/pricing"] and rows["/pricing"].endswith("│")
        assert table.query_one("DataTable").virtual_size.width <= table.size.width

        table.show_choice(table.choice.next_sort())  # count ↑: the change stays with its row
        await pilot.pause()
        assert "▲ 20%" in table_rows(app)["/pricing"]
        table.show_choice(table.choice.with_filter("b").next_sort())
        await pilot.pause()
        assert list(table_rows(app)) == ["/about", "/blog"]
        assert "▼ 3%" in table_rows(app)["/blog"]

        table.show({"path": NOW_ROWS})  # comparison off: the column goes
        await pilot.pause()
        assert "Change" not in "\n".join(screen_lines(app))
        assert "▲ 20%" not in "\n".join(screen_lines(app))


def test_the_value_column_gives_way_to_the_change_column_first() -> None:
    plain_value, plain_bar = column_widths(42)  # the breakdown's content at 80x24
    value, bar_width = column_widths(42, change=True)
    assert bar_width == plain_bar and value < plain_value
    assert column_widths(30, change=True)[1] == 0  # values would be too narrow: no bar


async def test_a_dimension_the_compared_answer_lacks_shows_no_change() -> None:
    table = BreakdownTable()
    app = OneWidget(table)
    async with app.run_test(size=BREAKDOWN_SIZES[1]) as pilot:
        table.show({"path": NOW_ROWS}, compare={"referrer": []})
        await pilot.pause()
        rows = table_rows(app)
        assert "Change" in "\n".join(screen_lines(app))
        assert not any(mark in rows["/launch"] for mark in ("new", "▲", "▼"))


# -- the live history -------------------------------------------------------------------------


class LiveFeed:
    """The dashboard's path for a reading: the core's list takes it (the owner of the
    readings), and the pane draws the readings of the site on screen that it is handed."""

    def __init__(self, counter: RealtimeCounter) -> None:
        self.counter = counter
        self.readings = SiteReadings()

    def reading(self, visitors: int, at: datetime, site: str = "a") -> None:
        self.readings.add(site, at, visitors)
        self.counter.show_readings(self.readings.recent(site), fresh=True)

    def switch(self, site: str) -> None:
        self.counter.show_readings(self.readings.recent(site))


@pytest.mark.parametrize("size", REALTIME_SIZES)
async def test_the_history_of_a_site_survives_a_switch_and_back(size: tuple[int, int]) -> None:
    counter = RealtimeCounter()
    app = OneWidget(counter)
    feed = LiveFeed(counter)
    async with app.run_test(size=size) as pilot:
        for minute, visitors in enumerate((12, 14, 13)):
            feed.reading(visitors, NOW + timedelta(minutes=minute), site="a")
        feed.reading(40, NOW + timedelta(minutes=3), site="b")
        await pilot.pause()
        assert counter.readings == [40]
        assert find_figure(screen_rows(app), "40") is not None

        feed.switch("a")
        await pilot.pause()
        assert counter.readings == [12, 14, 13]
        assert counter.last_reading_at == NOW + timedelta(minutes=2)
        assert find_figure(screen_rows(app), "13") is not None
        assert "▼ -1" in "\n".join(screen_lines(app))  # 14 → 13, as it was
        spark = app.query_one(ReadingBars)
        assert spark.readings == [12, 14, 13]
        bottom = str(spark.render()).split("\n")[-1]
        assert bottom.rstrip().endswith("███") and bottom[-4:-3] == " "

        feed.switch("c")  # never shown: waiting, no other site's figures
        await pilot.pause()
        assert counter.readings == [] and "waiting" in "\n".join(screen_lines(app))


async def test_readings_older_than_half_an_hour_drop_out() -> None:
    counter = RealtimeCounter()
    app = OneWidget(counter)
    feed = LiveFeed(counter)
    async with app.run_test(size=REALTIME_SIZES[1]) as pilot:
        feed.reading(90, NOW)
        feed.reading(10, NOW + timedelta(minutes=10))
        feed.reading(11, NOW + HISTORY_SPAN)  # the first: 30 min old
        assert counter.readings == [90, 10, 11]
        feed.reading(12, NOW + HISTORY_SPAN + timedelta(seconds=1))
        await pilot.pause()
        assert counter.readings == [10, 11, 12]
        # An hour later the change is against nothing older than the span: steady.
        feed.reading(50, NOW + timedelta(hours=2))
        await pilot.pause()
        assert counter.readings == [50]
        assert "steady" in "\n".join(screen_lines(app))


async def test_a_site_whose_readings_were_forgotten_waits() -> None:
    counter = RealtimeCounter()
    app = OneWidget(counter)
    feed = LiveFeed(counter)
    async with app.run_test(size=REALTIME_SIZES[0]) as pilot:
        feed.reading(5, NOW)
        feed.reading(6, NOW + timedelta(seconds=10))
        feed.readings.forget("a")
        feed.switch("a")
        await pilot.pause()
        assert counter.readings == [] and counter.last_reading_at is None
        assert "waiting" in "\n".join(screen_lines(app))


def test_a_history_longer_than_the_chart_is_drawn_whole() -> None:
    readings = [90] + [10] * 178 + [30]  # half an hour at 10 s: the oldest a spike
    columns = history_columns(readings, 20)
    assert len(columns) == 20 and columns[0] == 90 and columns[-1] == 30
    assert set(columns[1:-1]) == {10}
    assert history_columns([1, 2, 3], 20) == [1, 2, 3]  # room for each: as they are
