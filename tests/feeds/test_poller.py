"""The poller, without Textual: a fake host runs its tasks and timers on a manual clock, a
recording sink receives what it shows, and the demo server answers in-process."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import date, timedelta

import pytest

from krafter_tui.api import KrafterClient, Period
from krafter_tui.demo import FaultSpec
from krafter_tui.demo.periods import MAX_CUSTOM_DAYS
from krafter_tui.feeds import Poller, Selection
from krafter_tui.feeds.settle import SETTLE_DELAY

from .conftest import DEMO_URL, Rig


def sel(rig: Rig, index: int = 0, period: str = "30d") -> Selection:
    return Selection(rig.sites[index], Period.parse(period))


def armed(rig: Rig) -> set[str]:
    """The poll timers armed (not the paint round's deadline)."""
    return {t.name for t in rig.host.armed() if t.name.startswith("poll-")}


async def test_answers_for_a_selection_no_longer_current_never_reach_the_sink(rig: Rig) -> None:
    # Tasks are not cancelled here, so the old selection's answers really do arrive late:
    # only the poller's own check keeps them off the screen.
    rig.host.exclusive = rig.host.cancels = False
    rig.gate.held = {"stats", "events", "realtime"}
    first, second = sel(rig, 0), sel(rig, 1)
    rig.poller.start(first)
    await asyncio.sleep(0.05)
    rig.poller.start(second)
    rig.gate.release.set()
    await rig.host.settle()
    rig.host.advance(SETTLE_DELAY)  # the keys have settled: the second's requests leave
    await rig.host.settle()
    shown = [value[0] for name, value, _ in rig.sink.calls if name != "sites"]
    assert shown, "the current selection's answers were shown"
    assert all(selection == second for selection in shown), shown


async def test_a_feed_is_armed_again_only_after_its_fetch_has_ended(rig: Rig) -> None:
    rig.gate.held = {"realtime"}
    rig.poller.start(sel(rig))
    await asyncio.sleep(0.05)
    # Stats and events have answered and wait their interval; realtime is still out.
    await asyncio.gather(*rig.host.tasks["stats"], *rig.host.tasks["events"])
    assert armed(rig) == {"poll-stats", "poll-events"}
    rig.gate.release.set()
    await rig.host.settle()
    assert armed(rig) == {"poll-stats", "poll-events", "poll-realtime"}
    realtime = next(t for t in rig.host.armed() if t.name == "poll-realtime")
    assert (realtime.due - rig.clock()).total_seconds() == pytest.approx(10)
    # The timer fires: one new fetch, and no timer while it runs.
    assert rig.host.advance(10) == ["poll-realtime"]
    assert "poll-realtime" not in armed(rig)
    await rig.host.settle()
    assert "poll-realtime" in armed(rig)
    assert len(rig.sink.shown("realtime")) == 2


async def test_a_selection_seen_a_moment_ago_is_shown_from_the_cache_at_once(rig: Rig) -> None:
    first, second = sel(rig, 0), sel(rig, 1)
    rig.poller.start(first)
    await rig.host.settle()
    rig.poller.start(second)
    rig.host.advance(SETTLE_DELAY)  # the keys have settled: the second's requests leave
    await rig.host.settle()
    rig.gate.requests.clear()
    rig.sink.calls.clear()
    rig.clock.advance(20)  # within the 60 s interval
    rig.poller.start(first, refetch=False)
    # Shown inside start(), before any task ran: no request was needed for it.
    assert [v[0] for v in rig.sink.shown("stats")] == [first]
    assert [v[0] for v in rig.sink.shown("events")] == [first]
    await rig.host.settle()
    assert "stats" not in rig.gate.requests and "events" not in rig.gate.requests
    # Fetched again when the interval is up, counted from when the answer was fetched.
    data = {"poll-stats", "poll-events"}
    assert data.isdisjoint(rig.host.advance(39))
    assert data <= set(rig.host.advance(1))


async def test_a_refused_key_stops_every_timer(rig: Rig) -> None:
    client = KrafterClient("not-the-demo-key", DEMO_URL, transport=rig.gate)
    poller = Poller(
        client,
        clock=rig.clock,
        realtime_interval=10,
        stats_interval=60,
        host=rig.host,
        sink=rig.sink,
    )
    poller.start(sel(rig))  # the feeds are refused (the site list is not asked for)
    await rig.host.settle()
    assert rig.sink.shown("auth_failed")
    assert poller.stopped
    assert rig.host.armed() == [], [t.name for t in rig.host.armed()]
    assert rig.host.advance(3600) == []
    poller.load_sites()  # the site list refused: it is not asked for again either
    await rig.host.settle()
    assert rig.host.armed() == [] and not poller.sites_armed()
    await client.aclose()


async def test_a_failing_feed_backs_off_and_a_refused_period_is_not_asked_again(
    rig: Rig,
) -> None:
    rig.poller.start(sel(rig))
    await rig.host.settle()
    assert rig.host.advance(10) == ["poll-realtime"]
    # The demo answers 503 to realtime from now on: the next try backs off from 5 s.
    rig.demo.state.faults = FaultSpec.parse("error=1,status=503,only=realtime")
    await rig.host.settle()
    health = rig.poller.health["realtime"]
    assert health.failures == 1 and health.error is not None
    timer = next(t for t in rig.host.armed() if t.name == "poll-realtime")
    assert 4.0 <= (timer.due - rig.clock()).total_seconds() <= 6.0
    rig.demo.state.faults = None
    # A range the server refuses (422): said once to the sink, and never re-armed.
    refused = Selection(
        rig.sites[0], Period.custom(date(2024, 1, 1), date(2026, 1, 1))
    )  # > 400 days
    rig.poller.start(refused)
    rig.host.advance(SETTLE_DELAY)
    await rig.host.settle()
    assert rig.sink.shown("refused")
    assert "poll-stats" not in armed(rig)


def test_the_feeds_package_loads_without_textual() -> None:
    # (rich may be loaded: httpx imports it for its command line when it is installed.)
    code = (
        "import sys, krafter_tui.feeds, krafter_tui.feeds.words, krafter_tui.feeds.site_choice; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'plotext')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


async def test_a_comparison_asks_for_the_compared_period_once_with_its_breakdown(
    rig: Rig,
) -> None:
    selection = sel(rig, 0, "7d")
    rig.poller.start(selection)
    await rig.host.settle()
    _, stats, compared = rig.sink.shown("stats")[-1]
    assert compared is None or compared.breakdown is None  # no comparison drawn: totals only
    current = stats.period
    rig.gate.requests.clear()
    rig.sink.calls.clear()
    rig.poller.set_compare("year")
    await rig.host.settle()
    # The current period came from the cache; only the year-before period was asked for
    # (its stats, and its custom events for the events' change column).
    assert sorted(rig.gate.requests) == ["events", "stats"]
    (_, year_before), *_ = rig.sink.shown("compared")
    assert year_before.breakdown is not None
    assert (year_before.period.start, year_before.period.end) == (
        current.start.replace(year=current.start.year - 1),
        current.end.replace(year=current.end.year - 1),
    )
    (_, events), *_ = rig.sink.shown("compared_events")
    assert rig.poller.state.compared_events == events
    asked = query(rig, "events")[-1]
    assert (asked["from"], asked["to"]) == (
        str(year_before.period.start),
        str(year_before.period.end),
    )
    # A stats poll later costs one request for the current period: the compared one is kept.
    rig.gate.requests.clear()
    assert "poll-stats" in rig.host.advance(60)
    await rig.host.settle()
    assert rig.gate.requests.count("stats") == 1
    # Back to no comparison: nothing more to fetch, the previous period's totals are kept.
    rig.gate.requests.clear()
    rig.poller.set_compare("off")
    await rig.host.settle()
    assert "stats" not in rig.gate.requests


def query(rig: Rig, kind: str = "stats") -> list[dict[str, str]]:
    return [dict(q) for path, q in rig.gate.queries if path == kind]


async def test_named_periods_are_asked_for_as_the_range_they_cover_on_the_utc_day(
    rig: Rig,
) -> None:
    rig.clock.now = rig.clock.now.replace(hour=23, minute=30)  # 23:30 UTC, Nov 26
    rig.poller.start(Selection(rig.sites[0], Period.parse("today")))
    await rig.host.settle()
    first = query(rig)[0]
    assert (first["period"], first["from"], first["to"]) == ("custom", "2026-11-26", "2026-11-26")
    assert query(rig, "events")[0]["from"] == "2026-11-26"
    # Today is live: polled at its interval. Yesterday is over: fetched again in 10 minutes.
    timer = next(t for t in rig.host.armed() if t.name == "poll-stats")
    assert (timer.due - rig.clock()).total_seconds() == pytest.approx(60)
    rig.poller.start(Selection(rig.sites[0], Period.parse("yesterday")))
    rig.host.advance(SETTLE_DELAY)
    await rig.host.settle()
    timer = next(t for t in rig.host.armed() if t.name == "poll-stats")
    assert (timer.due - rig.clock()).total_seconds() == pytest.approx(600)


async def test_all_time_too_long_for_the_server_becomes_the_longest_range_it_takes(
    rig: Rig,
) -> None:
    oldest = min(rig.sites, key=lambda s: s.created_at)  # years old: more than 400 days
    rig.poller.start(Selection(oldest, Period.parse("all")))
    await rig.host.settle()
    asked = [(q["from"], q["to"]) for q in query(rig)]
    assert asked[0] == (oldest.created_at[:10], "2026-11-26")  # the whole history first
    # Refused ("range must not exceed 400 days"): the last 400 days, as the refusal said.
    first = str(date(2026, 11, 26) - timedelta(days=MAX_CUSTOM_DAYS - 1))
    assert (first, "2026-11-26") in asked
    assert rig.poller.longest == MAX_CUSTOM_DAYS
    assert not rig.sink.shown("refused")
    (_, stats, _), *_ = rig.sink.shown("stats")
    assert (str(stats.period.start), str(stats.period.end)) == (first, "2026-11-26")
