"""The realtime pane draws the core's readings (``DashboardState.readings``), and the alerts
judge that same list: one owner of a site's readings."""

from __future__ import annotations

from collections.abc import Callable

from krafter_tui.app import KrafterApp
from krafter_tui.ui.widgets import RealtimeCounter

from .conftest import settle
from .helpers import dashboard

MakeApp = Callable[..., KrafterApp]


async def test_the_pane_draws_the_models_readings_and_alerts_judge_the_same(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        assert screen.selection is not None and screen.alerts is not None
        key = screen.selection.site.site_key
        counter = screen.query_one(RealtimeCounter)
        kept = screen.state.readings.recent(key)
        assert kept and counter.shown == kept  # drawn as handed
        assert not hasattr(counter, "_histories")  # the pane keeps no readings of its own
        assert screen.alerts.watch.readings is screen.state.readings
        await pilot.press("right_square_bracket")  # the next site, then back: from the model
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert counter.shown == screen.state.readings.recent(key)
