"""What the poller hands the screen is a function of the latest answers, whatever order they
arrive in: the stats, the previous period's stats and the events are held by the transport
and let through in every order, and what a screen drawing each call would show is compared
with the demo's own answers. (The conversion rate on screen: tests/ui/test_answer_order.py.)
"""

from __future__ import annotations

from itertools import permutations

import httpx
import pytest

from krafter_tui.api import DIMENSIONS, KrafterClient, Period, Stats
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.feeds import Selection
from krafter_tui.feeds.poller import compared_period
from krafter_tui.feeds.rounds import ROUND_WAIT
from krafter_tui.feeds.settle import SETTLE_DELAY
from tests.support.requests import until

from .conftest import DEMO_URL, Drawn, Rig

ORDERS = list(permutations(["stats", "previous", "events"]))


def sel(rig: Rig, index: int = 0, period: str = "30d") -> Selection:
    return Selection(rig.sites[index], Period.parse(period))


async def expected(rig: Rig, selection: Selection) -> Drawn:
    """The demo's answers for ``selection``, asked for by a client of its own."""
    transport = httpx.ASGITransport(app=rig.demo)
    async with KrafterClient(DEMO_TOKEN, DEMO_URL, transport=transport) as client:
        key = selection.site.site_key
        wanted = rig.poller.api_period(selection)
        stats = await client.stats(key, wanted, DIMENSIONS)
        before = compared_period(stats.period.start, stats.period.end, "previous")
        assert before is not None
        compared = await client.stats(key, before, ())
        events = await client.events(key, wanted)
    return Drawn(stats, compared, events)


async def let_through(rig: Rig, order: tuple[str, ...], *, at_once: bool = False) -> None:
    """Let the held answers go in ``order``; ``at_once``: each is drawn as it comes (the paint
    round's wait is over), not held for the others."""
    for what in order:
        await until(lambda w=what: w in rig.gate.waiting)  # type: ignore[misc]
        rig.gate.let_through(what)
        await until(lambda w=what: w in rig.gate.answered)  # type: ignore[misc]
        if at_once:
            rig.host.advance(ROUND_WAIT)
    await rig.host.settle()


def assert_drawn(drawn: Drawn, want: Drawn, selection: Selection) -> None:
    assert drawn.stats == want.stats
    assert isinstance(drawn.compared, Stats)
    assert drawn.compared.totals == want.compared.totals  # type: ignore[union-attr]
    assert drawn.compared.period == want.compared.period  # type: ignore[union-attr]
    assert drawn.events == want.events
    assert set(drawn.of.values()) == {selection}


@pytest.mark.parametrize("at_once", [False, True], ids=["one-round", "each-as-it-comes"])
@pytest.mark.parametrize("order", ORDERS, ids="-".join)
async def test_every_order_the_answers_arrive_draws_the_latest_of_each(
    rig: Rig, order: tuple[str, ...], at_once: bool
) -> None:
    selection = sel(rig)
    want = await expected(rig, selection)
    rig.gate.hold("stats", "previous", "events")
    rig.poller.start(selection)
    await let_through(rig, order, at_once=at_once)
    assert_drawn(rig.sink.drawn(), want, selection)
    # One previous-period request, whichever answer came first.
    assert rig.gate.kinds.count("previous") == 1


@pytest.mark.parametrize("order", ORDERS, ids="-".join)
async def test_the_next_polls_in_every_order_draw_the_latest_of_each(
    rig: Rig, order: tuple[str, ...]
) -> None:
    selection = sel(rig)
    want = await expected(rig, selection)
    rig.poller.start(selection)
    await rig.host.settle()
    rig.sink.calls.clear()
    # The second time: the polls come outside any round, and the compared period is kept.
    rig.gate.hold("stats", "events")
    assert {"poll-stats", "poll-events"} <= set(rig.host.advance(60))
    await let_through(rig, tuple(what for what in order if what != "previous"))
    drawn = rig.sink.drawn()
    assert drawn.stats == want.stats and drawn.events == want.events
    assert drawn.compared is not None and drawn.compared.totals == want.compared.totals  # type: ignore[union-attr]
    assert set(drawn.of.values()) == {selection}


@pytest.mark.parametrize("order", ORDERS, ids="-".join)
@pytest.mark.parametrize("other", [(1, "30d"), (0, "7d")], ids=["another-site", "another-period"])
async def test_after_a_switch_only_the_new_selections_answers_are_drawn(
    rig: Rig, order: tuple[str, ...], other: tuple[int, str]
) -> None:
    # Tasks are not cancelled here, so the first selection's answers really do arrive late:
    # only the poller's own check keeps them off the screen.
    rig.host.exclusive = rig.host.cancels = False
    first, second = sel(rig), sel(rig, *other)
    want = await expected(rig, second)
    rig.poller.start(first)
    await rig.host.settle()
    # The first selection's next polls are out, and held, when the keys move on.
    rig.gate.held = {"stats", "events"}
    rig.host.advance(60)
    await until(lambda: rig.gate.requests.count("events") == 2)
    rig.sink.calls.clear()
    rig.poller.start(second)
    rig.gate.held = set()
    rig.gate.hold("stats", "previous", "events")
    rig.host.advance(SETTLE_DELAY)  # the keys have settled: the second's requests leave
    await until(lambda: {"stats", "previous", "events"} <= set(rig.gate.waiting))
    rig.gate.release.set()  # the first's answers come back now, late
    await let_through(rig, order)
    assert_drawn(rig.sink.drawn(), want, second)
    assert all(value[0] == second for name, value, _ in rig.sink.calls if name != "sites")
