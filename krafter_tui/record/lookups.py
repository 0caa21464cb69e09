"""Reading today's totals back: the points of a day, the same time yesterday, the hourly sums.

Today's totals are the series of kinds ``pageviews``, ``visitors`` and ``visits`` over the
span ``day..day``. A reading's value of a series is the series' latest change at or before it
(only changes are written).
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from krafter_tui.api import Totals
from krafter_tui.record.hours import HOUR, HourCounts, Point
from krafter_tui.record.reading import TOTAL_KINDS, utc_day

__all__ = ["SoFar", "hourly_rows", "points", "same_time_yesterday"]


@dataclass(frozen=True)
class SoFar:
    """A day's totals so far as recorded at ``at`` (UTC)."""

    at: datetime
    totals: Totals


def _changes(
    db: sqlite3.Connection, site: int, day: int
) -> dict[str, tuple[list[float], list[int]]]:
    found: dict[str, tuple[list[float], list[int]]] = {kind: ([], []) for kind in TOTAL_KINDS}
    rows = db.execute(
        "SELECT s.kind, c.at, c.value FROM series AS s JOIN changes AS c ON c.series = s.id "
        "WHERE s.site = ? AND s.span_from = ? AND s.span_to = ? AND s.name = '' "
        "AND s.kind IN ('pageviews', 'visitors', 'visits') ORDER BY c.at",
        (site, day, day),
    )
    for kind, at, value in rows:
        found[kind][0].append(float(at))
        found[kind][1].append(int(value or 0))
    return found


def points(db: sqlite3.Connection, site: int, since: float, until: float) -> list[Point]:
    """The readings of today's totals from ``since`` to ``until``, with the one before."""
    rows = db.execute(
        "SELECT at, day FROM readings WHERE site = ? AND day IS NOT NULL AND at <= ? AND at >= "
        "(SELECT coalesce(max(at), 0) FROM readings WHERE site = ? AND day IS NOT NULL "
        "AND at < ?) ORDER BY at",
        (site, until, site, since),
    ).fetchall()
    by_day: dict[int, dict[str, tuple[list[float], list[int]]]] = {}
    found = []
    for at, day in rows:
        if day not in by_day:
            by_day[day] = _changes(db, site, day)
        values = []
        for kind in TOTAL_KINDS:
            times, counts = by_day[day][kind]
            index = bisect_right(times, at) - 1
            values.append(counts[index] if index >= 0 else 0)
        found.append(Point(float(at), int(day), (values[0], values[1], values[2])))
    return found


def same_time_yesterday(
    db: sqlite3.Connection, site: int, now: datetime, tolerance: float
) -> SoFar | None:
    """Yesterday's totals (UTC day) at this time of day, when yesterday was recorded within
    ``tolerance`` seconds before that moment; else None."""
    then = (now - timedelta(days=1)).timestamp()
    day = utc_day(now).toordinal() - 1
    row = db.execute(
        "SELECT max(at) FROM readings WHERE site = ? AND day = ? AND at <= ? AND at >= ?",
        (site, day, then, then - tolerance),
    ).fetchone()
    if row is None or row[0] is None:
        return None
    at = float(row[0])
    [point] = [p for p in points(db, site, at, at) if p.at == at]
    pageviews, visitors, visits = point.totals
    return SoFar(
        datetime.fromtimestamp(at, UTC),
        Totals(pageviews=pageviews, visitors=visitors, visits=visits),
    )


def hourly_rows(
    db: sqlite3.Connection, site: int, since: datetime, until: datetime
) -> list[HourCounts]:
    """The recorded UTC hours that overlap ``since``..``until``, oldest first."""
    rows = db.execute(
        "SELECT hour, pageviews, visitors, visits, covered FROM hourly WHERE site = ? "
        "AND hour >= ? AND hour < ? ORDER BY hour",
        (site, int(since.timestamp() // HOUR), int(-(-until.timestamp() // HOUR))),
    )
    return [
        HourCounts(
            datetime.fromtimestamp(hour * HOUR, UTC),
            Totals(pageviews=pageviews, visitors=visitors, visits=visits),
            float(covered),
        )
        for hour, pageviews, visitors, visits, covered in rows
    ]
