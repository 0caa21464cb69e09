"""A day by the hour and in 10 minutes at once, from one reading of the record's points.

The chart draws today (or yesterday) by the hour, or in 10-minute buckets where it has the
room (:mod:`krafter_tui.ui.widgets.chart_hours`): both come from the same readings of today's
totals, read once here and spread twice by :func:`~krafter_tui.record.hours.today_by_hour`.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, tzinfo
from typing import Final

from krafter_tui.record import hours, lookups
from krafter_tui.record.record_file import Record
from krafter_tui.record.writing import site_id

__all__ = ["TEN_MINUTES", "day_in_buckets"]

#: The width of the chart's finer buckets: 144 to a day.
TEN_MINUTES: Final = 600.0

Both = tuple[hours.TodayByHour, hours.TodayByHour]


def day_in_buckets(
    record: Record, site_key: str, day: date, now: datetime, tz: tzinfo = UTC
) -> Both:
    """``day`` (a date in ``tz``) up to ``now`` by the hour and in 10 minutes, as
    :meth:`Record.today_by_hour` answers it (never raises; not recording: nothing recorded)."""

    def both(found: list[hours.Point]) -> Both:
        by_hour = hours.today_by_hour(found, day, now, tz, record.gap)
        return by_hour, hours.today_by_hour(found, day, now, tz, record.gap, TEN_MINUTES)

    def ask(db: sqlite3.Connection) -> Both:
        # The record's own way in (its lock, its "not recording"): record_file.py is being
        # changed beside this; Record.today_by_hour could take a width later.
        site = site_id(db, record._filing.name(site_key), create=False)
        if site is None:
            return both([])
        begin = datetime.combine(day, datetime.min.time(), tz).timestamp()
        return both(lookups.points(db, site, begin, now.timestamp()))

    return record._guard(ask, both([]))
