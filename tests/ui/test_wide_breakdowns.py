"""Wide screens show two to four breakdowns side by side (from 180 columns), each with its own
dimension, switched on its own (focus + ``d``), exported when in focus, rotated on a wall, all
from the one stats answer; below 180 columns the main one alone, as before."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from krafter_tui.api import DIMENSIONS
from krafter_tui.app import KrafterApp
from krafter_tui.demo import DemoApp
from krafter_tui.feeds.model import BreakdownChoice
from krafter_tui.ui.widgets import BreakdownTable
from krafter_tui.ui.widgets.breakdown import DIMENSION_LABELS, display_value

from .conftest import settle
from .helpers import dashboard
from .screen_text import screen_rows
from .test_export_keys import export

MakeApp = Callable[..., KrafterApp]


def pane_text(app: KrafterApp, pane: BreakdownTable) -> list[str]:
    """The screen rows inside ``pane`` (its border included), read back from the screen."""
    region = pane.region
    rows = screen_rows(app)[region.y : region.y + region.height]
    return [row[region.x : region.x + region.width] for row in rows]


def shown_breakdowns(app: KrafterApp) -> list[tuple[str, list[str]]]:
    """Each breakdown on screen, left to right: (its title line, its other lines)."""
    panes = [p for p in dashboard(app).query(BreakdownTable) if p.display and p.region.width]
    found = []
    for pane in sorted(panes, key=lambda p: p.region.x):
        lines = pane_text(app, pane)
        found.append((lines[0], lines[1:]))
    return found


def title_of(dimension: str) -> str:
    """The start of a breakdown's title for ``dimension``: ``Pages (1/9)``."""
    return f"{DIMENSION_LABELS[dimension]} ({DIMENSIONS.index(dimension) + 1}/9)"


def assert_shows(app: KrafterApp, dimensions: list[str]) -> None:
    """The breakdowns on screen, left to right, show ``dimensions``, each titled and with its
    own first rows (as the stats answer has them) inside its border."""
    screen = dashboard(app)
    assert screen.state.stats is not None and screen.state.stats.breakdown is not None
    shown = shown_breakdowns(app)
    assert len(shown) == len(dimensions), [title for title, _ in shown]
    for (title, lines), dimension in zip(shown, dimensions, strict=True):
        assert title_of(dimension) in title, (title, dimension)
        rows = sorted(screen.state.stats.breakdown[dimension], key=lambda r: -r.count)[:3]
        body = "\n".join(lines)
        for row in rows:
            value = display_value(dimension, row.value, 20)[:12]
            assert value in body, (dimension, value, body[:400])


async def focus_breakdown(pilot: Pilot[Any], index: int) -> None:
    """Tab until breakdown ``index`` (0: the main one) holds the focus."""
    screen = dashboard(pilot.app)  # type: ignore[arg-type]
    for _ in range(8):
        if screen.breakdown_index() == index and screen.focused is not None:
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"Tab never reached breakdown {index}: {screen.focused}")


@pytest.mark.parametrize(
    ("size", "dimensions"),
    [
        ((180, 50), ["path", "referrer"]),
        ((200, 60), ["path", "referrer"]),
        ((260, 60), ["path", "referrer", "country"]),
        ((300, 70), ["path", "referrer", "country", "device"]),
    ],
)
async def test_a_wide_screen_shows_breakdowns_side_by_side_without_a_key(
    make_app: MakeApp, size: tuple[int, int], dimensions: list[str]
) -> None:
    app = make_app(site="Pebble CRM")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert_shows(app, dimensions)
        widths = [pane.region.width for pane in dashboard(app).panes.breakdowns[: len(dimensions)]]
        assert min(widths) >= 45, widths


async def test_below_180_columns_the_main_breakdown_is_alone(make_app: MakeApp) -> None:
    app = make_app(site="Pebble CRM")
    async with app.run_test(size=(179, 50)) as pilot:
        await settle(pilot)
        assert_shows(app, ["path"])


async def test_d_on_the_second_changes_only_it_and_export_takes_the_focused_one(
    make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    app = make_app(site="Pebble CRM")
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        await focus_breakdown(pilot, 1)
        await pilot.press("d")
        await pilot.pause()
        assert screen.state.breakdown == BreakdownChoice("path")
        assert screen.state.side_breakdowns[0] == BreakdownChoice("country")
        assert_shows(app, ["path", "country"])
        path = await export(pilot, "B", folder, set())
        assert path.name.endswith("-breakdown-country.json")
        assert json.loads(path.read_text())["dimension"] == "country"
        # The second time, and the other way: back on the main one, D changes only it.
        await focus_breakdown(pilot, 0)
        await pilot.press("D")
        await pilot.pause()
        assert screen.state.breakdown.dimension == "utm_campaign"
        assert_shows(app, ["utm_campaign", "country"])
        path = await export(pilot, "B", folder, {path})
        assert path.name.endswith("-breakdown-utm-campaign.json")


async def test_resizing_across_180_columns_keeps_each_choice(make_app: MakeApp) -> None:
    app = make_app(site="Pebble CRM")
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await focus_breakdown(pilot, 1)
        await pilot.press("d", "d")  # Devices
        await pilot.pause()
        for _ in range(2):
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert_shows(app, [dashboard(app).state.breakdown.dimension])
            await pilot.press("d")  # the main one: the only one on screen
            await pilot.pause()
            await pilot.resize_terminal(200, 60)
            await pilot.pause()
            main = dashboard(app).state.breakdown.dimension
            assert_shows(app, [main, "device"])
        assert main == "country"  # d twice on the main one alone: Pages, Sources, Countries
        assert dashboard(app).state.side_breakdowns[0].dimension == "device"


async def test_a_wide_screen_asks_the_server_nothing_more(make_app: MakeApp, demo: DemoApp) -> None:
    counts = []
    for size in ((120, 40), (200, 60)):
        demo.state.requests.clear()
        app = make_app(site="Pebble CRM")
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            assert dashboard(app).state.stats is not None
            counts.append(sorted(record.path for record in demo.state.requests))
    assert counts[0] == counts[1] and counts[0]


async def test_on_a_wide_wall_each_breakdown_rotates(make_app: MakeApp) -> None:
    # The rotation's step, as its timer runs it (the timer itself: tests/ui/test_rotation.py);
    # a real 0.6 s timer on a busy machine stepped twice between two looks.
    app = make_app(site="Pebble CRM", kiosk=True, rotate_sites=0.0, rotate_dimensions=3600.0)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        screen = dashboard(app)

        def pair() -> tuple[str, str]:
            return (screen.state.breakdown.dimension, screen.state.side_breakdowns[0].dimension)

        seen = [pair()]
        for _ in range(2):
            screen.rotate_dimension()
            await pilot.pause()
            seen.append(pair())
            assert_shows(app, list(pair()))
        # Both move on by two: a wall of two shows the next two dimensions, never one twice.
        for (main, side), (next_main, next_side) in zip(seen, seen[1:], strict=False):
            assert DIMENSIONS.index(next_main) == (DIMENSIONS.index(main) + 2) % 9, seen
            assert DIMENSIONS.index(next_side) == (DIMENSIONS.index(side) + 2) % 9, seen


async def test_the_filter_and_the_sort_of_the_second_are_its_own(make_app: MakeApp) -> None:
    app = make_app(site="Pebble CRM")
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        await focus_breakdown(pilot, 1)
        await pilot.press("slash", *"goo")
        await pilot.pause()
        assert screen.state.side_breakdowns[0] == BreakdownChoice("referrer", "count", "goo")
        assert screen.state.breakdown == BreakdownChoice("path")
        (_, main), (second_title, second) = shown_breakdowns(app)
        assert "“goo”" in second_title and "google.com" in "\n".join(second)
        assert "bing.com" not in "\n".join(second) and "/pricing" in "\n".join(main)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.state.side_breakdowns[0].filter == ""
        await focus_breakdown(pilot, 1)
        await pilot.press("o")
        await pilot.pause()
        assert screen.state.side_breakdowns[0].sort == "count-asc"
        assert screen.state.breakdown.sort == "count"
        assert "pageviews ↑" in shown_breakdowns(app)[1][0]
        assert "pageviews ↓" in shown_breakdowns(app)[0][0]
