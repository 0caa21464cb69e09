"""Answers to requests sent together are shown together, in one paint; a slow one holds the
others back only briefly.

A transport holds chosen answers until the test releases them. What is asserted is what was
on screen when (which panes had data while another answer was still out), never a duration.
(The round's rules against the poller with fakes, polls outside a round, a selection seen
again, another period of the same site: tests/feeds/test_paint_round.py.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from krafter_tui.app import KrafterApp
from krafter_tui.demo import DemoApp
from krafter_tui.feeds import rounds
from krafter_tui.ui.screens import DashboardScreen
from krafter_tui.ui.widgets import EventsTable, RealtimeCounter, TotalsPanel

from .conftest import settle
from .helpers import kind, until

MakeApp = Callable[..., KrafterApp]
SAFETY_WAIT = 10.0  # only reached when what is awaited never happens (the bug under test)


class GateTransport(httpx.AsyncBaseTransport):
    """Forwards to ``inner``; answers of the ``held`` kinds wait for :attr:`release`."""

    def __init__(self, inner: httpx.AsyncBaseTransport, held: set[str]) -> None:
        self.inner = inner
        self.held = held
        self.release = asyncio.Event()
        self.waiting: set[str] = set()
        self.answered: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        what = kind(request)
        response = await self.inner.handle_async_request(request)
        if what in self.held:
            self.waiting.add(what)
            await asyncio.wait_for(self.release.wait(), SAFETY_WAIT)
            self.waiting.discard(what)
        self.answered.append(what)
        return response


async def test_the_first_answers_wait_for_the_last_one_and_show_in_one_batch(
    make_app: MakeApp, demo: DemoApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # However slow this machine is today, the held answers wait for the last one.
    monkeypatch.setattr(rounds, "ROUND_WAIT", SAFETY_WAIT)
    transport = GateTransport(httpx.ASGITransport(app=demo), held={"realtime"})
    app = make_app(transport=transport)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        answered = transport.answered
        await until(lambda: {"stats", "previous", "events"} <= set(answered))
        await until(lambda: "realtime" in transport.waiting)
        await pilot.pause()
        assert screen.query_one(TotalsPanel).totals is None  # held for the round
        transport.release.set()
        await settle(pilot)
        # Everything the round held came out in one batch of the screen: one paint.
        assert screen.poller.round.flushes == 1
        assert screen.query_one(TotalsPanel).totals is not None
        assert screen.query_one(EventsTable).events
        assert screen.query_one(RealtimeCounter).readings


async def test_a_slow_answer_does_not_keep_the_others_off_the_screen(
    make_app: MakeApp, demo: DemoApp
) -> None:
    transport = GateTransport(httpx.ASGITransport(app=demo), held={"events"})
    app = make_app(transport=transport)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        await until(lambda: "events" in transport.waiting)
        # The events answer is still out, and the stats and realtime are shown anyway.
        await until(lambda: screen.query_one(TotalsPanel).totals is not None)
        assert "events" in transport.waiting
        assert screen.query_one(RealtimeCounter).readings
        assert not screen.query_one(EventsTable).events
        transport.release.set()
        await settle(pilot)
        assert screen.query_one(EventsTable).events
