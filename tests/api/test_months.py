"""Daily rows gathered into months for the charts of twelve-month periods."""

from __future__ import annotations

from datetime import date, timedelta

from krafter_tui.api.models import TimeseriesPoint
from krafter_tui.api.months import by_month


def day(when: date, pageviews: int, visitors: int, visits: int) -> TimeseriesPoint:
    return TimeseriesPoint(date=when, pageviews=pageviews, visitors=visitors, visits=visits)


def test_days_are_summed_into_the_months_they_fall_in_dated_the_first() -> None:
    start = date(2024, 11, 26)  # Nov 26 .. Dec 31, then Jan 1 .. Jan 2 of the next year
    rows = [day(start + timedelta(n), 10 + n, 2, 3) for n in range(38)]
    months = by_month(rows)
    assert [m.date for m in months] == [date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1)]
    # November: 5 days (26..30) of 10..14 pageviews; December: 31 days of 15..45; January 46+47.
    assert [m.pageviews for m in months] == [60, sum(range(15, 46)), 93]
    assert [m.visits for m in months] == [15, 93, 6]
    assert [m.visitors for m in months] == [10, 62, 4]


def test_monthly_rows_come_back_as_they_are() -> None:
    rows = [day(date(2025, m, 1), m, m, m) for m in range(1, 13)]
    assert by_month(rows) == rows
    assert by_month([]) == []
