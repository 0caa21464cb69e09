"""A wall screen and a desk remember apart (and so does each profile): the wall does not open
on the desk's custom range, and the desk's next start is not where the wall rotated to."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from krafter_tui.api import Period
from krafter_tui.app import KrafterApp
from krafter_tui.local.remembered import StateStore

from .conftest import DEMO_URL, FROZEN, settle
from .helpers import dashboard, wait_until
from .screen_text import line_with

MakeApp = Callable[..., KrafterApp]


async def test_the_wall_and_the_desk_each_open_on_their_own_last_view(
    make_app: MakeApp, tmp_path: Path
) -> None:
    path = tmp_path / "state.json"
    today = FROZEN.date()
    custom = Period.custom(today - timedelta(days=12), today - timedelta(days=3))
    desk = make_app(state_path=path)
    async with desk.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(desk)
        site_b = next(s for s in screen.sites if s.name == "Pebble Docs")
        screen.select(site_b, custom)
        await settle(pilot)
        assert screen.selection is not None and screen.selection.period == custom
    assert StateStore(path).load(DEMO_URL).period == custom
    # The wall: its own sites and its own period, never the desk's custom range.
    wall = make_app(state_path=path, kiosk=True, rotate_sites=3600.0)
    async with wall.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(wall)
        assert screen.selection is not None and screen.selection.period != custom
        assert line_with(wall, screen.selection.site.name)
        # The wall rotates on to Slow Brew Notes (site C), and is remembered there, as a wall.
        site_c = next(s for s in screen.sites if s.name == "Slow Brew Notes")
        screen.select(site_c, screen.selection.period, refetch=False, settle=False)
        await settle(pilot)
        await wait_until(
            pilot,
            lambda: StateStore(path).load(DEMO_URL, kiosk=True).site_key == site_c.site_key,
            10,
            "the wall remembered where it is",
        )
    # The desk again: B over its custom range, as the person left it.
    desk = make_app(state_path=path)
    async with desk.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(desk)
        assert screen.selection is not None
        assert (screen.selection.site.name, screen.selection.period) == ("Pebble Docs", custom)
        assert line_with(desk, "Pebble Docs")


async def test_each_profile_remembers_its_own_view(make_app: MakeApp, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    work = make_app(state_path=path, profile="work")
    async with work.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(work)
        site = next(s for s in screen.sites if s.name == "Slow Brew Notes")
        screen.select(site, Period.parse("7d"))
        await settle(pilot)
    store = StateStore(path)
    assert store.load(DEMO_URL, profile="work").site_key == site.site_key
    assert store.load(DEMO_URL).site_key != site.site_key  # the default profile: untouched
    again = make_app(state_path=path, profile="work")
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = dashboard(again).selection
        assert shown is not None and (shown.site.name, str(shown.period)) == (site.name, "7d")
