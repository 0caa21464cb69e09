"""Today by the hour, from the differences of successive readings of today's totals.

Two readings of one UTC day differ by exactly the traffic between them; that difference is
placed in the hours the interval covers, in proportion to the time it spends in each (whole
numbers, largest remainders). A reading after midnight UTC starts a new day: its totals are
the traffic since midnight, so the counts reset and no growth is ever negative. An interval
longer than ``gap`` is not spread: its traffic is known, not *when*, and it is handed back as
a :class:`Gap` ("1,234 pageviews before 09:14") for the chart to say so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Final

from krafter_tui.api import Totals

__all__ = [
    "DEFAULT_GAP",
    "Gap",
    "HourCounts",
    "Interval",
    "Point",
    "TodayByHour",
    "intervals",
    "spread",
    "today_by_hour",
    "utc_days",
]

#: Readings further apart than this leave a gap: the traffic between them is not placed.
DEFAULT_GAP: Final = 300.0
HOUR: Final = 3600.0

Triple = tuple[int, int, int]


@dataclass(frozen=True)
class Point:
    """Today's totals (pageviews, visitors, visits) of UTC day ``day`` (ordinal) at ``at``."""

    at: float
    day: int
    totals: Triple


@dataclass(frozen=True)
class Interval:
    """The traffic ``added`` between two readings (``start`` exclusive, ``end`` inclusive)."""

    start: float
    end: float
    added: Triple
    covered: bool


@dataclass(frozen=True)
class HourCounts:
    """The totals added in the hour from ``start`` (local time); ``covered``: the seconds of
    that hour the record saw (3600 for a whole hour). Also a bucket of another width (a day in
    10 minutes: :attr:`TodayByHour.width`)."""

    start: datetime
    added: Totals
    covered: float


@dataclass(frozen=True)
class Gap:
    """Traffic known to have happened between ``start`` and ``end``, not when."""

    start: datetime
    end: datetime
    added: Totals


@dataclass(frozen=True)
class TodayByHour:
    """A day by the hour: ``hours`` in order, ``recorded_since`` (the first reading of the
    day's range, None without any), ``through`` (the last) and the ``gaps``; ``width``: the
    seconds of each bucket (an hour, or 600 for a day in 10 minutes)."""

    hours: list[HourCounts]
    recorded_since: datetime | None
    through: datetime | None
    gaps: list[Gap]
    width: float = HOUR

    @property
    def recorded(self) -> bool:
        """Whether the record saw any of the day."""
        return self.recorded_since is not None


def utc_days(start: date, end: date) -> tuple[datetime, datetime]:
    """The UTC days ``start`` to ``end`` as moments: the first one's midnight and the one
    after the last (the span the recorded hours of a period are asked for)."""
    since = datetime.combine(start, time(), UTC)
    return since, datetime.combine(end + timedelta(days=1), time(), UTC)


def _midnight(day: int) -> float:
    return datetime.combine(date.fromordinal(day), time(), UTC).timestamp()


def intervals(points: Iterable[Point], gap: float = DEFAULT_GAP) -> Iterator[Interval]:
    """The intervals between successive points (ordered by time), the first from its midnight."""
    previous: Point | None = None
    for point in points:
        if previous is None or point.day > previous.day:
            start = _midnight(point.day)
            if previous is not None:
                start = max(start, previous.at)
            added = point.totals
        elif point.day == previous.day:
            start = previous.at
            added = (
                max(0, point.totals[0] - previous.totals[0]),
                max(0, point.totals[1] - previous.totals[1]),
                max(0, point.totals[2] - previous.totals[2]),
            )
        else:  # a reading of an earlier day after a later one: a clock went back; skip it
            continue
        if point.at > start:
            yield Interval(start, point.at, added, point.at - start <= gap)
        previous = point


def spread(start: float, end: float, added: int, origin: float, width: float) -> dict[int, int]:
    """``added`` split over the bins ``[origin + k*width, origin + (k+1)*width)`` that the
    interval ``(start, end]`` overlaps, in proportion to the overlap, in whole numbers."""
    if added == 0 or end <= start:
        return {}
    first, last = math.floor((start - origin) / width), math.ceil((end - origin) / width) - 1
    if first >= last:  # the usual case: the whole interval in one bin
        return {first: added}
    shares: list[tuple[int, float]] = []
    for k in range(first, last + 1):
        low, high = origin + k * width, origin + (k + 1) * width
        overlap = min(end, high) - max(start, low)
        if overlap > 0:
            shares.append((k, added * overlap / (end - start)))
    result = {k: int(share) for k, share in shares}
    rest = added - sum(result.values())
    for k, _ in sorted(shares, key=lambda item: item[1] - int(item[1]), reverse=True)[:rest]:
        result[k] += 1
    return result


def _totals(values: Triple) -> Totals:
    return Totals(pageviews=values[0], visitors=values[1], visits=values[2])


def today_by_hour(
    points: list[Point],
    day: date,
    now: datetime,
    tz: tzinfo = UTC,
    gap: float = DEFAULT_GAP,
    width: float = HOUR,
) -> TodayByHour:
    """``day`` (a date in ``tz``) by the hour (or in buckets of ``width`` seconds) up to
    ``now``, from ``points`` (ordered by time; those before the day's start are used for the
    first interval only)."""
    begin = datetime.combine(day, time(), tz).astimezone(UTC)
    finish = datetime.combine(day + timedelta(days=1), time(), tz).astimezone(UTC)
    origin, end = begin.timestamp(), min(finish, now.astimezone(UTC)).timestamp()
    count = max(0, math.ceil((finish.timestamp() - origin) / width))
    sums = [[0, 0, 0] for _ in range(count)]
    covered = [0.0] * count
    gaps: list[Gap] = []
    inside = [p for p in points if origin <= p.at <= end]
    for interval in intervals((p for p in points if p.at <= end), gap):
        if interval.end < origin:
            continue
        if not interval.covered:
            gaps.append(
                Gap(
                    datetime.fromtimestamp(max(interval.start, origin), tz),
                    datetime.fromtimestamp(interval.end, tz),
                    _totals(interval.added),
                )
            )
            continue
        for metric in range(3):
            shares = spread(interval.start, interval.end, interval.added[metric], origin, width)
            for k, share in shares.items():
                if 0 <= k < count:
                    sums[k][metric] += share
        first = max(0, math.floor((interval.start - origin) / width))
        for k in range(first, min(count, math.ceil((interval.end - origin) / width))):
            low = origin + k * width
            covered[k] += max(0.0, min(interval.end, low + width) - max(interval.start, low))
    hours = [
        HourCounts(
            datetime.fromtimestamp(origin + k * width, tz), _totals((s[0], s[1], s[2])), covered[k]
        )
        for k, s in enumerate(sums)
        if origin + k * width < end
    ]
    since = datetime.fromtimestamp(inside[0].at, tz) if inside else None
    through = datetime.fromtimestamp(inside[-1].at, tz) if inside else None
    return TodayByHour(hours, since, through, gaps, width)
