"""How fetched data and feed health reach the dashboard's panes (a mixin of the screen).

The loader decides when to fetch; this decides what the user sees: fresh figures, the age of
old ones, stale marks after two missed intervals, and one banner that says in plain words what is
wrong and when the next try is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from krafter_tui.api import (
    DateRange,
    Event,
    KrafterClient,
    NotFoundError,
    Period,
    Site,
    Stats,
    Totals,
    clean_server_text,
)
from krafter_tui.api.period import utc_date
from krafter_tui.keycheck import wrong_api_url
from krafter_tui.loader import PREVIOUS_TTL, NoSitesError
from krafter_tui.polling import FeedHealth, pane_problem, problem_text
from krafter_tui.widgets import (
    METRICS,
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
    from krafter_tui.loader import DashboardLoader
    from krafter_tui.screens.dashboard import Selection

__all__ = ["FEED_PANES", "FeedView", "age_text"]

WAITING_NOTES = ("connecting…", "loading…")  # the status bar's and select()'s, before answers
FEED_PANES = {
    "stats": ("#chart-pane", "#totals", "#breakdown-pane"),
    "events": ("#events-pane",),
    "realtime": ("#realtime",),
}


def age_text(seconds: float) -> str:
    """``42s``, ``3m``, ``2h 5m``, ``3d``: how old data is, in the unit that matters."""
    if seconds < 60:
        return f"{seconds:.0f}s"
    if seconds < 3600:
        return f"{seconds // 60:.0f}m"
    if seconds < 86400:
        hours, rest = divmod(seconds, 3600)
        return f"{hours:.0f}h {rest // 60:.0f}m"
    return f"{seconds // 86400:.0f}d"


def _next_try(health: FeedHealth, now: datetime, hint: str = "") -> list[str]:
    """``Next try in 4s.`` (with ``hint`` before the stop), or nothing when none is armed."""
    if health.next_try is None:
        return []
    wait = max(0.0, (health.next_try - now).total_seconds())
    return [f"Next try in {age_text(wait)}{hint}." if wait >= 1 else "Trying again now."]


def partial_since(site: Site, period: DateRange) -> date | None:
    """The day ``site`` was added, if that is after the previous period began.

    The previous period then covers days before the site had any traffic, and its change
    marks (a year-old site's ``12mo`` shows ▲ 1254 %) need saying so. None when the date the
    server sent is not a date.
    """
    try:
        created = date.fromisoformat(site.created_at[:10])
    except ValueError:
        return None
    previous = Period.previous_of(period.start, period.end)
    assert previous.start is not None
    return created if created > previous.start else None


class FeedView:
    """Mixed into :class:`DashboardScreen`; needs ``loader``, ``clock``, ``metric``,
    ``selection`` and Textual's ``query_one``."""

    loader: DashboardLoader
    client: KrafterClient
    metric: str
    selection: Selection | None
    halted: str | None
    clock: Callable[[], datetime]
    banner_text: str | None = None  # what the banner shows ("" hidden; None: not set yet)
    # The latest answers for the selection on screen (reset when it changes): every figure is
    # drawn from these, whatever order the answers arrive in (conversion needs both).
    shown_stats: Stats | None = None
    shown_events: list[Event] | None = None
    # The last selection whose stats reached the screen: the one to remember between runs,
    # and the one to go back to when the server refuses a new one.
    good_selection: Selection | None = None
    on_selection: Callable[[Site, Period], None] | None

    # -- data --------------------------------------------------------------------------------

    def show_stats(self, selection: Selection, stats: Stats) -> None:
        """Totals, chart and breakdown from one stats answer."""
        with self.app.batch_update():  # type: ignore[attr-defined]
            self._show_stats(selection, stats)

    def _show_stats(self, selection: Selection, stats: Stats) -> None:
        q = self.query_one  # type: ignore[attr-defined]
        q(StatusBar).set_context(resolved=stats.period, updated_at=self.clock(), note="")
        today = utc_date(self.clock())
        q(TotalsPanel).show(
            stats.totals,
            self.loader.cached(selection, "previous", PREVIOUS_TTL),
            site_since=partial_since(selection.site, stats.period),
            so_far=stats.period.end >= today,
        )
        series = (selection.site.site_key, str(selection.period))
        q(TimeseriesChart).show(stats.timeseries, self.metric, series=series, today=today)
        q("#chart-pane", Pane).set_title(*self.chart_title())
        q(BreakdownTable).show(stats.breakdown or {})
        self.shown_stats = stats
        if self.shown_events is not None:
            self._show_events_pane()
        for selector in FEED_PANES["stats"]:
            q(selector, Pane).mark_ok()
        if selection != self.good_selection:
            self.good_selection = selection
            if self.on_selection is not None:  # only a selection the server accepted
                self.on_selection(selection.site, selection.period)

    def show_previous(self, selection: Selection, previous: Totals) -> None:
        """The previous period's totals arrived: show the changes."""
        totals = self.query_one(TotalsPanel)  # type: ignore[attr-defined]
        if totals.totals is not None:
            totals.show(totals.totals, previous, site_since=totals.site_since, so_far=totals.so_far)

    def show_events(self, selection: Selection, events: list[Event]) -> None:
        """The custom events list."""
        self.shown_events = events
        self._show_events_pane()

    def _show_events_pane(self) -> None:
        # Conversion = unique visitors of the event / visitors of the period: both from the
        # latest answers for this selection; blank until the stats answer has come.
        visitors = None if self.shown_stats is None else self.shown_stats.totals.visitors
        pane = self.query_one(EventsTable)  # type: ignore[attr-defined]
        pane.show(self.shown_events or [], visitors)

    def show_realtime(self, selection: Selection, visitors: int) -> None:
        """A new realtime reading."""
        self.query_one(RealtimeCounter).show_reading(visitors, self.clock())  # type: ignore[attr-defined]

    def chart_title(self) -> tuple[str, ...]:
        """``Visitors per day`` (or per month when the server buckets months), with
        ``today so far`` when the last bucket is not over; then shorter forms of it."""
        chart = self.query_one(TimeseriesChart)  # type: ignore[attr-defined]
        unit = "month" if is_monthly([p.date for p in chart.points]) else "day"
        metric = dict(METRICS)[self.metric]
        partial = chart.partial_label
        if partial is None:
            return (f"{metric} per {unit}",)
        return (f"{metric} per {unit} · ┈○ {partial}", f"{metric} · ┈○ {partial}")

    # -- health ------------------------------------------------------------------------------

    def show_banner(self, message: str | None) -> None:
        """Show (or hide, with None) the banner under the status line.

        Called every second by the health tick: only a change touches the banner, since
        updating it lays out the whole screen again (its height follows its text).
        """
        banner = self.query_one("#banner", Static)  # type: ignore[attr-defined]
        text = message or ""
        if text == self.banner_text:
            return
        self.banner_text = text
        banner.update(Text(clean_server_text(text, 2000, lines=True)))
        banner.set_class(bool(message), "-visible")

    def update_health(self) -> None:
        """Refresh every pane's error/age/stale mark and the banner from the feeds' health
        (and the site list's: a failed or empty list stays said until it loads)."""
        # The status line's "rate limited, 42s" and "reset 20s" count down with the clock.
        status = self.query_one(StatusBar)  # type: ignore[attr-defined]
        budget = self.client.budget.describe()
        if status.budget != budget:
            status.set_context(budget=budget)
        if self.halted is not None:
            return
        now = self.clock()
        worst: tuple[str, FeedHealth] | None = None
        for feed, health in self.loader.health.items():
            for selector in FEED_PANES[feed]:
                self._mark(self.query_one(selector, Pane), health, now)  # type: ignore[attr-defined]
            if health.error is not None and (worst is None or feed != "realtime"):
                worst = (feed, health)
        self._note_failure()
        log_path = getattr(self.app, "log_path", None)  # type: ignore[attr-defined]
        sites = self.loader.sites_health
        if worst is None and sites.error is None:
            self.show_banner(None)
            return
        if worst is None:
            assert sites.error is not None
            if isinstance(sites.error, NoSitesError):
                parts = [sites.error.message]
            else:
                why = (
                    wrong_api_url(self.client.api_url)
                    if isinstance(sites.error, NotFoundError)
                    else problem_text(sites.error, log_path)
                )
                parts = [f"Could not load the sites: {why}"]
            self.show_banner(" ".join([*parts, *_next_try(sites, now, " (or press r)")]))
            return
        _, health = worst
        assert health.error is not None
        parts = [problem_text(health.error, log_path)]
        if health.last_ok is not None:
            parts.append(f"Showing data from {age_text(health.age(now) or 0)} ago.")
        self.show_banner(" ".join([*parts, *_next_try(health, now)]))

    def _note_failure(self) -> None:
        """A first answer that failed replaces ``connecting…``/``loading…`` in the status
        line with what went wrong (a refused site key never asks the server at all)."""
        status = self.query_one(StatusBar)  # type: ignore[attr-defined]
        if status.note not in WAITING_NOTES:
            return
        if self.selection is not None:
            error = self.loader.health["stats"].error
        else:
            error = self.loader.sites_health.error
        if error is not None:
            note = "no sites" if isinstance(error, NoSitesError) else pane_problem(error)
            status.set_context(note=note)

    def _mark(self, pane: Pane, health: FeedHealth, now: datetime) -> None:
        stale = health.is_stale(now)
        pane.set_border_class(stale, "-stale")
        age = health.age(now)
        if health.error is not None:
            suffix = f" · {age_text(age)} old" if age is not None else ""
            pane.mark_error(f"{pane_problem(health.error)}{suffix}")
        elif stale and age is not None:
            pane.set_note(f"stale · {age_text(age)} old")
        else:
            pane.set_note(None)
