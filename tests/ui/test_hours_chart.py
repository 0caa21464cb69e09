"""Today and yesterday by the hour, from the record, read back from the rendered chart: the
hours the record saw drawn where they belong on a 24-hour axis in the user's zone, nothing
before the record began, a gap said and marked (not drawn as zero), the hour not over an open
dot; a day the record did not see keeps the API's one point and says why; a new hour after
a poll is drawn in its place."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from krafter_tui.api import Period
from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp
from krafter_tui.local.remembered import StateStore
from krafter_tui.record import Record
from krafter_tui.ui.widgets.chart import GAP_LABEL
from tests.support.zone import local_zone

from .conftest import DEMO_URL, FROZEN, settle
from .helpers import dashboard, wait_until
from .record_fill import fill, new_record
from .screen_text import screen_rows
from .test_compare_buckets import ChartOnScreen, is_dot

SINCE = FROZEN.replace(hour=9, minute=14)  # the record began at 09:14 UTC; now is 14:30


class Clock:
    """The app's clock, moved by the test, read in the process's local zone."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at.astimezone()


def app_on(
    demo: DemoApp, clock: Callable[[], datetime], tmp_path: Path, period: str, **more: Any
) -> KrafterApp:
    options = DashboardOptions(
        api_url=DEMO_URL,
        demo=True,
        realtime_interval=3600.0,
        stats_interval=3600.0,
        period=Period.parse(period),
        **more,
    )
    return KrafterApp(
        options,
        token=DEMO_TOKEN,
        transport=httpx.ASGITransport(app=demo),
        clock=clock,
        state=StateStore(tmp_path / "state.json"),
    )


@pytest.fixture
def zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The process's local zone through TZ, as a user's machine sets it."""
    with local_zone(request.param) as name:
        yield name


@pytest.fixture
def record(tmp_path: Path) -> Iterator[Record]:
    made = new_record(tmp_path / "data" / "record.sqlite3")
    yield made
    made.close()


def hour_column(chart: ChartOnScreen, hour: int) -> int:
    """The plot column of hour ``hour`` (0..23 from the day's first hour)."""
    return round(hour * (chart.width - 1) / 23)


def marks_near(chart: ChartOnScreen, hour: int, is_mark: Callable[[str], bool]) -> bool:
    column = hour_column(chart, hour)
    return any(column - 1 <= x <= column + 1 for x in chart.columns(is_mark))


def braille(char: str) -> bool:
    return "\u2800" < char <= "\u28ff"


async def open_chart(
    app: KrafterApp, pilot: object, record: Record | None, key: str
) -> ChartOnScreen:
    await settle(pilot)  # type: ignore[arg-type]
    dashboard(app).record = record
    await pilot.press(key)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    return ChartOnScreen(screen_rows(app), "Pageviews")


def chart_title(app: KrafterApp) -> str:
    return next(row for row in screen_rows(app) if row.startswith("╭─ Pageviews per"))


@pytest.mark.parametrize(
    ("zone", "first_label", "since"),
    [("UTC", "00:00", "09:14"), ("Asia/Tokyo", "09:00", "18:14")],
    indirect=["zone"],
)
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_today_by_the_hour_from_the_record(
    demo: DemoApp,
    tmp_path: Path,
    record: Record,
    zone: str,
    first_label: str,
    since: str,
    size: tuple[int, int],
) -> None:
    fill(record, demo, SINCE, FROZEN)
    app = app_on(demo, Clock(FROZEN), tmp_path, "30d")
    async with app.run_test(size=size) as pilot:
        chart = await open_chart(app, pilot, record, "n")
        # The API's UTC day, hour by hour, labelled in the user's zone.
        assert chart.labels[0] == first_label, chart.labels
        assert all(len(label) == 5 and label[2] == ":" for label in chart.labels)
        # Nothing before the record began (09:14 UTC is hour 9 of the day): not zeros.
        drawn = chart.columns(is_dot)
        assert drawn and min(drawn) >= hour_column(chart, 9) - 1, drawn
        for hour in (10, 12, 13):
            assert marks_near(chart, hour, braille), hour
        # 14:30: the hour not over is an open dot, the last mark.
        assert marks_near(chart, 14, lambda c: c == "○")
        assert max(drawn) <= hour_column(chart, 14) + 1
        assert GAP_LABEL not in " ".join(chart.plot)
        title = chart_title(app)
        assert title.startswith("╭─ Pageviews per hour"), title
        if size[0] >= 120:
            assert f"recorded since {since}" in title, title


async def test_a_gap_is_said_and_marked_not_drawn_as_zero(
    demo: DemoApp, tmp_path: Path, record: Record
) -> None:
    fill(record, demo, SINCE, FROZEN.replace(hour=10, minute=58))
    fill(record, demo, FROZEN.replace(hour=13, minute=2), FROZEN)
    app = app_on(demo, Clock(FROZEN.astimezone(UTC)), tmp_path, "30d")
    async with app.run_test(size=(120, 40)) as pilot:
        chart = await open_chart(app, pilot, record, "n")
        assert "gap 10:58–13:02" in chart_title(app), chart_title(app)
        plot = [row for row in chart.plot if GAP_LABEL in row]
        assert plot, chart.plot
        # Hours 11 and 12 carry no dot (not a zero at the bottom either) but the word gap.
        for hour in (11, 12):
            column = hour_column(chart, hour)
            assert not any(braille(row[column]) for row in chart.plot), hour
        where = plot[0].index(GAP_LABEL)
        assert hour_column(chart, 11) - 3 <= where <= hour_column(chart, 12) + 1, where
        assert marks_near(chart, 10, braille) and marks_near(chart, 13, braille)


async def test_yesterday_by_the_hour_whole(demo: DemoApp, tmp_path: Path, record: Record) -> None:
    day_before = FROZEN - timedelta(days=1)
    fill(record, demo, day_before.replace(hour=0, minute=1), FROZEN, step=timedelta(minutes=4))
    app = app_on(demo, Clock(FROZEN), tmp_path, "30d")
    async with app.run_test(size=(120, 40)) as pilot:
        chart = await open_chart(app, pilot, record, "e")
        assert "recorded since 00:01" in chart_title(app), chart_title(app)
        for hour in (0, 6, 12, 18, 23):
            assert marks_near(chart, hour, braille), hour
        assert "○" not in " ".join(chart.plot)  # yesterday is over: no open hour


@pytest.mark.parametrize(
    ("key", "note"),
    [
        ("n", "hourly after a while: the record starts now"),
        ("e", "not recorded by the hour"),
    ],
)
async def test_a_day_not_recorded_keeps_the_api_point_and_says_so(
    demo: DemoApp, tmp_path: Path, record: Record, key: str, note: str
) -> None:
    app = app_on(demo, Clock(FROZEN), tmp_path, "30d")
    async with app.run_test(size=(160, 40)) as pilot:
        await open_chart(app, pilot, record, key)
        title = chart_title(app)
        assert "Pageviews per day" in title and note in title, title
        if key == "n":  # today: the last 7 days drawn meanwhile (tests/ui/test_today_week.py)
            assert "last 7 days" in title, title


async def test_without_a_record_today_draws_the_last_7_days(demo: DemoApp, tmp_path: Path) -> None:
    app = app_on(demo, Clock(FROZEN), tmp_path, "30d")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_chart(app, pilot, None, "n")
        title = chart_title(app)
        assert "Pageviews per day · last 7 days · ┈○ today so far ─" in title, title
        assert "record" not in title


async def test_a_new_hour_after_a_poll_is_drawn_in_its_place(
    demo: DemoApp, tmp_path: Path, record: Record
) -> None:
    clock = Clock(FROZEN)
    fill(record, demo, SINCE, FROZEN)
    app = app_on(demo, clock, tmp_path, "today")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dashboard(app).record = record
        await pilot.press("r")
        await settle(pilot)
        before = ChartOnScreen(screen_rows(app), "Pageviews")
        assert marks_near(before, 14, lambda c: c == "○")
        # An hour later: the dashboard went on recording, and a poll comes.
        clock.at = FROZEN + timedelta(hours=1, minutes=1)
        fill(record, demo, FROZEN + timedelta(minutes=2), clock.at)
        await pilot.press("r")
        await settle(pilot)
        after = ChartOnScreen(screen_rows(app), "Pageviews")
        # 14:00 is over (a line now), 15:00 is the open hour, and nothing went past it.
        assert marks_near(after, 14, braille)
        assert not marks_near(after, 14, lambda c: c == "○")
        assert marks_near(after, 15, lambda c: c == "○")
        assert max(after.columns(is_dot)) <= hour_column(after, 15) + 1
        assert after.plot != before.plot


async def test_the_reading_the_dashboard_records_is_drawn_without_waiting_for_the_next_poll(
    demo: DemoApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The record is written after the paint (a worker thread, never in the way of drawing):
    # once it is in, the chart's hours show it. Here the record stopped at 11:00 and the
    # dashboard's own first reading at 14:30 opens a gap, which the title says at once, not an
    # hour later at the next stats poll.
    path = tmp_path / "data" / "record.sqlite3"
    earlier = new_record(path)
    fill(earlier, demo, SINCE, FROZEN.replace(hour=11, minute=0))
    earlier.close()
    write = Record.add_stats

    def slow_disk(self: Record, *args: Any, **kwargs: Any) -> bool:
        time.sleep(0.5)  # the write lands well after the paint
        return write(self, *args, **kwargs)

    monkeypatch.setattr(Record, "add_stats", slow_disk)
    app = app_on(demo, Clock(FROZEN), tmp_path, "today", record=True, record_path=str(path))
    app.recording = True
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_until(
            pilot, lambda: "gap 11:00–14:30" in chart_title(app), 10, "the new reading drawn"
        )
        assert "since 09:14" in chart_title(app)


async def test_the_first_minutes_keep_the_api_point_until_the_record_has_a_stretch(
    demo: DemoApp, tmp_path: Path, record: Record
) -> None:
    # The first poll of a fresh record is one reading: a moment, not a stretch of the day. The
    # chart keeps the day's figure and says the hours come, rather than an empty day at zero.
    fill(record, demo, FROZEN, FROZEN)
    clock = Clock(FROZEN)
    app = app_on(demo, clock, tmp_path, "today")
    async with app.run_test(size=(160, 40)) as pilot:
        await open_chart(app, pilot, record, "n")
        title = chart_title(app)
        assert "Pageviews per day" in title and "hourly after a while" in title, title
        assert "last 7 days" in title, title  # meanwhile the week, today marked
        clock.at = FROZEN + timedelta(minutes=2)  # two minutes on: still a moment
        fill(record, demo, clock.at, clock.at)
        await pilot.press("r")
        await settle(pilot)
        assert "hourly after a while" in chart_title(app)
        clock.at = FROZEN + timedelta(minutes=6)  # six minutes of the day: a stretch
        fill(record, demo, clock.at, clock.at)
        await pilot.press("r")
        await settle(pilot)
        # 160 columns: room for the day in 10 minutes (test_ten_minutes_chart.py)
        assert "Pageviews per 10 min · recorded since 14:30" in chart_title(app)
