"""The dashboard's panes, as typed handles, drawn from the dashboard's state.

Fresh figures, the age of old ones, stale marks after two missed intervals, and one banner
that says in plain words what is wrong and when the next try is. What the words are is decided
in :mod:`krafter_tui.feeds.words`; this puts them on the widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from krafter_tui.api.months import by_month
from krafter_tui.api.period import utc_date
from krafter_tui.feeds import DashboardState, Feed, FeedsReport, Selection
from krafter_tui.feeds.so_far import period_so_far, totals_so_far
from krafter_tui.feeds.words import (
    WAITING_NOTES,
    banner_message,
    budget_line,
    chart_title,
    compare_label,
    failure_note,
    pane_mark,
    partial_since,
)
from krafter_tui.record import Record, Rising
from krafter_tui.text.sanitiser import clean_server_text
from krafter_tui.ui.widgets import (
    BreakdownTable,
    EventsTable,
    Pane,
    RealtimeCounter,
    StatusBar,
    TimeseriesChart,
    TotalsPanel,
)
from krafter_tui.ui.widgets.chart_axis import is_monthly, partial_label
from krafter_tui.ui.widgets.chart_hours import HourlyView, hourly_view

__all__ = ["DashboardPanes", "week_titles"]


def week_titles(label: str, partial: str | None, note: str | None) -> tuple[str, ...]:
    """The chart's titles, longest first, for today drawn as the last 7 days
    (``Pageviews per day · last 7 days · ┈○ today so far``): with the record's ``note`` where
    it fits (before the mark's legend goes), down to ``Pageviews · 7 days``."""
    base = f"{label} per day · last 7 days"
    mark = f" · ┈○ {partial}" if partial is not None else ""
    noted = (f"{base}{mark} · {note}", f"{base} · {note}") if note is not None else ()
    return (*noted, f"{base}{mark}", base, f"{label} · 7 days")


class DashboardPanes:
    """Typed handles to the dashboard's widgets (queried once, after compose)."""

    def __init__(
        self, screen: Screen[None], record: Callable[[], Record | None] = lambda: None
    ) -> None:
        # The record of what the dashboard polled (None: recording is off): today and
        # yesterday by the hour come from it.
        self.record = record
        self.status = screen.query_one(StatusBar)
        self.banner = screen.query_one("#banner", Static)
        self.realtime = screen.query_one(RealtimeCounter)
        self.totals = screen.query_one(TotalsPanel)
        self.chart = screen.query_one(TimeseriesChart)
        self.chart_pane = screen.query_one("#chart-pane", Pane)
        self.breakdown = screen.query_one(BreakdownTable)
        # The main breakdown first, then the wide screen's others (ui/dashboard/breakdowns.py),
        # of which the first ``shown`` are on screen (1: the main one alone).
        self.breakdowns: tuple[BreakdownTable, ...] = tuple(screen.query(BreakdownTable))
        self.shown = 1
        self.events = screen.query_one(EventsTable)
        self.feed_panes: dict[Feed, tuple[Pane, ...]] = {
            "stats": (self.chart_pane, self.totals, self.breakdown),  # + those shown (wide)
            "events": (self.events,),
            "realtime": (self.realtime,),
        }
        self.banner_text: str | None = None  # what the banner shows ("" hidden; None: not yet)

    # -- figures -------------------------------------------------------------------------------

    def render_stats(self, state: DashboardState, selection: Selection, now: datetime) -> None:
        """Status line, totals, chart and breakdown from the state's stats answer."""
        stats = state.stats
        if stats is None:
            return
        self.status.set_context(resolved=stats.period, updated_at=now, note="")
        self.render_totals(state, selection, now)
        self.render_chart(state, selection, now)
        self.render_breakdown(state, now, selection)
        if state.events is not None:
            self.render_events(state, now)
        for pane in self.feed_panes["stats"]:
            pane.mark_ok()

    def render_compared(self, state: DashboardState, selection: Selection, now: datetime) -> None:
        """What changes when the compared period's answer comes: the totals' change marks
        (and, with a comparison drawn, the chart's second series and the breakdown's and
        events' changes)."""
        self.render_totals(state, selection, now)
        self.render_chart(state, selection, now)
        self.render_breakdown(state, now, selection)
        if state.events is not None:  # the events' change column comes and goes with x
            self.render_events(state, now)

    def rising(
        self, state: DashboardState, selection: Selection | None, now: datetime, index: int = 0
    ) -> Rising | None:
        """The growth of breakdown ``index``'s dimension (0: the main one) over the last 30
        minutes, from the record, when it is sorted by rising (else None: nothing asked)."""
        record = self.record()
        choice = state.choice_at(index)
        if record is None or selection is None or choice.sort != "rising":
            return None
        return record.rising(selection.site.site_key, choice.dimension, now)

    def render_breakdown(
        self, state: DashboardState, now: datetime, selection: Selection | None = None
    ) -> None:
        """The breakdowns on screen, with each row's change where a comparison is drawn
        (and each row's growth, sorted by rising)."""
        if state.stats is None:
            return
        compared = state.compared if state.compare != "off" else None
        period = state.stats.period
        for index, pane in enumerate(self.breakdowns[: self.shown]):
            pane.show(
                state.stats.breakdown or {},
                compare=None if compared is None else (compared.breakdown or {}),
                so_far=period_so_far(period.start, period.end, now),
                rising=self.rising(state, selection, now, index),
            )

    def render_totals(self, state: DashboardState, selection: Selection, now: datetime) -> None:
        """The totals, with the changes once the previous period's totals are in."""
        stats = state.stats
        if stats is None:
            return
        previous, so_far = totals_so_far(
            stats.period.start,
            stats.period.end,
            now,
            state.previous,
            yesterday=state.same_time_yesterday,
            with_previous=state.compare != "year",
        )
        self.totals.show(
            stats.totals,
            previous,
            site_since=partial_since(selection.site, stats.period),
            so_far=so_far,
            compare_label=compare_label(state, utc_date(now)),
        )

    def render_chart(
        self, state: DashboardState, selection: Selection | None, now: datetime
    ) -> None:
        """The chart of the state's metric, and its title: a one-day answer (``today``,
        ``yesterday``) by the hour when the record saw that day (:mod:`.chart_hours`)."""
        today = utc_date(now)
        self.totals.highlight(state.metric)
        rows = [] if state.stats is None else state.stats.timeseries
        if selection is not None and selection.period.monthly:
            rows = by_month(rows)  # the twelve months before 12mo are sent as days
        view = HourlyView(None, None)
        week = False
        if state.stats is not None and selection is not None:
            series = (selection.site.site_key, str(selection.period))
            view = hourly_view(self.record(), selection.site.site_key, state.stats.period, now)
            compared = state.compared if state.compare != "off" else None
            if view.hours is not None:
                compared = None  # the record's hours of the compared day are not asked for
            elif state.week is not None and selection.period.name == "today":
                # No hours of today yet: the last 7 days with today marked, not one dot.
                # Today's point from today's answer: the week is kept for up to an hour.
                fresh = {point.date: point for point in rows}
                rows = [fresh.get(point.date, point) for point in state.week.timeseries]
                compared, week = None, True
                series = (selection.site.site_key, "today: last 7 days")
            self.chart.show(
                rows,
                state.metric,
                series=series,
                today=today,
                compare=None if compared is None else compared.timeseries,
                hours=view.hours,
            )
        else:  # no answer yet: what the chart still shows, in the new metric
            self.chart.set_metric(state.metric)
        if view.hours is not None:  # by the hour, or in 10 minutes where the chart is wide
            drawn = view.hours.at_width(self.chart.size.width)
            label = f"{state.metric_label} per {drawn.unit}"
            self.chart_pane.set_title(*(f"{label} · {part}" for part in drawn.title_parts()), label)
            return
        dates = [p.date for p in rows]
        partial = partial_label(dates, today)
        titles = chart_title(state.metric_label, is_monthly(dates), partial)
        if week:
            titles = week_titles(state.metric_label, partial, view.note)
        elif view.note is not None:
            titles = (f"{titles[0]} · {view.note}", *titles)
        self.chart_pane.set_title(*titles)

    def render_events(self, state: DashboardState, now: datetime) -> None:
        """The events list; conversion from the visitors of the same selection's stats
        (blank until they came)."""
        compared = state.compared_events if state.compare != "off" else None
        period = state.stats.period if state.stats is not None else None
        so_far = None if period is None else period_so_far(period.start, period.end, now)
        self.events.show(state.events or [], state.visitors, compared, so_far)

    # -- marks and the banner ------------------------------------------------------------------

    def mark_loading(self, feeds: set[Feed]) -> None:
        """Loading marks on the panes of ``feeds``."""
        for feed in feeds:
            for pane in self.feed_panes[feed]:
                pane.mark_loading()

    def mark_error(self, feeds: tuple[Feed, ...], text: str) -> None:
        """An error on the panes of ``feeds``."""
        for feed in feeds:
            for pane in self.feed_panes[feed]:
                pane.mark_error(text)

    def show_banner(self, message: str | None) -> None:
        """Show (or hide, with None) the banner under the status line.

        Called every second by the health tick: only a change touches the banner, since
        updating it lays out the whole screen again (its height follows its text).
        """
        text = message or ""
        if text == self.banner_text:
            return
        self.banner_text = text
        self.banner.update(Text(clean_server_text(text, 2000, lines=True)))
        self.banner.set_class(bool(message), "-visible")

    def render_health(
        self,
        report: FeedsReport,
        now: datetime,
        *,
        halted: str | None,
        api_url: str,
        log_path: Path | None,
    ) -> None:
        """Every pane's error/age/stale mark and the banner from the feeds' health (and the
        site list's: a failed or empty list stays said until it loads), as the poller
        reported them."""
        # The status line's "rate limited, 42s" and "reset 20s" count down with the clock.
        budget = budget_line(report)
        if self.status.budget != budget:
            self.status.set_context(budget=budget)
        if halted is not None:
            return
        for feed, health in report.feeds.items():
            mark = pane_mark(health, now)
            for pane in self.feed_panes[feed]:
                pane.set_border_class(mark.stale, "-stale")
                if mark.error is not None:
                    pane.mark_error(mark.error)
                else:
                    pane.set_note(mark.note)
        # A first answer that failed replaces connecting…/loading… with what went wrong (a
        # refused site key never asks the server at all).
        if self.status.note in WAITING_NOTES:
            source = report.feeds["stats"] if report.selected else report.sites
            note = failure_note(source.error)
            if note is not None:
                self.status.set_context(note=note)
        self.show_banner(
            banner_message(report.feeds, report.sites, now, api_url=api_url, log_path=log_path)
        )
