"""Ctrl+S while the chart draws today by the hour: the recorded hours as CSV or JSON, the very
text ``krafter-tui export --what hourly`` prints for the same site and day, one row for each
hour the chart draws (in the user's zone) and none for an hour it does not; by the day, the
dialog does not offer them."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from krafter_tui.__main__ import main
from krafter_tui.demo import DemoApp
from krafter_tui.demo.sites import SITES
from krafter_tui.record import Record
from krafter_tui.ui.screens.export_dialog import ExportDialog

from .conftest import FROZEN, settle
from .helpers import wait_until
from .record_fill import fill
from .screen_text import screen_lines
from .test_export_keys import export
from .test_hours_chart import (  # noqa: F401 (record and zone are fixtures)
    SINCE,
    Clock,
    app_on,
    braille,
    hour_column,
    open_chart,
    record,
    zone,
)


def cli_hourly(
    capsys: pytest.CaptureFixture[str], path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> str:
    """What ``krafter-tui export --what hourly`` prints of the dashboard's site and day."""
    monkeypatch.setenv("KRAFTER_RECORD_PATH", str(path))
    day = str(FROZEN.date())
    capsys.readouterr()
    argv = ["export", "--demo", "--site", SITES[0].name, "--what", "hourly", "--format", fmt]
    code = main([*argv, "--from", day, "--to", day])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, ""), captured.err
    return captured.out


@pytest.mark.parametrize(
    ("zone", "size", "first_hour"),
    [("UTC", (120, 40), 0), ("Asia/Tokyo", (80, 24), 9)],
    indirect=["zone"],
)
async def test_the_hours_on_the_chart_saved_as_the_cli_writes_them(
    demo: DemoApp,
    tmp_path: Path,
    record: Record,  # noqa: F811
    zone: str,  # noqa: F811
    size: tuple[int, int],
    first_hour: int,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(record, demo, SINCE, FROZEN)
    folder = tmp_path / "downloads"
    app = app_on(demo, Clock(FROZEN), tmp_path, "30d", download_dir=str(folder))
    async with app.run_test(size=size, notifications=True) as pilot:
        chart = await open_chart(app, pilot, record, "n")
        saved = await export(pilot, "h", folder, set())
        saved_json = await export(pilot, "H", folder, {saved})
    assert saved.name == f"krafter-pebble-crm-{FROZEN.date()}-hourly.csv"
    text = saved.read_text()
    # The CLI runs its own event loop: in a thread of its own, as in a shell.
    cli = await asyncio.to_thread(cli_hourly, capsys, record.path, "csv", monkeypatch)
    assert text == cli
    cli = await asyncio.to_thread(cli_hourly, capsys, record.path, "json", monkeypatch)
    assert saved_json.read_text() == cli
    assert json.loads(saved_json.read_text())["what"] == "hourly"

    rows = list(csv.DictReader(io.StringIO(text)))
    starts = [datetime.strptime(r["hour_start_utc"], "%Y-%m-%dT%H:%M:%SZ") for r in rows]
    # The chart's axis starts at the UTC day's midnight in the user's zone.
    assert chart.labels[0] == f"{first_hour:02d}:00", chart.labels
    in_file = {start.hour for start in starts}  # hours of the UTC day: the chart's order
    assert in_file == set(range(9, 15)), in_file  # recorded from 09:14 to 14:30
    for hour in range(24):
        column = hour_column(chart, hour)
        drawn = any(
            braille(row[x]) or row[x] == "○"
            for row in chart.plot
            for x in range(max(0, column - 1), min(chart.width, column + 2))
        )
        if hour in in_file:
            assert drawn, hour
        elif hour + 1 not in in_file and hour - 1 not in in_file:  # not a neighbour's cell
            assert not drawn, hour
    # The highest mark on the chart is the hour the file says added the most.
    busiest = max(range(len(rows)), key=lambda i: int(rows[i]["pageviews"]))
    top = next(row for row in chart.plot if any(braille(c) for c in row))
    tallest = [x for x, c in enumerate(top) if braille(c)]
    assert abs(tallest[0] - hour_column(chart, starts[busiest].hour)) <= 2, (tallest, rows)
    # The whole hours cover their hour; the open one half of it.
    assert [r["covered_seconds"] for r in rows[1:-1]] == ["3600"] * 4
    assert rows[-1]["covered_seconds"] == "1800"


async def test_by_the_day_the_hours_are_not_offered(
    demo: DemoApp,
    tmp_path: Path,
    record: Record,  # noqa: F811
) -> None:
    fill(record, demo, SINCE, FROZEN)
    folder = tmp_path / "downloads"
    app = app_on(demo, Clock(FROZEN), tmp_path, "30d", download_dir=str(folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog), 20, "the dialog")
        assert "Breakdown as CSV" in "\n".join(screen_lines(app))
        assert "Recorded hours" not in "\n".join(screen_lines(app))
        await pilot.press("h")  # not offered: nothing saved, the dialog stays
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert not folder.exists() or not list(folder.iterdir())
