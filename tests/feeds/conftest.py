"""The poller without Textual: a fake host (tasks on the test's loop, timers on the fake clock
of tests/support/clock.py), a recording sink, and the demo server in-process behind a gate
the test controls."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from krafter_tui.api import (
    ApiError,
    Event,
    ForbiddenError,
    KrafterClient,
    Site,
    Stats,
    UnauthorizedError,
)
from krafter_tui.demo import DEMO_TOKEN, DemoApp, create_demo_app
from krafter_tui.feeds import Feed, Poller, Selection
from tests.support.clock import NOW, FakeClock
from tests.support.requests import SAFETY_WAIT, kind

DEMO_URL = "http://demo.localhost/api/v1/analytics"


@dataclass
class FakeTimer:
    due: datetime
    callback: Callable[[], None]
    name: str
    stopped: bool = False

    def stop(self) -> None:
        self.stopped = True


@dataclass
class FakeHost:
    """Tasks run on the test's event loop; timers fire only in :meth:`advance`."""

    clock: FakeClock
    exclusive: bool = True  # a new task of a group cancels the old one, as Textual's workers
    cancels: bool = True  # False: cancelling comes too late (the answer is already in)
    visible: bool = True
    timers: list[FakeTimer] = field(default_factory=list)
    tasks: dict[str, list[asyncio.Task[None]]] = field(default_factory=dict)

    def run_task(self, group: str, work: Callable[[], Awaitable[None]]) -> None:
        if self.exclusive:
            self.cancel_tasks(group)

        async def run() -> None:
            await work()

        self.tasks.setdefault(group, []).append(asyncio.ensure_future(run()))

    def cancel_tasks(self, group: str) -> None:
        if not self.cancels:
            return
        for task in self.tasks.get(group, []):
            task.cancel()

    def start_timer(self, delay: float, callback: Callable[[], None], name: str) -> FakeTimer:
        timer = FakeTimer(self.clock() + timedelta(seconds=delay), callback, name)
        self.timers.append(timer)
        return timer

    def panes_visible(self) -> bool:
        return self.visible

    def armed(self) -> list[FakeTimer]:
        """Timers neither stopped nor fired."""
        return [t for t in self.timers if not t.stopped]

    def running(self) -> list[asyncio.Task[None]]:
        return [t for tasks in self.tasks.values() for t in tasks if not t.done()]

    async def settle(self) -> None:
        """Let every running task end."""
        async with asyncio.timeout(10):
            while self.running():
                await asyncio.gather(*self.running(), return_exceptions=True)

    def advance(self, seconds: float) -> list[str]:
        """Move the clock and fire the timers now due; their names."""
        self.clock.advance(seconds)
        fired = []
        for timer in list(self.timers):
            if not timer.stopped and timer.due <= self.clock():
                timer.stopped = True
                fired.append(timer.name)
                timer.callback()
        return fired


@dataclass
class RecordingSink:
    """Every call the poller makes, in order, and whether it came inside a paint batch."""

    calls: list[tuple[str, Any, bool]] = field(default_factory=list)
    accepted: list[tuple[Selection, bool]] = field(default_factory=list)
    batches: int = 0
    _in_batch: bool = False

    @contextmanager
    def paint_batch(self) -> Iterator[None]:
        self.batches += 1
        self._in_batch = True
        try:
            yield
        finally:
            self._in_batch = False

    def _record(self, what: str, value: Any) -> None:
        self.calls.append((what, value, self._in_batch))

    def show_stats(self, selection: Selection, stats: Stats, compared: Stats | None) -> None:
        self._record("stats", (selection, stats, compared))

    def show_compared(self, selection: Selection, compared: Stats) -> None:
        self._record("compared", (selection, compared))

    def show_events(self, selection: Selection, events: list[Event]) -> None:
        self._record("events", (selection, events))

    def show_realtime(self, selection: Selection, visitors: int) -> None:
        self._record("realtime", (selection, visitors))

    def show_compared_events(self, selection: Selection, events: list[Event]) -> None:
        self._record("compared_events", (selection, events))

    def show_week(self, selection: Selection) -> None:
        self._record("week", selection)

    def selection_accepted(self, selection: Selection) -> None:
        # Not an answer shown: kept apart from the calls, with whether it came in a batch.
        self.accepted.append((selection, self._in_batch))

    def sites_loaded(self, sites: list[Site]) -> None:
        self._record("sites", sites)

    def auth_failed(self, error: UnauthorizedError | ForbiddenError) -> None:
        self._record("auth_failed", error)

    def selection_refused(self, selection: Selection, feed: Feed, error: ApiError) -> None:
        self._record("refused", (selection, feed))

    def recorded(self, selection: Selection) -> None:
        self._record("recorded", selection)

    def new_sources(
        self, selection: Selection, found: list[tuple[str, str, int]], at: datetime
    ) -> None:
        self._record("new_sources", (selection, found, at))

    def health_changed(self) -> None:
        pass

    def budget_changed(self) -> None:
        pass

    def shown(self, what: str) -> list[Any]:
        return [value for name, value, _ in self.calls if name == what]

    def drawn(self) -> Drawn:
        """What a screen drawing every call in order would show now (as the dashboard's
        ``show_*`` keep it: a stats answer brings its compared period, or none yet)."""
        drawn = Drawn()
        for name, value, _ in self.calls:
            if name == "stats":
                selection, drawn.stats, drawn.compared = value
                drawn.of["stats"] = drawn.of["compared"] = selection
            elif name == "compared":
                drawn.of["compared"], drawn.compared = value
            elif name in ("events", "realtime"):
                drawn.of[name], answer = value
                setattr(drawn, name, answer)
        return drawn


@dataclass
class Drawn:
    """The latest answer of each kind a sink was given, and the selection it came for."""

    stats: Stats | None = None
    compared: Stats | None = None
    events: list[Event] | None = None
    realtime: int | None = None
    of: dict[str, Selection] = field(default_factory=dict)


class Gate(httpx.AsyncBaseTransport):
    """Forwards to the demo; answers to paths containing a held word wait for release, and
    answers of a kind held with :meth:`hold` wait for :meth:`let_through` of that kind."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.held: set[str] = set()
        self.release = asyncio.Event()
        self.requests: list[str] = []
        self.queries: list[tuple[str, list[tuple[str, str]]]] = []
        self.kinds: list[str] = []  # the kind of every request (see tests.support.requests)
        self.answered: list[str] = []  # the kind of every answer let through, in order
        self.waiting: list[str] = []  # the kinds of the answers held now
        self._gates: dict[str, asyncio.Event] = {}

    def hold(self, *kinds: str) -> None:
        """Hold the answers of ``kinds`` (stats, previous, events, realtime, sites)."""
        for what in kinds:
            self._gates[what] = asyncio.Event()

    def let_through(self, what: str) -> None:
        """Let the held answers of ``what`` go (and answer the next ones at once)."""
        self._gates.pop(what).set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.rsplit("/", 1)[-1]
        what = kind(request)
        self.requests.append(path)
        self.kinds.append(what)
        self.queries.append((path, list(request.url.params.multi_items())))
        response = await self.inner.handle_async_request(request)
        if path in self.held:
            await asyncio.wait_for(self.release.wait(), SAFETY_WAIT)
        gate = self._gates.get(what)
        if gate is not None:
            self.waiting.append(what)
            try:
                await asyncio.wait_for(gate.wait(), SAFETY_WAIT)
            finally:
                self.waiting.remove(what)
        self.answered.append(what)
        return response


@pytest.fixture(scope="session")
def demo_app() -> DemoApp:
    app = create_demo_app(seed=42, now=lambda: NOW)
    assert isinstance(app, DemoApp)
    return app


@dataclass
class Rig:
    clock: FakeClock
    host: FakeHost
    sink: RecordingSink
    gate: Gate
    client: KrafterClient
    poller: Poller
    sites: list[Site]
    demo: DemoApp


@pytest.fixture
async def rig(demo_app: DemoApp) -> Any:
    demo_app.state.limiter.reset()
    demo_app.state.faults = None
    clock = FakeClock()
    host = FakeHost(clock)
    sink = RecordingSink()
    gate = Gate(httpx.ASGITransport(app=demo_app))
    client = KrafterClient(DEMO_TOKEN, DEMO_URL, transport=gate)
    sites = await client.list_sites()
    gate.requests.clear()
    gate.kinds.clear()
    gate.answered.clear()
    poller = Poller(
        client, clock=clock, realtime_interval=10, stats_interval=60, host=host, sink=sink
    )
    yield Rig(clock, host, sink, gate, client, poller, sites, demo_app)
    for task in host.running():
        task.cancel()
    await client.aclose()
