"""The demo's live traffic has hours: quiet nights, busy afternoons (each site's curve is its
audiences' waking hours in UTC, ``SiteProfile.hours``), the day's volume spread over them, so
the record's hourly chart of a demo site looks like a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from krafter_tui.demo.periods import Period
from krafter_tui.demo.sites import SITES
from tests.support.clock import FakeClock
from tests.support.demo_server import demo_app

START = datetime(2026, 11, 26, 0, 0, tzinfo=UTC)  # the demo's start day: live from midnight
DAYS = 3  # a small site's single day is noisy (a few hundred pageviews)


def test_each_site_has_quiet_nights_and_busy_afternoons() -> None:
    clock = FakeClock(START)
    demo = demo_app(seed=42, now=clock)
    store = demo.state.store
    end = START + timedelta(days=DAYS)
    for site, profile in enumerate(SITES):
        store.stats(site, Period(START.date(), end.date()), (), end.timestamp())  # made
        rows = store.conn.execute(
            "SELECT CAST((ts - ?) / 3600 AS INTEGER) % 24, count(*) FROM hits WHERE site = ? "
            "AND ts >= ? AND ts < ? GROUP BY 1",
            (START.timestamp(), site, START.timestamp(), end.timestamp()),
        )
        by_hour = dict(rows.fetchall())  # pageviews per UTC hour of the day, over DAYS days
        night = sum(by_hour.get(hour, 0) for hour in range(1, 5))  # 01:00–05:00 UTC
        afternoon = sum(by_hour.get(hour, 0) for hour in range(14, 18))  # 14:00–18:00 UTC
        assert afternoon > 2.5 * night > 0, (profile.name, by_hour)
        busiest = max(by_hour, key=lambda hour: by_hour[hour])
        assert 12 <= busiest <= 20, (profile.name, busiest)
