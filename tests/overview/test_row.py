"""A row of the overview in words: the sparkline, the change against the same share of
yesterday (the so-far rule, tests/feeds/test_so_far.py), the ▲/▼ of visitors now, and its age
with a problem."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from krafter_tui.api import DateRange, Site, Stats, TimeseriesPoint, Totals
from krafter_tui.overview.row import SiteRow, sparkline

TODAY = date(2026, 11, 26)
SITE = Site("u1", "shop.example", "Shop", "sk_shop", False, "2024-01-01T00:00:00Z")


def stats(visitors: list[int]) -> Stats:
    """Eight days up to TODAY with these visitors (pageviews twice as many)."""
    first = TODAY - timedelta(days=len(visitors) - 1)
    points = [
        TimeseriesPoint(first + timedelta(days=i), 2 * v, v, v) for i, v in enumerate(visitors)
    ]
    total = Totals(sum(2 * v for v in visitors), sum(visitors), sum(visitors))
    return Stats(DateRange(first, TODAY), total, points)


def test_the_sparkline_scales_to_the_largest_day() -> None:
    assert sparkline([0, 4, 8]) == "▁▅█"
    assert sparkline([5, 5]) == "██"
    assert sparkline([0, 0, 0]) == "▁▁▁"
    assert sparkline([]) == ""


def test_a_row_takes_today_yesterday_and_the_seven_days_before_today() -> None:
    row = SiteRow(SITE)
    at = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    row.took(7, stats([10, 20, 30, 40, 50, 60, 1000, 600]), TODAY, at)
    assert row.today is not None and (row.today.visitors, row.today.pageviews) == (600, 1200)
    assert row.yesterday is not None and row.yesterday.visitors == 1000
    assert row.trend == (10, 20, 30, 40, 50, 60, 1000)
    assert row.change(at) == ("▲ 20.0%", "up")
    assert row.arrow() == ""  # one reading: nothing to compare with
    row.took(9, stats([1] * 8), TODAY, at)
    assert row.arrow() == "▲"
    row.took(3, stats([1] * 8), TODAY, at)
    assert row.arrow() == "▼"


def test_a_day_missing_from_the_answer_is_no_figure_not_zero() -> None:
    row = SiteRow(SITE)
    at = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    row.took(1, stats([5, 6]), TODAY - timedelta(days=5), at)  # no point for "today"
    assert row.today is None and row.change(at) == ("", "flat")


def test_the_age_says_waiting_then_how_old_and_a_problem_first() -> None:
    row = SiteRow(SITE)
    at = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    assert row.freshness(at) == "waiting"
    row.took(1, stats([1] * 8), TODAY, at)
    assert row.freshness(at + timedelta(seconds=12)) == "12s ago"
    row.failed("offline", at + timedelta(seconds=100))
    assert row.freshness(at + timedelta(seconds=200)) == "offline · 3m ago"
    assert row.today is not None  # the figures stay
