"""The launch's early answers, taken by the poller: drawn as the poller starts, before any
task runs, and each used once (the server is not asked again for them). The early requests
go to the demo on their own thread, as ``krafter-tui`` sends them before importing Textual;
the poller's own requests pass the rig's gate, which counts them. (The first frame on the
terminal, a kiosk's first site, a refused key: tests/ui/test_head_start.py.)"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from krafter_tui.api import KrafterClient, Period, Site
from krafter_tui.api.head_start_answers import HeadStartAnswers
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.feeds import Poller, Selection
from krafter_tui.feeds.head_start import Opening, start_head_start
from krafter_tui.feeds.rounds import ROUND_WAIT
from krafter_tui.feeds.settle import SETTLE_DELAY
from tests.support.requests import SAFETY_WAIT

from .conftest import DEMO_URL, Rig

Launch = Callable[[Opening], Poller]


@pytest.fixture
async def launch(rig: Rig) -> AsyncIterator[Launch]:
    """Send the early requests for an opening, then make a poller whose client has their
    answers (on the rig's host, sink, clock and gate)."""
    clients: list[KrafterClient] = []

    def make(opening: Opening) -> Poller:
        rig.demo.state.requests.clear()
        early = start_head_start(
            DEMO_TOKEN,
            DEMO_URL,
            lambda: opening,
            transport=httpx.ASGITransport(app=rig.demo),
            clock=rig.clock,
        )
        assert early.finished.wait(SAFETY_WAIT), "the early requests did not end"
        client = KrafterClient(DEMO_TOKEN, DEMO_URL, transport=rig.gate, early=early)
        clients.append(client)
        return Poller(
            client,
            clock=rig.clock,
            realtime_interval=10,
            stats_interval=60,
            host=rig.host,
            sink=rig.sink,
        )

    yield make
    for client in clients:
        await client.aclose()


def first_launch() -> Opening:
    """Nothing remembered: the first site the list gives, on the last 30 days."""
    return Opening(wanted=None, period=Period("30d"), remembered=None)


def remembered(site: Site, period: str) -> Opening:
    """What the last run left: ``site`` on ``period``, asked for before the list is in."""
    return Opening(wanted=site.site_key, period=Period.parse(period), remembered=site)


def early_of(poller: Poller) -> HeadStartAnswers:
    """The poller's early answers (its client lets go of them once all are taken)."""
    early = poller.client.early
    assert early is not None
    return early


def drawn_names(rig: Rig) -> list[str]:
    """What the sink was given, by name, in order."""
    return [name for name, _, _ in rig.sink.calls]


async def test_every_early_answer_is_drawn_at_start_and_nothing_is_asked_again(
    rig: Rig, launch: Launch
) -> None:
    poller = launch(first_launch())
    early = early_of(poller)
    poller.load_sites()  # here already: drawn at once
    assert drawn_names(rig) == ["sites"]
    selection = Selection(rig.sites[0], Period("30d"))
    poller.start(selection)
    # Drawn inside start(), before any task ran: the first frame has the figures.
    assert sorted(drawn_names(rig)) == ["events", "realtime", "sites", "stats"]
    (_, _, compared), *_ = rig.sink.shown("stats")
    assert compared is not None  # the change marks too
    await rig.host.settle()
    assert rig.gate.requests == []
    assert early.taken == 5  # the sites, stats, previous period, events and live count
    # The feeds poll on from there, at their intervals.
    assert {"poll-stats", "poll-events", "poll-realtime"} <= {t.name for t in rig.host.armed()}


async def test_a_remembered_site_and_period_are_drawn_from_the_early_answers(
    rig: Rig, launch: Launch
) -> None:
    second = rig.sites[1]
    poller = launch(remembered(second, "7d"))
    early = early_of(poller)
    # The early requests asked for the remembered site's figures (not the list's first site).
    sent = list(rig.demo.state.requests)
    early_stats = [r.query for r in sent if r.path.endswith("/stats")]
    assert len(early_stats) == 2
    assert all(second.site_key in r.path for r in sent if not r.path.endswith("/sites"))
    assert any("period=7d" in query for query in early_stats)
    poller.start(Selection(second, Period.parse("7d")))
    assert sorted(drawn_names(rig)) == ["events", "realtime", "stats"]
    await rig.host.settle()
    poller.load_sites()
    await rig.host.settle()
    assert rig.gate.requests == []
    assert early.taken == 5


async def test_a_compared_period_missing_from_the_early_answers_is_asked_for_at_once(
    rig: Rig, launch: Launch
) -> None:
    poller = launch(first_launch())
    early = early_of(poller)
    # The previous period's answer went missing (its request failed on the way, say).
    futures: dict[Any, Any] = early._futures
    previous = next(
        key for key in futures if key[0].endswith("/stats") and "dimensions" not in dict(key[1])
    )
    del futures[previous]
    poller.start(Selection(rig.sites[0], Period("30d")))
    await rig.host.settle()
    # Asked for by itself at once (the change marks need it), not with the next stats poll.
    assert rig.gate.kinds == ["previous"]
    assert rig.sink.shown("compared")


async def test_the_early_answers_are_taken_once_a_second_start_asks_the_server(
    rig: Rig, launch: Launch
) -> None:
    poller = launch(first_launch())
    first, other = Selection(rig.sites[0], Period("30d")), Selection(rig.sites[1], Period("30d"))
    poller.start(first)
    await rig.host.settle()
    poller.start(other)
    rig.host.advance(SETTLE_DELAY)
    await rig.host.settle()
    rig.gate.kinds.clear()
    poller.start(first)  # the second time: drawn from the cache, refreshed from the server
    assert [value[0] for value in rig.sink.shown("stats")][-1] == first
    rig.host.advance(SETTLE_DELAY)
    await rig.host.settle()
    assert {"stats", "events", "realtime"} <= set(rig.gate.kinds)


async def test_another_period_of_the_same_site_asks_for_its_figures_but_not_the_live_count(
    rig: Rig, launch: Launch
) -> None:
    poller = launch(first_launch())
    poller.start(Selection(rig.sites[0], Period.parse("7d")))  # the early answers are for 30d
    assert drawn_names(rig) == ["realtime"]  # the early live count is the site's, any period
    await rig.host.settle()
    assert sorted(set(rig.gate.kinds)) == ["events", "previous", "stats"]
    # Drawn at the latest when the paint round's deadline passes. (The round counts the live
    # count, which the early reading answered and which therefore never ends it: the figures
    # wait for the deadline, ROUND_WAIT, rather than the last answer.)
    rig.host.advance(ROUND_WAIT)
    assert sorted(set(drawn_names(rig))) == ["compared", "events", "realtime", "stats"]
