"""SVG snapshots of the main views, on the demo with its clock and seed frozen.

Update after an intended visual change with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and look at every changed picture before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from krafter_tui.app import KrafterApp
from krafter_tui.ui.screens.overview import OverviewScreen

from .conftest import settle
from .helpers import wait_until

MakeApp = Callable[..., KrafterApp]


async def loaded(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def then(*keys: str, text: str = "") -> Callable[[Pilot[Any]], Any]:
    """Wait for the data, press ``keys``, type ``text``, and stop any cursor blinking."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        if text:
            await pilot.press(*text)
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_dashboard(snap_compare: Any, make_app: MakeApp, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=loaded)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_dashboard_compared_with_a_year_before(
    snap_compare: Any, make_app: MakeApp, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=then("x", "x"))


def test_dashboard_wide_12_months(snap_compare: Any, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(200, 60), run_before=then("l", "d", "d"))


def test_help_screen(snap_compare: Any, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 36), run_before=then("question_mark"))


def test_site_picker(snap_compare: Any, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=then("s", text="pebble"))


def test_custom_range_dialog(snap_compare: Any, make_app: MakeApp) -> None:
    assert snap_compare(
        make_app(), terminal_size=(100, 30), run_before=then("c", text="2026-11-30")
    )


async def all_sites(pilot: Pilot[Any]) -> None:
    """The All sites overview with every row's figures in."""
    await settle(pilot)
    await pilot.press("0")
    await wait_until(
        pilot,
        lambda: (
            isinstance(pilot.app.screen, OverviewScreen)
            and all(row.fetched_at for row in pilot.app.screen.feed.rows)
        ),
        30,
        "every row of the overview has its figures",
    )
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_all_sites_overview(snap_compare: Any, make_app: MakeApp, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=all_sites)
