"""Rows where the rows are: the custom events pane is as tall as its rows (within its least and
most), and the breakdown, which has many, takes the rest; read back from the rendered screen
on a wall and a desk."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from krafter_tui.api import Event
from krafter_tui.app import KrafterApp
from krafter_tui.ui.widgets import EventsTable

from .conftest import settle
from .screen_text import pane_lines

MakeApp = Callable[..., KrafterApp]

# Rows of the breakdown on screen before the events pane was sized by its rows (a fixed 12).
BEFORE = {(120, 40, False): 16, (120, 40, True): 6, (160, 48, False): 24, (160, 48, True): 10}


def body(app: KrafterApp, selector: str) -> list[str]:
    """The lines of a table pane under its header, inside its border."""
    return [line[1:-1] for line in pane_lines(app, selector)[2:-1]]


@pytest.mark.parametrize("kiosk", [False, True], ids=["desk", "kiosk"])
@pytest.mark.parametrize("size", [(120, 40), (160, 48)])
async def test_the_events_pane_holds_its_rows_and_the_breakdown_the_rest(
    make_app: MakeApp, size: tuple[int, int], kiosk: bool
) -> None:
    app = make_app(kiosk=kiosk, rotate_sites=3600.0 if kiosk else 0.0)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        events = body(app, "#events-pane")
        shown = [line for line in events if line.strip()]
        assert len(shown) == 4, events  # the demo site's four events
        blank = len(events) - len(shown)
        assert blank == 0, f"{blank} blank rows under 4 events:\n" + "\n".join(events)
        breakdown = [line for line in body(app, "#breakdown-pane") if line.strip()]
        assert len(breakdown) > BEFORE[(*size, kiosk)], (len(breakdown), breakdown)


async def test_a_few_events_keep_the_least_rows_and_many_the_most(make_app: MakeApp) -> None:
    """One event: four rows as at 80x24 (never less); thirty: nine rows and a scrollbar, as
    before; back to one: the pane shrinks again."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(EventsTable)
        heights = []
        for count in (1, 30, 1):
            events = [Event(f"event_{i}", 100 - i, 50, None) for i in range(count)]
            pane.show(events, 1000)
            await pilot.pause()
            heights.append(pane.region.height)
        assert heights == [7, 12, 7]
