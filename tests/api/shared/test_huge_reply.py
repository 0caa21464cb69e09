"""A "Redis" that announces a 1 GB bulk string (or an array of a billion items) is refused
when it says so, before the reply is read: the dashboard's memory stays small, it polls
directly with the mark in the status line, and the reason names the size and the cap."""

from __future__ import annotations

import tracemalloc

import pytest

from krafter_tui.api import ANSWER_LIMIT
from krafter_tui.api.shared import SharedCacheError
from krafter_tui.api.shared.redis_store import RedisStore
from tests.api.shared.fake_redis import SENT_AT_MOST, huge_redis
from tests.api.shared.test_fallback import marked
from tests.api.shared.wall import close, make_screen, start
from tests.support.clock import FakeClock
from tests.support.demo_server import RunningDemo

CASES = [("bulk", ""), ("array", ""), ("bulk", "?protocol=3")]


@pytest.mark.parametrize(("huge", "query"), CASES)
async def test_the_store_refuses_a_huge_reply_when_it_is_announced(huge: str, query: str) -> None:
    with huge_redis(huge) as url:
        store = RedisStore(url + query, "redis fake")
        tracemalloc.start()
        try:
            with pytest.raises(SharedCacheError) as refused:
                if huge == "bulk":
                    await store.get("krafter-tui:v2:answer", ANSWER_LIMIT)
                else:  # a real Redis answers SET NX with OK or nil
                    await store.claim("krafter-tui:v2:answer", 10, ANSWER_LIMIT)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            await store.aclose()
    # A bound, not a measure: a client that read what the server sent would hold it all.
    assert peak < SENT_AT_MOST // 2, f"{peak:,} bytes at the peak"
    unit = "bytes" if huge == "bulk" else "items"
    assert "the server announced a" in str(refused.value)
    assert f"1,000,000,000 {unit}, beyond the cap of" in str(refused.value)


@pytest.mark.parametrize(("huge", "query"), CASES)
async def test_a_screen_on_a_redis_sending_huge_replies_polls_directly_in_little_memory(
    demo: RunningDemo, huge: str, query: str
) -> None:
    with huge_redis(huge) as url:
        screen = make_screen(demo.api_url, FakeClock(), url + query)
        tracemalloc.start()
        try:
            await start(screen)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            await close([screen])
    assert peak < SENT_AT_MOST // 2, f"{peak:,} bytes at the peak"
    assert marked(screen)
    assert screen.sink.shown("realtime") and screen.sink.shown("stats")  # polled directly
