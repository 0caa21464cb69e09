"""Several processes on one record file: a writer killed mid-write loses nothing it committed
and leaves a file that opens clean; two writers at once lose no reading."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.record import Record
from tests.record.conftest import API_URL, START

ROOT = Path(__file__).resolve().parents[2]

# A writer: one reading a (simulated) minute for ``count`` minutes, each with a hundred paths,
# printing how many it has committed after each one.
WRITER = """
import sys
from datetime import timedelta
from pathlib import Path
from krafter_tui.record import Record
from tests.record.conftest import START, made_stats

path, site, count, offset = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
record = Record(sys.argv[5], sys.argv[6], path, busy_timeout=10.0)
for n in range(count):
    at = START + timedelta(hours=12, seconds=60 * n + offset)
    rows = {f"/page/{k}": n * k for k in range(100)}
    stats = made_stats(at, (n * 10, n, n * 2), {"path": rows, "referrer": {"x.example": n}})
    if not record.add_stats(site, stats, at):
        print("failed", record.status.text, flush=True)
        sys.exit(1)
    print(n + 1, flush=True)
"""


def _writer(path: Path, site: str, count: int, offset: int = 0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            WRITER,
            str(path),
            site,
            str(count),
            str(offset),
            DEMO_TOKEN,
            API_URL,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _readings(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(db.execute("SELECT count(*) FROM readings").fetchone()[0])
    finally:
        db.close()


def test_a_writer_killed_mid_write_loses_nothing_committed(record_path: Path) -> None:
    writer = _writer(record_path, "sk_a", 100_000)
    assert writer.stdout is not None
    committed = 0
    deadline = time.monotonic() + 60
    try:
        while committed < 40 and time.monotonic() < deadline:
            line = writer.stdout.readline()
            assert line and not line.startswith("failed"), line
            committed = int(line)
    finally:
        os.killpg(writer.pid, signal.SIGKILL)  # whatever it was doing: likely mid-write
        writer.wait(timeout=10)
    assert committed >= 40
    found = _readings(record_path)
    assert found >= committed  # the one being written when killed may or may not be there
    record = Record(DEMO_TOKEN, API_URL, record_path)
    try:
        later = START.replace(hour=12) + timedelta(hours=5)
        day = record.today_by_hour("sk_a", START.date(), later)
        assert record.status.recording and day.recorded
        assert day.recorded_since == START.replace(hour=12)
    finally:
        record.close()


def test_two_writers_on_one_file_lose_no_reading(record_path: Path) -> None:
    # Same site (readings interleaved half a minute apart) and another site, at once.
    writers = [
        _writer(record_path, "sk_a", 150, 0),
        _writer(record_path, "sk_a", 150, 30),
        _writer(record_path, "sk_b", 150, 0),
    ]
    for writer in writers:
        out, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0, out[-300:]
        assert out.split()[-1] == "150"
    assert _readings(record_path) == 450
