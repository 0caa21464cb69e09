"""When to fetch what: the dashboard's workers and the timers that re-arm them.

Each fetch runs in a Textual worker owned by the dashboard screen (exclusive per feed, so a new
choice cancels the old request). A feed's next poll is armed only after its fetch has ended, so
polls never overlap; the wait comes from :mod:`krafter_tui.polling` (interval, backoff, budget).
Answers for a site or period no longer on screen are dropped. Results are kept for a while, so
switching back to a site or period shows it at once and refreshes it in the background.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.timer import Timer

from krafter_tui.api import (
    DIMENSIONS,
    ApiError,
    BadRequestError,
    BadResponseError,
    Event,
    ForbiddenError,
    NotFoundError,
    Period,
    Stats,
    Totals,
    UnauthorizedError,
)
from krafter_tui.keycheck import sites_error
from krafter_tui.polling import FeedHealth, budget_delay, next_delay

if TYPE_CHECKING:
    from krafter_tui.screens.dashboard import DashboardScreen, Selection

__all__ = ["FEEDS", "DashboardLoader"]

log = logging.getLogger("krafter_tui")

FEEDS = ("stats", "events", "realtime")
PREVIOUS_TTL = 600.0  # the previous period barely moves: compare against it for ten minutes
CACHE_SIZE = 64
ROUND_WAIT = 0.1  # an answer waits at most this long for the others sent with it


class PaintRound:
    """The answers to fetches sent together are shown together, in one paint.

    Four requests leave at once for a new site or period; their answers come back within a few
    milliseconds of each other, but Textual paints the first one for tens of milliseconds while
    the others wait in the socket, then paints the screen again. Answers of an open round are
    held until every fetch of it has ended, or ``ROUND_WAIT`` after the first answer, whichever
    comes first, then shown in one batch. Polls outside a round show at once.
    """

    def __init__(self, screen: DashboardScreen) -> None:
        self.screen = screen
        self._open: set[str] = set()
        self._held: list[Callable[[], None]] = []
        self._deadline: Timer | None = None

    def open(self, feeds: set[str]) -> None:
        """Start a round of ``feeds`` (forgetting answers held for an earlier round)."""
        self.close()
        self._open = set(feeds)

    def show(self, feed: str, show: Callable[[], None]) -> None:
        """Run ``show`` now, or when the round ``feed`` belongs to is complete."""
        if feed not in self._open:
            show()
            return
        self._held.append(show)
        if self._deadline is None:
            self._deadline = self.screen.set_timer(ROUND_WAIT, self.flush, name="paint-round")

    def ended(self, feed: str) -> None:
        """``feed``'s fetch is over (answered, failed or cancelled)."""
        if feed in self._open:
            self._open.discard(feed)
            if not self._open:
                self.flush()

    def flush(self) -> None:
        """Show what is held, in one batch, and close the round."""
        held, self._held = self._held, []
        self._open.clear()
        if self._deadline is not None:
            self._deadline.stop()
            self._deadline = None
        if held:
            with self.screen.app.batch_update():
                for show in held:
                    show()

    def close(self) -> None:
        """Drop the round and what it holds (another site or period was chosen)."""
        self._held.clear()
        self._open.clear()
        if self._deadline is not None:
            self._deadline.stop()
            self._deadline = None


class DashboardLoader:
    """Fetches sites, stats (all nine dimensions in one request), events and realtime."""

    def __init__(
        self,
        screen: DashboardScreen,
        realtime_interval: float,
        stats_interval: float,
        rng: random.Random | None = None,
    ) -> None:
        self.screen = screen
        self.rng = rng or random.Random()
        self.health = {
            "stats": FeedHealth(stats_interval),
            "events": FeedHealth(stats_interval),
            "realtime": FeedHealth(realtime_interval),
        }
        self._timers: dict[str, Timer] = {}
        self._cache: dict[tuple[str, str, str], tuple[datetime, Any]] = {}
        self.round = PaintRound(screen)
        self.stopped = False
        self.sites_failures = 0
        self.sites_problem: str | None = None  # the banner while the sites cannot be loaded
        self.polls = 0  # fetches finished, successful or not (benchmarks and soak tests count)

    # -- scheduling ---------------------------------------------------------------------------

    def load_sites(self) -> None:
        """Fetch the team's sites; on failure it tries again by itself, backing off."""
        old = self._timers.pop("sites", None)
        if old is not None:
            old.stop()
        fetch: Callable[[], Awaitable[None]] = self._sites
        self.screen.run_worker(fetch, group="sites", exclusive=True, exit_on_error=False)

    def start(self, selection: Selection, *, new_site: bool = True, refetch: bool = True) -> None:
        """Show what is cached for ``selection`` at once, then fetch and keep polling.

        Figures cached within their interval are fetched again in the background, or, with
        ``refetch`` False (kiosk rotation), only when their interval is up. A retry of the
        sites list keeps its timer.
        """
        self.stop(keep_sites=True)
        self.stopped = False
        for feed in FEEDS if new_site else ("stats", "events"):
            self.health[feed] = FeedHealth(self.health[feed].interval)
        cached = {feed: self._fresh(selection, feed) for feed in ("stats", "events")}
        missing = {feed for feed, entry in cached.items() if entry is None}
        # Realtime joins the round only when its pane has nothing to show yet.
        self.round.open(missing | {"realtime"} if missing and new_site else missing)
        for feed, entry in cached.items():
            if entry is None:
                self._run(feed, selection)
                continue
            interval = self.health[feed].interval
            age = (self.screen.clock() - entry[0]).total_seconds()
            if feed == "stats":
                self.screen.show_stats(selection, entry[1])
            else:
                self.screen.show_events(selection, entry[1])
            self.health[feed].succeeded(entry[0])
            if refetch:
                self._run(feed, selection)
            else:
                self._schedule(feed, selection, interval - age)
        self._run("realtime", selection)

    def stop(self, *, keep_sites: bool = False) -> None:
        """Stop every timer (but the sites retry with ``keep_sites``) and cancel in-flight
        fetches of the feeds."""
        self.stopped = True
        self.round.close()
        for name in list(self._timers):
            if not (keep_sites and name == "sites"):
                self._timers.pop(name).stop()
        for feed in FEEDS:
            self.screen.workers.cancel_group(self.screen, feed)

    def _run(self, feed: str, selection: Selection) -> None:
        fetch: dict[str, Callable[[Selection], Awaitable[None]]] = {
            "stats": self._stats,
            "events": self._events,
            "realtime": self._realtime,
        }
        self._timers.pop(feed, None)
        # Hand over the function, not a coroutine: a worker cancelled before it starts must
        # not leave a never-awaited coroutine behind.
        self.screen.run_worker(
            partial(fetch[feed], selection), group=feed, exclusive=True, exit_on_error=False
        )

    def _rearm(self, feed: str, selection: Selection) -> None:
        health = self.health[feed]
        if self.stopped or selection != self.screen.selection:
            health.next_try = None
            return
        delay = next_delay(
            health,
            self.screen.client.budget,
            self.rng,
            realtime=feed == "realtime",
            on_screen=self.screen.panes_on_screen,
        )
        self._schedule(feed, selection, delay)

    def wake(self) -> None:
        """The panes are on screen again: bring slowed-down feeds back to their interval.

        A feed whose data is already older than its interval is fetched now; one that is
        failing keeps its backoff; one in flight re-arms normally when it ends.
        """
        selection = self.screen.selection
        if self.stopped or selection is None:
            return
        now = self.screen.clock()
        for feed in FEEDS:
            health = self.health[feed]
            if feed not in self._timers or health.error is not None or health.next_try is None:
                continue
            age = health.age(now)
            due = 0.0 if age is None else max(0.0, health.interval - age)
            # Still within what the team's budget allows: a resize must not undo its slowdown.
            due = budget_delay(self.screen.client.budget, due, realtime=feed == "realtime")
            if (health.next_try - now).total_seconds() > due + 0.5:
                if due == 0.0:
                    self._timers.pop(feed).stop()
                    self._run(feed, selection)
                else:
                    self._schedule(feed, selection, due)

    def _schedule(self, feed: str, selection: Selection, delay: float) -> None:
        health = self.health[feed]
        now = self.screen.clock()
        health.next_try = datetime.fromtimestamp(now.timestamp() + delay, now.tzinfo)
        old = self._timers.pop(feed, None)
        if old is not None:
            old.stop()
        self._timers[feed] = self.screen.set_timer(
            delay, partial(self._run, feed, selection), name=f"poll-{feed}"
        )

    # -- cache --------------------------------------------------------------------------------

    def _fresh(self, selection: Selection, feed: str) -> tuple[datetime, Any] | None:
        """The cached (time, result) of ``feed`` for ``selection`` if within its interval."""
        entry = self._cache.get(_key(selection, feed))
        if entry is None:
            return None
        age = (self.screen.clock() - entry[0]).total_seconds()
        return entry if age < self.health[feed].interval else None

    def cached_feeds(self, selection: Selection) -> set[str]:
        """The feeds :meth:`start` will show from the cache at once for ``selection``."""
        return {feed for feed in ("stats", "events") if self._fresh(selection, feed) is not None}

    def cached(self, selection: Selection, kind: str, max_age: float) -> Any:
        """A result for ``selection`` fetched less than ``max_age`` seconds ago, or None."""
        entry = self._cache.get(_key(selection, kind))
        if entry is None:
            return None
        at, value = entry
        return value if (self.screen.clock() - at).total_seconds() < max_age else None

    def forget(self, selection: Selection) -> None:
        """Drop what is cached for ``selection`` (a manual refresh wants everything new)."""
        for kind in ("stats", "events", "previous"):
            self._cache.pop(_key(selection, kind), None)

    def remember(self, selection: Selection, kind: str, value: object) -> None:
        """Keep ``value`` (an answer of ``kind``) for ``selection``, fetched now."""
        self._cache[_key(selection, kind)] = (self.screen.clock(), value)
        while len(self._cache) > CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))

    # -- the fetches ------------------------------------------------------------------------

    async def _sites(self) -> None:
        screen = self.screen
        try:
            sites = await screen.client.list_sites()
        except (UnauthorizedError, ForbiddenError) as error:
            screen.auth_failed(error)
            return
        except ApiError as error:
            self._log_bad(error, "sites")
            self.sites_failures += 1
            wait = next_delay(
                FeedHealth(
                    self.health["realtime"].interval, failures=self.sites_failures, error=error
                ),
                screen.client.budget,
                self.rng,
            )
            self._timers["sites"] = screen.set_timer(wait, self.load_sites, name="retry-sites")
            self.sites_problem = (
                f"Could not load the sites: {sites_error(error, screen.client.api_url)} "
                f"Next try in {wait:.0f} s (or press r)."
            )
            screen.show_banner(self.sites_problem)
            return
        finally:
            screen.update_budget()
        self.sites_failures = 0
        self.sites_problem = None
        screen.show_banner(None)
        screen.sites_loaded(sites)

    async def _stats(self, selection: Selection) -> None:
        async def fetch() -> None:
            client = self.screen.client
            site_key = selection.site.site_key
            previous: Totals | None = self.cached(selection, "previous", PREVIOUS_TTL)
            # The previous period is asked for alongside the current one, for the range the
            # server is expected to resolve; the answer's range is checked before it is used.
            guess: tuple[date, date] | None = None
            early: asyncio.Task[Stats] | None = None
            if previous is None:
                guess = selection.period.expected_range(self.screen.clock().astimezone(UTC).date())
                early = asyncio.create_task(client.stats(site_key, Period.previous_of(*guess)))
            try:
                stats: Stats = await client.stats(site_key, selection.period, DIMENSIONS)
                if not self._is_current(selection):
                    return
                self.remember(selection, "stats", stats)
                resolved = (stats.period.start, stats.period.end)
                if early is not None and resolved != guess:
                    early.cancel()  # the server resolved another range: ask for the right one
                    early = None
                if early is not None and early.done() and early.exception() is None:
                    previous = early.result().totals  # arrived first: one paint for both
                    self.remember(selection, "previous", previous)
                    early = None
                self._show("stats", selection, lambda: self.screen.show_stats(selection, stats))
                if previous is not None:
                    return
                try:
                    if early is not None:
                        previous = (await early).totals
                    else:
                        before = Period.previous_of(*resolved)
                        previous = (await client.stats(site_key, before)).totals
                except (BadRequestError, NotFoundError):
                    return  # no previous period to compare with: the figures stand alone
                self.remember(selection, "previous", previous)
                if self._is_current(selection):
                    totals = previous  # not None: a name the closure keeps
                    self._show(
                        "stats", selection, lambda: self.screen.show_previous(selection, totals)
                    )
            finally:
                if early is not None and not early.done():
                    early.cancel()
                elif early is not None and not early.cancelled():
                    early.exception()  # retrieved: a failure here is reported by the await

        await self._guarded("stats", selection, fetch)

    async def _events(self, selection: Selection) -> None:
        async def fetch() -> None:
            events: list[Event] = await self.screen.client.events(
                selection.site.site_key, selection.period
            )
            if self._is_current(selection):
                self.remember(selection, "events", events)
                self._show("events", selection, lambda: self.screen.show_events(selection, events))

        await self._guarded("events", selection, fetch)

    async def _realtime(self, selection: Selection) -> None:
        async def fetch() -> None:
            realtime = await self.screen.client.realtime(selection.site.site_key)
            if self._is_current(selection):
                visitors = realtime.current_visitors
                self._show(
                    "realtime", selection, lambda: self.screen.show_realtime(selection, visitors)
                )

        await self._guarded("realtime", selection, fetch)

    async def _guarded(
        self, feed: str, selection: Selection, fetch: Callable[[], Awaitable[None]]
    ) -> None:
        """Run ``fetch``; turn any failure into pane and banner state; always re-arm."""
        screen = self.screen
        health = self.health[feed]
        refused = False
        try:
            await fetch()
            if self._is_current(selection):
                health.succeeded(screen.clock())
        except (UnauthorizedError, ForbiddenError) as error:
            if self._is_current(selection):
                screen.auth_failed(error)
        except (BadRequestError, NotFoundError) as error:
            # The server refused this site or period: asking again would be refused again
            # (and drain the budget), so this feed is not re-armed for it.
            refused = True
            self._failed(feed, selection, error)
            if self._is_current(selection):
                screen.selection_refused(selection, feed, error)
        except ApiError as error:
            self._failed(feed, selection, error)
        except Exception as error:  # a bug must not end the app: show it, log it, retry later
            log.exception("%s fetch failed", feed)
            self._failed(feed, selection, ApiError(f"internal error ({type(error).__name__})"))
        finally:
            self.polls += 1
            if self._is_current(selection):
                self.round.ended(feed)
            screen.update_budget()
            if refused:
                health.next_try = None
            else:
                self._rearm(feed, selection)
            if self._is_current(selection):
                screen.update_health()

    def _show(self, feed: str, selection: Selection, show: Callable[[], None]) -> None:
        """Run ``show`` through the paint round: maybe a moment after the answer, so only if
        ``selection`` is still the one on screen then."""

        def shown() -> None:
            if self._is_current(selection):
                show()

        self.round.show(feed, shown)

    def _failed(self, feed: str, selection: Selection, error: ApiError) -> None:
        self._log_bad(error, feed)
        if self._is_current(selection):
            self.health[feed].failed(error)

    def _log_bad(self, error: ApiError, feed: str) -> None:
        if isinstance(error, BadResponseError):
            log.warning("unexpected %s response: %s", feed, error.message)

    def _is_current(self, selection: Selection) -> bool:
        return selection == self.screen.selection and not self.stopped


def _key(selection: Selection, kind: str) -> tuple[str, str, str]:
    return (selection.site.site_key, str(selection.period), kind)
