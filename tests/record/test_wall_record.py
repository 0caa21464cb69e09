"""The wall's record with a shared cache, screens as records in one process: with Redis each
reading is written there once however many screens hand it over, every screen's questions see
every reading, nothing in Redis names the API key, a forged reading is skipped, and a Redis
that goes down means "not recording" until it is back; with SQLite the record is one file
beside the cache."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
import redis

from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.record import Record, wall_readings
from krafter_tui.record.reading import stats_reading
from krafter_tui.record.wall_readings import RETRY, WallReadings
from tests.api.shared.fake_redis import huge_redis
from tests.api.shared.redis_server import RedisServer
from tests.record.conftest import API_URL, START, made_stats, minutes

NOON = START.replace(hour=12)
# The wall's keys: the keyed hash of the API URL and key, then the index, or a reading: the
# site's keyed hash, the kind, the span (day ordinals) and the read time.
KEY = re.compile(
    r"krafter-tui:record:v1:[0-9a-f]{64}:"
    r"(index|[0-9a-f]{64}:(stats|events):[0-9]+-[0-9]+:[0-9]+(\.[0-9]+)?)"
)


class Clock:
    """Unix seconds a test moves (the records' retries)."""

    def __init__(self) -> None:
        self.now = NOON.timestamp()

    def __call__(self) -> float:
        return self.now


def screens(tmp_path: Path, cache_url: str, clock: Clock, count: int = 3) -> list[Record]:
    """``count`` screens' records, each with a local file of its own (as on other machines)."""
    return [
        Record(
            DEMO_TOKEN,
            API_URL,
            tmp_path / f"screen{n}" / "record.sqlite3",
            shared_cache=cache_url,
            clock=clock,
        )
        for n in range(count)
    ]


def writes(server: RedisServer) -> int:
    """The changes Redis made to its data since it started (a SET NX that found the key taken
    changes nothing)."""
    info = redis.Redis(port=server.port).info("persistence")
    return int(info["rdb_changes_since_last_save"])


def test_each_reading_is_written_to_redis_once_and_every_screen_sees_it(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    clock = Clock()
    wall = screens(tmp_path, redis_server.url, clock)
    handed = 0
    for n, at in enumerate(minutes(NOON, NOON + timedelta(minutes=20))):
        clock.now = at.timestamp()
        stats = made_stats(at, (100 + 7 * n, 50 + n, 60 + 2 * n), {"referrer": {"a.example": n}})
        for record in wall:  # every screen read the one answer (the shared cache's read time)
            assert record.add_stats("sk_pebble", stats, at)
        handed += 1
    client = redis.Redis(port=redis_server.port)
    keys = [key.decode() for key in client.keys("*")]
    readings = [key for key in keys if not key.endswith(":index")]
    assert len(readings) == handed == 21
    index = [key for key in keys if key.endswith(":index")]
    assert len(index) == 1 and client.zcard(index[0]) == handed
    # One SET, one ZADD and one PEXPIRE per reading: the other screens' SET NX change nothing.
    assert writes(redis_server) <= 3 * handed
    now = NOON + timedelta(minutes=20)
    days = [record.today_by_hour("sk_pebble", NOON.date(), now) for record in wall]
    assert days[0].recorded and days[0].recorded_since == NOON and days[0].through == now
    assert days[1] == days[0] and days[2] == days[0]
    # Figures and keyed hashes only: never the API key, in a key or a value.
    for key in keys:
        assert DEMO_TOKEN not in key
        assert KEY.fullmatch(key), key
        value = client.get(key) if key in readings else b""
        assert DEMO_TOKEN.encode() not in (value or b"")
    for record in wall:
        record.close()


def test_a_screen_that_did_not_read_an_answer_still_sees_it(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    clock = Clock()
    writer, reader = screens(tmp_path, redis_server.url, clock, 2)
    for n, at in enumerate(minutes(NOON, NOON + timedelta(minutes=10))):
        clock.now = at.timestamp()
        writer.add_stats("sk_brew", made_stats(at, (10 * n, n, n), {"path": {"/": n}}), at)
    now = NOON + timedelta(minutes=10)
    assert reader.today_by_hour("sk_brew", NOON.date(), now) == writer.today_by_hour(
        "sk_brew", NOON.date(), now
    )
    rising = reader.rising("sk_brew", "path", now, timedelta(minutes=5))
    assert [(row.value, row.added) for row in rising.rows] == [("/", 5)]
    writer.close()
    reader.close()


def test_a_reading_forged_without_the_api_key_is_skipped(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    clock = Clock()
    (writer,) = screens(tmp_path, redis_server.url, clock, 1)
    writer.add_stats("sk_brew", made_stats(NOON, (10, 1, 1)), NOON)
    # Whoever can write to Redis sees the names (keyed hashes) but has not the API key: a
    # reading they seal with another key, under the wall's names, a minute later.
    client = redis.Redis(port=redis_server.port)
    (real,) = [key.decode() for key in client.keys("*") if not key.endswith(b":index")]
    scope, site = real.split(":")[3:5]
    forger = WallReadings(redis_server.url, "redis forger", "sk_not_the_key", scope, 3600.0, clock)
    later = NOON + timedelta(minutes=1)
    reading = stats_reading(made_stats(later, (99_999, 1, 1)), later)
    assert reading is not None and forger.put(site, reading, True)
    forger.close()
    (reader,) = screens(tmp_path / "other", redis_server.url, clock, 1)
    day = reader.today_by_hour("sk_brew", NOON.date(), NOON + timedelta(minutes=5))
    assert reader.status.recording and day.recorded and day.through == NOON
    writer.close()
    reader.close()


def test_redis_down_means_not_recording_until_it_is_back(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    clock = Clock()
    first, second = screens(tmp_path, redis_server.url, clock, 2)
    at = NOON
    assert first.add_stats("sk_docs", made_stats(at, (10, 1, 1)), at)
    redis_server.stop()
    at += timedelta(minutes=1)
    clock.now = at.timestamp()
    assert not first.add_stats("sk_docs", made_stats(at, (20, 2, 2)), at)
    status = first.status.text
    assert status.startswith("not recording: redis 127.0.0.1:") and "6379" not in status[:14]
    assert f":{redis_server.port}/0" in status
    # The record's questions are still answered from the screen's own file meanwhile.
    assert first.today_by_hour("sk_docs", NOON.date(), at).through == NOON
    # Until the retry is due nothing is tried (no wait on a dead server each poll)...
    at += timedelta(seconds=RETRY / 2)
    clock.now = at.timestamp()
    redis_server.start()
    assert not first.add_stats("sk_docs", made_stats(at, (30, 3, 3)), at)
    # ...then it records again, and the other screen sees what it wrote.
    at += timedelta(seconds=RETRY)
    clock.now = at.timestamp()
    assert first.add_stats("sk_docs", made_stats(at, (40, 4, 4)), at)
    assert first.status.text == "recording"
    day = second.today_by_hour("sk_docs", NOON.date(), at)
    assert second.status.recording and day.through == at
    first.close()
    second.close()


def test_a_redis_announcing_a_huge_reply_means_not_recording(tmp_path: Path) -> None:
    with huge_redis("array") as url:
        (record,) = screens(tmp_path, url, Clock(), 1)
        assert not record.add_stats("sk_a", made_stats(NOON), NOON)
        assert "beyond the cap" in record.status.text
        record.close()


def test_with_a_sqlite_cache_the_record_is_one_file_beside_it(tmp_path: Path) -> None:
    cache = tmp_path / "wall" / "answers.sqlite3"
    clock = Clock()
    wall = [
        Record(DEMO_TOKEN, API_URL, shared_cache=f"sqlite://{cache}", clock=clock) for _ in range(3)
    ]
    assert {record.path for record in wall} == {tmp_path / "wall" / "answers.record.sqlite3"}
    for at in minutes(NOON, NOON + timedelta(minutes=5)):
        for record in wall:
            record.add_stats("sk_a", made_stats(at, (int(at.minute), 1, 1)), at)
    import sqlite3

    db = sqlite3.connect(wall[0].path)
    assert db.execute("SELECT count(*) FROM readings").fetchone() == (6,)
    db.close()
    for record in wall:
        record.close()


def test_with_the_default_sqlite_cache_the_record_stays_the_default_file() -> None:
    # The default cache (krafter-tui serve's tabs) is this machine's, in a folder the system
    # may clean: the default record file is already every local screen's.
    from krafter_tui.api.shared import default_shared_cache_url
    from krafter_tui.record import default_record_path

    record = Record(DEMO_TOKEN, API_URL, shared_cache=default_shared_cache_url())
    assert record.path == default_record_path()


def test_a_screen_joining_late_replays_the_wall_s_readings_in_batches(
    redis_server: RedisServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wall_readings, "BATCH", 7)  # several transactions for one call
    clock = Clock()
    (writer,) = screens(tmp_path, redis_server.url, clock, 1)
    end = NOON + timedelta(minutes=60)
    for n, at in enumerate(minutes(NOON, end)):
        clock.now = at.timestamp()
        writer.add_stats("sk_a", made_stats(at, (10 * n, n, n)), at)
    (late,) = screens(tmp_path / "late", redis_server.url, clock, 1)
    assert late.today_by_hour("sk_a", NOON.date(), end) == writer.today_by_hour(
        "sk_a", NOON.date(), end
    )
    writer.close()
    late.close()
