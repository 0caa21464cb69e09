"""What every part of the poller shares: the selection on screen (the one polled), each feed's
health, the answers kept per selection, the model the panes are drawn from, and stopping.

The poller is put together from parts by subject, each a subclass of :class:`PollerBase`:
:mod:`~krafter_tui.feeds.feed_timers` (when each feed polls next),
:mod:`~krafter_tui.feeds.feed_fetches` (the events and realtime fetches; failures become feed
health), :mod:`~krafter_tui.feeds.compare_fetch` (the stats and their compared period),
:mod:`~krafter_tui.feeds.site_list` (the site list's refresh) and
:mod:`~krafter_tui.feeds.head_start_handover` (the launch's head start taken over);
:mod:`~krafter_tui.feeds.poller` joins them. Answers reach the screen one way: into the model
(``show_*`` here), then the sink is told.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import partial

from krafter_tui.api import (
    ApiError,
    BadResponseError,
    Event,
    KrafterClient,
    Period,
    Site,
    Stats,
    Totals,
)
from krafter_tui.feeds.compared_events import ComparedEventsFetch
from krafter_tui.feeds.host import Host, Sink, TimerHandle
from krafter_tui.feeds.kept import ResultCache
from krafter_tui.feeds.model import FEEDS, Compare, DashboardState, Feed, Selection
from krafter_tui.feeds.recording import PollRecording
from krafter_tui.feeds.report import FeedsReport
from krafter_tui.feeds.rounds import PaintRound
from krafter_tui.feeds.schedule import FeedHealth
from krafter_tui.feeds.settle import SettleWait
from krafter_tui.record import Record

__all__ = ["SITES_REFRESH", "PollerBase", "log_unexpected", "site_since"]

log = logging.getLogger("krafter_tui")

SITES_REFRESH = 300.0  # the site list is read again this often: sites come and go on the server


def site_since(site: Site) -> date | None:
    """The day ``site`` was added (its ``created_at``), or None when that is not a date."""
    try:
        return date.fromisoformat(site.created_at[:10])
    except ValueError:
        return None


class PollerBase:
    """What the poller's parts share, and the model's writes (the parts: see the module)."""

    def __init__(
        self,
        client: KrafterClient,
        *,
        clock: Callable[[], datetime],
        realtime_interval: float,
        stats_interval: float,
        host: Host,
        sink: Sink,
        rng: random.Random | None = None,
        settle: float | None = None,
        state: DashboardState | None = None,
        record: Record | None = None,
    ) -> None:
        self.client = client
        # Each live answer (its period includes today) becomes a reading in the record, in a
        # worker thread after it was shown (None: nothing is recorded).
        self.recording = PollRecording(record, sink, clock, self.is_current)
        # The model the panes are drawn from: the poller writes the comparison and the answers
        # for the selection on screen into it (then tells the sink); the screen reads it to draw.
        self.state = state if state is not None else DashboardState()
        self.clock = clock
        self.host = host
        self.sink = sink
        self.rng = rng or random.Random()
        self.selection: Selection | None = None  # the selection on screen: the one polled
        self.health: dict[Feed, FeedHealth] = {
            "stats": FeedHealth(stats_interval),
            "events": FeedHealth(stats_interval),
            "realtime": FeedHealth(realtime_interval),
        }
        self.cache = ResultCache(clock)
        self.round = PaintRound(host, sink)
        self.compared_events = ComparedEventsFetch(
            client, host, sink, self.state, is_current=self.is_current
        )
        # Another site or period: its requests wait for the keys to settle (None: the default).
        self.settle = SettleWait(host, settle)
        self.stopped = False
        # The site list's own health: its error and next try feed the banner; while it
        # fails or is empty it backs off from 5 s, once loaded it is refreshed every 5 minutes.
        self.sites_health = FeedHealth(SITES_REFRESH)
        self.polls = 0  # fetches finished, successful or not (benchmarks and soak tests count)
        # Feeds whose next fetch must reach the server (a manual refresh), shared cache or not.
        self._fresh_wanted: set[Feed] = set()
        self._timers: dict[str, TimerHandle] = {}
        # The feeds of a selection the head start's answers covered (not asked again at
        # once), and a realtime reading among them, until start() shows it
        # (head_start_handover.py).
        self._head_start_feeds: dict[Selection, set[Feed]] = {}
        self._head_start_reading: tuple[Selection, int] | None = None

    def stop(self, *, keep_sites: bool = False) -> None:
        """Stop every timer (but the sites retry with ``keep_sites``) and cancel in-flight
        fetches of the feeds."""
        self.stopped = True
        self.round.close()
        self.settle.cancel()
        for name in list(self._timers):
            if not (keep_sites and name == "sites"):
                self._timers.pop(name).stop()
        for group in (*FEEDS, "compare", "compared-events"):
            self.host.cancel_tasks(group)

    def forget(self, selection: Selection) -> None:
        """Drop what is cached for ``selection`` (a manual refresh wants everything new: the
        next fetch of each feed asks the server, not the shared cache)."""
        self.cache.forget(selection)
        self._fresh_wanted.update(FEEDS)

    def is_current(self, selection: Selection) -> bool:
        """Whether ``selection`` is the one on screen and polled (answers for any other are
        dropped)."""
        return selection == self.selection and not self.stopped

    def _today(self) -> date:
        return self.clock().astimezone(UTC).date()

    def api_period(self, selection: Selection) -> Period:
        """The period to ask the API for: named periods (today, month, all, …) as the custom
        range they cover on today's UTC date; all time from the site's creation day, within
        the longest range the server took (see :attr:`longest`)."""
        return selection.period.resolve(
            self._today(), site_since(selection.site), longest=self.longest
        )

    @property
    def longest(self) -> int | None:
        """The most days one range may span on this API: unknown (None) until the server
        refuses all time as too long; then what its refusal stated (else a year and a day,
        see :mod:`krafter_tui.api.range_limit`). Kept by the client: one per API."""
        return self.client.longest_range

    def report(self) -> FeedsReport:
        """The feeds' standing now, for the status line, the pane marks and the banner."""
        shared = self.client.shared
        return FeedsReport(
            budget=self.client.budget.describe(),
            shared_down=shared is not None and shared.down,
            compare=self.compare,
            feeds=dict(self.health),
            sites=self.sites_health,
            selected=self.selection is not None,
            not_recording=self.recording.not_recording(),
        )

    @property
    def compare(self) -> Compare:
        """What the figures are compared with (see :attr:`base`): the model's, set only by
        :meth:`set_compare`."""
        return self.state.compare

    @property
    def base(self) -> str:
        """What the figures are compared with: ``year`` (the same dates a year before) or
        ``previous`` (the period of equal length before; also when no comparison is drawn,
        for the change marks)."""
        return "year" if self.compare == "year" else "previous"

    def show_stats(
        self,
        selection: Selection,
        stats: Stats,
        compared: Stats | None,
        yesterday: Totals | None = None,
    ) -> None:
        """Put a stats answer (and the compared period's, if known yet; ``yesterday``: the
        record's totals at the same time yesterday) in the model and show it; the first
        answer for a selection tells the sink the server accepted it."""
        state = self.state
        state.stats = stats
        state.compared = compared
        state.same_time_yesterday = yesterday
        self.sink.show_stats(selection, stats, compared)
        self.compared_events.want(selection)
        if selection != state.good:
            # The last selection whose stats reached the screen: the one to remember between
            # runs, and the one to go back to when the server refuses a new one.
            state.good = selection
            self.round.after_paint(partial(self.sink.selection_accepted, selection))

    def show_compared(self, selection: Selection, compared: Stats) -> None:
        """Put the compared period's stats, come after the stats, in the model and show them."""
        self.state.compared = compared
        self.sink.show_compared(selection, compared)
        self.compared_events.want(selection)

    def show_events(self, selection: Selection, events: list[Event]) -> None:
        """Put an events answer in the model and show it."""
        self.state.events = events
        self.sink.show_events(selection, events)

    def show_realtime(self, selection: Selection, visitors: int) -> None:
        """Put a realtime reading in the model's readings of the site, then show it."""
        self.state.readings.add(selection.site.site_key, self.clock(), visitors)
        self.sink.show_realtime(selection, visitors)

    def _show(self, feed: Feed, selection: Selection, show: Callable[[], None]) -> None:
        """Run ``show`` through the paint round: maybe a moment after the answer, so only if
        ``selection`` is still the one on screen then."""

        def shown() -> None:
            if self.is_current(selection):
                show()

        self.round.show(feed, shown)

    def _failed(self, feed: Feed, selection: Selection, error: ApiError) -> None:
        log_unexpected(error, feed)
        if self.is_current(selection):
            self.health[feed].failed(error)

    def _max_age(self, feed: Feed) -> float:
        """How old an answer another dashboard fetched may be for ``feed``: its interval, or
        none at all for the first fetch after a manual refresh."""
        if feed in self._fresh_wanted:
            self._fresh_wanted.discard(feed)
            return 0.0
        return self.health[feed].interval


def log_unexpected(error: ApiError, feed: str) -> None:
    """Log an answer the client could not read (the others are said on screen)."""
    if isinstance(error, BadResponseError):
        log.warning("unexpected %s response: %s", feed, error.message)
