"""When to fetch what: the feeds of the selection on screen, the site list, and their timers.

No Textual here: the poller runs its fetches and timers through a :class:`~.host.Host` and
hands typed answers to a :class:`~.host.Sink`. Each feed has one fetch at a time (a new one
cancels the old request); its next poll is armed only after its fetch has ended, so polls
never overlap; the wait comes from :mod:`krafter_tui.feeds.schedule` (interval, backoff, budget).
Answers for a selection no longer current are dropped. Results are kept for a while, so
switching back to a site or period shows it at once and refreshes it in the background.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from functools import partial

from krafter_tui.api import (
    DIMENSIONS,
    ApiError,
    BadRequestError,
    BadResponseError,
    Event,
    ForbiddenError,
    KrafterClient,
    NotFoundError,
    Period,
    PeriodError,
    Site,
    Stats,
    UnauthorizedError,
)
from krafter_tui.api.range_limit import longest_after_refusal
from krafter_tui.feeds.compared_events import ComparedEventsFetch
from krafter_tui.feeds.host import Host, Sink, TimerHandle
from krafter_tui.feeds.kept import ResultCache
from krafter_tui.feeds.model import DATA_FEEDS, FEEDS, Compare, DashboardState, Feed, Selection
from krafter_tui.feeds.report import FeedsReport
from krafter_tui.feeds.rounds import PaintRound
from krafter_tui.feeds.schedule import FeedHealth, budget_delay, next_delay
from krafter_tui.feeds.settle import SettleWait

__all__ = ["PREVIOUS_TTL", "SITES_REFRESH", "NoSitesError", "Poller", "compared_period"]

log = logging.getLogger("krafter_tui")

PAST_REFRESH = 600.0  # a period that ended before today is fetched again this often
PREVIOUS_TTL = 600.0  # the previous period barely moves: compare against it for ten minutes
SITES_REFRESH = 300.0  # the site list is read again this often: sites come and go on the server


def compared_period(start: date, end: date, base: str) -> Period | None:
    """The period ``start``..``end`` is compared with: the one of equal length just before,
    or (``base`` ``year``) the same dates a year before (Feb 29 → Feb 28). None when that
    would be before the calendar begins."""
    try:
        first, last = Period.compare_range(start, end, "year" if base == "year" else "previous")
    except PeriodError:
        return None
    return Period("custom", first, last)


def site_since(site: Site) -> date | None:
    """The day ``site`` was added (its ``created_at``), or None when that is not a date."""
    try:
        return date.fromisoformat(site.created_at[:10])
    except ValueError:
        return None


class NoSitesError(ApiError):
    """The site list came back empty: nothing to show, so it is asked for again (backing off)."""

    def __init__(self) -> None:
        super().__init__("This API key's team has no sites yet: add one in Krafter first.")


class Poller:
    """Fetches sites, stats (all nine dimensions in one request), events and realtime."""

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
    ) -> None:
        self.client = client
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
        # The launch's early answers taken for a selection (not asked again at once), and a
        # realtime reading among them, until start() shows them.
        self._adopted: dict[Selection, set[Feed]] = {}
        self._early_reading: tuple[Selection, int] | None = None

    # -- scheduling ---------------------------------------------------------------------------

    def load_sites(self) -> None:
        """Fetch the team's sites; on failure it tries again by itself, backing off."""
        old = self._timers.pop("sites", None)
        if old is not None:
            old.stop()
        sites = self.client.sites_ready()
        if sites is not None:  # asked for at launch, and here already: shown at once
            self.sink.budget_changed()
            self._sites_answered(sites)
            return
        self.host.run_task("sites", self._sites)

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
        adopted = self._adopt(selection)
        self._adopted.pop(selection, None)  # taken once: a later start asks again
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
            if refetch and feed not in adopted:
                fetches.append(partial(self._run, feed, selection))
            else:
                age = (self.clock() - kept.at).total_seconds()
                self._schedule(feed, selection, self.health[feed].interval - age)
        if "stats" in adopted and stats is not None and self.compared(selection) is None:
            # Its compared period was not among the early answers (another range came back):
            # asked for now, not at the next stats poll.
            compare = partial(self._compare_only, selection, stats.value)
            fetches.append(partial(self.host.run_task, "compare", compare))
        reading = self._early_reading
        self._early_reading = None
        if reading is not None and reading[0] == selection:
            self.sink.show_realtime(selection, reading[1])
            self.health["realtime"].succeeded(self.clock())
            self._rearm("realtime", selection)
        else:
            fetches.append(partial(self._run, "realtime", selection))
        self.settle.send(fetches, wait=settle and old is not None and old != selection)

    def _adopt(self, selection: Selection) -> set[Feed]:
        """Put the launch's early answers for ``selection`` in the cache (``start`` then
        shows them at once, in the screen's first frame); the feeds they cover."""
        client = self.client
        if client.early is None:
            return self._adopted.get(selection, set())
        adopted = self._adopted.setdefault(selection, set())
        key = selection.site.site_key
        try:
            wanted = self.api_period(selection)
            guess = wanted.expected_range(self._today())
        except (PeriodError, ValueError, OverflowError):
            return adopted
        stats = client.stats_ready(key, wanted, DIMENSIONS)
        if stats is not None:
            self.cache.put_stats(selection, stats)
            adopted.add("stats")
            before = compared_period(*guess, self.base)
            if before is not None and (stats.period.start, stats.period.end) == guess:
                breakdown = DIMENSIONS if self.compare != "off" else ()
                compared = client.stats_ready(key, before, breakdown)
                if compared is not None:
                    self.cache.put_compared(selection, self.base, compared)
        events = client.events_ready(key, wanted)
        if events is not None:
            self.cache.put_events(selection, events)
            adopted.add("events")
        realtime = client.realtime_ready(key)
        if realtime is not None:
            self._early_reading = (selection, realtime.current_visitors)
        if adopted or realtime is not None:
            self.sink.budget_changed()
        return adopted

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

    def cached_feeds(self, selection: Selection) -> set[Feed]:
        """The feeds :meth:`start` will show from the cache at once for ``selection``."""
        self._adopt(selection)
        shown: set[Feed] = set()
        if self.cache.stats(selection, self.health["stats"].interval) is not None:
            shown.add("stats")
        if self.cache.events(selection, self.health["events"].interval) is not None:
            shown.add("events")
        return shown

    def forget(self, selection: Selection) -> None:
        """Drop what is cached for ``selection`` (a manual refresh wants everything new: the
        next fetch of each feed asks the server, not the shared cache)."""
        self.cache.forget(selection)
        self._fresh_wanted.update(FEEDS)

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

    def compared(self, selection: Selection) -> Stats | None:
        """The compared period's stats of ``selection``, if fetched recently (with their
        breakdown when a comparison is drawn)."""
        return self.cache.compared(
            selection, self.base, PREVIOUS_TTL, breakdown=self.compare != "off"
        )

    def set_compare(self, mode: Compare) -> None:
        """Compare with another period (or stop drawing the comparison), and show it: from
        the cache at once where it can, else fetched now."""
        self.state.compare = mode
        selection = self.selection
        if selection is None or self.stopped:
            return
        compared = self.compared(selection)
        if compared is not None:
            self.show_compared(selection, compared)
            return
        kept = self.cache.stats(selection, PREVIOUS_TTL)
        if kept is not None:  # else the stats fetch under way asks for it too
            stats = kept.value
            self.host.run_task("compare", partial(self._compare_only, selection, stats))
        self.compared_events.want(selection)

    async def _compare_only(self, selection: Selection, stats: Stats) -> None:
        """Fetch the compared period of ``stats`` alone (the comparison was switched on)."""
        before = compared_period(stats.period.start, stats.period.end, self.base)
        if before is None:
            return
        base = self.base
        try:
            # The breakdown only for a comparison on screen (the change marks need totals).
            breakdown = DIMENSIONS if self.compare != "off" else ()
            compared = await self.client.stats(
                selection.site.site_key, before, breakdown, max_age=PREVIOUS_TTL
            )
        except ApiError as error:  # the next stats poll asks again (nothing kept)
            _log_bad(error, "stats")
            return
        except Exception:
            log.exception("compare fetch failed")
            return
        finally:
            self.sink.budget_changed()
        self.cache.put_compared(selection, base, compared)
        if self.is_current(selection) and base == self.base:
            self.show_compared(selection, compared)

    def sites_armed(self) -> bool:
        """Whether a retry or refresh of the site list is waiting (an auth failure stops it)."""
        return "sites" in self._timers

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
        fetch: dict[Feed, Callable[[Selection], Awaitable[None]]] = {
            "stats": self._stats,
            "events": self._events,
            "realtime": self._realtime,
        }
        self._timers.pop(feed, None)
        # Hand over the function, not a coroutine: a task cancelled before it starts must
        # not leave a never-awaited coroutine behind.
        self.host.run_task(feed, partial(fetch[feed], selection))

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

    # -- the fetches ------------------------------------------------------------------------

    async def check_period(self, period: Period) -> str | None:
        """Ask the server for ``period`` on the current site: what it refuses, or None.

        The answer is the stats the dashboard would fetch next, so it is kept for it; trouble
        other than a refusal (offline, 5xx) is left to the feeds' own retries.
        """
        if self.selection is None:
            return None
        selection = Selection(self.selection.site, period)
        try:
            wanted = self.api_period(selection)
            stats = await self.client.stats(
                selection.site.site_key, wanted, DIMENSIONS, max_age=self._max_age("stats")
            )
        except (BadRequestError, NotFoundError) as error:
            return error.message
        except PeriodError as error:
            return str(error)
        except ApiError:
            return None
        finally:
            self.sink.budget_changed()
        self.cache.put_stats(selection, stats)
        return None

    async def _sites(self) -> None:
        """Fetch the site list; whatever happens, say so and arm the next try or refresh."""
        health = self.sites_health
        try:
            sites = await self.client.list_sites(max_age=SITES_REFRESH)
        except (UnauthorizedError, ForbiddenError) as error:
            health.next_try = None
            self.stop()
            self.sink.auth_failed(error)
            return
        except Exception as error:  # RecursionError, MemoryError, a bug: say it, try again
            problem = error if isinstance(error, ApiError) else None
            if problem is None:
                log.exception("sites fetch failed")
                problem = ApiError(f"internal error ({type(error).__name__})")
            _log_bad(problem, "sites")
            health.failed(problem)
            self._arm_sites()
            self.sink.health_changed()
            return
        finally:
            self.sink.budget_changed()
        self._sites_answered(sites)

    def _sites_answered(self, sites: list[Site]) -> None:
        health = self.sites_health
        if sites:
            health.succeeded(self.clock())
        else:
            health.failed(NoSitesError())
            if self.selection is not None:  # the site on screen is gone with all the others
                self.stop(keep_sites=True)
        self._arm_sites()
        try:
            self.sink.sites_loaded(sites)
        except Exception:  # a bug in choosing the site must not stop the refreshes
            log.exception("showing the site list failed")
        self.sink.health_changed()

    def _arm_sites(self) -> None:
        health = self.sites_health
        wait = next_delay(health, self.client.budget, self.rng)
        now = self.clock()
        health.next_try = datetime.fromtimestamp(now.timestamp() + wait, now.tzinfo)
        self._timers["sites"] = self.host.start_timer(wait, self.load_sites, name="sites")

    async def _stats(self, selection: Selection) -> None:
        async def fetch() -> None:
            client = self.client
            site_key = selection.site.site_key
            base = self.base
            # With a comparison on screen, the compared period's breakdown is asked for too
            # (in the same one request).
            dimensions = DIMENSIONS if self.compare != "off" else ()
            compared = self.compared(selection)
            # The compared period is asked for alongside the current one, for the range the
            # server is expected to resolve; the answer's range is checked before it is used.
            guess: tuple[date, date] | None = None
            early: asyncio.Task[Stats] | None = None
            if compared is None:
                guess = self.api_period(selection).expected_range(self._today())
                before = compared_period(*guess, base)
                if before is not None:
                    early = asyncio.create_task(
                        client.stats(site_key, before, dimensions, max_age=PREVIOUS_TTL)
                    )
            try:
                stats = await client.stats(
                    site_key,
                    self.api_period(selection),
                    DIMENSIONS,
                    max_age=self._max_age("stats"),
                )
                if not self.is_current(selection):
                    return
                self.cache.put_stats(selection, stats)
                resolved = (stats.period.start, stats.period.end)
                if early is not None and resolved != guess:
                    early.cancel()  # the server resolved another range: ask for the right one
                    early = None
                if early is not None and early.done() and early.exception() is None:
                    compared = early.result()  # arrived first: one paint for both
                    self.cache.put_compared(selection, base, compared)
                    early = None
                shown = compared
                self._show("stats", selection, lambda: self.show_stats(selection, stats, shown))
                if compared is not None:
                    return
                try:
                    if early is not None:
                        compared = await early
                    else:
                        before = compared_period(*resolved, base)
                        if before is None:
                            return
                        compared = await client.stats(
                            site_key, before, dimensions, max_age=PREVIOUS_TTL
                        )
                except (BadRequestError, NotFoundError):
                    return  # no period to compare with: the figures stand alone
                self.cache.put_compared(selection, base, compared)
                if self.is_current(selection) and base == self.base:
                    answer = compared  # not None: a name the closure keeps
                    self._show("stats", selection, lambda: self.show_compared(selection, answer))
            finally:
                if early is not None and not early.done():
                    early.cancel()
                elif early is not None and not early.cancelled():
                    early.exception()  # retrieved: a failure here is reported by the await

        await self._guarded("stats", selection, fetch)

    async def _events(self, selection: Selection) -> None:
        async def fetch() -> None:
            events: list[Event] = await self.client.events(
                selection.site.site_key, self.api_period(selection), max_age=self._max_age("events")
            )
            if self.is_current(selection):
                self.cache.put_events(selection, events)
                self._show("events", selection, lambda: self.show_events(selection, events))

        await self._guarded("events", selection, fetch)

    async def _realtime(self, selection: Selection) -> None:
        async def fetch() -> None:
            realtime = await self.client.realtime(
                selection.site.site_key, max_age=self._max_age("realtime")
            )
            if self.is_current(selection):
                visitors = realtime.current_visitors
                self._show(
                    "realtime", selection, lambda: self.sink.show_realtime(selection, visitors)
                )

        await self._guarded("realtime", selection, fetch)

    async def _guarded(
        self, feed: Feed, selection: Selection, fetch: Callable[[], Awaitable[None]]
    ) -> None:
        """Run ``fetch``; turn any failure into feed health; always re-arm (but a refusal)."""
        health = self.health[feed]
        refused = retry = False
        uncapped = self.longest is None
        try:
            await fetch()
            if self.is_current(selection):
                health.succeeded(self.clock())
        except (UnauthorizedError, ForbiddenError) as error:
            if self.is_current(selection):
                self.stop()
                self.sink.auth_failed(error)
        except (BadRequestError, NotFoundError) as error:
            cap = self._all_time_cap(selection, error) if uncapped else None
            if cap is not None:
                # The whole history was too long a range for the server: all time becomes
                # the last days its refusal allows, asked for again now.
                log.info("all time refused (%s); asking for %d days", error, cap)
                self.client.longest_range = cap
                retry = True
            else:
                # The server refused this site or period: asking again would be refused again
                # (and drain the budget), so this feed is not re-armed for it.
                refused = True
                self._failed(feed, selection, error)
                if self.is_current(selection):
                    self.sink.selection_refused(selection, feed, error)
        except ApiError as error:
            self._failed(feed, selection, error)
        except Exception as error:  # a bug must not end the app: show it, log it, retry later
            log.exception("%s fetch failed", feed)
            self._failed(feed, selection, ApiError(f"internal error ({type(error).__name__})"))
        finally:
            self.polls += 1
            if self.is_current(selection):
                self.round.ended(feed)
            self.sink.budget_changed()
            if refused:
                health.next_try = None
            elif retry and self.is_current(selection):
                self._run(feed, selection)
            else:
                self._rearm(feed, selection)
            if self.is_current(selection):
                self.sink.health_changed()

    def _all_time_cap(self, selection: Selection, error: ApiError) -> int | None:
        """The days to ask all time for after the server refused ``selection`` with
        ``error``, or None when that refusal is not about all time's length."""
        if not isinstance(error, BadRequestError) or selection.period.name != "all":
            return None
        asked = self.api_period(selection)
        if asked.start is None or asked.end is None:
            return None
        return longest_after_refusal(error, (asked.end - asked.start).days + 1)

    # -- the answers into the model, then the sink ---------------------------------------------

    def show_stats(self, selection: Selection, stats: Stats, compared: Stats | None) -> None:
        """Put a stats answer (and the compared period's, if known yet) in the model and
        show it; the first answer for a selection tells the sink the server accepted it."""
        state = self.state
        state.stats = stats
        state.compared = compared
        self.sink.show_stats(selection, stats, compared)
        self.compared_events.want(selection)
        if selection != state.good:
            # The last selection whose stats reached the screen: the one to remember between
            # runs, and the one to go back to when the server refuses a new one.
            state.good = selection
            self.sink.selection_accepted(selection)

    def show_compared(self, selection: Selection, compared: Stats) -> None:
        """Put the compared period's stats, come after the stats, in the model and show them."""
        self.state.compared = compared
        self.sink.show_compared(selection, compared)
        self.compared_events.want(selection)

    def show_events(self, selection: Selection, events: list[Event]) -> None:
        """Put an events answer in the model and show it."""
        self.state.events = events
        self.sink.show_events(selection, events)

    def _show(self, feed: Feed, selection: Selection, show: Callable[[], None]) -> None:
        """Run ``show`` through the paint round: maybe a moment after the answer, so only if
        ``selection`` is still the one on screen then."""

        def shown() -> None:
            if self.is_current(selection):
                show()

        self.round.show(feed, shown)

    def _failed(self, feed: Feed, selection: Selection, error: ApiError) -> None:
        _log_bad(error, feed)
        if self.is_current(selection):
            self.health[feed].failed(error)

    def _max_age(self, feed: Feed) -> float:
        """How old an answer another dashboard fetched may be for ``feed``: its interval, or
        none at all for the first fetch after a manual refresh."""
        if feed in self._fresh_wanted:
            self._fresh_wanted.discard(feed)
            return 0.0
        return self.health[feed].interval

    def is_current(self, selection: Selection) -> bool:
        """Whether ``selection`` is the one on screen and polled (answers for any other are
        dropped)."""
        return selection == self.selection and not self.stopped


def _log_bad(error: ApiError, feed: str) -> None:
    if isinstance(error, BadResponseError):
        log.warning("unexpected %s response: %s", feed, error.message)
