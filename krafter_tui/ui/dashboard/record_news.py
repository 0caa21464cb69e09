"""What the record tells the dashboard after the poller wrote a reading (it is written after
the paint, in a worker thread): the panes drawn from the record draw again, and the sources it
had not seen go to the alerts."""

from __future__ import annotations

from datetime import datetime

from krafter_tui.feeds import Selection
from krafter_tui.ui.dashboard.selection import SelectionScreen
from krafter_tui.ui.widgets.chart_hours import BucketsChanged

__all__ = ["RecordNews"]


class RecordNews(SelectionScreen):
    """The poller's sink for the record's news (:meth:`recorded`, :meth:`new_sources`)."""

    def recorded(self, selection: Selection) -> None:
        """The stats just drawn are in the record now: the chart's hours and the rising
        order, drawn from the record, show them too (the record is written after the paint)."""
        if self.record is None or self.state.stats is None:
            return
        now = self.clock()
        self.panes.render_chart(self.state, selection, now)
        if any(self.state.choice_at(i).sort == "rising" for i in range(self.panes.shown)):
            self.panes.render_breakdown(self.state, now, selection)

    def on_buckets_changed(self, event: BucketsChanged) -> None:
        """Resized: the day from the record drawn in other buckets, and its title says so."""
        event.stop()
        if self.selection is not None:
            self.panes.render_chart(self.state, self.selection, self.clock())

    def show_week(self, selection: Selection) -> None:
        """The last 7 days of a today came (drawn until the record has today's hours)."""
        if self.state.stats is not None:
            self.panes.render_chart(self.state, selection, self.clock())

    def new_sources(
        self, selection: Selection, found: list[tuple[str, str, int]], at: datetime
    ) -> None:
        """Sources the record had not seen in its last day: the alerts say which are news."""
        if self.alerts is not None:
            self.alerts.new_sources(selection.site, found, at)
