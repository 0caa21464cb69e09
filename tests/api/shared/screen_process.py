"""One screen's polling in a process of its own, on the real clock: the client and poller of
the dashboard, with the demo key, for SECONDS; prints what it did as JSON.

    python -m tests.api.shared.screen_process API_URL CACHE_URL|- SECONDS REALTIME STATS
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from krafter_tui.api import KrafterClient, Period
from krafter_tui.api.shared import open_shared_cache
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.feeds import Poller, Selection
from tests.feeds.conftest import RecordingSink


class LoopTimer:
    def __init__(self, handle: asyncio.TimerHandle) -> None:
        self.handle = handle

    def stop(self) -> None:
        self.handle.cancel()


class LoopHost:
    """The poller's host on a plain asyncio loop (the app uses Textual's workers)."""

    def __init__(self) -> None:
        self.tasks: dict[str, asyncio.Task[None]] = {}

    def run_task(self, group: str, work: Callable[[], Awaitable[None]]) -> None:
        self.cancel_tasks(group)

        async def run() -> None:
            await work()

        self.tasks[group] = asyncio.ensure_future(run())

    def cancel_tasks(self, group: str) -> None:
        task = self.tasks.pop(group, None)
        if task is not None:
            task.cancel()

    def start_timer(self, delay: float, callback: Callable[[], None], name: str) -> LoopTimer:
        return LoopTimer(asyncio.get_running_loop().call_later(delay, callback))

    def panes_visible(self) -> bool:
        return True


async def main(api_url: str, cache_url: str, seconds: float, realtime: float, stats: float) -> None:
    shared = open_shared_cache(cache_url) if cache_url != "-" else None
    client = KrafterClient(DEMO_TOKEN, api_url, shared=shared)
    sink, host = RecordingSink(), LoopHost()
    poller = Poller(
        client,
        clock=lambda: datetime.now(UTC),
        realtime_interval=realtime,
        stats_interval=stats,
        host=host,
        sink=sink,
    )
    poller.load_sites()
    async with asyncio.timeout(30):
        while not sink.shown("sites"):
            await asyncio.sleep(0.02)
    poller.start(Selection(sink.shown("sites")[-1][0], Period.parse("30d")))
    await asyncio.sleep(seconds)
    poller.stop()
    down = shared.down if shared is not None else False
    hits = shared.hits if shared is not None else 0
    await client.aclose()
    result = {
        "requests": client.budget.requests_sent,
        "hits": hits,
        "down": down,
        "realtime": len(sink.shown("realtime")),
        "stats": len(sink.shown("stats")),
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    url, cache, seconds, realtime, stats = sys.argv[1:6]
    asyncio.run(main(url, cache, float(seconds), float(realtime), float(stats)))
