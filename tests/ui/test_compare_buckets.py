"""The compared line shares the current one's buckets and axis, for every kind of period.

Every period kind (the API's presets, the named periods resolved here, a typed range, a range
stepped to with ←) × every comparison (off, previous period, a year before) × every metric
(m cycles), read back from the rendered chart: where each line runs on screen, the x axis's
labels, and the legend; and the number of points of each series.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from krafter_tui.api import Period
from krafter_tui.app import KrafterApp
from krafter_tui.ui.widgets import TimeseriesChart

from .conftest import settle
from .screen_text import screen_rows

MakeApp = Callable[..., KrafterApp]

METRICS = ("Pageviews", "Visitors", "Visits")  # the order m cycles through
MODES = ("off", "previous", "year")  # the order x cycles through

# (period given at launch, keys pressed after it): every kind the dashboard can show.
KINDS = [
    pytest.param("12mo", (), id="12mo"),
    pytest.param("30d", (), id="30d"),
    pytest.param("7d", (), id="7d"),
    # today: without the record's hours its chart is the last 7 days (tests/ui/test_today_week.py)
    pytest.param("yesterday", (), id="yesterday"),
    pytest.param("month", (), id="month"),
    pytest.param("lastmonth", (), id="lastmonth"),
    pytest.param("year", (), id="year"),
    pytest.param("all", (), id="all"),
    pytest.param("2026-09-14..2026-10-20", (), id="custom"),
    pytest.param("12mo", ("left",), id="12mo-stepped"),
    pytest.param("30d", ("left",), id="30d-stepped"),
    pytest.param("lastmonth", ("left",), id="lastmonth-stepped"),
]


def is_dot(char: str) -> bool:
    """A cell of the current line: braille dots, or the open dot of a bucket not over."""
    return "\u2800" < char <= "\u28ff" or char == "○"


class ChartOnScreen:
    """The chart pane as drawn: legend line, plot rows, x axis labels (borders cut off)."""

    def __init__(self, rows: list[str], metric: str) -> None:
        titles = (f"╭─ {metric} per ", f"╭─ {metric} · ")  # not "Visitors now"
        top = next(i for i, row in enumerate(rows) if row.startswith(titles))
        right = rows[top].index("╮")
        bottom = next(i for i in range(top + 1, len(rows)) if rows[i].startswith("╰"))
        inner = [row[1:right] for row in rows[top + 1 : bottom]]
        axis = next(i for i, row in enumerate(inner) if "└" in row)
        frame = next(i for i, row in enumerate(inner) if "┌" in row)
        self.legend = " ".join(row.strip() for row in inner[:frame])
        self.labels = inner[axis + 1].split()
        self.left = inner[axis].index("└") + 1
        self.right = inner[axis].rindex("┘") - 1
        self.plot = [row[self.left : self.right + 1] for row in inner[frame + 1 : axis]]

    def columns(self, is_mark: Callable[[str], bool]) -> list[int]:
        """The plot's columns (0 = its first) holding a cell ``is_mark`` takes."""
        return sorted({x for row in self.plot for x, char in enumerate(row) if is_mark(char)})

    @property
    def width(self) -> int:
        return self.right - self.left + 1


def buckets(first: date, last: date, monthly: bool) -> int:
    """How many rows a range has on the calendar: days, or the calendar months it touches."""
    if monthly:
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return (last - first).days + 1


def span_words(first: date, last: date, monthly: bool) -> tuple[str, str]:
    """How the legend names a range's two ends: ``Dec '24`` for months, ``Nov 26`` for days."""
    if monthly:
        return f"{first:%b} '{first:%y}", f"{last:%b} '{last:%y}"
    return f"{first:%b} {first.day}", f"{last:%b} {last.day}"


@pytest.mark.parametrize(("period", "keys"), KINDS)
async def test_the_compared_line_is_drawn_in_the_current_lines_buckets_on_its_axis(
    make_app: MakeApp, period: str, keys: tuple[str, ...]
) -> None:
    app = make_app(period=Period.parse(period))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        chart = app.screen.query_one(TimeseriesChart)
        axis_without: dict[str, list[str]] = {}
        for mode in MODES:
            for metric in METRICS:
                drawn = ChartOnScreen(screen_rows(app), metric)
                stats = app.screen.state.stats  # type: ignore[attr-defined]
                current = stats.period
                monthly = len(chart.points) == buckets(current.start, current.end, True) > 1
                where = (period, keys, mode, metric)
                # The current line: one point per bucket of its range, across the whole plot.
                assert len(chart.points) == buckets(current.start, current.end, monthly), where
                line = drawn.columns(is_dot)
                if len(chart.points) > 1:
                    assert line[0] <= 1 and line[-1] >= drawn.width - 2, (where, line)
                # The x axis says what it says without a comparison.
                if mode == "off":
                    axis_without[metric] = drawn.labels
                    assert "···" not in drawn.legend and "━" not in drawn.legend, where
                    assert not drawn.columns(lambda c: c == "·"), where
                    await pilot.press("m")
                    await settle(pilot)
                    continue
                assert drawn.labels == axis_without[metric], where
                compared = app.screen.state.compared.period  # type: ignore[attr-defined]
                first, last = Period.compare_range(current.start, current.end, mode)
                assert (compared.start, compared.end) == (first, last), where
                # The legend names both ranges, in the buckets drawn (months or days).
                now_first, now_last = span_words(current.start, current.end, monthly)
                then_first, then_last = span_words(first, last, monthly)
                assert "━" in drawn.legend and now_first in drawn.legend, (where, drawn.legend)
                if current.start != current.end:
                    assert now_last in drawn.legend, (where, drawn.legend)
                assert f"··· {then_first}" in drawn.legend, (where, drawn.legend)
                assert then_last in drawn.legend, (where, drawn.legend)
                # The totals' hint names the same range, its years on both ends when it
                # spans a new year (a year-long range read "vs Nov 25–Nov 25 '25").
                years = first.year != last.year or mode == "year"
                since = f" '{first:%y}" if first.year != last.year else ""
                until = f" '{last:%y}" if years else ""
                said = f"{first:%b} {first.day}{since}–{last:%b} {last.day}{until}"
                if first == last:  # one day reads as one date
                    said = f"{first:%b} {first.day}{until}"
                # A period not over is set against the same share of the compared one.
                vs = "vs same share of" if current.end >= chart.today else "vs"
                borders = " ".join(r for r in screen_rows(app) if r.startswith("╰"))
                assert f"{vs} {said}" in borders, (where, said, borders)
                values = chart.compared_values()
                dots = drawn.columns(lambda c: c == "·")
                # One point per bucket, as many as the current line's, across the plot.
                # (A year before that holds a Feb 29 has a day more: drawn up to the
                # current line's last bucket.) Visitors too: months against months.
                assert values is not None, where
                assert buckets(first, last, monthly) - len(chart.points) in (0, 1), where
                assert len(values) == len(chart.points), where
                if len(values) > 1:
                    # Both start on the left (where the current line may hide the dots
                    # where they meet, at 0 before the site was added): the compared
                    # line must end where the current one ends, not short of it.
                    assert dots and dots[-1] >= drawn.width - 3, (where, dots)
                else:
                    assert dots, where
                await pilot.press("m")
                await settle(pilot)
            await pilot.press("x")
            await settle(pilot)


def test_a_day_before_the_months_it_is_bucketed_in_counts_for_its_own_month() -> None:
    from krafter_tui.api import TimeseriesPoint
    from krafter_tui.ui.widgets.chart_series import bucketed_like

    months = [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    days = [date(2024, 12, 30) + timedelta(days=i) for i in range(40)]  # Dec 30 .. Feb 7
    points = [TimeseriesPoint(d, pageviews=2, visitors=1, visits=1) for d in days]
    series = bucketed_like(points, months)
    assert series.dates == (date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1))
    assert series.values("pageviews") == [4, 62, 14]
    assert series.values("visits") == [2, 31, 7]
    # Visitors add up into months as the server's own monthly rows do (api/months.py).
    assert series.values("visitors") == [2, 31, 7]
    # Days beside days stay as they are, visitors included.
    same = bucketed_like(points, days)
    assert same.values("visitors") == [1] * 40 and same.dates == tuple(days)
