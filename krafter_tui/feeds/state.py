"""What the dashboard shows: one owner for the metric and the latest answers.

Every pane is rendered from this (conversion needs the stats and the events of the same
selection, whatever order they came in); widgets never hand figures back. The selection
itself is the poller's (:attr:`Poller.selection`): these are the answers for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from krafter_tui.api import Event, Period, Stats, Totals
from krafter_tui.feeds.model import Compare, Selection

__all__ = ["METRICS", "DashboardState"]

#: The metrics the chart can draw, in the order ``m`` steps through them, with their labels.
METRICS: Final = (("pageviews", "Pageviews"), ("visitors", "Visitors"), ("visits", "Visits"))


@dataclass
class DashboardState:
    """The metric charted, the latest answers for the selection on screen, and the last
    selection the server accepted."""

    metric: str = "pageviews"
    # The period last chosen by a key, the dialog or at launch: stepping (← →) moves away
    # from it, Shift+→ comes back to it while it reaches today.
    origin: Period | None = None
    compare: Compare = "off"  # the poller's (Poller.compare): kept here for drawing
    stats: Stats | None = None
    compared: Stats | None = None  # the compared period's (the previous one by default)
    events: list[Event] | None = None
    # The compared period's custom events (None: not asked for, or not here yet).
    compared_events: list[Event] | None = None
    # The last selection whose stats reached the screen: the one to remember between runs,
    # and the one to go back to when the server refuses a new one.
    good: Selection | None = None
    # Why polling has stopped until the user acts (a refused key or selection), shown in
    # the banner in place of feed health.
    halted: str | None = None

    def new_selection(self) -> None:
        """Another selection is on screen: no answer for it has come yet."""
        self.stats = None
        self.compared = None
        self.events = None
        self.compared_events = None
        self.halted = None

    def next_metric(self) -> str:
        """Chart the next metric: pageviews → visitors → visits → pageviews."""
        keys = [key for key, _ in METRICS]
        self.metric = keys[(keys.index(self.metric) + 1) % len(keys)]
        return self.metric

    @property
    def metric_label(self) -> str:
        """``Pageviews``, ``Visitors`` or ``Visits``."""
        return dict(METRICS)[self.metric]

    @property
    def previous(self) -> Totals | None:
        """The totals the change marks compare with."""
        return None if self.compared is None else self.compared.totals

    @property
    def visitors(self) -> int | None:
        """The period's visitors, for the events' conversion: None until the stats came."""
        return None if self.stats is None else self.stats.totals.visitors
