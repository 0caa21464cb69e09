"""The record's file: versioned schema, bounded size, and never in the caller's way: a damaged,
newer or locked file means "not recording" with a reason, and the file is left as it was."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.record import SCHEMA_VERSION, Record
from krafter_tui.record.migrations import migrate
from tests.record.conftest import API_URL, START, made_stats, minutes

NOON = START.replace(hour=12)
OTHER_TOKEN = "kr_live_" + "B" * 43


def _fill(record: Record, site: str = "sk_a", count: int = 5) -> None:
    for n, at in enumerate(minutes(NOON, NOON + timedelta(minutes=count - 1))):
        stats = made_stats(at, (10 * n, n, 2 * n), {"path": {"/": 10 * n, "/pricing": n}})
        assert record.add_stats(site, stats, at)


def test_a_version_1_file_is_migrated_and_keeps_its_readings(
    make_record, record_path: Path
) -> None:
    assert SCHEMA_VERSION >= 2
    record: Record = make_record()
    _fill(record)
    record.close()
    # Make it a version-1 file again: drop what version 2 added.
    db = sqlite3.connect(record_path, isolation_level=None)
    db.execute("DROP TABLE hourly")
    db.execute("PRAGMA user_version = 1")
    db.close()
    reopened: Record = make_record()
    day = reopened.today_by_hour("sk_a", NOON.date(), NOON + timedelta(minutes=4))
    assert reopened.status.recording and day.through == NOON + timedelta(minutes=4)
    db = sqlite3.connect(record_path)
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert db.execute("SELECT count(*) FROM hourly").fetchone() == (0,)
    db.close()
    _fill(reopened, "sk_b")
    assert reopened.hourly_rows("sk_b", NOON, NOON + timedelta(hours=1))


def test_a_fresh_file_at_version_1_then_migrated_step_by_step(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "r.sqlite3", isolation_level=None)
    migrate(db, upto=1)
    assert db.execute("PRAGMA user_version").fetchone() == (1,)
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'hourly'").fetchone() is None
    migrate(db)
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert db.execute("PRAGMA auto_vacuum").fetchone() == (2,)  # incremental
    db.close()


def test_a_file_of_a_newer_version_is_left_alone(make_record, record_path: Path) -> None:
    record: Record = make_record()
    _fill(record)
    record.close()
    db = sqlite3.connect(record_path, isolation_level=None)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = record_path.read_bytes()
    newer: Record = make_record()
    assert not newer.add_stats("sk_a", made_stats(NOON), NOON + timedelta(hours=1))
    assert not newer.status.recording and "newer" in (newer.status.reason or "")
    assert record_path.read_bytes() == before


def test_a_damaged_file_means_not_recording_and_is_kept(make_record, record_path: Path) -> None:
    record_path.parent.mkdir(mode=0o700)
    garbage = b"this is not a database\x00" * 200
    record_path.write_bytes(garbage)
    record_path.chmod(0o600)
    record: Record = make_record()
    assert not record.add_stats("sk_a", made_stats(NOON, (1, 1, 1)), NOON)
    assert record.status.text.startswith("not recording: ")
    assert "damaged" in record.status.text and str(record_path) in record.status.text
    # Every call is a no-op that answers "nothing recorded"; none raises.
    assert not record.today_by_hour("sk_a", NOON.date(), NOON).recorded
    assert record.rising("sk_a", "path", NOON).rows == []
    assert record.new_sources("sk_a", NOON) == [] and record.hourly_rows("sk_a", NOON, NOON) == []
    assert record.same_time_yesterday("sk_a", NOON) is None and record.size() == 0
    assert record_path.read_bytes() == garbage


def test_a_locked_file_means_not_recording_until_it_is_free_again(
    make_record, record_path: Path
) -> None:
    now = [NOON.timestamp()]
    record: Record = make_record(busy_timeout=0.05, clock=lambda: now[0])
    _fill(record, count=2)
    holder = sqlite3.connect(record_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    at = NOON + timedelta(minutes=5)
    assert not record.add_stats("sk_a", made_stats(at, (60, 6, 12)), at)
    assert record.status.text == f"not recording: {record_path} is locked by another program"
    holder.execute("ROLLBACK")
    holder.close()
    assert not record.add_stats("sk_a", made_stats(at, (60, 6, 12)), at)  # still waiting
    now[0] += 61
    assert record.add_stats("sk_a", made_stats(at, (60, 6, 12)), at)
    assert record.status.recording


def test_an_unsafe_folder_means_not_recording(make_record, tmp_path: Path) -> None:
    folder = tmp_path / "open"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    record: Record = make_record(path=folder / "record.sqlite3")
    assert not record.add_stats("sk_a", made_stats(NOON), NOON)
    assert "writable by other users" in (record.status.reason or "")


def test_a_record_of_another_api_url_or_key_is_never_read_back(make_record) -> None:
    _fill(make_record())
    now = NOON + timedelta(minutes=4)
    for other in (make_record(token=OTHER_TOKEN), make_record(api_url="http://other/api/v1")):
        assert not other.today_by_hour("sk_a", NOON.date(), now).recorded
        assert other.rising("sk_a", "path", now).rows == []
        assert other.hourly_rows("sk_a", NOON, now) == []
        assert other.status.recording
    same = make_record(api_url=API_URL + "/")
    assert same.today_by_hour("sk_a", NOON.date(), now).recorded


def test_the_file_holds_no_api_key(make_record, record_path: Path) -> None:
    record: Record = make_record()
    _fill(record, count=30)
    files = [record_path, *record_path.parent.glob("record.sqlite3-*")]
    contents = b"".join(path.read_bytes() for path in files)
    assert len(contents) > 4096
    for secret in (DEMO_TOKEN, DEMO_TOKEN[8:], DEMO_TOKEN[-20:], "sk_a"):
        assert secret.encode() not in contents, secret
    assert oct(record_path.stat().st_mode & 0o777) == "0o600"
    assert oct(record_path.parent.stat().st_mode & 0o777) == "0o700"


def test_old_minutes_and_hours_are_pruned_and_the_size_stays_under_its_cap(
    make_record, record_path: Path
) -> None:
    record: Record = make_record(
        keep_minutes=timedelta(hours=2), keep_hours=timedelta(hours=5), prune_every=0
    )
    first = NOON
    for n, at in enumerate(minutes(first, first + timedelta(hours=6), step=300)):
        rows = {f"/page{k}": n * k for k in range(20)}
        record.add_stats("sk_a", made_stats(at, (n, n, n), {"path": rows}), at)
    now = first + timedelta(hours=6)
    db = sqlite3.connect(record_path)
    (oldest,) = db.execute("SELECT min(at) FROM readings").fetchone()
    (oldest_hour,) = db.execute("SELECT min(hour) FROM hourly").fetchone()
    (changes_before,) = db.execute(
        "SELECT count(*) FROM changes WHERE at < ?", (now.timestamp() - 2 * 3600,)
    ).fetchone()
    (series,) = db.execute("SELECT count(*) FROM series").fetchone()
    db.close()
    assert oldest >= now.timestamp() - 2 * 3600
    assert oldest_hour >= (now.timestamp() - 5 * 3600) // 3600
    # The value in force at the cutoff stays: one change per series at most before it.
    assert changes_before <= series
    # The last two hours still answer.
    assert record.rising("sk_a", "path", now).rows[0].added > 0
    capped: Record = make_record(
        path=record_path.with_name("capped.sqlite3"), size_cap=60_000, prune_every=0
    )
    for n, at in enumerate(minutes(first, first + timedelta(hours=6), step=60)):
        rows = {f"/page{k}": n * k for k in range(40)}
        capped.add_stats("sk_a", made_stats(at, (n, n, n), {"path": rows}), at)
        assert capped.size() <= 60_000 + 40_000  # at most one reading's pages over the cap
    assert capped.status.recording
