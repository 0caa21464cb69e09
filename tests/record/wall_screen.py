"""One screen of a wall in a process of its own, on the real clock, recording: the dashboard's
client and poller with the demo key and a shared cache, its record kept with that cache. It
polls for SECONDS, waits until COUNT screens have (files in BARRIER), asks its record for today
by the hour at NOW, and prints what it handed to the record and what it said, as JSON.

    python -m tests.record.wall_screen API_URL CACHE_URL RECORD_PATH|- SECONDS BARRIER COUNT
        NOW RETRY
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from krafter_tui.api import DateRange, Event, KrafterClient, Period, Stats
from krafter_tui.api.shared import open_shared_cache
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.feeds import Poller, Selection
from krafter_tui.record import Record, wall_readings
from tests.api.shared.screen_process import LoopHost
from tests.feeds.conftest import RecordingSink


class HandedRecord(Record):
    """A record that remembers the readings handed to it: (kind, read time)."""

    handed: list[tuple[str, float]]

    def add_stats(self, site_key: str, stats: Stats, at: datetime) -> bool:
        self.handed.append(("stats", at.timestamp()))
        return super().add_stats(site_key, stats, at)

    def add_events(
        self, site_key: str, events: list[Event], period: DateRange, at: datetime
    ) -> bool:
        self.handed.append(("events", at.timestamp()))
        return super().add_events(site_key, events, period, at)


async def main(argv: list[str]) -> None:
    api_url, cache_url, record_path, seconds, barrier, count, now, retry = argv
    wall_readings.RETRY = float(retry)  # Redis tried again this often (the test's pace)
    shared = open_shared_cache(cache_url)
    client = KrafterClient(DEMO_TOKEN, api_url, shared=shared)
    path = None if record_path == "-" else Path(record_path)
    record = HandedRecord(DEMO_TOKEN, api_url, path, shared_cache=cache_url)
    record.handed = []
    sink, host = RecordingSink(), LoopHost()
    poller = Poller(
        client,
        clock=lambda: datetime.now(UTC),
        realtime_interval=1,
        stats_interval=2,
        host=host,
        sink=sink,
        record=record,
    )
    poller.load_sites()
    async with asyncio.timeout(30):
        while not sink.shown("sites"):
            await asyncio.sleep(0.02)
    site = sink.shown("sites")[-1][0]
    poller.start(Selection(site, Period.parse("30d")))
    said: list[str | None] = []  # what the status line said of the record, in turn
    loop = asyncio.get_running_loop()
    end = loop.time() + float(seconds)
    while loop.time() < end:
        text = poller.recording.not_recording()
        if not said or said[-1] != text:
            said.append(text)
        await asyncio.sleep(0.1)
    poller.stop()
    await poller.recording.written()
    await client.aclose()
    Path(barrier, str(os.getpid())).touch()
    async with asyncio.timeout(60):
        while len(os.listdir(barrier)) < int(count):
            await asyncio.sleep(0.05)
    at = datetime.fromtimestamp(float(now), UTC)
    day = await asyncio.to_thread(record.today_by_hour, site.site_key, at.date(), at)
    record.close()
    result = {
        "handed": record.handed,
        "said": said,
        "day": repr(day),
        "through": day.through.timestamp() if day.through else None,
        "since": day.recorded_since.timestamp() if day.recorded_since else None,
        "hours": [hour.start.isoformat() for hour in day.hours],
        "status": record.status.text,
        "path": str(record.path),
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
