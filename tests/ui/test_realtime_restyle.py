"""A realtime reading that turns up or down restyles its change line, not the whole pane.

Textual restyles a node and everything inside it when its classes change; the -up / -down
classes colour the change line alone, so they sit on it. Counts restyled nodes, not time, and
reads the line's colour: green going up, the warning colour going down, plain when steady.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet

from krafter_tui.app import KrafterApp
from krafter_tui.feeds.readings import Reading
from krafter_tui.ui.widgets import RealtimeCounter
from krafter_tui.ui.widgets.fitline import FitLine

from .conftest import FROZEN, settle
from .screen_text import line_with

MakeApp = Callable[..., KrafterApp]


@pytest.fixture
def restyled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The id (or class name) of every node restyled, in order."""
    seen: list[str] = []
    apply = Stylesheet.apply

    def counted(self: Stylesheet, node: Any, *args: Any, **kwargs: Any) -> None:
        seen.append(node.id or type(node).__name__)
        apply(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counted)
    yield seen


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_a_reading_that_turns_restyles_the_change_line_alone(
    make_app: MakeApp, restyled: list[str], size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        counter = app.screen.query_one(RealtimeCounter)
        change = counter.query_one("#realtime-change", FitLine)
        colours = {}
        now = counter.shown[-1].visitors
        steps = ((0, "•"), (5, "▲"), (1, "▼"), (7, "▲"), (7, "•"), (2, "▼"))
        for visitors, mark in ((now + step, mark) for step, mark in steps):
            restyled.clear()
            counter.show_readings([*counter.shown, Reading(FROZEN, visitors)], fresh=True)
            await pilot.pause()
            assert set(restyled) <= {"realtime-change"}, restyled
            line_with(app, mark)  # the mark is on screen
            colours.setdefault(mark, change.styles.color)
            assert change.styles.color == colours[mark]  # the same mark, the same colour
        assert len(set(colours.values())) == 3  # up, down and steady each in its own colour
