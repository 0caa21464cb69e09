"""Readings: each live stats and events answer the poller reads goes into the record (in a
worker thread, after it was shown), at +0 requests; an answer whose period does not include
today records nothing."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

import httpx

from krafter_tui.api import DateRange, Event, KrafterClient, Period, Stats
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.feeds import Poller, Selection
from krafter_tui.feeds.words import budget_line
from krafter_tui.record import Record

from .conftest import DEMO_URL, FakeHost, Gate, RecordingSink, Rig


class CountedRecord(Record):
    """A record that keeps what each write answered: True for a reading recorded."""

    def __init__(self, path: Path) -> None:
        super().__init__(DEMO_TOKEN, DEMO_URL, path)
        self.stats_added: list[bool] = []
        self.events_added: list[bool] = []

    def add_stats(self, site_key: str, stats: Stats, at: datetime) -> bool:
        added = super().add_stats(site_key, stats, at)
        self.stats_added.append(added)
        return added

    def add_events(
        self, site_key: str, events: list[Event], period: DateRange, at: datetime
    ) -> bool:
        added = super().add_events(site_key, events, period, at)
        self.events_added.append(added)
        return added


async def poll_once(rig: Rig, period: str, record: Record | None) -> list[str]:
    """Start a poller (with ``record``) on the demo for ``period``; the requests it sent."""
    gate = Gate(httpx.ASGITransport(app=rig.demo))
    client = KrafterClient(DEMO_TOKEN, DEMO_URL, transport=gate)
    host = FakeHost(rig.clock)
    poller = Poller(
        client,
        clock=rig.clock,
        realtime_interval=10,
        stats_interval=60,
        host=host,
        sink=RecordingSink(),
        record=record,
    )
    try:
        poller.start(Selection(rig.sites[0], Period.parse(period)))
        await host.settle()
        await poller.recording.written()
    finally:
        poller.stop()
        await client.aclose()
    return gate.kinds


async def test_a_live_answer_is_recorded_at_no_request_more(rig: Rig, tmp_path: Path) -> None:
    record = CountedRecord(tmp_path / "record.sqlite3")
    without = await poll_once(rig, "today", None)
    with_record = await poll_once(rig, "today", record)
    assert with_record == without  # +0 requests: the record only keeps what was read
    assert record.stats_added == [True]
    assert record.events_added == [True]
    day = rig.clock().date()
    hours = record.today_by_hour(rig.sites[0].site_key, day, rig.clock())
    assert hours.recorded_since is not None
    record.close()


async def test_a_period_without_today_records_nothing(rig: Rig, tmp_path: Path) -> None:
    record = CountedRecord(tmp_path / "record.sqlite3")
    await poll_once(rig, "yesterday", record)
    assert record.stats_added == [False]
    assert record.events_added == [False]
    record.close()


async def test_a_record_that_fails_is_said_and_the_poller_goes_on(rig: Rig, tmp_path: Path) -> None:
    path = tmp_path / "record.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    path.chmod(0o600)
    record = Record(DEMO_TOKEN, DEMO_URL, path)
    gate = Gate(httpx.ASGITransport(app=rig.demo))
    client = KrafterClient(DEMO_TOKEN, DEMO_URL, transport=gate)
    host, sink = FakeHost(rig.clock), RecordingSink()
    poller = Poller(
        client,
        clock=rig.clock,
        realtime_interval=10,
        stats_interval=60,
        host=host,
        sink=sink,
        record=record,
    )
    poller.start(Selection(rig.sites[0], Period.parse("today")))
    await host.settle()
    await poller.recording.written()
    assert sink.shown("stats") and sink.shown("events")  # the dashboard goes on
    said = poller.report().not_recording
    assert said is not None and said.startswith("not recording: ") and "damaged" in said
    assert budget_line(poller.report()).endswith(f" · {said}")  # the status line's words
    poller.stop()
    await client.aclose()
    await asyncio.sleep(0)
    record.close()
