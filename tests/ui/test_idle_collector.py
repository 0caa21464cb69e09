"""The launch's objects are set aside from the garbage collector's full passes while the app
runs, and given back when it ends (krafter_tui/ui/collector.py).

A full collection walks every object the collector tracks; left running, the dashboard paid
~95 ms a minute for walking the ~120,000 objects of its launch. Counts, not timings: how many
objects are set aside, whether the dashboard's own are among those a collection walks.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

from krafter_tui.app import KrafterApp

from .conftest import settle
from .screen_text import screen_lines

MakeApp = Callable[..., KrafterApp]


def walked(thing: object) -> bool:
    """Whether a full collection would walk ``thing`` (it is not set aside)."""
    return any(item is thing for item in gc.get_objects())


class Cycle:
    """An object in a reference cycle with itself: only a collection frees it."""

    def __init__(self) -> None:
        self.me = self


async def test_the_launch_is_set_aside_while_running_and_given_back_at_the_end(
    make_app: MakeApp,
) -> None:
    for _ in range(2):  # the second app in the same process: the same again
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            set_aside = gc.get_freeze_count()
            assert set_aside > 10_000  # the modules, classes, stylesheets and widgets
            # A full collection now walks fewer objects than the launch left alive, and not
            # the dashboard's screen or its widgets.
            assert len(gc.get_objects()) < set_aside
            assert not walked(app.screen)
            assert not walked(app.screen.query_one("#realtime"))
            gc.collect()
            await pilot.pause()
            assert any("Visitors now" in line for line in screen_lines(app))
        assert gc.get_freeze_count() == 0  # nothing set aside outlives the app


async def test_what_is_made_after_the_launch_is_collected_as_before(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        made = Cycle()
        gone = weakref.ref(made)
        assert walked(made)
        del made
        gc.collect()
        assert gone() is None
