"""A wall of three screens in three processes, against one demo server over loopback, with
one shared cache and the record kept with it (real processes, real SQLite locking, a real
redis-server): each reading is in the record once, however many screens handed it over, and
all three screens' today by the hour agree; Redis going down mid-run is said as "not
recording" on every screen, which records again once Redis is back."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.api.shared.redis_server import RedisServer
from tests.support.demo_server import RunningDemo, running_demo_server

ROOT = Path(__file__).resolve().parents[2]  # the repository
SECONDS = 8


@pytest.fixture(scope="module")
def served() -> Iterator[RunningDemo]:
    with running_demo_server(seed=42, rate_limit=100_000) as running:
        yield running


def run_wall(
    served: RunningDemo,
    cache_url: str,
    tmp_path: Path,
    *,
    own_files: bool,
    meanwhile: Any = None,
    seconds: int = SECONDS,
) -> list[dict[str, Any]]:
    """What each of three screen processes handed to its record and said; ``own_files``: each
    screen's local record file its own (as on three machines)."""
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    now = time.time() + seconds + 30
    processes = []
    for n in range(3):
        local = str(tmp_path / f"screen{n}" / "record.sqlite3") if own_files else "-"
        argv = [sys.executable, "-m", "tests.record.wall_screen", served.api_url, cache_url]
        argv += [local, str(seconds), str(barrier), "3", str(now), "1"]
        processes.append(subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True))
    if meanwhile is not None:
        meanwhile()
    results = []
    for process in processes:
        out, _ = process.communicate(timeout=180)
        assert process.returncode == 0, out[-500:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def agree(results: list[dict[str, Any]], exactly: bool = True) -> None:
    """All three screens' today by the hour are the same day, recorded. Not ``exactly``
    (screens on Redis, each with its own file): the same hours, through the same last reading,
    recorded since the same moment within a second. Two screens that read the server at the
    same moment file their readings in the order they came, and a reading older than the last
    one filed adds nothing to the hours (no negative growth), so the first seconds may be
    counted by one screen and not another."""
    assert results[0]["through"] is not None, results[0]
    if exactly:
        assert results[1]["day"] == results[0]["day"] and results[2]["day"] == results[0]["day"]
        return
    for other in results[1:]:
        assert other["through"] == results[0]["through"], (other, results[0])
        assert other["hours"] == results[0]["hours"], (other, results[0])
        assert abs(other["since"] - results[0]["since"]) < 1.0, (other, results[0])


def handed(results: list[dict[str, Any]], kind: str) -> set[float]:
    """The read times of the readings of ``kind`` the screens handed over (one set)."""
    return {at for result in results for got, at in result["handed"] if got == kind}


def test_three_screens_on_one_sqlite_cache_keep_one_record(
    served: RunningDemo, tmp_path: Path
) -> None:
    cache = tmp_path / "wall" / "answers.sqlite3"
    results = run_wall(served, f"sqlite://{cache}", tmp_path, own_files=False)
    beside = cache.with_name("answers.record.sqlite3")
    assert {result["path"] for result in results} == {str(beside)}
    stats = handed(results, "stats")
    every = [at for result in results for kind, at in result["handed"] if kind == "stats"]
    assert len(every) > len(stats)  # screens handed over the same answers (the cache's)
    db = sqlite3.connect(beside)
    try:
        rows = [at for (at,) in db.execute("SELECT at FROM readings")]
    finally:
        db.close()
    assert sorted(rows) == sorted(stats)
    agree(results)


def test_three_screens_on_one_redis_write_each_reading_once(
    served: RunningDemo, redis_server: RedisServer, tmp_path: Path
) -> None:
    results = run_wall(served, redis_server.url, tmp_path, own_files=True)
    client = redis.Redis(port=redis_server.port)
    keys = [key.decode() for key in client.keys("*")]
    stats, events = handed(results, "stats"), handed(results, "events")
    shared = sum(len(result["handed"]) for result in results) - len(stats) - len(events)
    assert shared > 0  # screens handed over the same answers: the cache's read times
    assert len([key for key in keys if ":stats:" in key]) == len(stats)
    assert len([key for key in keys if ":events:" in key]) == len(events)
    for result in results:
        assert result["status"] == "recording" and result["said"] == [None]
    agree(results, exactly=False)


def test_redis_down_mid_run_is_said_and_every_screen_records_again_once_it_is_back(
    served: RunningDemo, redis_server: RedisServer, tmp_path: Path
) -> None:
    back: list[float] = []

    def outage() -> None:
        time.sleep(4)  # the screens start (a second or two) and record a few readings
        redis_server.stop()
        time.sleep(4)
        redis_server.start()
        back.append(time.time())

    thread = threading.Thread(target=outage)
    results = run_wall(
        served, redis_server.url, tmp_path, own_files=True, meanwhile=thread.start, seconds=14
    )
    thread.join()
    for result in results:
        said = result["said"]
        down = [text for text in said if text is not None]
        assert down and all(text.startswith("not recording: redis 127.0.0.1:") for text in down)
        assert f":{redis_server.port}/0: " in down[0]
        assert said[0] is None and said[-1] is None, said
        assert result["status"] == "recording"
    # Recorded again after the outage, and every screen sees the wall's last reading.
    throughs = {result["through"] for result in results}
    assert len(throughs) == 1 and throughs.pop() > back[0], results
