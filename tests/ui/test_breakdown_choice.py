"""The breakdown's dimension, sort and filter are the model's (``DashboardState.breakdown``):
keys change the model, the pane draws it, and the export names what the model says."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from krafter_tui.app import KrafterApp
from krafter_tui.feeds.model import BreakdownChoice
from krafter_tui.ui.widgets import BreakdownTable

from .conftest import settle
from .helpers import dashboard
from .test_export_keys import export

MakeApp = Callable[..., KrafterApp]


def test_choosing_a_dimension_clears_the_filter_and_keeps_the_order() -> None:
    choice = BreakdownChoice().next_sort().with_filter("blog")
    assert choice.step_dimension(1) == BreakdownChoice("referrer", "count-asc", "")
    assert choice.step_dimension(-1).dimension == "utm_campaign"
    assert choice.next_sort().next_sort() == BreakdownChoice("path", "count", "blog")


async def test_keys_change_the_model_and_the_export_reads_it(
    make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    app = make_app(site="Pebble CRM")
    async with app.run_test(size=(140, 48), notifications=True) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        pane = screen.query_one(BreakdownTable)
        await pilot.press("d", "o", "slash", *"o", "enter")
        await pilot.pause()
        assert screen.state.breakdown == BreakdownChoice("referrer", "count-asc", "o")
        assert pane.choice == screen.state.breakdown  # the pane draws the model's choice
        path = await export(pilot, "B", folder, set())
        document = json.loads(path.read_text())
        assert path.name.endswith("-breakdown-referrer.json")
        assert (document["dimension"], document["filter"]) == ("referrer", "o")
        # The second change: another dimension (the filter goes), another order.
        await pilot.press("d", "o")
        await pilot.pause()
        assert screen.state.breakdown == BreakdownChoice("country", "value", "")
        assert pane.choice == screen.state.breakdown
        shown = screen.on_screen()
        assert (shown.dimension, shown.row_filter) == ("country", "")
        assert [r.value for r in shown.rows] == sorted((r.value for r in shown.rows), key=str.lower)
        path = await export(pilot, "B", folder, {path})
        document = json.loads(path.read_text())
        assert path.name.endswith("-breakdown-country.json")
        assert document["dimension"] == "country" and "filter" not in document
