"""The overview's feed (overview/feed.py) on the demo server in-process: its figures are the
demo's, its rows follow the site list, failures keep the figures, and with many sites it never
takes the team past its 100 requests a minute (the demo enforces the limit and logs requests)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from krafter_tui.api import KrafterClient, Period
from krafter_tui.demo import DemoApp, FaultSpec
from krafter_tui.overview.feed import OverviewFeed
from krafter_tui.overview.pace import hidden_dashboard_rate
from tests.overview.conftest import clones
from tests.support.clock import NOW
from tests.support.clock import FakeClock as ManualClock


async def test_a_row_shows_what_the_demo_answers_for_the_same_requests(
    client: KrafterClient, clock: ManualClock
) -> None:
    sites = await client.list_sites()
    feed = OverviewFeed(client, clock=clock, background=2.0)
    feed.set_sites(sites)
    for _ in sites:
        await feed.refresh_next()
    today = NOW.date()
    period = Period.custom(today - timedelta(days=7), today)
    for row, site in zip(feed.rows, sites, strict=True):
        stats = await client.stats(site.site_key, period)
        realtime = await client.realtime(site.site_key)
        days = {p.date: p for p in stats.timeseries}
        assert row.now == realtime.current_visitors
        assert row.today == days[today] and row.today.visitors > 0
        assert row.yesterday == days[today - timedelta(days=1)]
        assert row.trend == tuple(days[today - timedelta(days=7 - i)].visitors for i in range(7))
        assert row.freshness(clock()) == "0s ago" and row.problem is None


async def test_rows_follow_the_site_list_and_the_stalest_goes_first(
    client: KrafterClient, clock: ManualClock
) -> None:
    sites = await client.list_sites()
    feed = OverviewFeed(client, clock=clock, background=2.0)
    feed.set_sites(sites)
    order = []
    for _ in range(5):
        row = await feed.refresh_next()
        assert row is not None
        order.append(row.site.site_key)
        clock.advance(10)
    assert order == [s.site_key for s in (*sites, sites[0], sites[1])]
    renamed = msgspec.structs.replace(sites[1], name="Renamed")
    feed.set_sites([renamed, sites[2]])
    assert [r.site.name for r in feed.rows] == ["Renamed", sites[2].name]
    assert feed.rows[0].today is not None, "a row kept its figures across a list refresh"


async def test_a_failed_refresh_keeps_the_figures_and_says_what_went_wrong(
    client: KrafterClient, clock: ManualClock, demo: DemoApp
) -> None:
    sites = await client.list_sites()
    feed = OverviewFeed(client, clock=clock, background=2.0)
    feed.set_sites(sites[:1])
    await feed.refresh_next()
    shown = feed.rows[0].today
    demo.state.faults = FaultSpec.parse("error=1,status=503,only=stats")
    clock.advance(40)
    await feed.refresh_next()
    row = feed.rows[0]
    assert row.today == shown
    assert row.freshness(clock()) == "server error · HTTP 503 · 40s ago"


async def test_many_sites_never_take_the_team_past_its_limit(
    client: KrafterClient, clock: ManualClock, demo: DemoApp
) -> None:
    feed = OverviewFeed(client, clock=clock, background=hidden_dashboard_rate(10.0, 60.0))
    feed.set_sites(clones(await client.list_sites(), 80))
    demo.state.requests.clear()
    start = clock()
    sent_at: list[datetime] = []
    while clock() - start < timedelta(minutes=6):
        before = len(demo.state.requests)
        await feed.refresh_next()
        sent_at += [clock()] * (len(demo.state.requests) - before)
        clock.advance(feed.pace().step)
    statuses = Counter(record.status for record in demo.state.requests)
    assert statuses == {200: len(sent_at)}, statuses
    per_window = Counter(int(at.timestamp() // 60) for at in sent_at)
    # The demo's windows are the minute; the overview's share is 60 less the dashboard's 2.
    assert max(per_window.values()) <= 60, per_window
    # Over the six minutes, the overview's own rate: 60 less what the dashboard still polls.
    assert len(sent_at) <= 6 * (60 - feed.background) + 2, len(sent_at)
    assert all(row.fetched_at is not None for row in feed.rows), "every row came in 6 min"


async def test_with_another_tool_spending_the_overview_keeps_the_reserve_and_gets_no_429(
    client: KrafterClient, clock: ManualClock, demo: DemoApp
) -> None:
    clock.now = datetime(2026, 11, 26, 14, 31, 0, tzinfo=UTC)  # a window's first second
    sites = await client.list_sites()  # 1 request
    for _ in range(70):  # another tool of the team (same key) spends 70 more
        await client.realtime(sites[0].site_key)
    feed = OverviewFeed(client, clock=clock, background=2.0)
    feed.set_sites(clones(sites, 30))
    demo.state.requests.clear()
    while clock() < datetime(2026, 11, 26, 14, 32, 0, tzinfo=UTC):
        await feed.refresh_next()
        clock.advance(feed.pace().step)
    assert {record.status for record in demo.state.requests} == {200}
    # 71 spent, 20 kept for the team: at most 9 more requests (4 rows) in this window.
    assert len(demo.state.requests) <= 10
    assert client.budget.remaining is not None and client.budget.remaining >= 20


async def test_a_refused_key_stops_the_overview(
    client: KrafterClient, clock: ManualClock, demo: DemoApp
) -> None:
    sites = await client.list_sites()
    feed = OverviewFeed(client, clock=clock, background=2.0)
    feed.set_sites(sites)
    demo.state.faults = FaultSpec.parse("revoked=1")
    assert await feed.refresh_next() is not None
    assert feed.refused is not None
    demo.state.requests.clear()
    assert await feed.refresh_next() is None
    assert len(demo.state.requests) == 0, "nothing more is asked with a refused key"


async def test_while_refreshes_fail_the_pace_backs_off_and_recovers(
    client: KrafterClient, clock: ManualClock, demo: DemoApp
) -> None:
    sites = await client.list_sites()
    feed = OverviewFeed(client, clock=clock, background=2.0)
    feed.set_sites(sites)
    feed.rng = random.Random(0)
    for _ in sites:
        await feed.refresh_next()
    normal = feed.pace().step
    demo.state.faults = FaultSpec.parse("error=1,status=503,only=realtime")
    steps = []
    for _ in range(5):
        clock.advance(60)
        await feed.refresh_next()
        steps.append(feed.pace().step)
    assert steps[-1] > 4 * normal and steps == sorted(steps), steps
    demo.state.faults = None
    clock.advance(60)
    await feed.refresh_next()
    assert feed.pace().step == pytest.approx(normal)
