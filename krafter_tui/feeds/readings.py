"""Each site's realtime readings, the one list of them: the realtime pane draws a site's last
half hour from it, and the alert watch (:mod:`krafter_tui.alerts.watch`) reads its baseline
from it. No Textual; every reading comes with the time it was taken."""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["HISTORY", "HISTORY_SPAN", "MAX_READINGS", "Reading", "SiteReadings"]

HISTORY_SPAN = timedelta(minutes=30)  # what the realtime pane draws, by the time read at
HISTORY = 1800  # at most this many readings drawn per site (30 minutes of one a second)
#: Readings kept per site at most (a reading a second for the longest alert window allowed).
MAX_READINGS = 7200


@dataclass
class Reading:
    """Visitors now (the last five minutes) of one site, as read ``at``. ``usual``: whether it
    counts toward the site's usual visitors (the alert watch leaves out the readings that
    confirm an alert, and those from before the clock went back)."""

    at: datetime
    visitors: int
    usual: bool = True


class SiteReadings:
    """Every site's readings of the last :attr:`span` (at least), oldest first."""

    def __init__(self, span: timedelta = HISTORY_SPAN) -> None:
        self.span = span
        self._sites: dict[Hashable, deque[Reading]] = {}

    def keep_at_least(self, span: timedelta) -> None:
        """Keep readings as far back as ``span`` too (an alert window longer than the pane's)."""
        self.span = max(self.span, span)

    def add(self, site_key: Hashable, at: datetime, visitors: int) -> Reading:
        """Add ``site_key``'s reading taken ``at``; its readings older than :attr:`span`
        before ``at`` go first."""
        history = self._sites.setdefault(site_key, deque(maxlen=MAX_READINGS))
        # Dropped first: the change mark never compares with a reading from long ago (a
        # site shown again after an hour starts its history, and its mark, afresh).
        while history and history[0].at < at - self.span:
            history.popleft()
        reading = Reading(at, visitors)
        history.append(reading)
        return reading

    def last(self, site_key: Hashable) -> Reading | None:
        """``site_key``'s newest reading (None: none kept)."""
        history = self._sites.get(site_key)
        return history[-1] if history else None

    def of(self, site_key: Hashable) -> list[Reading]:
        """Every reading kept of ``site_key``, oldest first."""
        return list(self._sites.get(site_key, ()))

    def recent(self, site_key: Hashable) -> list[Reading]:
        """What the realtime pane draws of ``site_key``: its readings of the
        :data:`HISTORY_SPAN` up to its newest (at most :data:`HISTORY`), oldest first."""
        history = self._sites.get(site_key)
        if not history:
            return []
        if self.span <= HISTORY_SPAN:  # kept no longer than drawn: every reading kept
            return list(history)[-HISTORY:]
        since = history[-1].at - HISTORY_SPAN
        return [reading for reading in history if reading.at >= since][-HISTORY:]

    def forget(self, site_key: Hashable) -> None:
        """Forget ``site_key``'s readings."""
        self._sites.pop(site_key, None)
