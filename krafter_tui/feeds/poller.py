"""When to fetch what: the feeds of the selection on screen, the site list, and their timers.

No Textual here: the poller runs its fetches and timers through a :class:`~.host.Host` and
hands typed answers to a :class:`~.host.Sink`. Each feed has one fetch at a time (a new one
cancels the old request); its next poll is armed only after its fetch has ended, so polls
never overlap; the wait comes from :mod:`krafter_tui.feeds.schedule` (interval, backoff, budget).
Answers for a selection no longer current are dropped. Results are kept for a while, so
switching back to a site or period shows it at once and refreshes it in the background.

The :class:`Poller` is joined here from its parts by subject (see
:mod:`~krafter_tui.feeds.poller_base`); this module holds what ties them: making a selection
current.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from krafter_tui.feeds.compare_fetch import PREVIOUS_TTL, CompareFetch, compared_period
from krafter_tui.feeds.head_start_handover import HeadStartHandover
from krafter_tui.feeds.model import DATA_FEEDS, FEEDS, Feed, Selection
from krafter_tui.feeds.poller_base import SITES_REFRESH, site_since
from krafter_tui.feeds.schedule import FeedHealth
from krafter_tui.feeds.site_list import NoSitesError, SiteListRefresh

__all__ = [
    "PREVIOUS_TTL",
    "SITES_REFRESH",
    "NoSitesError",
    "Poller",
    "compared_period",
    "site_since",
]


class Poller(HeadStartHandover, CompareFetch, SiteListRefresh):
    """Fetches sites, stats (all nine dimensions in one request), events and realtime."""

    def start(self, selection: Selection, *, refetch: bool = True, settle: bool = True) -> None:
        """Make ``selection`` current: show what is cached for it at once, then fetch and keep
        polling.

        Figures cached within their interval are fetched again in the background, or, with
        ``refetch`` False (kiosk rotation), only when their interval is up. A retry of the
        sites list keeps its timer. When another site or period was on screen, the requests
        wait for the keys to settle (:class:`~.settle.SettleWait`): a burst of keys costs
        only the requests of the selection it ends on. With ``settle`` False (no key moved
        it: the kiosk rotation) they go at once.
        """
        old = self.selection
        new_site = old is None or old.site != selection.site
        self.stop(keep_sites=True)
        self.selection = selection
        self.stopped = False
        # Figures are drawn from the answers for this selection only (no conversion rate from
        # another site's visitors).
        self.state.new_selection()
        for feed in FEEDS if new_site else DATA_FEEDS:
            self.health[feed] = FeedHealth(self.health[feed].interval)
        taken = self._take_head_start(selection)
        self._head_start_feeds.pop(selection, None)  # taken once: a later start asks again
        stats = self.cache.stats(selection, self.health["stats"].interval)
        events = self.cache.events(selection, self.health["events"].interval)
        missing: set[Feed] = set()
        if stats is None:
            missing.add("stats")
        if events is None:
            missing.add("events")
        # Realtime joins the round only when its pane has nothing to show yet.
        self.round.open(missing | {"realtime"} if missing and new_site else missing)
        fetches: list[Callable[[], None]] = []  # the requests, sent once the keys settle
        for feed, kept in (("stats", stats), ("events", events)):
            if kept is None:
                fetches.append(partial(self._run, feed, selection))
                continue
            if stats is not None and feed == "stats":
                self.show_stats(selection, stats.value, self.compared(selection))
            elif events is not None and feed == "events":
                self.show_events(selection, events.value)
            self.health[feed].succeeded(kept.at)
            if refetch and feed not in taken:
                fetches.append(partial(self._run, feed, selection))
            else:
                age = (self.clock() - kept.at).total_seconds()
                self._schedule(feed, selection, self.health[feed].interval - age)
        if "stats" in taken and stats is not None and self.compared(selection) is None:
            # Its compared period was not among the head start's answers (another range came
            # back): asked for now, not at the next stats poll.
            compare = partial(self._compare_only, selection, stats.value)
            fetches.append(partial(self.host.run_task, "compare", compare))
        if not self._show_head_start_reading(selection):
            fetches.append(partial(self._run, "realtime", selection))
        self.settle.send(fetches, wait=settle and old is not None and old != selection)

    def _fetch_of(self, feed: Feed) -> Callable[[Selection], Awaitable[None]]:
        fetch: dict[Feed, Callable[[Selection], Awaitable[None]]] = {
            "stats": self._stats,
            "events": self._events,
            "realtime": self._realtime,
        }
        return fetch[feed]

    def cached_feeds(self, selection: Selection) -> set[Feed]:
        """The feeds :meth:`start` will show from the cache at once for ``selection``."""
        self._take_head_start(selection)
        shown: set[Feed] = set()
        if self.cache.stats(selection, self.health["stats"].interval) is not None:
            shown.add("stats")
        if self.cache.events(selection, self.health["events"].interval) is not None:
            shown.add("events")
        return shown
