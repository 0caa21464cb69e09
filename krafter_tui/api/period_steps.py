"""Calendar arithmetic behind stepping and comparing periods: pure functions of dates.

A range is a pair of inclusive dates. It moves by one of four units: ``day`` (by its own
length in days), ``month`` (to the whole calendar month before or after its first day's month),
``year`` (to the whole calendar year before or after) or ``12mo`` (to the twelve months before
or after, as ``Last 12 months`` steps: a year to the day, charted by month). Dates past the
calendar's ends (before 0001-01-01, after 9999-12-31) raise :class:`OverflowError`.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from typing import Literal

__all__ = [
    "Unit",
    "day_label",
    "month_bounds",
    "readable_label",
    "same_dates_a_year_before",
    "shape",
    "shifted",
    "short_range",
]

Unit = Literal["day", "month", "year", "12mo"]

# Fixed English names: strftime's %a/%b follow the C library's locale.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a calendar month; ``month`` may run past 1..12 (it carries)."""
    year, index = divmod(year * 12 + month - 1, 12)
    if not 1 <= year <= 9999:
        raise OverflowError(f"the month falls outside the calendar (year {year})")
    return date(year, index + 1, 1), date(year, index + 1, monthrange(year, index + 1)[1])


def shape(start: date, end: date) -> Unit:
    """``year`` for a whole calendar year, ``month`` for a whole calendar month, else ``day``."""
    if start == date(start.year, 1, 1) and end == date(start.year, 12, 31):
        return "year"
    if (start, end) == month_bounds(start.year, start.month):
        return "month"
    return "day"


def shifted(start: date, end: date, unit: Unit, direction: int) -> tuple[date, date]:
    """The range one step back (``direction`` -1) or forward (+1) from ``start``..``end``."""
    if unit == "year":
        year = start.year + direction
        if not 1 <= year <= 9999:
            raise OverflowError(f"the year {year} falls outside the calendar")
        return date(year, 1, 1), date(year, 12, 31)
    if unit == "month":
        return month_bounds(start.year, start.month + direction)
    if unit == "12mo":
        if direction < 0:
            return _year_before(start), start - timedelta(days=1)
        after = end + timedelta(days=1)
        return after, _year_after(after) - timedelta(days=1)
    length = timedelta(days=(end - start).days + 1)
    return start + direction * length, end + direction * length


def same_dates_a_year_before(start: date, end: date) -> tuple[date, date]:
    """The same dates a year before (Feb 29 becomes Feb 28); a whole month gives the whole
    month a year before (Feb 2025 gives 2024-02-01..2024-02-29)."""
    if shape(start, end) == "month":
        return month_bounds(start.year - 1, start.month)
    return _year_before(start), _year_before(end)


def _year_before(day: date) -> date:
    if day.year == 1:
        raise OverflowError(f"{day} has no date a year before it")
    if (day.month, day.day) == (2, 29):
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def _year_after(day: date) -> date:
    """The same date a year after (Feb 29 gives Mar 1, so a year after it still ends Feb 28)."""
    if day.year == 9999:
        raise OverflowError(f"{day} has no date a year after it")
    if (day.month, day.day) == (2, 29):
        return date(day.year + 1, 3, 1)
    return day.replace(year=day.year + 1)


def day_label(day: date) -> str:
    """``Mon 23 Nov 2026``."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def readable_label(start: date, end: date, unit: Unit) -> str | None:
    """How a range that moves by ``unit`` reads: ``Mon 23 Nov 2026`` (a single day moving by
    days), ``Oct 2026`` (a whole month moving by months), ``2025`` (a whole year moving by
    years); None for any other range, which is then shown by its two dates."""
    if unit == "day" and start == end:
        return day_label(start)
    if unit == "month" and shape(start, end) == "month":
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if unit == "year" and shape(start, end) == "year":
        return str(start.year)
    return None


def short_range(start: date, end: date, this_year: int | None) -> str:
    """A range in few cells: ``Feb 11–Feb 18``, one day as ``Feb 11``.

    A year is left out only where it is ``this_year`` (None: always said): ``Feb 11–Feb 18
    '25`` in another year, ``Dec 7 '25–Dec 7`` across a new year into this one.
    """

    def day(moment: date) -> str:
        return f"{_MONTHS[moment.month - 1]} {moment.day}"

    tail = "" if end.year == this_year else f" '{end:%y}"
    if start == end:
        return f"{day(end)}{tail}"
    head = "" if start.year == end.year else f" '{start:%y}"
    return f"{day(start)}{head}–{day(end)}{tail}"
