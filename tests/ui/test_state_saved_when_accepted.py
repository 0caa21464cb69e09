"""state.json is written when the server accepts a selection (an event of the core), never
from the path that paints the panes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from krafter_tui.app import KrafterApp
from krafter_tui.local.remembered import StateStore

from .conftest import DEMO_URL, settle
from .helpers import dashboard

MakeApp = Callable[..., KrafterApp]


async def test_painting_writes_no_state_file_and_accepting_does(
    make_app: MakeApp, tmp_path: Path
) -> None:
    path = tmp_path / "state.json"
    app = make_app(state_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        first = screen.selection
        assert first is not None and StateStore(path).load(DEMO_URL).period == first.period
        path.unlink()
        state = screen.state
        assert state.stats is not None and state.events is not None
        # Paint every pane again, as the sink does for each answer: nothing is written.
        screen.show_stats(first, state.stats, state.compared)
        screen.show_events(first, state.events)
        if state.compared is not None:
            screen.show_compared(first, state.compared)
        await pilot.pause()
        assert not path.exists()
        # The same site over another period, accepted by the server: that one is remembered.
        await pilot.press("w")
        await settle(pilot)
        second = screen.selection
        assert second is not None and second.site == first.site
        assert second.period != first.period
        remembered = StateStore(path).load(DEMO_URL)
        assert (remembered.site_key, remembered.period) == (first.site.site_key, second.period)
