"""When to fetch what: the dashboard's workers and the timers that re-arm them.

Each fetch runs in a Textual worker owned by the dashboard screen (exclusive per group, so a new
choice cancels the old request). A poll timer is armed only after the previous fetch has ended,
so polls never overlap; answers that arrive for a site or period no longer on screen are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.timer import Timer

from krafter_tui.api import (
    DIMENSIONS,
    ApiError,
    ForbiddenError,
    Period,
    RateLimitedError,
    Totals,
    UnauthorizedError,
)
from krafter_tui.widgets import (
    BreakdownTable,
    EventsTable,
    Pane,
    RealtimeCounter,
    StatusBar,
    TimeseriesChart,
    TotalsPanel,
)
from krafter_tui.widgets.chart import is_monthly

if TYPE_CHECKING:
    from krafter_tui.screens.dashboard import DashboardScreen, Selection

__all__ = ["DashboardLoader"]

log = logging.getLogger("krafter_tui")


class DashboardLoader:
    """Fetches sites, stats (all nine dimensions in one request), events and realtime."""

    def __init__(self, screen: DashboardScreen, realtime_interval: float, stats_interval: float):
        self.screen = screen
        self.realtime_interval = realtime_interval
        self.stats_interval = stats_interval
        self._timers: dict[str, Timer] = {}
        self._previous: dict[tuple[str, str], Totals] = {}
        self.visitors: int | None = None
        self.stopped = False

    # -- scheduling ---------------------------------------------------------------------------

    def load_sites(self) -> None:
        """Fetch the team's sites (once at start, and on refresh until it works)."""
        fetch: Callable[[], Awaitable[None]] = self._sites
        self.screen.run_worker(fetch, group="sites", exclusive=True, exit_on_error=False)

    def start(self, selection: Selection, *, realtime: bool = True) -> None:
        """Fetch everything for ``selection`` now, then keep polling it."""
        self.stop()
        self.stopped = False
        self.visitors = None
        self._run("stats", selection)
        self._run("events", selection)
        if realtime or "realtime" not in self._timers:
            self._run("realtime", selection)

    def stop(self) -> None:
        """Stop every timer and cancel in-flight fetches."""
        self.stopped = True
        for timer in self._timers.values():
            timer.stop()
        self._timers.clear()
        for group in ("stats", "events", "realtime"):
            self.screen.workers.cancel_group(self.screen, group)

    def _run(self, group: str, selection: Selection) -> None:
        fetch: dict[str, Callable[[Selection], Awaitable[None]]] = {
            "stats": self._stats,
            "events": self._events,
            "realtime": self._realtime,
        }
        self._timers.pop(group, None)
        # Hand over the function, not a coroutine: a worker cancelled before it starts must
        # not leave a never-awaited coroutine behind.
        self.screen.run_worker(
            partial(fetch[group], selection), group=group, exclusive=True, exit_on_error=False
        )

    def _rearm(self, group: str, selection: Selection, delay: float) -> None:
        if self.stopped or selection != self.screen.selection:
            return
        old = self._timers.pop(group, None)
        if old is not None:
            old.stop()
        self._timers[group] = self.screen.set_timer(
            delay, lambda: self._run(group, selection), name=f"poll-{group}"
        )

    def _is_current(self, selection: Selection) -> bool:
        return selection == self.screen.selection

    # -- the fetches ------------------------------------------------------------------------

    async def _sites(self) -> None:
        screen = self.screen
        try:
            sites = await screen.client.list_sites()
        except (UnauthorizedError, ForbiddenError) as error:
            screen.auth_failed(error)
            return
        except ApiError as error:
            screen.show_banner(f"Could not load the sites: {error.message} Press r to retry.")
            return
        finally:
            screen.update_budget()
        screen.sites_loaded(sites)

    async def _stats(self, selection: Selection) -> None:
        screen = self.screen
        panes = ["#chart-pane", "#totals", "#breakdown-pane"]
        delay = self.stats_interval
        try:
            stats = await screen.client.stats(selection.site.site_key, selection.period, DIMENSIONS)
            if not self._is_current(selection):
                return
            key = (selection.site.site_key, str(selection.period))
            screen.query_one(StatusBar).set_context(
                resolved=stats.period, updated_at=screen.clock(), note=""
            )
            screen.query_one(TotalsPanel).show(stats.totals, self._previous.get(key))
            screen.query_one(TimeseriesChart).show(stats.timeseries, screen.metric)
            unit = "month" if is_monthly([p.date for p in stats.timeseries]) else "day"
            chart_pane = screen.query_one("#chart-pane", Pane)
            chart_pane.border_title = f"{screen.metric.capitalize()} per {unit}"
            chart_pane.mark_ok()
            screen.query_one(BreakdownTable).show(stats.breakdown or {})
            self.visitors = stats.totals.visitors
            events = screen.query_one(EventsTable)
            if events.error is None and not events.has_class("-loading"):
                events.show(events.events, self.visitors)
            previous_period = Period.previous_of(stats.period.start, stats.period.end)
            previous = await screen.client.stats(selection.site.site_key, previous_period)
            if not self._is_current(selection):
                return
            self._previous[key] = previous.totals
            screen.query_one(TotalsPanel).show(stats.totals, previous.totals)
        except ApiError as error:
            delay = self._report(error, panes, selection) or delay
        except Exception as error:  # a bug must not end the app; show and log it
            log.exception("stats fetch failed")
            self._report(ApiError(f"internal error: {type(error).__name__}"), panes, selection)
        finally:
            screen.update_budget()
            self._rearm("stats", selection, delay)

    async def _events(self, selection: Selection) -> None:
        screen = self.screen
        delay = self.stats_interval
        try:
            events = await screen.client.events(selection.site.site_key, selection.period)
            if self._is_current(selection):
                screen.query_one(EventsTable).show(events, self.visitors)
        except ApiError as error:
            delay = self._report(error, ["#events-pane"], selection) or delay
        except Exception as error:
            log.exception("events fetch failed")
            self._report(
                ApiError(f"internal error: {type(error).__name__}"), ["#events-pane"], selection
            )
        finally:
            screen.update_budget()
            self._rearm("events", selection, delay)

    async def _realtime(self, selection: Selection) -> None:
        screen = self.screen
        delay = self.realtime_interval
        try:
            realtime = await screen.client.realtime(selection.site.site_key)
            if self._is_current(selection):
                screen.query_one(RealtimeCounter).show_reading(
                    realtime.current_visitors, screen.clock()
                )
        except ApiError as error:
            delay = self._report(error, ["#realtime"], selection) or delay
        except Exception as error:
            log.exception("realtime fetch failed")
            self._report(
                ApiError(f"internal error: {type(error).__name__}"), ["#realtime"], selection
            )
        finally:
            screen.update_budget()
            self._rearm("realtime", selection, delay)

    def _report(
        self, error: ApiError, panes: list[str], selection: Selection | None = None
    ) -> float | None:
        """Show ``error`` where it belongs; returns how long to wait before the next try."""
        screen = self.screen
        if selection is not None and not self._is_current(selection):
            return None
        if isinstance(error, UnauthorizedError | ForbiddenError):
            screen.auth_failed(error)
            return None
        for selector in panes:
            screen.query_one(selector, Pane).mark_error(error.message)
        if isinstance(error, RateLimitedError):
            screen.query_one(StatusBar).set_context(
                note=f"rate limited for {error.retry_after:.0f}s"
            )
            return max(error.retry_after, 1.0)
        screen.query_one(StatusBar).set_context(note="")
        return None
