"""Query parameters of the stats and events endpoints: ``period``, ``from``/``to``, dimensions.

Definitions (all UTC, all bounds inclusive):

* ``7d``: today-7 .. today (8 daily rows, like the published 2025-02-11..18 example).
* ``30d`` (the default): today-30 .. today (31 daily rows).
* ``12mo``: the same calendar day 12 months ago (Feb 29 becomes Feb 28) .. today, bucketed in
  monthly rows dated the first of each month, the first row being the month of ``from``.
* ``custom``: ``from`` .. ``to`` in daily rows; at most :data:`MAX_CUSTOM_DAYS` days. Dates after
  today are allowed (they are zero-filled). ``from``/``to`` are ignored for the other periods.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from krafter_tui.demo.refusals import ApiError

__all__ = ["DIMENSIONS", "MAX_CUSTOM_DAYS", "PERIODS", "Period", "parse_dimensions", "parse_period"]

PERIODS = ("7d", "30d", "12mo", "custom")
DIMENSIONS = (
    "path",
    "referrer",
    "country",
    "device",
    "browser",
    "os",
    "utm_source",
    "utm_medium",
    "utm_campaign",
)
MAX_CUSTOM_DAYS = 400


@dataclass(frozen=True)
class Period:
    """A resolved period: inclusive UTC dates and whether the timeseries is monthly."""

    start: date
    end: date
    monthly: bool = False

    def days(self) -> list[date]:
        """Every day of the period, ascending."""
        return [self.start + timedelta(n) for n in range((self.end - self.start).days + 1)]

    def buckets(self) -> list[date]:
        """The timeseries row dates: every day, or the first day of every month touched."""
        if not self.monthly:
            return self.days()
        rows, month = [], self.start.replace(day=1)
        while month <= self.end:
            rows.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return rows


def _months_back(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for dom in (day.day, 30, 29, 28):
        try:
            return date(year, month, dom)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _parse_date(raw: str) -> date | None:
    if len(raw) != 10:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def parse_period(params: Mapping[str, str], today: date) -> Period:
    """Resolve the query parameters into a :class:`Period`, or raise the documented 400/422."""
    period = params.get("period") or "30d"
    if period == "7d":
        return Period(today - timedelta(days=7), today)
    if period == "30d":
        return Period(today - timedelta(days=30), today)
    if period == "12mo":
        return Period(_months_back(today, 12), today, monthly=True)
    if period != "custom":
        raise ApiError(400, f"Invalid period '{period}': use one of {', '.join(PERIODS)}")
    details: dict[str, list[str]] = {}
    bounds: dict[str, date] = {}
    for field in ("from", "to"):
        raw = params.get(field)
        if not raw:
            details[field] = ["is required when period is custom"]
        elif (parsed := _parse_date(raw)) is None:
            details[field] = ["is not a valid date (expected YYYY-MM-DD)"]
        else:
            bounds[field] = parsed
    if details:
        raise ApiError.invalid(details)
    start, end = bounds["from"], bounds["to"]
    if start > end:
        raise ApiError.invalid({"from": ["must be on or before to"]})
    if (end - start).days + 1 > MAX_CUSTOM_DAYS:
        raise ApiError.invalid({"to": [f"range must not exceed {MAX_CUSTOM_DAYS} days"]})
    return Period(start, end)


def parse_dimensions(raw: str | None) -> tuple[str, ...]:
    """The requested dimensions in request order, deduplicated; 400 on an unknown one."""
    if raw is None:
        return ()
    wanted: list[str] = []
    for part in raw.split(","):
        name = part.strip()
        if not name:
            continue
        if name not in DIMENSIONS:
            raise ApiError(400, f"Unknown dimension '{name}': use any of {', '.join(DIMENSIONS)}")
        if name not in wanted:
            wanted.append(name)
    return tuple(wanted)
