"""The hostile corpus through every way out of the dashboard, checked in the bytes written to
the terminal: widgets, toasts, titles, the help and value screens, the palette, the site picker
and the log file. The API is a real loopback HTTP server with the corpus in every text field.

Textual's headless driver writes nothing; :class:`RecordingDriver` renders exactly as the real
terminal driver does (the same compositor output, encoded as UTF-8) and keeps the bytes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.drivers import headless_driver
from textual.pilot import Pilot
from textual.widgets import DataTable

from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.local.remembered import StateStore
from krafter_tui.ui.screens import DashboardScreen, HelpScreen, SitePicker, ValueScreen
from krafter_tui.ui.widgets import BreakdownTable
from tests.support.hostile import CORPUS, assert_no_payload, hostile_api
from tests.support.loopback import serving

from .conftest import settle

TOKEN = "kr_live_" + "H" * 43
USER_SITE = "\x1b]0;PWNED\x07 \u202euser"  # the user's own --site, echoed in a toast


class RecordingDriver(headless_driver.HeadlessDriver):
    """A headless driver that lets the app render and records what it would write."""

    out = bytearray()

    @property
    def is_headless(self) -> bool:
        return False  # so the app renders its updates into terminal sequences

    def write(self, data: str) -> None:
        self.out += data.encode("utf-8")  # strict: a lone surrogate would raise here

    def flush(self) -> None:
        pass


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[bytearray]:
    """The bytes the app writes to its (recorded) terminal."""
    RecordingDriver.out = bytearray()
    monkeypatch.setattr(headless_driver, "HeadlessDriver", RecordingDriver)
    yield RecordingDriver.out


async def drawn(pilot: Pilot[Any], out: bytearray) -> bytes:
    """Everything written since the last call, once the screen has caught up."""
    for _ in range(3):
        await pilot.pause()
    data = bytes(out)
    out.clear()
    return data


def hostile_app(api_url: str, tmp_path: Path, **options: Any) -> KrafterApp:
    defaults: dict[str, Any] = {"realtime_interval": 3600.0, "stats_interval": 3600.0}
    return KrafterApp(
        DashboardOptions(api_url=api_url, **{**defaults, **options}),
        token=TOKEN,
        clock=lambda: datetime.now(UTC),
        state=StateStore(tmp_path / "state.json"),
    )


async def test_no_payload_reaches_the_terminal_by_any_way_out(
    terminal: bytearray, tmp_path: Path
) -> None:
    with serving(hostile_api()) as base:
        app = hostile_app(f"{base}/api/v1/analytics", tmp_path, site=USER_SITE)
        async with app.run_test(size=(160, 48), notifications=True) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            data = await drawn(pilot, terminal)
            assert_no_payload(data, "dashboard")
            # Status line, breakdown and events drew the corpus, literally; toast too.
            for shown in ("M2\ufffd]0;PWNED\ufffd", "M1[bold]x[/]", "M5\ufffd[2JWIPE", "MA東京🚀"):
                assert shown.encode() in data, shown
            assert b"site matches" in data and b"MB" + b"x" * 20 in data

            # A toast quoting raw text (an exception's, say), and its title.
            # (The 10k string is left out: it would fill the toast and push the rest out.)
            app.notify("\n".join(CORPUS[:-1]), title=CORPUS[3], markup=False, timeout=30)
            data = await drawn(pilot, terminal)
            assert_no_payload(data, "toast")
            assert b"[2JWIPE" in data and b"DESREVER" in data and b"UFdORUQ=" in data

            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            assert_no_payload(await drawn(pilot, terminal), "help")
            await pilot.press("escape")

            pane = screen.query_one(BreakdownTable)
            table = pane.query_one(DataTable)
            table.focus()
            for index in range(len(CORPUS)):
                table.move_cursor(row=index)
                await pilot.press("enter")
                assert isinstance(app.screen, ValueScreen)
                data = await drawn(pilot, terminal)
                assert_no_payload(data, f"value screen of row {index}")
                assert CORPUS[index][:2].encode() in data
                await pilot.press("escape")

            await pilot.press("s")
            assert isinstance(app.screen, SitePicker)
            data = await drawn(pilot, terminal)
            assert_no_payload(data, "site picker")
            assert "M4\ufffd]52;c;UFdORUQ=\ufffd".encode() in data
            await pilot.press(*"M7", "escape")

            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Site: M")
            await pilot.pause(0.5)
            data = await drawn(pilot, terminal)
            assert_no_payload(data, "command palette")
            assert b"Site: M" in data
            assert b"dashboard to M1[bold]x[/]" in data  # the help line, brackets literal
            await pilot.press("escape")

            # Every kind of text that reaches the log file: the corpus in a message, in an
            # exception's text, and a traceback.
            log = logging.getLogger("krafter_tui")
            log.warning("server said: %s", " | ".join(CORPUS))
            try:
                raise ValueError("\n".join(CORPUS))
            except ValueError:
                log.exception("fetch failed: %s", CORPUS[4])
            assert app.log_path is not None
            logged = app.log_path.read_bytes()
        assert_no_payload(logged, "log file")
        assert b"\x1b" not in logged
        assert b"M1[bold]x[/]" in logged and b"Traceback" in logged
        # Each record starts with its time stamp; text after a newline is indented, so a
        # newline in a message cannot pass for a record of its own.
        for line in logged.decode().splitlines():
            assert line.startswith(("20", "  ")), line


async def test_kiosk_toasts_and_rotation_stay_clean(terminal: bytearray, tmp_path: Path) -> None:
    with serving(hostile_api()) as base:
        app = hostile_app(
            f"{base}/api/v1/analytics",
            tmp_path,
            kiosk=True,
            kiosk_sites=(USER_SITE, "sk_0"),
            rotate_sites=0.0,
        )
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            data = await drawn(pilot, terminal)
            assert b"no site matches" in data
            assert_no_payload(data, "kiosk")
