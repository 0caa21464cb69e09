"""N tabs on one ``krafter-tui serve`` share one poll: the API gets, per poll period, the
requests of one tab, however many tabs are open (each tab is a dashboard process of its own;
serve gives them one shared cache, so the tabs that poll after the first use its answer).

A real ``serve`` process, its tabs real dashboards, against a demo server on loopback that
counts every request; the realtime interval is the shortest allowed, and the counts are over
a short real window, with a margin of one request for the polls' phase (three tabs not
sharing would send three times as many)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import aiohttp
import pytest

from krafter_tui.config import MIN_REALTIME_INTERVAL, MIN_STATS_INTERVAL
from krafter_tui.demo import DEMO_TOKEN
from tests.support.demo_server import RunningDemo, running_demo_server

from .browser import serving
from .tab_reader import TabReader

#: Three realtime polls of one tab.
WINDOW = 3 * MIN_REALTIME_INTERVAL
START_TIMEOUT = 120.0


def requests_between(demo: RunningDemo, start: float, end: float) -> Counter[str]:
    """The requests the demo server got from ``start`` to ``end`` (Unix times), by endpoint."""
    return Counter(
        record.path.rsplit("/", 1)[-1]
        for record in demo.app.state.requests
        if start <= record.at < end
    )


async def requests_in_window(demo: RunningDemo) -> Counter[str]:
    """The requests the demo server gets over the next :data:`WINDOW` seconds, by endpoint."""
    since = time.time()
    await asyncio.sleep(WINDOW)
    return requests_between(demo, since, since + WINDOW)


@pytest.mark.slow  # two 15 s windows of real polling: once per CI run, with the newest releases
async def test_three_tabs_send_the_requests_of_one() -> None:
    env = {
        "KRAFTER_API_TOKEN": DEMO_TOKEN,
        "KRAFTER_REALTIME_INTERVAL": f"{MIN_REALTIME_INTERVAL:g}",
        "KRAFTER_REFRESH": f"{MIN_STATS_INTERVAL:g}",
    }
    with (
        running_demo_server(seed=42, rate_limit=100_000) as demo,
        serving("--api-url", demo.api_url, env=env) as served,
    ):
        async with aiohttp.ClientSession() as http:
            tabs = [TabReader(http, served.url, 120, 40)]
            try:
                async with asyncio.timeout(START_TIMEOUT):
                    await tabs[0].wait_shown()
                one = await requests_in_window(demo)
                # Two more tabs, opened while the first polls.
                opened = time.time()
                tabs += [TabReader(http, served.url, 120, 40) for _ in range(2)]
                async with asyncio.timeout(START_TIMEOUT):
                    await asyncio.gather(*(tab.wait_shown() for tab in tabs[1:]))
                launched = requests_between(demo, opened, time.time())
                three = await requests_in_window(demo)
            finally:
                await asyncio.gather(*(tab.close() for tab in tabs))
    # The later tabs start on the first's answers: their launch asks nothing (the first tab's
    # polls go on meanwhile, and it asks for the site list only when it starts).
    assert launched["sites"] == 0, launched
    assert one["realtime"] >= 2, one  # the window saw the tab poll
    assert three["realtime"] <= one["realtime"] + 1, (one, three)
    assert three.total() <= one.total() + 2, (one, three)
