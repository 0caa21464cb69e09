"""The default alert rules do not cry wolf: hours of the demo's ordinary live traffic, read
every 10 s as the dashboard reads it, raise no alert on any site, small or busy. And the demo's
traffic multiplier makes the spike and the outage the rules are for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from krafter_tui.alerts.alert import AlertRules
from krafter_tui.alerts.watch import AlertWatch
from krafter_tui.demo.sites import SITES
from krafter_tui.demo.traffic_store import TrafficStore

STEP = timedelta(seconds=10)
# A busy Thursday afternoon, and a Friday evening whose ups and downs (10 to 22 visitors and
# back within half an hour on the busy site) raise alerts with a spike of 2 and a drop of 0.4.
WINDOWS = [datetime(2026, 11, 26, 11, 0, tzinfo=UTC), datetime(2026, 11, 20, 18, 0, tzinfo=UTC)]


def raised(
    store: TrafficStore, site: int, start: datetime, hours: float, rules: AlertRules
) -> list[str]:
    watch = AlertWatch(rules)
    profile = SITES[site]
    found = []
    at = start
    while at < start + timedelta(hours=hours):
        visitors = store.realtime(site, at.timestamp())
        news = watch.observe(profile.site_key, profile.name, at, visitors)
        if news is not None and not news.ended:
            found.append(f"{at:%H:%M} {news.alert.kind} {visitors} vs {news.alert.baseline}")
        at += STEP
    return found


@pytest.mark.parametrize("start", WINDOWS, ids=["thursday-afternoon", "friday-evening"])
def test_six_hours_of_ordinary_traffic_raise_nothing(start: datetime) -> None:
    store = TrafficStore(42, start.date())
    for site, profile in enumerate(SITES):
        assert raised(store, site, start, 6, AlertRules()) == [], profile.name


def test_the_demo_traffic_can_spike_and_stop() -> None:
    start = WINDOWS[0]
    store = TrafficStore(42, start.date())
    watch = AlertWatch()
    kinds = []
    at = start
    for minutes, factor in ((25, 1.0), (10, 6.0), (15, 1.0), (15, 0.0)):
        store.live.set_multiplier(0, factor)
        end = at + timedelta(minutes=minutes)
        while at < end:
            news = watch.observe("sk", "Pebble CRM", at, store.realtime(0, at.timestamp()))
            if news is not None:
                kinds.append((news.alert.kind, news.ended))
            at += STEP
    assert kinds == [("spike", False), ("spike", True), ("drop", False), ("zero", False)]
    with pytest.raises(ValueError):
        store.live.set_multiplier(0, -1)
