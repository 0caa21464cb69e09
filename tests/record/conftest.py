"""The record on a manual clock: a demo traffic store read in-process, answers made by hand,
and the demo's own traffic per hour to compare the record with."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from krafter_tui.api import DIMENSIONS, DateRange, Event, Stats
from krafter_tui.demo import DEMO_TOKEN, DemoApp
from krafter_tui.demo.periods import Period
from krafter_tui.record import Record
from tests.api.shared.redis_server import redis_server  # noqa: F401 (a fixture)
from tests.support.clock import FakeClock
from tests.support.demo_server import demo_app

API_URL = "http://demo.localhost/api/v1/analytics"
START = datetime(2026, 11, 26, 0, 0, tzinfo=UTC)  # the demo's start day: live from its midnight
SITE_KEYS = ("sk_pebble", "sk_brew", "sk_docs")


@dataclass
class Demo:
    """The demo's traffic store on a clock the test moves."""

    app: DemoApp
    clock: FakeClock

    def stats(self, site: int, span: tuple[date, date], at: datetime) -> Stats:
        """The stats answer (all nine dimensions) for ``span`` at ``at``."""
        data = self.app.state.store.stats(site, Period(*span), DIMENSIONS, at.timestamp())
        return msgspec.convert(data, Stats)

    def events(self, site: int, span: tuple[date, date], at: datetime) -> list[Event]:
        """The events answer for ``span`` at ``at``."""
        data = self.app.state.store.events(site, Period(*span), at.timestamp())
        return msgspec.convert(data, list[Event])

    def traffic(self, site: int, day: date, since: datetime, until: datetime) -> tuple[int, ...]:
        """Pageviews, new visitors and visits of UTC ``day`` that happened in (since, until]:
        what the record should find between two readings at those times."""
        lo, hi = since.timestamp(), until.timestamp()
        conn, ordinal = self.app.state.store.conn, day.toordinal()
        (pageviews,) = conn.execute(
            "SELECT count(*) FROM hits WHERE site = ? AND day = ? AND ts > ? AND ts <= ?",
            (site, ordinal, lo, hi),
        ).fetchone()
        (visits,) = conn.execute(
            "SELECT count(*) FROM sessions WHERE site = ? AND day = ? AND started > ? "
            "AND started <= ?",
            (site, ordinal, lo, hi),
        ).fetchone()
        (visitors,) = conn.execute(
            "SELECT count(*) FROM (SELECT min(started) AS first FROM sessions WHERE site = ? "
            "AND day = ? GROUP BY visitor) WHERE first > ? AND first <= ?",
            (site, ordinal, lo, hi),
        ).fetchone()
        return (pageviews, visitors, visits)

    def referrers(self, since: datetime, until: datetime, site: int = 0) -> dict[str, int]:
        """Pageviews per referrer with a time in (since, until], whatever their day."""
        rows = self.app.state.store.conn.execute(
            "SELECT s.referrer, count(*) FROM hits AS h JOIN sessions AS s ON s.id = h.session "
            "WHERE h.site = ? AND h.ts > ? AND h.ts <= ? GROUP BY s.referrer",
            (site, since.timestamp(), until.timestamp()),
        )
        return {referrer: count for referrer, count in rows if referrer is not None}


@pytest.fixture(scope="session")
def demo() -> Demo:
    clock = FakeClock(START)
    return Demo(demo_app(seed=42, now=clock), clock)


@pytest.fixture
def record_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "record.sqlite3"


@pytest.fixture
def make_record(record_path: Path) -> Iterator[type[Record]]:
    made: list[Record] = []

    def make(token: str = DEMO_TOKEN, api_url: str = API_URL, **options: object) -> Record:
        options.setdefault("path", record_path)
        record = Record(token, api_url, **options)  # type: ignore[arg-type]
        made.append(record)
        return record

    yield make  # type: ignore[misc]
    for record in made:
        record.close()


def today(at: datetime) -> tuple[date, date]:
    """The span of the period ``today`` at ``at``."""
    return (at.date(), at.date())


def thirty_days(at: datetime) -> tuple[date, date]:
    """The span of ``30d`` at ``at``."""
    return (at.date() - timedelta(days=30), at.date())


def minutes(start: datetime, end: datetime, step: float = 60) -> Iterator[datetime]:
    """Every ``step`` seconds from ``start`` to ``end``, both included."""
    at = start
    while at <= end:
        yield at
        at += timedelta(seconds=step)


def made_stats(
    at: datetime,
    totals: tuple[int, int, int] = (0, 0, 0),
    breakdown: dict[str, dict[str, int]] | None = None,
    span: tuple[date, date] | None = None,
) -> Stats:
    """A stats answer made by hand: today's ``totals`` as the last daily point of ``span``
    (default: today), and the breakdown rows' counts."""
    start, end = span or today(at)
    points = [
        {
            "date": (start + timedelta(days=n)).isoformat(),
            "pageviews": 0,
            "visitors": 0,
            "visits": 0,
        }
        for n in range((end - start).days + 1)
    ]
    points[-1] |= dict(zip(("pageviews", "visitors", "visits"), totals, strict=True))
    data = {
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "totals": dict(zip(("pageviews", "visitors", "visits"), totals, strict=True)),
        "timeseries": points,
        "breakdown": {
            dimension: [{"value": v, "count": c, "percent": 0.0} for v, c in rows.items()]
            for dimension, rows in (breakdown or {}).items()
        },
    }
    return msgspec.convert(data, Stats)


def period_of(stats: Stats) -> DateRange:
    """The period an answer covers."""
    return stats.period
