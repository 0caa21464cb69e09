"""The dashboard: every pane on one screen, and the keys that drive them.

The screen is the one adapter between :mod:`krafter_tui.feeds` and Textual: it runs the
poller's tasks and timers (:class:`~krafter_tui.feeds.Host`), receives its typed results
(:class:`~krafter_tui.feeds.Sink`) into the :class:`~krafter_tui.feeds.DashboardState`, and
draws the panes from that state (:mod:`krafter_tui.ui.panes`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

from krafter_tui.api import (
    ApiError,
    Event,
    ForbiddenError,
    KrafterClient,
    Period,
    Site,
    Stats,
    UnauthorizedError,
)
from krafter_tui.feeds import (
    FEEDS,
    DashboardState,
    Feed,
    Kiosk,
    Poller,
    Selection,
)
from krafter_tui.feeds.schedule import pane_problem
from krafter_tui.feeds.site_choice import (
    choose_site,
    kiosk_sites,
)
from krafter_tui.feeds.timeline import next_compare
from krafter_tui.feeds.words import auth_words, budget_line, refusal_words
from krafter_tui.record import Record
from krafter_tui.ui.alert_desk import AlertDesk, Alerting
from krafter_tui.ui.bindings import bindings
from krafter_tui.ui.dashboard.demo_keys import DemoKeys
from krafter_tui.ui.dashboard.export_keys import ExportKeys
from krafter_tui.ui.dashboard.first_layout import FirstFrame
from krafter_tui.ui.dashboard.in_view import PollerHost
from krafter_tui.ui.dashboard.key_rules import KeyRules
from krafter_tui.ui.dashboard.kiosk import KioskRotation
from krafter_tui.ui.dashboard.layout import FOOTER_LEVELS, MIN_SIZE, DashboardLayout
from krafter_tui.ui.dashboard.pane_keys import PaneKeys
from krafter_tui.ui.dashboard.record_news import RecordNews
from krafter_tui.ui.dashboard.selection import SelectionScreen
from krafter_tui.ui.dashboard.site_keys import SiteKeys
from krafter_tui.ui.dashboard.time_keys import TimeKeys
from krafter_tui.ui.delivery import Deliveries
from krafter_tui.ui.keys import DASHBOARD_COMMANDS
from krafter_tui.ui.widgets import (
    Pane,
)
from krafter_tui.ui.widgets.pane import painted_once

__all__ = ["FOOTER_LEVELS", "MIN_SIZE", "DashboardScreen", "Kiosk", "Selection"]


class DashboardScreen(
    DashboardLayout,
    PollerHost,
    TimeKeys,
    KioskRotation,
    SiteKeys,
    PaneKeys,
    ExportKeys,
    DemoKeys,
    KeyRules,
    RecordNews,
    FirstFrame,
    SelectionScreen,
):
    """Realtime, totals, chart, breakdown and events for one site and period: the poller's
    results (:class:`~krafter_tui.feeds.Sink`) drawn; its other parts in :mod:`..dashboard`."""

    BINDINGS = bindings(DASHBOARD_COMMANDS)

    def __init__(
        self,
        client: KrafterClient,
        *,
        initial_site: str | None,
        initial_period: Period,
        remembered_site: Site | None = None,
        realtime_interval: float,
        stats_interval: float,
        clock: Callable[[], datetime],
        on_selection: Callable[[Site, Period], None] | None = None,
        kiosk: Kiosk | None = None,
        log_path: Callable[[], Path | None] = lambda: None,
        quitting: Callable[[], bool] = lambda: False,
        deliveries: Deliveries | None = None,
        alerting: Alerting | None = None,
        record: Record | None = None,
    ) -> None:
        super().__init__()
        self.client = client
        self.initial_site = initial_site
        # The site last shown (the whole record, from the state file): its figures are asked
        # for at once, while /sites is on its way; the list then confirms it or replaces it.
        self.remembered_site = remembered_site if kiosk is None else None
        self.clock = clock
        self.on_selection = on_selection
        self.log_path = log_path  # the log file the banner points to for details
        self.quitting = quitting  # the app is quitting: keys still queued open nothing
        self.deliveries = deliveries  # where Ctrl+S's exports go (None: no exports)
        self.record = record  # what the dashboard polled, kept (None: recording is off)
        self.sites: list[Site] = []
        self.sites_seen = False  # a list has arrived once (the start-up choice is made)
        self.kiosk_missing: set[str] = set()  # kiosk names already told to match nothing
        self.pending_period = initial_period
        self.state = DashboardState(origin=initial_period)
        self.kiosk = kiosk
        self.rotation: list[Site] = []
        self.next_rotation: float | None = None  # time.monotonic() of the next site switch
        self.poller = Poller(
            client,
            clock=clock,
            realtime_interval=realtime_interval,
            stats_interval=stats_interval,
            host=self,
            sink=self,
            state=self.state,
            record=record,
        )
        # Spikes and drops of visitors now (None: alerts are off); marked on the
        # overview's rows too.
        self.alerts = (
            AlertDesk(self, alerting, self.alert_marks, self.state.readings)
            if alerting is not None
            else None
        )

    async def on_mount(self) -> None:
        # Sizes before the panes are filled (the launch's early answers may be here at once),
        # so that the first frame is not painted again as soon as the panes learn their sizes.
        self.fit_breakdowns(self.app.size.width)
        await self.fit_first_frame()
        panes = self.panes
        panes.totals.highlight(self.state.metric)
        if self.kiosk is not None:
            for pane in self.query(Pane):
                pane.key_hints = False
        panes.chart_pane.set_hint("m metric", keys=True)
        panes.status.set_context(period=self.pending_period)
        # The site shown last first: its figures need not wait for the site list (and, asked
        # for at launch, may already be here to show in the first frame).
        if self.remembered_site is not None:
            self.select(self.remembered_site, self.pending_period)
        self.poller.load_sites()
        # Ages, stale marks and the banner's countdown move with the clock, not with fetches.
        self.set_interval(1.0, self.update_health, name="health")
        if self.kiosk is not None:
            self.add_class("-kiosk")
            self.start_rotations(self.kiosk)

    # -- the poller's sink ----------------------------------------------------------------------

    def paint_batch(self) -> AbstractContextManager[None]:
        """One paint, and one restyle of each pane, for everything shown inside."""
        return painted_once(self.app)

    def show_stats(self, selection: Selection, stats: Stats, compared: Stats | None) -> None:
        """Totals, chart and breakdown from one stats answer (and the events' conversion),
        drawn from the state the poller has put it in."""
        with painted_once(self.app):
            self.panes.render_stats(self.state, selection, self.clock())

    def selection_accepted(self, selection: Selection) -> None:
        """The server accepted ``selection``: remembered for the next launch (saved here,
        outside the paint)."""
        if self.on_selection is not None:
            self.on_selection(selection.site, selection.period)

    def show_compared(self, selection: Selection, compared: Stats) -> None:
        """The compared period's stats arrived: show the changes (and the comparison)."""
        self.panes.render_compared(self.state, selection, self.clock())

    def show_events(self, selection: Selection, events: list[Event]) -> None:
        """The custom events list."""
        self.panes.render_events(self.state, self.clock())

    def show_compared_events(self, selection: Selection, events: list[Event]) -> None:
        """The compared period's events arrived: their change column."""
        self.panes.render_events(self.state, self.clock())

    def show_realtime(self, selection: Selection, visitors: int) -> None:
        """A new realtime reading, put in the model's readings by the poller (and what the
        alerts make of it)."""
        key = selection.site.site_key
        reading = self.state.readings.last(key)
        self.panes.realtime.show_readings(self.state.readings.recent(key), fresh=True)
        if self.alerts is not None and reading is not None:
            self.alerts.reading(selection.site, reading)

    def budget_changed(self) -> None:
        """Show the API budget left in the status line (and what a comparison costs)."""
        self.panes.status.set_context(budget=budget_line(self.poller.report()))

    def health_changed(self) -> None:
        """A feed's health moved: marks and banner."""
        self.update_health()

    def update_health(self) -> None:
        """Refresh every pane's error/age/stale mark and the banner (also once a second)."""
        self.panes.render_health(
            self.poller.report(),
            self.clock(),
            halted=self.state.halted,
            api_url=self.client.api_url,
            log_path=self.log_path(),
        )

    def show_banner(self, message: str | None) -> None:
        """Show (or hide, with None) the banner under the status line."""
        self.panes.show_banner(message)

    def sites_loaded(self, sites: list[Site]) -> None:
        """The team's sites arrived (at start, or a refresh): choose the site to show.

        The site on screen stays if it is still listed (renamed: shown with its new name);
        one deleted on the server is replaced, with a toast saying so. An empty list stops
        the feeds (the banner says why; the poller keeps asking).
        """
        first = not self.sites_seen
        self.sites_seen = True
        self.sites = sites
        if not sites:
            return
        self.rotation, warnings = kiosk_sites(sites, self.kiosk, self.kiosk_missing)
        for warning in warnings:
            self.notify(warning, severity="warning", markup=False, timeout=15)
        current = self.selection
        choice = choose_site(
            sites,
            current,
            first=first,
            wanted=self.initial_site,
            rotation=self.rotation,
            kiosk=self.kiosk,
            stopped=self.poller.stopped,
        )
        for warning in choice.warnings:
            timeout = 15 if choice.lasting else None
            self.notify(warning, severity="warning", markup=False, timeout=timeout)
        if choice.site is not None:
            kept = current is not None and current.site.site_key == choice.site.site_key
            self.select(choice.site, current.period if kept and current else self.pending_period)

    def auth_failed(self, error: UnauthorizedError | ForbiddenError) -> None:
        """The key stopped working (the poller has stopped): say how to fix it."""
        for pane in self.query(Pane):
            pane.mark_loading(False)
        words = auth_words(error)
        self.panes.status.set_context(note=words.note)
        self.state.halted = words.banner
        self.show_banner(self.state.halted)

    def selection_refused(self, selection: Selection, feed: Feed, error: ApiError) -> None:
        """The server refused ``selection`` (400/404/422): no retry; say what it refused, once.

        The last selection the server accepted comes back (from the cache, at once) with its
        own label; with none (a refused range at launch) the panes say they have nothing.
        When only one feed of an accepted selection is refused, only its panes say so.
        """
        good = self.state.good
        if good == selection:
            self.panes.mark_error((feed,), pane_problem(error))
            return
        self.poller.stop()
        if good is not None:
            self.select(good.site, good.period)
            self.notify(
                refusal_words(selection, error, good),
                title="Not shown",
                severity="error",
                timeout=12,
                markup=False,
            )
            return
        self.panes.mark_error(FEEDS, pane_problem(error))
        self.panes.status.set_context(note="refused")
        self.state.halted = refusal_words(selection, error, None)
        self.show_banner(self.state.halted)

    # -- screen events ------------------------------------------------------------------------

    def on_unmount(self) -> None:
        """Alert commands still running are stopped with the dashboard."""
        if self.alerts is not None:
            self.alerts.stop()

    # -- actions ------------------------------------------------------------------------------

    def action_cycle_compare(self) -> None:
        """x: compare with the previous period, then the same dates a year before, then not."""
        self.poller.set_compare(next_compare(self.state.compare))
        if self.selection is not None:
            self.panes.render_compared(self.state, self.selection, self.clock())
        self.budget_changed()
