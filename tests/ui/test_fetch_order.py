"""What goes out first, as the screen shows it: a remembered site is asked for before the site
list arrives, and the change marks compare with the period the server resolved. (The order of
the poller's requests, with fakes: tests/feeds/test_fetch_order.py.)

The transport here holds one answer back until another request has been sent (or a generous
safety wait has passed, so a regression fails instead of hanging) and records the order in
which requests went out and answers came back. Nothing is timed: only the order is asserted.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import httpx
import msgspec

from krafter_tui.api import KrafterClient, Period
from krafter_tui.app import KrafterApp
from krafter_tui.demo import DemoApp
from krafter_tui.ui.widgets import TotalsPanel

from .conftest import DEMO_URL, FROZEN, settle
from .helpers import dashboard, kind

MakeApp = Callable[..., KrafterApp]
SAFETY_WAIT = 5.0  # only reached when the awaited request never comes (the bug under test)


class OrderTransport(httpx.AsyncBaseTransport):
    """Forwards to ``inner``; the answer to a ``held`` kind waits until a request of the
    ``until`` kind has been sent. ``log`` lists ("sent", kind) and ("answered", kind)."""

    def __init__(self, inner: httpx.AsyncBaseTransport, held: str, until: str) -> None:
        self.inner = inner
        self.held = held
        self.until = until
        self.sent_until = asyncio.Event()
        self.log: list[tuple[str, str]] = []
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        what = kind(request)
        self.log.append(("sent", what))
        self.requests.append(request)
        if what == self.until:
            self.sent_until.set()
        response = await self.inner.handle_async_request(request)
        if what == self.held and not self.sent_until.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.sent_until.wait(), SAFETY_WAIT)
        self.log.append(("answered", what))
        return response


async def test_a_wrong_guess_of_the_range_is_corrected_from_the_answer(
    make_app: MakeApp, demo_client: KrafterClient
) -> None:
    app = make_app()
    app.clock = lambda: FROZEN + timedelta(days=3)  # the app's calendar is off, the server's not
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        selection = dashboard(app).selection
        assert selection is not None
        stats = await demo_client.stats(selection.site.site_key, selection.period)
        before = Period.previous_of(stats.period.start, stats.period.end)
        expected = await demo_client.stats(selection.site.site_key, before)
        assert app.screen.query_one(TotalsPanel).previous == expected.totals


async def test_a_remembered_site_is_fetched_before_the_sites_list_arrives(
    make_app: MakeApp, demo: DemoApp, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    first = make_app(state_path=state)
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "w")
        await settle(pilot)
        chosen = dashboard(first).selection
    assert chosen is not None
    transport = OrderTransport(httpx.ASGITransport(app=demo), held="sites", until="stats")
    again = make_app(transport=transport, state_path=state)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        log = transport.log
        assert log.index(("sent", "stats")) < log.index(("answered", "sites"))
        first_stats = next(r for r in transport.requests if kind(r) == "stats")
        assert chosen.site.site_key in first_stats.url.path
        assert dashboard(again).selection == chosen
        # Confirmed by the list: not fetched a second time.
        assert log.count(("sent", "stats")) == 1


async def test_a_remembered_site_that_is_gone_falls_back_to_the_first(
    make_app: MakeApp, demo_client: KrafterClient, tmp_path: Path
) -> None:
    real = (await demo_client.list_sites())[1]
    gone = msgspec.structs.replace(real, site_key="sk_deleted000000", name="Deleted Site")
    state = tmp_path / "state.json"
    state.write_text(
        json.dumps(
            {
                DEMO_URL: {
                    "site": gone.site_key,
                    "period": "7d",
                    "site_record": msgspec.to_builtins(gone),
                }
            }
        ),
        encoding="utf-8",
    )
    app = make_app(state_path=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        selection = dashboard(app).selection
        assert selection is not None and selection.site.name == "Pebble CRM"
        assert str(selection.period) == "7d"
        assert any("sk_deleted000000" in str(n.message) for n in app._notifications)
        assert app.screen.query_one(TotalsPanel).totals is not None


async def test_a_renamed_remembered_site_is_shown_under_its_new_name(
    make_app: MakeApp, demo_client: KrafterClient, tmp_path: Path
) -> None:
    real = (await demo_client.list_sites())[1]
    old = msgspec.structs.replace(real, name="Old Name")
    state = tmp_path / "state.json"
    state.write_text(
        json.dumps(
            {
                DEMO_URL: {
                    "site": old.site_key,
                    "period": "30d",
                    "site_record": msgspec.to_builtins(old),
                }
            }
        ),
        encoding="utf-8",
    )
    app = make_app(state_path=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        selection = dashboard(app).selection
        assert selection is not None and selection.site == real
