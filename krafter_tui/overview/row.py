"""One row of the "All sites" overview: what the last answers for a site said, and its words.

Pure logic, no Textual. The change compares today so far with the same share of yesterday, by
the one so-far rule every screen uses (:mod:`krafter_tui.feeds.so_far`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from krafter_tui.api import Site, Stats, TimeseriesPoint
from krafter_tui.feeds.so_far import period_so_far, so_far_change
from krafter_tui.text.durations import age_text

__all__ = ["TREND_DAYS", "SiteRow", "sparkline"]

TREND_DAYS = 7  # the trend: visitors on each of the seven whole days before today
BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[int]) -> str:
    """One block character per value, scaled to the largest (``▁▄█``); all zero: ``▁▁▁``."""
    top = max(values, default=0)
    if top <= 0:
        return BLOCKS[0] * len(values)
    last = len(BLOCKS) - 1
    return "".join(BLOCKS[round(max(v, 0) / top * last)] for v in values)


@dataclass
class SiteRow:
    """The overview's row for ``site``: visitors now (and the reading before), today's and
    yesterday's points, the trend, when it was last refreshed and its trouble, if any."""

    site: Site
    now: int | None = None
    before: int | None = None
    today: TimeseriesPoint | None = None
    yesterday: TimeseriesPoint | None = None
    trend: tuple[int, ...] = ()
    fetched_at: datetime | None = None
    tried_at: datetime | None = None
    problem: str | None = None
    period: str = field(default="", repr=False)
    # The record's visitors of yesterday at the time of today's point (None: not recorded).
    yesterday_so_far: int | None = None

    def took(self, visitors: int, stats: Stats, today: date, at: datetime) -> None:
        """A realtime reading and a stats answer arrived (``today`` is the UTC date)."""
        self.before, self.now = self.now, visitors
        days = {point.date: point for point in stats.timeseries}
        self.today = days.get(today)
        self.yesterday = days.get(today - timedelta(days=1))
        first = today - timedelta(days=TREND_DAYS)
        wanted = [first + timedelta(days=i) for i in range(TREND_DAYS)]
        self.trend = tuple(days[d].visitors if d in days else 0 for d in wanted)
        self.period = f"{stats.period.start}..{stats.period.end}"
        self.fetched_at = self.tried_at = at
        self.problem = None

    def failed(self, problem: str, at: datetime) -> None:
        """A refresh failed: the figures shown stay, with ``problem`` beside their age."""
        self.tried_at = at
        self.problem = problem

    def arrow(self) -> str:
        """``▲`` or ``▼`` when visitors now moved since the reading before, else ``""``."""
        if self.now is None or self.before is None or self.now == self.before:
            return ""
        return "▲" if self.now > self.before else "▼"

    def change(self, now: datetime) -> tuple[str, str]:
        """Today's visitors so far against the same share of yesterday's, or the record's
        visitors at the same time yesterday (the so-far rule)."""
        if self.today is None or self.yesterday is None:
            return ("", "flat")
        today = self.today.date
        recorded = self.yesterday_so_far
        so_far = period_so_far(today, today, now, recorded=recorded is not None)
        before = self.yesterday.visitors if recorded is None else recorded
        return so_far_change(self.today.visitors, before, so_far)

    def age(self, now: datetime) -> str:
        """``12s ago``, ``3m ago``; ``waiting`` before the first answer."""
        if self.fetched_at is None:
            return "waiting"
        return f"{age_text(max(0.0, (now - self.fetched_at).total_seconds()))} ago"

    def freshness(self, now: datetime) -> str:
        """The age, after the problem of the last try if it failed (``offline · 12s ago``)."""
        return f"{self.problem} · {self.age(now)}" if self.problem else self.age(now)
