"""Unit tests for the chart's x axis: readable dates for 7 days, 30 days, 12 months, custom."""

from __future__ import annotations

from datetime import date, timedelta

from krafter_tui.ui.widgets.chart import is_monthly, tick_labels


def days(start: date, count: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(count)]


def test_a_week_labels_every_day_when_there_is_room() -> None:
    positions, labels = tick_labels(days(date(2025, 2, 11), 8), width=120)
    assert positions == list(range(8))
    assert labels[0] == "Feb 11" and labels[-1] == "Feb 18"


def test_labels_thin_out_on_a_narrow_chart() -> None:
    positions, labels = tick_labels(days(date(2026, 10, 27), 31), width=40)
    assert 2 <= len(labels) <= 5
    assert sum(len(label) + 3 for label in labels) <= 40


def test_monthly_rows_are_labelled_by_month_and_year() -> None:
    months = [date(2025 + (10 + i) // 12, (10 + i) % 12 + 1, 1) for i in range(13)]
    assert is_monthly(months)
    _, labels = tick_labels(months, width=200)
    assert labels[0] == "Nov '25" and labels[-1] == "Nov '26"


def test_a_daily_year_is_not_taken_for_months() -> None:
    year = days(date(2025, 11, 26), 366)
    assert not is_monthly(year)
    positions, labels = tick_labels(year, width=100)
    assert positions[0] == 0 and len(labels) <= 10
    assert labels[0] == "Nov 26"


def test_no_points_no_ticks() -> None:
    assert tick_labels([], width=80) == ([], [])
