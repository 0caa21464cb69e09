"""Kiosk mode's breakdown rotation, with what is rising as one of its stops: after the last
dimension, the pages sorted by what they added over the last 30 minutes (the pane's title says
``rising · last 30 min``), then the pages again in the order they had. The stop is made only
while the period includes today (the record's readings are today's) and the record reaches
back the whole 30 minutes for the site on screen; otherwise the rotation goes on as before."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Final

from krafter_tui.api import DIMENSIONS
from krafter_tui.api.period import utc_date
from krafter_tui.feeds.model import SortOrder
from krafter_tui.ui.dashboard.pane_keys import PaneKeys

__all__ = ["RISING_WINDOW", "KioskRising"]

#: The window the rising stop shows (Record.rising's default, the title's "last 30 min").
RISING_WINDOW: Final = timedelta(minutes=30)


class KioskRising(PaneKeys):
    """The breakdown's rotation step (:meth:`rotate_dimension`), run by the kiosk's timer."""

    # The order the breakdown had before the rising stop (None: not at the rising stop).
    _sort_before_rising: SortOrder | None = None

    def rotate_dimension(self) -> None:
        """The next stop: the next dimension; after the last one, the pages by rising (when
        :meth:`rising_ready`, with one breakdown on screen); after that, the pages in their
        order again. With breakdowns side by side, each moves on (:meth:`rotate_dimensions`)."""
        choice, now = self.state.breakdown, self.clock()
        if self._sort_before_rising is not None:  # the rising stop is over
            self.state.breakdown = replace(choice, sort=self._sort_before_rising)
            self._sort_before_rising = None
            self.panes.breakdown.show_choice(self.state.breakdown, None)
        elif (
            self.panes.shown == 1 and choice.dimension == DIMENSIONS[-1] and self.rising_ready(now)
        ):
            self._sort_before_rising = choice.sort
            self.state.breakdown = replace(choice.with_dimension(DIMENSIONS[0]), sort="rising")
            rising = self.panes.rising(self.state, self.selection, now)
            self.panes.breakdown.select_dimension(self.state.breakdown, rising)
        else:  # each breakdown on screen moves on (a wide wall: no rising stop)
            self.rotate_dimensions()

    def rising_ready(self, now: datetime) -> bool:
        """Whether the rising stop has something to show: a record, a period that includes
        today, and readings of the site on screen from 30 minutes ago to now."""
        stats, selection, record = self.state.stats, self.selection, self.record
        if record is None or stats is None or selection is None:
            return False
        if not stats.period.start <= utc_date(now) <= stats.period.end:
            return False
        rising = record.rising(selection.site.site_key, DIMENSIONS[0], now, RISING_WINDOW)
        if rising.since is None or rising.until is None:
            return False
        return rising.until - rising.since >= RISING_WINDOW
