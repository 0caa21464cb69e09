"""The launch's head start taken over: the answers the launch asked for before Textual came up
(:mod:`krafter_tui.feeds.head_start`) are put in the kept answers for the selection they are
of, so :meth:`~krafter_tui.feeds.poller.Poller.start` shows them in the screen's first frame
and does not ask for them again at once. The stats and events among them go to the record
like polled ones, each at the time it was read (up to ``EARLY_MAX_AGE`` before it is taken)."""

from __future__ import annotations

from datetime import timedelta

from krafter_tui.api import DIMENSIONS, DateRange, PeriodError
from krafter_tui.feeds.compare_fetch import compared_period
from krafter_tui.feeds.feed_timers import FeedTimers
from krafter_tui.feeds.model import Feed, Selection

__all__ = ["HeadStartHandover"]


class HeadStartHandover(FeedTimers):
    """Takes the head start's answers for a selection into the kept answers."""

    def _take_head_start(self, selection: Selection) -> set[Feed]:
        """Put the head start's answers for ``selection`` in the cache (``start`` then
        shows them at once, in the screen's first frame); the feeds they cover."""
        client = self.client
        if client.early is None:
            return self._head_start_feeds.get(selection, set())
        taken = self._head_start_feeds.setdefault(selection, set())
        key = selection.site.site_key
        try:
            wanted = self.api_period(selection)
            guess = wanted.expected_range(self._today())
        except (PeriodError, ValueError, OverflowError):
            return taken
        early = client.early
        stats = client.stats_ready(key, wanted, DIMENSIONS)
        if stats is not None:
            self.cache.put_stats(selection, stats)
            taken.add("stats")
            # A reading like a polled answer, at the time it was read (before it was taken).
            read_at = self.clock() - timedelta(seconds=early.taken_age)
            self.recording.stats(selection, stats, read_at)
            before = compared_period(*guess, self.base)
            if before is not None and (stats.period.start, stats.period.end) == guess:
                breakdown = DIMENSIONS if self.compare != "off" else ()
                compared = client.stats_ready(key, before, breakdown)
                if compared is not None:
                    self.cache.put_compared(selection, self.base, compared)
        events = client.events_ready(key, wanted)
        if events is not None:
            self.cache.put_events(selection, events)
            taken.add("events")
            read_at = self.clock() - timedelta(seconds=early.taken_age)
            span = stats.period if stats is not None else DateRange(start=guess[0], end=guess[1])
            self.recording.answer(lambda record: record.add_events(key, events, span, read_at))
        realtime = client.realtime_ready(key)
        if realtime is not None:
            self._head_start_reading = (selection, realtime.current_visitors)
        if taken or realtime is not None:
            self.sink.budget_changed()
        return taken

    def _show_head_start_reading(self, selection: Selection) -> bool:
        """Show the realtime reading of the head start if it is of ``selection`` (taken
        once); whether it was."""
        reading = self._head_start_reading
        self._head_start_reading = None
        if reading is None or reading[0] != selection:
            return False
        self.show_realtime(selection, reading[1])
        self.health["realtime"].succeeded(self.clock())
        self._rearm("realtime", selection)
        return True
