"""The "All sites" overview's feed: one row per site, refreshed one at a time within budget.

No Textual here. Each refresh of a row costs :data:`~.overview_pace.REQUESTS_PER_ROW`
requests: the site's realtime count and one stats request for the eight days up to today
(timeseries only, no breakdown), which gives today's and yesterday's figures and the 7-day
trend. :class:`~krafter_tui.overview.row_poller.RowPoller` asks
:meth:`OverviewFeed.refresh_next` in a loop and waits the pace's step between two rows, so
requests never overlap and their rate follows the budget; a run of failures backs the pace off
as the dashboard's feeds do (one :class:`~krafter_tui.feeds.schedule.FeedHealth`).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from krafter_tui.alerts.marks import AlertMarks
from krafter_tui.api import (
    ApiError,
    ForbiddenError,
    KrafterClient,
    Period,
    Site,
    Stats,
    UnauthorizedError,
)
from krafter_tui.api.period import utc_date
from krafter_tui.feeds.schedule import FeedHealth, backoff, pane_problem
from krafter_tui.overview.pace import FASTEST_ROW, OverviewPace, overview_pace
from krafter_tui.overview.row import TREND_DAYS, SiteRow
from krafter_tui.record import Record

__all__ = ["OverviewFeed"]

log = logging.getLogger("krafter_tui")


class OverviewFeed:
    """The overview's rows (in the team's site order) and the fetch of the stalest one.

    ``background`` is what the dashboard behind still spends a minute (see
    :func:`~.overview_pace.hidden_dashboard_rate`); ``stopped`` is set when the key was
    refused (then nothing more is asked). Each row's stats answer is a reading of ``record``
    (None: nothing is recorded), written in a worker thread. ``alerts`` is the book of alert
    marks it keeps (the dashboard's; a new one when None).
    """

    def __init__(
        self,
        client: KrafterClient,
        *,
        clock: Callable[[], datetime],
        background: float,
        record: Record | None = None,
        alerts: AlertMarks | None = None,
    ) -> None:
        self.client = client
        self.record = record
        self.clock = clock
        self.background = background
        self.rows: list[SiteRow] = []
        self._all_tried: list[SiteRow] | None = None  # self.rows once each row was tried
        self.refused: UnauthorizedError | ForbiddenError | None = None
        self.last_step: datetime | None = None  # when the last row's refresh began
        # Its run of failed refreshes (offline, 5xx), by which the pace backs off, and when a
        # row last came in. (Its interval is the fastest a row is asked for again.)
        self.health = FeedHealth(FASTEST_ROW)
        # The sites' alert marks, kept while the screen is shut (the dashboard's, when given).
        self.alerts = alerts if alerts is not None else AlertMarks()
        self.rng = random.Random()
        self.requests = 0  # requests this feed sent (tests and the budget line count them)

    def set_sites(self, sites: Sequence[Site]) -> None:
        """Follow the team's site list: rows of sites still listed keep their figures (with
        the site's new name), new sites get a waiting row, deleted ones go."""
        kept = {row.site.site_key: row for row in self.rows}
        rows = []
        for site in sites:
            row = kept.get(site.site_key)
            if row is None:
                row = SiteRow(site)
            row.site = site
            rows.append(row)
        self.rows = rows

    def next_row(self) -> SiteRow | None:
        """The row to refresh next: one never tried first (in list order), else the one
        tried longest ago."""
        if not self.rows:
            return None
        for row in self.rows:
            if row.tried_at is None:
                return row
        return min(self.rows, key=lambda row: row.tried_at or self.clock())

    def first_wait(self) -> float:
        """Seconds before the first refresh when the overview opens again: what is left of
        the pace's step since the last one (opening and closing it must not spend more)."""
        if self.last_step is None:
            return 0.0
        since = (self.clock() - self.last_step).total_seconds()
        return max(0.0, self.pace().step - since)

    def _first_pass(self) -> bool:
        """Whether a row was never tried. Rows are only ever tried, never untried: once every
        row of this list was, it is not asked again (``pace`` runs every second on screen)."""
        if self._all_tried is self.rows:
            return False
        if any(row.tried_at is None for row in self.rows):
            return True
        self._all_tried = self.rows
        return False

    def pace(self) -> OverviewPace:
        """The wait before the next row, as the budget allows now."""
        first_pass = self._first_pass()
        budget = self.client.budget
        pace = overview_pace(budget, len(self.rows), self.background, first_pass=first_pass)
        failures = self.health.failures
        if not failures:
            return pace
        # Failing (offline, server trouble): back off as the dashboard's feeds do.
        step = max(pace.step, backoff(pace.step, failures, self.rng))
        return OverviewPace(step, step * max(len(self.rows), 1), pace.held)

    async def refresh_next(self) -> SiteRow | None:
        """Refresh the stalest row (None when there are no rows, or the key was refused).

        Never raises: any failure becomes the row's problem, kept beside its age.
        """
        row = self.next_row()
        if row is None or self.refused is not None:
            return None
        self.last_step = self.clock()
        await self.refresh(row)
        return row

    async def fill_untried(self) -> None:
        """Refresh every row never tried, one after the other (a wall's All sites stop comes
        on screen with its figures, not ``waiting``). Never raises, as :meth:`refresh_next`."""
        for row in list(self.rows):
            if row.tried_at is None and self.refused is None:
                self.last_step = self.clock()
                await self.refresh(row)

    async def refresh(self, row: SiteRow) -> None:
        """Ask for ``row``'s realtime count and its eight days of stats, together."""
        now = self.clock()
        today = utc_date(now)
        period = Period.custom(today - timedelta(days=TREND_DAYS), today)
        key = row.site.site_key
        self.requests += 2
        answers = await asyncio.gather(
            self.client.realtime(key), self.client.stats(key, period), return_exceptions=True
        )
        at = self.clock()
        realtime, stats = answers
        for answer in answers:
            if isinstance(answer, UnauthorizedError | ForbiddenError):
                self.refused = answer
            if isinstance(answer, BaseException):
                if isinstance(answer, asyncio.CancelledError):
                    raise answer
                if not isinstance(answer, ApiError):
                    log.error("overview fetch failed", exc_info=answer)
                    answer = ApiError(f"internal error ({type(answer).__name__})")
                row.failed(pane_problem(answer), at)
                self.health.failed(answer)
                return
        if isinstance(realtime, BaseException) or isinstance(stats, BaseException):
            return  # (handled above; this narrows the types)
        row.took(realtime.current_visitors, stats, today, at)
        self.health.succeeded(at)
        row.yesterday_so_far = await self._record(key, stats, at)

    async def _record(self, site_key: str, stats: Stats, at: datetime) -> int | None:
        """``stats`` (today's totals among them) into the record, off the event loop; the
        record's visitors of yesterday at this time of day, if it has them."""
        record = self.record
        if record is None:
            return None

        def write() -> int | None:
            record.add_stats(site_key, stats, at)
            found = record.same_time_yesterday(site_key, at)
            return None if found is None else found.totals.visitors

        try:
            return await asyncio.to_thread(write)
        except Exception:  # the record never raises; the overview goes on whatever happens
            log.exception("the record refused a reading")
            return None
