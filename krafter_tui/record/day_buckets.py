"""A day by the hour and in 10 minutes at once, from one reading of the record's points.

The chart draws today (or yesterday) by the hour, or in 10-minute buckets where it has the
room (:mod:`krafter_tui.ui.widgets.chart_hours`): both come from the same readings of today's
totals, read once here and spread twice by :func:`~krafter_tui.record.hours.today_by_hour`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import Final

from krafter_tui.record import hours
from krafter_tui.record.record_file import Record

__all__ = ["TEN_MINUTES", "day_in_buckets"]

#: The width of the chart's finer buckets: 144 to a day.
TEN_MINUTES: Final = 600.0

Both = tuple[hours.TodayByHour, hours.TodayByHour]


def day_in_buckets(
    record: Record, site_key: str, day: date, now: datetime, tz: tzinfo = UTC
) -> Both:
    """``day`` (a date in ``tz``) up to ``now`` by the hour and in 10 minutes, as
    :meth:`Record.today_by_hour` answers it (never raises; not recording: nothing recorded)."""
    found = record.day_points(site_key, day, now, tz)
    by_hour = hours.today_by_hour(found, day, now, tz, record.gap)
    return by_hour, hours.today_by_hour(found, day, now, tz, record.gap, TEN_MINUTES)
