"""The dashboard's panes. Widgets get data handed to them; they never fetch it.

All sites' table (``SitesTable``) is imported when first asked for: the dashboard's first
frame does not use it (tests/ui/test_first_paint_imports.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from krafter_tui.ui.widgets.breakdown import BreakdownTable
from krafter_tui.ui.widgets.chart import TimeseriesChart
from krafter_tui.ui.widgets.events import EventsTable
from krafter_tui.ui.widgets.pane import Pane
from krafter_tui.ui.widgets.realtime import RealtimeCounter
from krafter_tui.ui.widgets.status_bar import StatusBar
from krafter_tui.ui.widgets.totals import METRICS, TotalsPanel

if TYPE_CHECKING:
    from krafter_tui.ui.widgets.site_table import SitesTable

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


def __getattr__(name: str) -> Any:
    """``SitesTable``, its module imported on first use."""
    if name != "SitesTable":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module("krafter_tui.ui.widgets.site_table").SitesTable
