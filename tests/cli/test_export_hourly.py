"""``krafter-tui export --what hourly``: the hours the local record kept of a site, as CSV or
JSON; with no record (or none of those days), one clear line on stderr and exit status 1."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from krafter_tui.__main__ import main
from krafter_tui.cli.sites_cmd import DEMO_API_URL
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.record import Record
from tests.record.conftest import made_stats

SITE = "Pebble CRM"
SITE_KEY = "sk_pbl7c2m9x4qa"  # the demo's key of Pebble CRM
DAY = date(2026, 11, 25)


@pytest.fixture
def record_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "record.sqlite3"
    monkeypatch.setenv("KRAFTER_RECORD_PATH", str(path))
    return path


def fill(path: Path, site_key: str) -> None:
    """Readings of DAY by hand, a minute apart from 10:00 (40 pageviews so far) to 11:00
    (100): one more pageview a minute, so the hour from 10:00 added 60."""
    record = Record(DEMO_TOKEN, DEMO_API_URL, path)
    ten = datetime.combine(DAY, datetime.min.time(), UTC) + timedelta(hours=10)
    for minute in range(61):
        at = ten + timedelta(minutes=minute)
        views = 40 + minute
        assert record.add_stats(site_key, made_stats(at, (views, views // 2, views // 2)), at)
    record.close()


def export(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    days = ["--from", str(DAY), "--to", str(DAY)]
    code = main(["export", "--demo", "--site", SITE, "--what", "hourly", *days, *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_recorded_hours_as_csv_and_json(
    record_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(record_path, SITE_KEY)
    code, out, err = export(capsys)
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "hour_start_utc",
        "pageviews",
        "visitors",
        "visits",
        "covered_seconds",
    ]
    hours = {row["hour_start_utc"]: row for row in rows}
    ten = hours[f"{DAY}T10:00:00Z"]
    assert (ten["pageviews"], ten["covered_seconds"]) == ("60", "3600")

    code, out, err = export(capsys, "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["what"] == "hourly" and document["site"] == SITE
    assert document["period"] == {"from": str(DAY), "to": str(DAY)}
    assert [row["hour_start_utc"] for row in document["rows"]] == list(hours)


def test_no_record_is_said_on_stderr_with_status_1(
    record_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = export(capsys)
    assert (code, out) == (1, "")
    assert "no record to export hours from" in err and str(record_path) in err
    assert err.count("\n") == 1
    assert not record_path.exists()  # asking did not make one


def test_a_record_without_those_days_is_said_too(
    record_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(record_path, SITE_KEY)
    code, out, err = main_other_day(capsys)
    assert (code, out) == (1, "")
    assert "has no hours of Pebble CRM" in err


def main_other_day(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    other = DAY - timedelta(days=3)
    days = ["--from", str(other), "--to", str(other)]
    code = main(["export", "--demo", "--site", SITE, "--what", "hourly", *days])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_with_a_sqlite_shared_cache_the_hours_come_from_the_record_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite://{tmp_path}/wall/answers.sqlite3"
    monkeypatch.setenv("KRAFTER_SHARED_CACHE", url)
    monkeypatch.delenv("KRAFTER_RECORD_PATH", raising=False)
    beside = tmp_path / "wall" / "answers.record.sqlite3"
    assert Record(DEMO_TOKEN, DEMO_API_URL, shared_cache=url).path == beside
    fill(beside, SITE_KEY)
    code, out, err = export(capsys)
    assert (code, err) == (0, "")
    assert f'"{DAY}T10:00:00Z",60,' in out
