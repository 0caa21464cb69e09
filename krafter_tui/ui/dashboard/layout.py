"""The dashboard's layout: its panes in the order they are composed, the size below which
a notice covers them, and the breakpoints its stylesheet lays them out by."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.widgets import Static

from krafter_tui.ui.bindings import footer_levels
from krafter_tui.ui.dashboard.breakdowns import side_panes
from krafter_tui.ui.dashboard.selection import SelectionScreen
from krafter_tui.ui.keys import APP_COMMANDS, DASHBOARD_COMMANDS
from krafter_tui.ui.widgets import (
    BreakdownTable,
    EventsTable,
    Pane,
    RealtimeCounter,
    StatusBar,
    TimeseriesChart,
    TotalsPanel,
)
from krafter_tui.ui.widgets.key_footer import KeyFooter
from krafter_tui.ui.widgets.rotation import RotationBar

__all__ = ["FOOTER_LEVELS", "MIN_SIZE", "DashboardLayout"]

# Every key is declared once, in krafter_tui/ui/keys.py; the footer's larger groups where narrow.
FOOTER_LEVELS = footer_levels(DASHBOARD_COMMANDS, APP_COMMANDS)
# Below this a pane cannot show what it is for (at 64x18 the chart was 9 columns by 1 row):
# say so instead. From here up every figure is whole (tests/ui/test_figures.py walks it).
MIN_SIZE = (72, 22)


class DashboardLayout(SelectionScreen):
    """The panes: status line, banner, realtime and totals, then chart, breakdown and events,
    the key footer, the kiosk's rotation line, and the too-small notice."""

    HORIZONTAL_BREAKPOINTS = [
        (0, "-tiny"),
        (MIN_SIZE[0], "-narrow"),
        (120, "-wide"),
        (180, "-xwide"),
    ]
    # -high: room for a wall screen's live count and totals in block digits (styles/app.tcss)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (MIN_SIZE[1], "-tall"), (30, "-high")]

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Static(id="banner")
        with Horizontal(id="top"):
            yield RealtimeCounter(id="realtime")
            yield TotalsPanel(id="totals")
        with Grid(id="middle"):
            with Pane("Pageviews", id="chart-pane"):
                yield TimeseriesChart(id="chart")
            yield BreakdownTable(id="breakdown-pane")
            yield from side_panes(self.state, wall=self.kiosk is not None)  # wide screens
            yield EventsTable(id="events-pane")
        yield KeyFooter(levels=FOOTER_LEVELS)
        yield RotationBar(id="rotation")
        yield Static(id="too-small")
