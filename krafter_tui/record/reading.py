"""A reading: the figures of one answer the dashboard polled, as the record files them.

The rule for "today's counts" (all days are UTC days, as the API's):

- An answer is a reading only when its period includes today (``from <= today <= to``, today
  taken at the reading's time): it then holds today's counts so far. Otherwise nothing is
  recorded.
- Today's totals are the timeseries' last point, and only when that point is dated today (a
  daily series). A ``12mo`` answer bucketed by month has no such point: its breakdowns and
  events are recorded, its totals are not.
- Breakdowns and events span the whole period, not just today. They are filed under the
  period's *span* (its ``from``..``to``) and only ever compared with readings of the same
  span: two readings of one span differ by exactly the traffic between them, however long the
  span. When the span moves (a 30-day period slides its first day off at midnight) the new
  span's series start afresh, so a day leaving the period is never read as negative growth.
  Only readings of the period ``today`` (span = today..today) give today's breakdowns as such;
  growth over a window is the same whatever the span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Final

from krafter_tui.api import DIMENSIONS, DateRange, Event, Stats

__all__ = [
    "EVENT_KINDS",
    "TOTAL_KINDS",
    "Reading",
    "events_reading",
    "stats_reading",
    "utc_day",
]

#: The kinds of the series of today's totals, in the order :class:`Totals` has them.
TOTAL_KINDS: Final = ("pageviews", "visitors", "visits")
#: The kinds of an event's series: its total, unique visitors and revenue.
EVENT_KINDS: Final = ("event", "event_unique", "event_revenue")

Value = int | float


def utc_day(moment: datetime) -> date:
    """The API's day at ``moment`` (a naive datetime is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).date()


@dataclass(frozen=True)
class Reading:
    """The figures of one answer at ``at``: ``values`` by (kind, name) over ``span``.

    ``day`` is set when the answer carried today's totals (their kinds are in ``values``, over
    the span ``day..day``); ``listed`` names the dimensions whose rows the answer listed in
    full, so a row that left the list can be told from one that did not change.
    """

    at: datetime
    span: tuple[date, date]
    values: dict[tuple[str, str], Value]
    day: date | None = None
    totals: tuple[int, int, int] | None = None
    listed: frozenset[str] = field(default_factory=frozenset)


def _includes_today(period: DateRange, at: datetime) -> bool:
    return period.start <= utc_day(at) <= period.end


def stats_reading(stats: Stats, at: datetime) -> Reading | None:
    """The reading of a stats answer read at ``at``, or None when its period is not live."""
    if not _includes_today(stats.period, at):
        return None
    today = utc_day(at)
    values: dict[tuple[str, str], Value] = {}
    listed = set()
    for dimension, rows in (stats.breakdown or {}).items():
        if dimension not in DIMENSIONS:
            continue
        listed.add(dimension)
        for row in rows:
            values[(dimension, row.value)] = row.count
    day = totals = None
    last = stats.timeseries[-1] if stats.timeseries else None
    if last is not None and last.date == today:
        day, totals = today, (last.pageviews, last.visitors, last.visits)
    return Reading(
        at, (stats.period.start, stats.period.end), values, day, totals, frozenset(listed)
    )


def events_reading(events: list[Event], period: DateRange, at: datetime) -> Reading | None:
    """The reading of an events answer for ``period`` (the stats answer's, as the events
    answer does not say its own), or None when the period is not live."""
    if not _includes_today(period, at):
        return None
    values: dict[tuple[str, str], Value] = {}
    for event in events:
        values[("event", event.event_name)] = event.total
        values[("event_unique", event.event_name)] = event.unique_count
        if event.revenue is not None:
            values[("event_revenue", event.event_name)] = event.revenue
    return Reading(at, (period.start, period.end), values)
