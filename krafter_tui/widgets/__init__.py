"""The dashboard's panes. Widgets get data handed to them; they never fetch it."""

from krafter_tui.widgets.breakdown import BreakdownTable
from krafter_tui.widgets.chart import TimeseriesChart
from krafter_tui.widgets.events import EventsTable
from krafter_tui.widgets.pane import Pane
from krafter_tui.widgets.realtime import RealtimeCounter
from krafter_tui.widgets.site_table import SitesTable
from krafter_tui.widgets.status_bar import StatusBar
from krafter_tui.widgets.totals import METRICS, TotalsPanel

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
