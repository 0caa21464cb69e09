"""Today in 10 minutes where the chart has the room: read back from the rendered chart, the
same 24-hour axis in the user's zone drawn in 144 buckets (title ``per 10 min``) on a wide
screen and by the hour on a small one, nothing before the record began, a gap said and left
empty (not drawn as zero), and the title following a resize."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from krafter_tui.demo import DemoApp
from krafter_tui.record import Record
from krafter_tui.ui.widgets.chart import GAP_LABEL

from .conftest import FROZEN, settle
from .record_fill import demo_site, fill
from .screen_text import screen_rows
from .test_compare_buckets import ChartOnScreen, is_dot
from .test_hours_chart import (  # noqa: F401 (record and zone are fixtures)
    SINCE,
    Clock,
    app_on,
    braille,
    chart_title,
    hour_column,
    open_chart,
    record,
    zone,
)


def bucket_column(chart: ChartOnScreen, bucket: int) -> int:
    """The plot column of 10-minute bucket ``bucket`` (0..143 from the day's first)."""
    return round(bucket * (chart.width - 1) / 143)


def y_ticks(app: object) -> list[int]:
    """The chart's value labels on its left axis (the first ``┤`` of each row)."""
    ticks = []
    for row in screen_rows(app):  # type: ignore[arg-type]
        label = row[1 : row.find("┤")].strip() if row.startswith("│") and "┤" in row else ""
        if label.isdigit():
            ticks.append(int(label))
    return ticks


def marks_within(chart: ChartOnScreen, low: int, high: int, is_mark: Callable[[str], bool]) -> bool:
    """Whether a mark is drawn in the plot's columns ``low``..``high``."""
    return any(low <= x <= high for x in chart.columns(is_mark))


@pytest.mark.parametrize(
    ("zone", "first_label", "since"),
    [("UTC", "00:00", "09:14"), ("Asia/Tokyo", "09:00", "18:14")],
    indirect=["zone"],
)
@pytest.mark.parametrize(("size", "unit"), [((200, 60), "10 min"), ((80, 24), "hour")])
async def test_in_ten_minutes_where_the_chart_has_the_room(
    demo: DemoApp,
    tmp_path: Path,
    record: Record,  # noqa: F811
    zone: str,  # noqa: F811
    first_label: str,
    since: str,
    size: tuple[int, int],
    unit: str,
) -> None:
    fill(record, demo, SINCE, FROZEN)
    app = app_on(demo, Clock(FROZEN), tmp_path, "30d")
    async with app.run_test(size=size) as pilot:
        chart = await open_chart(app, pilot, record, "n")
        title = chart_title(app)
        assert title.startswith(f"╭─ Pageviews per {unit}"), title
        assert chart.labels[0] == first_label, chart.labels
        drawn = chart.columns(is_dot)
        if unit == "hour":
            assert min(drawn) >= hour_column(chart, 9) - 1, drawn
            assert max(drawn) <= hour_column(chart, 14) + 1, drawn
            return
        assert f"recorded since {since}" in title, title
        # 09:14 is in bucket 55 (09:10–09:20): nothing before it, not zeros.
        assert min(drawn) >= bucket_column(chart, 55) - 1, drawn
        # Every hour from 10:00 to 14:00 has marks in each of its six buckets' columns.
        for bucket in range(60, 86, 3):
            column = bucket_column(chart, bucket)
            assert marks_within(chart, column - 1, column + 1, braille), bucket
        # 14:30: the last bucket seen is 14:20–14:30; nothing after it.
        assert max(drawn) <= bucket_column(chart, 86) + 1, drawn
        # A bucket holds a sixth of an hour: the axis tops out well under the busiest hour.
        hours = record.today_by_hour(demo_site(), FROZEN.date(), FROZEN).hours
        busiest = max(hour.added.pageviews for hour in hours)
        assert 0 < max(y_ticks(app)) < busiest / 2, (y_ticks(app), busiest)


async def test_a_gap_in_ten_minutes_is_left_empty_and_said(
    demo: DemoApp,
    tmp_path: Path,
    record: Record,  # noqa: F811
) -> None:
    fill(record, demo, SINCE, FROZEN.replace(hour=10, minute=58))
    fill(record, demo, FROZEN.replace(hour=13, minute=2), FROZEN)
    app = app_on(demo, Clock(FROZEN), tmp_path, "30d")
    async with app.run_test(size=(200, 60)) as pilot:
        chart = await open_chart(app, pilot, record, "n")
        title = chart_title(app)
        assert "per 10 min" in title and "gap 10:58–13:02" in title, title
        # 11:00 to 13:00 (buckets 66 to 77): no dot at all, not a zero along the bottom.
        low, high = bucket_column(chart, 66), bucket_column(chart, 77)
        assert not marks_within(chart, low, high, braille), chart.plot
        gap_rows = [row for row in chart.plot if GAP_LABEL in row]
        assert len(gap_rows) == 1 and gap_rows[0].count(GAP_LABEL) == 1, gap_rows
        assert low <= gap_rows[0].index(GAP_LABEL) <= high
        assert marks_within(chart, bucket_column(chart, 64), bucket_column(chart, 65), braille)
        assert marks_within(chart, bucket_column(chart, 78), bucket_column(chart, 80), braille)


async def test_the_title_follows_a_resize(
    demo: DemoApp,
    tmp_path: Path,
    record: Record,  # noqa: F811
) -> None:
    fill(record, demo, SINCE, FROZEN)
    app = app_on(demo, Clock(FROZEN), tmp_path, "30d")
    async with app.run_test(size=(200, 60)) as pilot:
        await open_chart(app, pilot, record, "n")
        assert "Pageviews per 10 min" in chart_title(app)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert "Pageviews per hour" in chart_title(app), chart_title(app)
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert "Pageviews per 10 min" in chart_title(app), chart_title(app)
