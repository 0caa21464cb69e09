"""What the status line and the chart say about the period after ← and →: the same kind of
period (the 7 days, the 30 days, the 12 months before), one date for one day, and the year of
a range from another year, at 80x24 and at a wide size (the demo's clock is frozen on
Thursday 2026-11-26, 14:30 UTC)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from krafter_tui.api import Period
from krafter_tui.app import KrafterApp

from .conftest import settle
from .screen_text import screen_lines
from .test_time_keys import Recorder, recorder, status

__all__ = ["recorder"]  # the fixture, shared with test_time_keys

MakeApp = Callable[..., KrafterApp]
SIZES = [(80, 24), (160, 48)]


def chart_title(app: KrafterApp) -> str:
    """The line holding the chart pane's title (the second border down the left)."""
    lines = screen_lines(app)
    return next((line for line in lines if "per day" in line or "per month" in line), lines[7])


async def press(pilot: object, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)  # type: ignore[attr-defined]
        await settle(pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", SIZES)
async def test_last_7_days_steps_to_the_7_days_before_twice_and_back(
    make_app: MakeApp, recorder: Recorder, size: tuple[int, int]
) -> None:
    app = make_app(transport=recorder)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "w", "left")
        # 7d covers Nov 19–26 (eight days, the API's); the 7 days before are Nov 12–18.
        assert recorder.last() == ("2026-11-12", "2026-11-18")
        line = status(app)
        assert "7 days" in line and "8 days" not in line, line
        assert "Nov 12–Nov 18" in line or "2026-11-12 – 2026-11-18" in line, line
        await press(pilot, "left")
        assert recorder.last() == ("2026-11-05", "2026-11-11")
        assert "7 days" in status(app)
        await press(pilot, "right")
        assert recorder.last() == ("2026-11-12", "2026-11-18")
        await press(pilot, "right")
        assert recorder.last() == ("7d",)
        assert "Last 7 days" in status(app)


@pytest.mark.parametrize("size", SIZES)
async def test_last_12_months_steps_to_the_12_months_before_charted_by_month(
    make_app: MakeApp, recorder: Recorder, size: tuple[int, int]
) -> None:
    app = make_app(transport=recorder)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        assert "per month" in chart_title(app) or "┈○ Nov so far" in " ".join(screen_lines(app))
        await press(pilot, "left")
        # 12mo is 2025-11-26..2026-11-26: the twelve months before end the day before it.
        assert recorder.last() == ("2024-11-26", "2025-11-25")
        line = status(app)
        assert "12 months" in line and "days" not in line, line
        title = chart_title(app)
        assert "per month" in title and "per day" not in title, title
        await press(pilot, "left")
        assert recorder.last() == ("2023-11-26", "2024-11-25")
        assert "12 months" in status(app)
        assert "per month" in chart_title(app)
        await press(pilot, "right", "right")
        assert recorder.last() == ("12mo",)
        assert "Last 12 months" in status(app)


@pytest.mark.parametrize("size", SIZES)
async def test_one_day_reads_as_one_date(
    make_app: MakeApp, recorder: Recorder, size: tuple[int, int]
) -> None:
    app = make_app(transport=recorder)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        line = status(app)
        assert "Today" in line and "–" not in line, line  # not Nov 26–Nov 26
        assert "2026-11-26" in line or "Nov 26" in line, line
        await press(pilot, "left")
        assert recorder.last() == ("2026-11-25", "2026-11-25")
        line = status(app)
        assert "Wed 25 Nov 2026" in line and "–" not in line, line
        assert line.count("25") == 1, line  # the date once, not beside itself


async def test_a_range_from_another_year_keeps_its_year_at_80x24(
    make_app: MakeApp, recorder: Recorder
) -> None:
    app = make_app(transport=recorder, period=Period.parse("2025-02-11..2025-02-18"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert recorder.last() == ("2025-02-11", "2025-02-18")
        line = status(app)
        assert "Feb 11–Feb 18 '25" in line, line
        await press(pilot, "w")  # this year's range needs no year
        line = status(app)
        assert "Nov 19–Nov 26" in line and "'" not in line, line


async def test_a_range_from_another_year_shows_its_full_dates_when_wide(
    make_app: MakeApp, recorder: Recorder
) -> None:
    app = make_app(transport=recorder, period=Period.parse("2025-02-11..2025-02-18"))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert "2025-02-11 – 2025-02-18" in status(app)
