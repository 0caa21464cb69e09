"""Keys pressed quickly: a burst of site or period changes costs the requests of the selection
it ends on, what the cache has is shown at once, and answers for a period just left (same site)
are neither shown nor kept as the new period's. The fake host's timers run on a manual clock,
so the settle wait is stepped through, never slept."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date

from krafter_tui.api import Period
from krafter_tui.feeds import Selection
from krafter_tui.feeds.settle import SETTLE_DELAY
from krafter_tui.feeds.timeline import step_period

from .conftest import NOW, Rig

KEY_GAP = 0.15  # ten ← in 1.5 s, as the user pressed them


def sent(rig: Rig) -> Counter[str]:
    """The requests the server saw, by kind (``previous``: stats without a breakdown)."""
    kinds: Counter[str] = Counter()
    for path, query in rig.gate.queries:
        dimensioned = any(name == "dimensions" for name, _ in query)
        kinds["previous" if path == "stats" and not dimensioned else path] += 1
    return kinds


def asked_ranges(rig: Rig) -> set[tuple[str, str]]:
    """The ``from``..``to`` of every stats (with breakdown) and events request sent."""
    ranges = set()
    for path, query in rig.gate.queries:
        params = dict(query)
        if path == "events" or (path == "stats" and "dimensions" in params):
            ranges.add((params["from"], params["to"]))
    return ranges


def span(rig: Rig, selection: Selection) -> tuple[date, date]:
    """The first and last day ``selection`` covers today."""
    return rig.poller.api_period(selection).expected_range(NOW.date())


def clear(rig: Rig) -> None:
    rig.gate.requests.clear()
    rig.gate.queries.clear()
    rig.sink.calls.clear()


def shown_selections(rig: Rig, what: str) -> list[Selection]:
    return [value[0] for value in rig.sink.shown(what)]


async def burst(rig: Rig, start: Selection, direction: int, steps: int = 10) -> Selection:
    """Press ← (-1) or → (+1) ``steps`` times, ``KEY_GAP`` apart; the selection it ends on."""
    selection = start
    for _ in range(steps):
        stepped = step_period(selection.period, direction, NOW.date())
        assert isinstance(stepped, Period), stepped
        selection = Selection(selection.site, stepped)
        rig.poller.start(selection)
        rig.host.advance(KEY_GAP)
        await asyncio.sleep(0)  # anything that was sent gets the chance to reach the server
    return selection


async def settled(rig: Rig) -> None:
    """The keys have settled: the wait runs out and the fetches it started end."""
    assert "settle" in rig.host.advance(SETTLE_DELAY)
    await rig.host.settle()


async def test_ten_steps_in_a_row_send_only_the_requests_of_the_period_they_end_on(
    rig: Rig,
) -> None:
    month = Selection(rig.sites[0], Period.parse("month"))
    rig.poller.start(month)  # the first selection of the run: asked for at once
    await rig.host.settle()
    assert sent(rig)["stats"] == 1
    clear(rig)

    last = await burst(rig, month, -1)
    assert rig.gate.queries == [], "nothing is asked for while the keys come"
    assert rig.poller.settle.pending
    await settled(rig)
    # One selection's requests: its stats, its compared period, its events, realtime.
    assert sent(rig) == {"stats": 1, "previous": 1, "events": 1, "realtime": 1}
    expected = span(rig, last)
    assert asked_ranges(rig) == {(str(expected[0]), str(expected[1]))}
    assert set(shown_selections(rig, "stats")) == {last}
    assert set(shown_selections(rig, "events")) == {last}
    assert not rig.poller.settle.pending

    # The same burst again, from the same place: it ends on a selection the cache has.
    rig.poller.start(month)
    await settled(rig)
    clear(rig)
    again = await burst(rig, month, -1)
    assert again == last
    # Shown at once, inside the last key's start, before any request.
    assert shown_selections(rig, "stats") == [last]
    assert shown_selections(rig, "events") == [last]
    assert rig.gate.queries == []
    await settled(rig)
    # Then the normal refresh of what is on screen, once (the compared period is kept).
    assert sent(rig) == {"stats": 1, "events": 1, "realtime": 1}
    assert asked_ranges(rig) == {(str(expected[0]), str(expected[1]))}


async def test_a_burst_back_to_a_cached_period_shows_it_at_once_then_refreshes_it(
    rig: Rig,
) -> None:
    month = Selection(rig.sites[0], Period.parse("month"))
    rig.poller.start(month)
    await rig.host.settle()
    (_, month_stats, _), *_ = rig.sink.shown("stats")
    far = await burst(rig, month, -1, steps=3)
    await settled(rig)
    clear(rig)
    back = await burst(rig, far, +1, steps=3)
    assert back == month
    # The month is drawn from the cache as the last key lands; nothing went out yet.
    assert shown_selections(rig, "stats") == [month]
    assert rig.sink.shown("stats")[0][1] == month_stats
    assert rig.gate.queries == []
    await settled(rig)
    assert sent(rig) == {"stats": 1, "events": 1, "realtime": 1}
    assert {selection for selection, *_ in rig.sink.shown("stats")} == {month}


async def test_a_site_burst_costs_one_sites_requests(rig: Rig) -> None:
    period = Period.parse("7d")
    rig.poller.start(Selection(rig.sites[0], period))
    await rig.host.settle()
    clear(rig)
    sites = (rig.sites[1:] * 10)[:10]  # ] pressed ten times (never back to the first)
    for site in sites:
        rig.poller.start(Selection(site, period))
        rig.host.advance(KEY_GAP)
        await asyncio.sleep(0)
    assert rig.gate.queries == []
    await settled(rig)
    assert sent(rig) == {"stats": 1, "previous": 1, "events": 1, "realtime": 1}
    assert {s.site for s in shown_selections(rig, "realtime")} == {sites[-1]}


async def test_requests_in_flight_for_an_abandoned_period_are_cancelled(rig: Rig) -> None:
    site = rig.sites[0]
    rig.poller.start(Selection(site, Period.parse("30d")))
    await rig.host.settle()
    rig.gate.held = {"stats", "events", "realtime"}
    week = Selection(site, Period.parse("7d"))
    rig.poller.start(week)
    await settled_without_waiting(rig)
    in_flight = rig.host.running()
    assert in_flight, "the week's requests are out, waiting for their answers"
    year = Selection(site, Period.parse("12mo"))
    rig.poller.start(year)  # a key while they are out
    await asyncio.gather(*in_flight, return_exceptions=True)
    assert all(task.cancelled() for task in in_flight)
    rig.gate.release.set()
    await settled(rig)
    assert week not in shown_selections(rig, "stats") + shown_selections(rig, "events")
    assert year in shown_selections(rig, "stats")


async def settled_without_waiting(rig: Rig) -> None:
    """The wait runs out; the fetches it starts are left running."""
    assert "settle" in rig.host.advance(SETTLE_DELAY)
    for _ in range(5):
        await asyncio.sleep(0.01)


async def test_a_late_answer_for_the_period_just_left_on_the_same_site_is_dropped(
    rig: Rig,
) -> None:
    # Nothing is cancelled here: the week's answers really arrive after the switch, and only
    # the poller's own check (site AND period) keeps them off the screen and out of the cache.
    rig.host.exclusive = rig.host.cancels = False
    site = rig.sites[0]
    week, month = Selection(site, Period.parse("7d")), Selection(site, Period.parse("30d"))
    rig.gate.held = {"stats", "events", "realtime"}
    rig.poller.start(week)
    await asyncio.sleep(0.05)
    rig.poller.start(month)
    rig.gate.release.set()
    await rig.host.settle()  # the week's answers are in, late
    assert rig.sink.calls == []
    assert rig.poller.cache.stats(week, 60) is None
    await settled(rig)
    assert {s for s, *_ in rig.sink.shown("stats")} == {month}
    (_, stats, _), *_ = rig.sink.shown("stats")
    assert (stats.period.start, stats.period.end) == span(rig, month)
    shown = [value[0] for name, value, _ in rig.sink.calls if name != "sites"]
    assert shown and all(selection == month for selection in shown), shown


async def test_each_period_of_a_site_keeps_its_own_answers(rig: Rig) -> None:
    site = rig.sites[0]
    week, month = Selection(site, Period.parse("7d")), Selection(site, Period.parse("30d"))
    rig.poller.start(week)
    await rig.host.settle()
    (_, week_stats, _), *_ = rig.sink.shown("stats")
    (_, week_events), *_ = rig.sink.shown("events")
    rig.poller.start(month)
    await settled(rig)
    clear(rig)
    rig.poller.start(week, refetch=False)  # back to the week: from the cache, at once
    [(_, stats, _)] = rig.sink.shown("stats")
    assert stats == week_stats
    assert (stats.period.start, stats.period.end) == span(rig, week)
    assert rig.sink.shown("events") == [(week, week_events)]
    # The month, likewise, is the month's.
    rig.poller.start(month, refetch=False)
    (_, stats, _), *_ = rig.sink.shown("stats")[1:]
    assert (stats.period.start, stats.period.end) == span(rig, month) != span(rig, week)


async def test_a_rotation_faster_than_the_settle_wait_still_fetches_each_site(rig: Rig) -> None:
    # The kiosk rotation is no key: a wall screen that rotates every SETTLE_DELAY seconds or
    # faster would otherwise drop every site's requests before they left.
    period = Period.parse("7d")
    rig.poller.start(Selection(rig.sites[0], period))
    await rig.host.settle()
    clear(rig)
    for site in rig.sites[1:3]:
        rig.poller.start(Selection(site, period), refetch=False, settle=False)
        assert not rig.poller.settle.pending
        await rig.host.settle()
        rig.host.advance(SETTLE_DELAY / 2)
    assert {s.site for s in shown_selections(rig, "stats")} == set(rig.sites[1:3])
    assert sent(rig)["realtime"] == 2
