"""The launch's early answers go to the record like polled ones: taken at start (drawn in the
first frame, not asked for again), their stats and events become readings at +0 requests,
each at the time it was read: an early answer waits up to ``EARLY_MAX_AGE`` seconds before
the poller takes it, and a reading filed at the time it was taken would place that traffic
later than it came."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from krafter_tui.api import KrafterClient, Period
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.feeds import Poller, Selection
from krafter_tui.feeds.head_start import Opening, start_head_start
from tests.support.requests import SAFETY_WAIT

from .conftest import DEMO_URL, Rig
from .test_recording import CountedRecord

WAITED = 4.0  # seconds the early answers wait between being read and being taken


@pytest.mark.parametrize("period", ["today", "30d"])
async def test_the_early_answers_are_recorded_at_their_read_time(
    rig: Rig, tmp_path: Path, period: str
) -> None:
    record = CountedRecord(tmp_path / "record.sqlite3")
    opening = Opening(wanted=None, period=Period.parse(period), remembered=None)
    early = start_head_start(
        DEMO_TOKEN,
        DEMO_URL,
        lambda: opening,
        transport=httpx.ASGITransport(app=rig.demo),
        clock=rig.clock,
    )
    assert early.finished.wait(SAFETY_WAIT), "the early requests did not end"
    early.clock = lambda: time.monotonic() + WAITED  # read WAITED seconds before taken
    client = KrafterClient(DEMO_TOKEN, DEMO_URL, transport=rig.gate, early=early)
    poller = Poller(
        client,
        clock=rig.clock,
        realtime_interval=10,
        stats_interval=60,
        host=rig.host,
        sink=rig.sink,
        record=record,
    )
    try:
        poller.load_sites()
        poller.start(Selection(rig.sites[0], Period.parse(period)))
        await rig.host.settle()
        await poller.recording.written()
    finally:
        poller.stop()
        await client.aclose()
    assert rig.gate.requests == []  # all from the head start: +0 requests
    assert early.taken == 5
    assert record.stats_added == [True]
    assert record.events_added == [True]
    now = rig.clock()
    hours = record.today_by_hour(rig.sites[0].site_key, now.date(), now)
    assert hours.recorded_since is not None
    read = now - hours.recorded_since
    assert timedelta(seconds=WAITED - 1) <= read <= timedelta(seconds=WAITED + 1), read
    record.close()
