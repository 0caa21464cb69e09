"""Answers to requests sent together are drawn together, in one paint batch; a slow one holds
the others back only until the round's deadline; polls outside a round are drawn at once.
The host's timers fire only when the test moves the clock, so the deadline is a step of the
test, never a duration. (What the panes show meanwhile: tests/ui/test_paint_round.py.)"""

from __future__ import annotations

import asyncio

from krafter_tui.api import Period
from krafter_tui.feeds import Selection
from krafter_tui.feeds.rounds import ROUND_WAIT
from krafter_tui.feeds.settle import SETTLE_DELAY
from tests.support.requests import until

from .conftest import Rig


def sel(rig: Rig, index: int = 0, period: str = "30d") -> Selection:
    return Selection(rig.sites[index], Period.parse(period))


def drawn(rig: Rig) -> list[tuple[str, bool]]:
    """What the sink was given, and whether inside a paint batch (the site list left out, and
    the compared period, which comes with or after the stats of the same fetch)."""
    return [(n, batched) for n, _, batched in rig.sink.calls if n not in ("sites", "compared")]


async def test_answers_sent_together_are_shown_in_one_paint_batch(rig: Rig) -> None:
    rig.poller.round.wait = 60  # the round waits for its last answer, however slow
    rig.gate.held = {"realtime"}
    rig.poller.start(sel(rig))
    await asyncio.sleep(0.1)
    await asyncio.gather(*rig.host.tasks["stats"], *rig.host.tasks["events"])
    assert rig.sink.calls == []  # held for the round
    rig.gate.release.set()
    await rig.host.settle()
    names = [name for name, _, _ in rig.sink.calls]
    assert {"stats", "events", "realtime"} <= set(names)
    assert rig.sink.batches == 1
    assert all(batched for _, _, batched in rig.sink.calls)


async def test_a_slow_answer_holds_the_others_only_until_the_rounds_deadline(rig: Rig) -> None:
    rig.gate.hold("events")
    rig.poller.start(sel(rig))
    await until(lambda: {"stats", "previous", "realtime"} <= set(rig.gate.answered))
    await asyncio.gather(*rig.host.tasks["stats"], *rig.host.tasks["realtime"])
    assert drawn(rig) == []  # held for the round
    assert rig.host.advance(ROUND_WAIT) == ["paint-round"]
    # The deadline: what came is drawn in one batch, the events answer still out.
    assert sorted(drawn(rig)) == [("realtime", True), ("stats", True)]
    assert rig.gate.waiting == ["events"]
    rig.gate.let_through("events")
    await rig.host.settle()
    assert drawn(rig)[-1] == ("events", False)  # drawn as it came
    assert rig.sink.batches == 1


async def test_polls_after_the_first_round_are_drawn_at_once(rig: Rig) -> None:
    rig.poller.round.wait = 60
    rig.poller.start(sel(rig))
    await rig.host.settle()
    rig.sink.calls.clear()
    rig.gate.hold("events")  # the next events answer hangs
    rig.poller.poll_now("events")
    rig.poller.poll_now("realtime")
    await asyncio.gather(*rig.host.tasks["realtime"])
    assert drawn(rig) == [("realtime", False)]  # not waiting for the events
    assert rig.gate.waiting == ["events"]
    rig.gate.let_through("events")
    await rig.host.settle()
    assert drawn(rig) == [("realtime", False), ("events", False)]
    assert rig.sink.batches == 1  # the first round's only


async def test_a_selection_seen_again_is_drawn_from_the_cache_outside_any_round(
    rig: Rig,
) -> None:
    first, second = sel(rig, 0), sel(rig, 1)
    rig.poller.start(first)
    await rig.host.settle()
    rig.poller.start(second)
    rig.host.advance(SETTLE_DELAY)
    await rig.host.settle()
    rig.sink.calls.clear()
    rig.poller.round.wait = 60
    rig.gate.hold("stats", "events")  # the refetches in the background hang
    rig.poller.start(first)
    # Drawn inside start(), before any request left, each as it is (no round to wait for).
    assert drawn(rig) == [("stats", False), ("events", False)]
    rig.host.advance(SETTLE_DELAY)
    await until(lambda: {"stats", "events"} <= set(rig.gate.waiting))
    await asyncio.gather(*rig.host.tasks["realtime"])
    assert drawn(rig)[-1] == ("realtime", False)
    rig.gate.let_through("stats")
    rig.gate.let_through("events")
    await rig.host.settle()
    assert all(not batched for _, batched in drawn(rig))


async def test_another_period_of_the_same_site_rounds_its_figures_but_not_the_live_count(
    rig: Rig,
) -> None:
    rig.poller.round.wait = 60
    rig.poller.start(sel(rig, 0, "30d"))
    await rig.host.settle()
    rig.sink.calls.clear()
    batches = rig.sink.batches
    rig.gate.hold("realtime")  # the live count hangs: it has a reading on screen already
    rig.poller.start(sel(rig, 0, "7d"))
    rig.host.advance(SETTLE_DELAY)
    await until(lambda: rig.gate.waiting == ["realtime"])
    await asyncio.gather(*rig.host.tasks["stats"], *rig.host.tasks["events"])
    # The figures of the new period, in one batch, without waiting for the live count.
    assert sorted(drawn(rig)) == [("events", True), ("stats", True)]
    assert rig.sink.batches == batches + 1
    rig.gate.let_through("realtime")
    await rig.host.settle()
    assert drawn(rig)[-1] == ("realtime", False)
