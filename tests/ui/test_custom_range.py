"""The custom range dialog as fast hands and pastes use it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from krafter_tui.app import KrafterApp
from krafter_tui.ui.screens import CustomRangeDialog

from .conftest import settle
from .screen_text import screen_lines

MakeApp = Callable[..., KrafterApp]


def burst(pilot: Pilot[object], *keys: str) -> None:
    """Send ``keys`` the way a terminal delivers a paste or fast typing: all at once, none
    waiting for the one before to be handled (pilot.press waits after each key)."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        character = key if len(key) == 1 else None
        driver.send_message(events.Key(key, character))


async def dialog_of(pilot: Pilot[object]) -> CustomRangeDialog:
    await settle(pilot)
    await pilot.press("c")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, CustomRangeDialog)
    return dialog


def fields(dialog: CustomRangeDialog) -> tuple[str, str]:
    return (
        dialog.query_one("#range-from", Input).value,
        dialog.query_one("#range-to", Input).value,
    )


async def test_a_burst_with_tab_fills_both_dates(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await dialog_of(pilot)
        burst(pilot, *"2024-01", "tab", *"2024-02-01")
        await pilot.pause()
        await pilot.pause()
        assert fields(dialog) == ("2024-01", "2024-02-01")
        assert "From '2024-01' is not a date" in " ".join(screen_lines(app))
        burst(pilot, "shift+tab", "ctrl+a", *"2024-01-15", "tab", "ctrl+a", *"2024-01-31")
        await pilot.pause()
        await pilot.pause()
        assert fields(dialog) == ("2024-01-15", "2024-01-31")
        assert "17 days" in " ".join(screen_lines(app))


async def test_a_pasted_range_fills_both_fields(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await dialog_of(pilot)
        for pasted in ("2026-11-01\t2026-11-01", "2026-10-01..2026-10-31"):
            app.post_message(events.Paste(pasted))
            await pilot.pause()
            await pilot.pause()
        assert fields(dialog) == ("2026-10-01", "2026-10-31")
        assert "31 days" in " ".join(screen_lines(app))
        end = dialog.query_one("#range-to", Input)
        end.value = ""
        app.post_message(events.Paste("2026-11-07"))  # one date: an ordinary paste
        await pilot.pause()
        assert fields(dialog) == ("2026-10-01", "2026-11-07")


async def test_one_day_is_one_day(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await dialog_of(pilot)
        dialog.query_one("#range-from", Input).value = "2026-11-20"
        dialog.query_one("#range-to", Input).value = "2026-11-20"
        await pilot.pause()
        screen = " ".join(screen_lines(app))
        assert "1 day " in screen and "1 days" not in screen, screen


def dialog_text(app: KrafterApp) -> str:
    """The dialog's words as one line: each screen row between the box's side borders,
    joined, so a message wrapped over two rows reads whole."""
    rows = []
    for line in screen_lines(app):
        if line.count("█") >= 2:
            rows.append(line[line.index("█") + 1 : line.rindex("█")].strip())
    return " ".join(" ".join(rows).split())


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_servers_refusal_is_read_whole_not_cut(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        dialog = await dialog_of(pilot)
        # 1,036 days: the demo, like the server, takes at most 400 in one range.
        dialog.query_one("#range-from", Input).value = "2024-01-01"
        dialog.query_one("#range-to", Input).value = "2026-11-01"
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog  # refused: the dialog stays, with the reason
        text = dialog_text(app)
        assert "The server refused this range:" in text, text
        assert "range must not exceed 400 days" in text, text
        # The rest of the dialog still shows below the message.
        assert "Both dates included" in text and "Apply" in text, text
