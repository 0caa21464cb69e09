"""A wall of screens in one process: each a client and a poller (as the dashboard runs them)
on one simulated clock, against a demo server over loopback HTTP, maybe sharing a cache."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from krafter_tui.api import KrafterClient, Period, RateBudget
from krafter_tui.api.shared import SharedCache, open_shared_cache
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.feeds import Poller, Selection
from tests.feeds.conftest import FakeHost, RecordingSink
from tests.support.clock import FakeClock


@dataclass
class Screen:
    """One dashboard's polling: its client (and cache), poller, host and what it showed."""

    client: KrafterClient
    poller: Poller
    host: FakeHost
    sink: RecordingSink

    @property
    def shared(self) -> SharedCache | None:
        return self.client.shared


def make_screen(
    api_url: str,
    clock: FakeClock,
    cache_url: str | None,
    *,
    token: str = DEMO_TOKEN,
    shared: Callable[[str], SharedCache] | None = None,
) -> Screen:
    """A screen polling with the defaults (realtime 10 s, stats and events 60 s)."""

    def unix() -> float:
        return clock().timestamp()

    cache = None
    if cache_url is not None:
        cache = shared(cache_url) if shared else open_shared_cache(cache_url, clock=unix)
    client = KrafterClient(token, api_url, budget=RateBudget(clock=unix), shared=cache)
    host, sink = FakeHost(clock), RecordingSink()
    poller = Poller(
        client, clock=clock, realtime_interval=10, stats_interval=60, host=host, sink=sink
    )
    return Screen(client, poller, host, sink)


async def start(screen: Screen, site_index: int = 0) -> None:
    """Load the site list, then show the first site's last 30 days."""
    screen.poller.load_sites()
    await screen.host.settle()
    sites = screen.sink.shown("sites")[-1]
    screen.poller.start(Selection(sites[site_index], Period.parse("30d")))
    await screen.host.settle()


async def run_for(screens: list[Screen], clock: FakeClock, seconds: int) -> None:
    """Move the shared clock a second at a time, firing each screen's due timers and letting
    its fetches end (screens due together fetch together, as separate machines would)."""
    for _ in range(seconds):
        clock.advance(1)
        for screen in screens:
            screen.host.advance(0)
        await asyncio.gather(*(screen.host.settle() for screen in screens))


async def close(screens: list[Screen]) -> None:
    for screen in screens:
        screen.poller.stop()
        for task in screen.host.running():
            task.cancel()
        await screen.client.aclose()
