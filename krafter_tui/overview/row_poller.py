"""The All sites poller: when to refresh the next row, through the same host as the dashboard.

No Textual here. Like the dashboard's :class:`~krafter_tui.feeds.poller.Poller`, it runs its
fetch as a task of a :class:`~krafter_tui.feeds.host.Host` and arms its next step on the host's
timer only after the fetch has ended, so refreshes never overlap. Each step follows the
dashboard's site list, refreshes the stalest row (:meth:`OverviewFeed.refresh_next`), tells
a :class:`RowSink` what changed, and waits the pace's step
(:meth:`OverviewFeed.pace`: the budget's share, backing off while refreshes fail). A refused key
stops it. The All sites screen is its host and its sink: it draws, and sends nothing back but
"open" and "step now".
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Protocol

from krafter_tui.api import Site
from krafter_tui.feeds.host import Host, TimerHandle
from krafter_tui.overview.feed import OverviewFeed
from krafter_tui.overview.row import SiteRow

__all__ = ["OVERVIEW_GROUP", "RowPoller", "RowSink"]

log = logging.getLogger("krafter_tui")

OVERVIEW_GROUP = "overview"  # the host's task group and timer name of the row refreshes


class RowSink(Protocol):
    """Receives what the All sites poller changed (the All sites screen; tests use fakes)."""

    def rows_changed(self) -> None:
        """The rows followed a new site list: show them all again."""

    def row_refreshed(self, row: SiteRow) -> None:
        """``row`` was refreshed: new figures, or its trouble beside the ones it had."""

    def step_ended(self) -> None:
        """A step ended, refreshed or not: the pace, the budget and the trouble may have moved."""


class RowPoller:
    """Refreshes ``feed``'s rows one at a time through ``host``, at the pace the budget allows.

    ``sites`` gives the dashboard's site list as it is now (no request of its own): each step
    brings the rows in line with it first.
    """

    def __init__(
        self,
        feed: OverviewFeed,
        *,
        sites: Callable[[], list[Site]],
        host: Host,
        sink: RowSink,
    ) -> None:
        self.feed = feed
        self.sites = sites
        self.host = host
        self.sink = sink
        self.timer: TimerHandle | None = None  # the next step, while one is armed

    def take_sites(self) -> None:
        """Rows for the site list as it is now (the screen opens: it shows them at once)."""
        self.feed.set_sites(self.sites())

    def start(self) -> None:
        """Refresh the first row now, or when what is left of the pace's step since the last
        refresh has passed (opening and closing the screen must not spend more)."""
        wait = self.feed.first_wait()
        if wait > 0:
            self._arm(wait)
        else:
            self.step()

    def step(self) -> None:
        """Refresh the stalest row now; the next one follows at the budget's pace."""
        if self.timer is not None:
            self.timer.stop()  # now replaces the step that was armed: one chain of steps
            self.timer = None
        self.host.run_task(OVERVIEW_GROUP, self._refresh_one)

    async def _refresh_one(self) -> None:
        try:
            sites = self.sites()
            if [row.site for row in self.feed.rows] != sites:
                self.feed.set_sites(sites)
                self.sink.rows_changed()
            row = await self.feed.refresh_next()
            if row is not None:
                self.sink.row_refreshed(row)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug must not stop the overview: log it, go on at the next step
            log.exception("overview refresh failed")
        self.sink.step_ended()
        if self.feed.refused is None:
            self._arm(self.feed.pace().step)

    def _arm(self, wait: float) -> None:
        self.timer = self.host.start_timer(wait, self.step, name=OVERVIEW_GROUP)
