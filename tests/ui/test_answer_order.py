"""Every figure is a function of the latest answers, whatever order they arrive in.

A server answers with the published examples (events: signup 230 unique visitors; stats: 500
visitors for the first site, 1,000 for the second). A transport holds each kind of answer until
the test lets it through, and the conversion column is read back from the screen after each
step. (Every order the network can produce, against the poller with fakes:
tests/feeds/test_answer_order.py.)
"""

from __future__ import annotations

import asyncio
import copy
import json
import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from krafter_tui.app import KrafterApp
from krafter_tui.ui.widgets import EventsTable, TotalsPanel
from tests.api.payloads import EVENTS_30D, REALTIME, SITES, STATS_7D

from .conftest import settle
from .helpers import dashboard, kind, until
from .screen_text import pane_lines

MakeApp = Callable[..., KrafterApp]
SAFETY_WAIT = 10.0  # only reached when what is awaited never happens (the bug under test)

SITE_A = json.loads(SITES)["data"][0]
SITE_B = {**SITE_A, "id": SITE_A["id"][:-1] + "2", "name": "Second", "site_key": "sk_second0000001"}
VISITORS = {SITE_A["site_key"]: 500, SITE_B["site_key"]: 1000}


class PublishedServer(httpx.AsyncBaseTransport):
    """The published example answers, for two sites; answers of a ``held`` kind wait until
    :meth:`let_through` is called for that kind. ``visitors`` may change between polls."""

    def __init__(self) -> None:
        self.visitors = dict(VISITORS)
        self.held: dict[str, asyncio.Event] = {}
        self.waiting: list[str] = []

    def hold(self, *kinds: str) -> None:
        for what in kinds:
            self.held[what] = asyncio.Event()

    def let_through(self, what: str) -> None:
        self.held.pop(what).set()

    def body(self, request: httpx.Request) -> bytes:
        what = kind(request)
        if what == "sites":
            return json.dumps({"data": [SITE_A, SITE_B]}).encode()
        if what == "events":
            return EVENTS_30D
        if what == "realtime":
            return REALTIME
        stats = copy.deepcopy(json.loads(STATS_7D))
        site_key = request.url.path.split("/")[-2]
        stats["data"]["totals"]["visitors"] = self.visitors[site_key]
        if what == "previous":
            del stats["data"]["breakdown"]
        else:  # every asked-for dimension is there, as the contract says
            breakdown = stats["data"]["breakdown"]
            for name in request.url.params["dimensions"].split(","):
                breakdown.setdefault(name, [])
        return json.dumps(stats).encode()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        what = kind(request)
        body = self.body(request)
        gate = self.held.get(what)
        if gate is not None:
            self.waiting.append(what)
            await asyncio.wait_for(gate.wait(), SAFETY_WAIT)
            self.waiting.remove(what)
        headers = {"content-type": "application/json"}
        return httpx.Response(200, content=body, headers=headers, request=request)


def signup_rate(app: KrafterApp) -> str | None:
    """The conversion rate on the ``signup`` row of the events pane, as on screen."""
    rows = [line for line in pane_lines(app, "#events-pane") if "signup" in line]
    assert len(rows) == 1, pane_lines(app, "#events-pane")
    rate = re.search(r"([0-9.]+) ?%", rows[0])
    return None if rate is None else rate.group(1)


def events_shown(app: Any) -> bool:
    return any("signup" in line for line in pane_lines(app, "#events-pane"))


def stats_shown(app: Any, visitors: int) -> bool:
    totals = app.screen.query_one(TotalsPanel).totals
    return totals is not None and totals.visitors == visitors


# Every order, drawn by the poller: tests/feeds/test_answer_order.py. Here, what the screen
# makes of an order where the events come first, and one where they come last.
@pytest.mark.parametrize(
    "order", [("events", "previous", "stats"), ("stats", "previous", "events")]
)
async def test_the_conversion_on_screen_is_right_whichever_answer_comes_first(
    make_app: MakeApp, order: tuple[str, ...]
) -> None:
    server = PublishedServer()
    server.hold("stats", "previous", "events")
    app = make_app(transport=server)
    async with app.run_test(size=(120, 40)) as pilot:
        for what in order:
            await until(lambda w=what: w in server.waiting)
            server.let_through(what)
            if what == "events":
                await until(lambda: events_shown(app))
                # Before the stats answer: no rate at all, never one from other visitors.
                if not stats_shown(app, 500):
                    assert signup_rate(app) is None
        await settle(pilot)
        assert signup_rate(app) == "46.0"  # 230 / 500


async def test_after_switching_site_the_rate_uses_the_new_sites_visitors(
    make_app: MakeApp,
) -> None:
    server = PublishedServer()
    app = make_app(transport=server)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert signup_rate(app) == "46.0"
        server.hold("stats", "events")
        await pilot.press("right_square_bracket")
        await until(lambda: {"stats", "events"} <= set(server.waiting))
        # The new site's events before its stats (the other order: tests/feeds).
        server.let_through("events")
        await until(lambda: dashboard(app).state.events is not None)
        await pilot.pause()
        # 230 / 500 belongs to the first site: the new site's rate is unknown yet.
        assert signup_rate(app) is None
        server.let_through("stats")
        await settle(pilot)
        assert dashboard(app).selection.site.name == "Second"  # type: ignore[union-attr]
        assert signup_rate(app) == "23.0"  # 230 / 1,000


async def test_a_stats_poll_with_new_visitors_updates_the_rates(make_app: MakeApp) -> None:
    server = PublishedServer()
    app = make_app(transport=server)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert signup_rate(app) == "46.0"
        server.visitors[SITE_A["site_key"]] = 920
        screen = dashboard(app)
        assert screen.selection is not None
        screen.poller.poll_now("stats")  # the next stats poll, now
        await settle(pilot)
        assert stats_shown(app, 920)
        assert signup_rate(app) == "25.0"  # 230 / 920
        assert screen.query_one(EventsTable).visitors == 920
