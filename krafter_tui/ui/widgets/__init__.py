"""The dashboard's panes. Widgets get data handed to them; they never fetch it."""

from krafter_tui.ui.widgets.breakdown import BreakdownTable
from krafter_tui.ui.widgets.chart import TimeseriesChart
from krafter_tui.ui.widgets.events import EventsTable
from krafter_tui.ui.widgets.pane import Pane
from krafter_tui.ui.widgets.realtime import RealtimeCounter
from krafter_tui.ui.widgets.site_table import SitesTable
from krafter_tui.ui.widgets.status_bar import StatusBar
from krafter_tui.ui.widgets.totals import METRICS, TotalsPanel

__all__ = [
    "METRICS",
    "BreakdownTable",
    "EventsTable",
    "Pane",
    "RealtimeCounter",
    "SitesTable",
    "StatusBar",
    "TimeseriesChart",
    "TotalsPanel",
]
