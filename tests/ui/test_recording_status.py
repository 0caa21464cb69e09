"""The record on screen: a record file that cannot be written is said in the status line
(``not recording: <reason>``) while the dashboard goes on; a record that works says nothing;
the app makes the record only when asked, and closes it at exit."""

from __future__ import annotations

from pathlib import Path

import httpx

from krafter_tui.api import Period
from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp
from krafter_tui.local.remembered import StateStore

from .conftest import DEMO_URL, FROZEN, settle
from .helpers import all_fresh, wait_until
from .screen_text import on_screen, screen_lines


def recording_app(demo: DemoApp, tmp_path: Path, record_path: Path) -> KrafterApp:
    options = DashboardOptions(
        api_url=DEMO_URL,
        demo=True,
        period=Period.parse("today"),
        realtime_interval=3600.0,
        stats_interval=3600.0,
        record=True,
        record_path=str(record_path),
    )
    return KrafterApp(
        options,
        token=DEMO_TOKEN,
        transport=httpx.ASGITransport(app=demo),
        clock=lambda: FROZEN,
        state=StateStore(tmp_path / "state.json"),
        recording=True,
    )


async def test_a_damaged_record_is_said_in_the_status_line(demo: DemoApp, tmp_path: Path) -> None:
    damaged = tmp_path / "record.sqlite3"
    damaged.write_bytes(b"not a database, whatever it says " * 200)
    damaged.chmod(0o600)
    before = damaged.read_bytes()
    app = recording_app(demo, tmp_path, damaged)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: all_fresh(app), 10, "the dashboard drew its figures")
        await wait_until(pilot, lambda: on_screen(app, "not recording: "), 10, "not recording said")
        status = screen_lines(app)[0]
        assert "not recording: " in status and "damaged" in status, status
    assert damaged.read_bytes() == before  # a damaged file is kept as it was


async def test_a_working_record_says_nothing_and_is_written(demo: DemoApp, tmp_path: Path) -> None:
    path = tmp_path / "data" / "record.sqlite3"
    app = recording_app(demo, tmp_path, path)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: all_fresh(app), 10, "the dashboard drew its figures")
        record = app.record
        assert record is not None and record.path == path
        await wait_until(
            pilot, lambda: record.size() > 0 and path.exists(), 10, "the record written"
        )
        assert not on_screen(app, "recording")
    assert record.status.recording


async def test_no_record_unless_the_app_is_asked(demo: DemoApp, tmp_path: Path) -> None:
    options = DashboardOptions(api_url=DEMO_URL, demo=True, record=True)
    app = KrafterApp(
        options,
        token=DEMO_TOKEN,
        transport=httpx.ASGITransport(app=demo),
        clock=lambda: FROZEN,
        state=StateStore(tmp_path / "state.json"),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.record is None
