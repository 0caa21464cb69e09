"""The fetches of the events and realtime feeds, each guarded: any failure becomes the feed's
health (or, refused by the server, the selection's refusal), and the feed is armed again; and
the check of a custom range with the server."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from krafter_tui.api import (
    DIMENSIONS,
    ApiError,
    BadRequestError,
    DateRange,
    Event,
    ForbiddenError,
    NotFoundError,
    Period,
    PeriodError,
    UnauthorizedError,
)
from krafter_tui.api.range_limit import longest_after_refusal
from krafter_tui.feeds.feed_timers import FeedTimers
from krafter_tui.feeds.model import Feed, Selection

__all__ = ["FeedFetches"]

log = logging.getLogger("krafter_tui")


class FeedFetches(FeedTimers):
    """Runs a feed's fetch through :meth:`_guarded`; the events and realtime fetches."""

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

    async def _events(self, selection: Selection) -> None:
        async def fetch() -> None:
            read: list[float | None] = []  # when the answer was read (KrafterClient._get)
            site_key = selection.site.site_key
            period = self.api_period(selection)
            events: list[Event] = await self.client.events(
                site_key, period, max_age=self._max_age("events"), on_read=read.append
            )
            if read:
                at = self.recording.read_time(read[-1])
                span = self.answer_span(selection, period, at)
                self.recording.answer(lambda record: record.add_events(site_key, events, span, at))
            if self.is_current(selection):
                self.cache.put_events(selection, events)
                self._show("events", selection, lambda: self.show_events(selection, events))

        await self._guarded("events", selection, fetch)

    def answer_span(self, selection: Selection, period: Period, at: datetime) -> DateRange:
        """The dates an answer for ``selection`` (asked as ``period``) covers: the range of
        its stats answer, when the model or the kept answers have one (the events answer
        does not say its own), else the range ``period`` is expected to cover at ``at``."""
        stats = self.state.stats if self.is_current(selection) else None
        if stats is None:
            kept = self.cache.stats(selection, float("inf"))
            stats = kept.value if kept is not None else None
        if stats is not None:
            return stats.period
        start, end = period.expected_range(at.astimezone(UTC).date())
        return DateRange(start=start, end=end)

    async def _realtime(self, selection: Selection) -> None:
        async def fetch() -> None:
            realtime = await self.client.realtime(
                selection.site.site_key, max_age=self._max_age("realtime")
            )
            if self.is_current(selection):
                visitors = realtime.current_visitors
                self._show("realtime", selection, lambda: self.show_realtime(selection, visitors))

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
