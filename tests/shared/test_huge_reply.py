"""A "Redis" that announces a 1 GB bulk string (or an array of a billion items) is refused
when it says so, before the reply is read: the dashboard's memory stays small, it polls
directly with the mark in the status line, and the reason names the size and the cap."""

from __future__ import annotations

import tracemalloc

import pytest

from tests.demo_server import RunningDemo
from tests.feeds.conftest import ManualClock
from tests.shared.fake_redis import SENT_AT_MOST, huge_redis
from tests.shared.test_fallback import marked
from tests.shared.wall import close, make_screen, start


@pytest.mark.parametrize("huge", ["bulk", "array"])
async def test_a_huge_reply_is_refused_before_it_is_read(demo: RunningDemo, huge: str) -> None:
    with huge_redis(huge) as url:
        screen = make_screen(demo.api_url, ManualClock(), url)
        tracemalloc.start()
        try:
            await start(screen)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            await close([screen])
    # A bound, not a measure: a client that read what the server sent would hold it all.
    assert peak < SENT_AT_MOST // 2, f"{peak:,} bytes at the peak"
    assert screen.shared is not None and screen.shared.problem is not None
    assert "announced" in screen.shared.problem and "1,000,000,000" in screen.shared.problem
    assert marked(screen)
    assert screen.sink.shown("realtime") and screen.sink.shown("stats")  # polled directly
