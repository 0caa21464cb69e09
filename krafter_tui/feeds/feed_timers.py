"""When each feed of the selection polls next: one timer per feed, armed only after its fetch
has ended (so polls never overlap), with the wait from :mod:`krafter_tui.feeds.schedule`
(interval, backoff, budget); slowed-down feeds woken when the panes are seen again."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial

from krafter_tui.api import PeriodError
from krafter_tui.feeds.model import FEEDS, Feed, Selection
from krafter_tui.feeds.poller_base import PollerBase
from krafter_tui.feeds.schedule import budget_delay, next_delay

__all__ = ["PAST_REFRESH", "FeedTimers"]

PAST_REFRESH = 600.0  # a period that ended before today is fetched again this often


class FeedTimers(PollerBase):
    """Arms, re-arms and wakes the feeds' timers; :meth:`_run` starts a feed's fetch."""

    def _fetch_of(self, feed: Feed) -> Callable[[Selection], Awaitable[None]]:
        """The fetch of ``feed`` (the joined :class:`~krafter_tui.feeds.poller.Poller` says
        which part holds it)."""
        raise NotImplementedError

    def wake(self) -> None:
        """The panes are on screen again: bring slowed-down feeds back to their interval.

        A feed whose data is already older than its interval is fetched now; one that is
        failing keeps its backoff; one in flight re-arms normally when it ends.
        """
        selection = self.selection
        if self.stopped or selection is None:
            return
        now = self.clock()
        for feed in FEEDS:
            health = self.health[feed]
            if feed not in self._timers or health.error is not None or health.next_try is None:
                continue
            age = health.age(now)
            due = 0.0 if age is None else max(0.0, health.interval - age)
            # Still within what the team's budget allows: a resize must not undo its slowdown.
            due = budget_delay(self.client.budget, due, realtime=feed == "realtime")
            if (health.next_try - now).total_seconds() > due + 0.5:
                if due == 0.0:
                    self._timers.pop(feed).stop()
                    self._run(feed, selection)
                else:
                    self._schedule(feed, selection, due)

    def poll_now(self, feed: Feed) -> None:
        """Fetch ``feed`` of the current selection now (its timer is replaced)."""
        if self.selection is not None:
            old = self._timers.pop(feed, None)
            if old is not None:
                old.stop()
            self._run(feed, self.selection)

    def _run(self, feed: Feed, selection: Selection) -> None:
        self._timers.pop(feed, None)
        # Hand over the function, not a coroutine: a task cancelled before it starts must
        # not leave a never-awaited coroutine behind.
        self.host.run_task(feed, partial(self._fetch_of(feed), selection))

    def _rearm(self, feed: Feed, selection: Selection) -> None:
        health = self.health[feed]
        if not self.is_current(selection):
            health.next_try = None
            return
        delay = next_delay(
            health,
            self.client.budget,
            self.rng,
            realtime=feed == "realtime",
            on_screen=self.host.panes_visible(),
        )
        if feed != "realtime" and health.error is None and not self._live(selection):
            delay = max(delay, PAST_REFRESH)  # figures of days gone by barely move
        self._schedule(feed, selection, delay)

    def _live(self, selection: Selection) -> bool:
        try:
            return selection.period.is_live(self._today())
        except (PeriodError, ValueError, OverflowError):
            return True

    def _schedule(self, feed: Feed, selection: Selection, delay: float) -> None:
        health = self.health[feed]
        now = self.clock()
        health.next_try = datetime.fromtimestamp(now.timestamp() + delay, now.tzinfo)
        old = self._timers.pop(feed, None)
        if old is not None:
            old.stop()
        self._timers[feed] = self.host.start_timer(
            delay, partial(self._run, feed, selection), name=f"poll-{feed}"
        )
