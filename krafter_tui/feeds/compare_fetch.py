"""The stats feed and the compared period: the figures of the selection, and those of the
period they are compared with (the previous one, or the same dates a year before), asked for
alongside them in one stats fetch, or alone when the comparison is switched on."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from datetime import date
from functools import partial

from krafter_tui.api import (
    DIMENSIONS,
    ApiError,
    BadRequestError,
    Dimension,
    NotFoundError,
    Period,
    PeriodError,
    Stats,
)
from krafter_tui.feeds.feed_fetches import FeedFetches
from krafter_tui.feeds.model import Compare, Selection
from krafter_tui.feeds.poller_base import log_unexpected

__all__ = ["PREVIOUS_TTL", "WEEK_TTL", "CompareFetch", "compared_period"]

log = logging.getLogger("krafter_tui")

PREVIOUS_TTL = 600.0  # the previous period barely moves: compare against it for ten minutes
# Today's chart without the record's hours draws the last 7 days: asked for once an hour at
# most (kept as the 7d selection's answer, so a switch to 7d shows it at once too).
WEEK_TTL = 3600.0


def compared_period(start: date, end: date, base: str) -> Period | None:
    """The period ``start``..``end`` is compared with: the one of equal length just before,
    or (``base`` ``year``) the same dates a year before (Feb 29 → Feb 28). None when that
    would be before the calendar begins."""
    try:
        first, last = Period.compare_range(start, end, "year" if base == "year" else "previous")
    except PeriodError:
        return None
    return Period("custom", first, last)


class CompareFetch(FeedFetches):
    """The stats fetch with its compared period, and the comparison's command (``x``)."""

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
            log_unexpected(error, "stats")
            return
        except Exception:
            log.exception("compare fetch failed")
            return
        finally:
            self.sink.budget_changed()
        self.cache.put_compared(selection, base, compared)
        if self.is_current(selection) and base == self.base:
            self.show_compared(selection, compared)

    async def _stats(self, selection: Selection) -> None:
        await self._guarded("stats", selection, partial(self._stats_and_compared, selection))

    def _kept_week(self, selection: Selection) -> Stats | None:
        """The last 7 days of ``selection``'s site when its period is today and they were
        fetched within WEEK_TTL (else None; not today, or not kept: :meth:`_week` asks)."""
        if selection.period.name != "today":
            return None
        kept = self.cache.stats(Selection(selection.site, Period("7d")), WEEK_TTL)
        return None if kept is None else kept.value

    async def _week(self, selection: Selection) -> None:
        """Ask for the last 7 days of a today (a task of its own, so that a slow answer
        delays neither the stats nor their next poll), keep them, and show them on the
        chart; a failure leaves the chart as it was."""
        week = Selection(selection.site, Period("7d"))
        try:
            stats = await self.client.stats(
                selection.site.site_key, self.api_period(week), DIMENSIONS, max_age=WEEK_TTL
            )
        except ApiError as error:
            log_unexpected(error, "stats")
            return
        finally:
            self.sink.budget_changed()
        self.cache.put_stats(week, stats)
        if self.is_current(selection):
            self.state.week = stats
            self._show("stats", selection, partial(self.sink.show_week, selection))

    async def _stats_and_compared(self, selection: Selection) -> None:
        """Fetch the stats of ``selection``, and its compared period's unless kept: asked
        for alongside, for the range the server is expected to resolve (the answer's range
        is checked before it is used)."""
        client = self.client
        site_key = selection.site.site_key
        base = self.base
        # With a comparison on screen, the compared period's breakdown is asked for too
        # (in the same one request).
        dimensions = DIMENSIONS if self.compare != "off" else ()
        compared = self.compared(selection)
        guess: tuple[date, date] | None = None
        early: asyncio.Task[Stats] | None = None
        if compared is None:
            guess = self.api_period(selection).expected_range(self._today())
            before = compared_period(*guess, base)
            if before is not None:
                early = asyncio.create_task(
                    client.stats(site_key, before, dimensions, max_age=PREVIOUS_TTL)
                )
        read: list[float | None] = []  # when the answer was read (see KrafterClient._get)
        try:
            stats = await client.stats(
                site_key,
                self.api_period(selection),
                DIMENSIONS,
                max_age=self._max_age("stats"),
                on_read=read.append,
            )
            yesterday = None
            if read:  # a reading of the record, whether still on screen or not
                at = self.recording.read_time(read[-1])
                self.recording.stats(selection, stats, at)
                yesterday = await self.recording.yesterday(site_key, stats, at)
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
            self.state.week = self._kept_week(selection)  # today: the last 7 days, if kept
            self._show(
                "stats", selection, lambda: self.show_stats(selection, stats, shown, yesterday)
            )
            if self.state.week is None and selection.period.name == "today":
                self.host.run_task("week", partial(self._week, selection))
            if compared is None:
                await self._compared_after(selection, resolved, early, dimensions, base)
        finally:
            if early is not None and not early.done():
                early.cancel()
            elif early is not None and not early.cancelled():
                early.exception()  # retrieved: a failure here is reported by the await

    async def _compared_after(
        self,
        selection: Selection,
        resolved: tuple[date, date],
        early: asyncio.Task[Stats] | None,
        dimensions: Iterable[Dimension],
        base: str,
    ) -> None:
        """The compared period's stats, come after the stats were shown: the ``early``
        request's answer, or (none, or for another range) asked for now."""
        try:
            if early is not None:
                compared = await early
            else:
                before = compared_period(*resolved, base)
                if before is None:
                    return
                compared = await self.client.stats(
                    selection.site.site_key, before, dimensions, max_age=PREVIOUS_TTL
                )
        except (BadRequestError, NotFoundError):
            return  # no period to compare with: the figures stand alone
        self.cache.put_compared(selection, base, compared)
        if self.is_current(selection) and base == self.base:
            answer = compared  # not None: a name the closure keeps
            self._show("stats", selection, lambda: self.show_compared(selection, answer))
