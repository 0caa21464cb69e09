"""The dashboard: every pane on one screen, and the keys that drive them.

The screen is the one adapter between :mod:`krafter_tui.feeds` and Textual: it runs the
poller's tasks and timers (:class:`~krafter_tui.feeds.Host`), receives its typed results
(:class:`~krafter_tui.feeds.Sink`) into the :class:`~krafter_tui.feeds.DashboardState`, and
draws the panes from that state (:mod:`krafter_tui.ui.panes`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from functools import cached_property, partial
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

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
from krafter_tui.api.period import utc_date
from krafter_tui.export.files import ExportChoice, OnScreen
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
    find_site,
    kiosk_sites,
    rotation_next,
    rotation_step,
)
from krafter_tui.feeds.timeline import next_compare, present_period, step_period
from krafter_tui.feeds.words import auth_words, budget_line, refusal_words
from krafter_tui.overview.feed import OverviewFeed
from krafter_tui.overview.pace import hidden_dashboard_rate
from krafter_tui.record import Record
from krafter_tui.ui.alert_desk import AlertDesk, Alerting
from krafter_tui.ui.bindings import bindings, footer_levels
from krafter_tui.ui.delivery import Deliveries
from krafter_tui.ui.host_screen import HostScreen
from krafter_tui.ui.keys import APP_COMMANDS, DASHBOARD_COMMANDS, kiosk_blocked
from krafter_tui.ui.panes import DashboardPanes
from krafter_tui.ui.screens.custom_range import CustomRangeDialog
from krafter_tui.ui.screens.export_dialog import ExportDialog
from krafter_tui.ui.screens.help import HelpScreen
from krafter_tui.ui.screens.overview import OverviewScreen
from krafter_tui.ui.screens.site_picker import SitePicker
from krafter_tui.ui.screens.value import ValueScreen
from krafter_tui.ui.widgets import (
    BreakdownTable,
    EventsTable,
    Pane,
    RealtimeCounter,
    StatusBar,
    TimeseriesChart,
    TotalsPanel,
)
from krafter_tui.ui.widgets.key_footer import KeyFooter
from krafter_tui.ui.widgets.rotation import RotationBar
from krafter_tui.ui.widgets.status_bar import period_name

__all__ = ["DashboardScreen", "Kiosk", "Selection"]

# Every key is declared once, in krafter_tui/ui/keys.py; the footer's larger groups where narrow.
FOOTER_LEVELS = footer_levels(DASHBOARD_COMMANDS, APP_COMMANDS)
# Below this a pane cannot show what it is for (at 64x18 the chart was 9 columns by 1 row):
# say so instead. From here up every figure is whole (tests/ui/test_figures.py walks it).
MIN_SIZE = (72, 22)
# Dialogs, prompts and the palette would block a wall screen until someone comes with a
# keyboard: in kiosk mode these actions are off (the palette in the app, quit by Ctrl+Q only).
KIOSK_BLOCKED = kiosk_blocked(DASHBOARD_COMMANDS)


class DashboardScreen(HostScreen[None]):
    """Realtime, totals, chart, breakdown and events for one site and period."""

    HORIZONTAL_BREAKPOINTS = [
        (0, "-tiny"),
        (MIN_SIZE[0], "-narrow"),
        (120, "-wide"),
        (180, "-xwide"),
    ]
    # -high: room for a wall screen's live count and totals in block digits (styles/app.tcss)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (MIN_SIZE[1], "-tall"), (30, "-high")]

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
        self.record = record  # what is polled, kept on this machine (None: not kept)
        self.initial_site = initial_site
        # The site last shown (the whole record, from the state file): its figures are asked
        # for at once, while /sites is on its way; the list then confirms it or replaces it.
        self.remembered_site = remembered_site if kiosk is None else None
        self.clock = clock
        self.on_selection = on_selection
        self.log_path = log_path  # the log file the banner points to for details
        self.quitting = quitting  # the app is quitting: keys still queued open nothing
        self.deliveries = deliveries  # where Ctrl+S's exports go (None: no exports)
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
            AlertDesk(self, alerting, self.overview_feed.alerts) if alerting is not None else None
        )

    @property
    def selection(self) -> Selection | None:
        """The site and period on screen (the poller's: the one it polls)."""
        return self.poller.selection

    @cached_property
    def panes(self) -> DashboardPanes:
        """Typed handles to the panes (after compose)."""
        return DashboardPanes(self)

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Static(id="banner")
        with Horizontal(id="top"):
            yield RealtimeCounter(id="realtime")
            yield TotalsPanel(id="totals")
        with Grid(id="middle"):
            with Pane("Pageviews", id="chart-pane"):
                yield TimeseriesChart(id="chart")
            yield BreakdownTable(id="breakdown-pane")
            yield EventsTable(id="events-pane")
        yield KeyFooter(levels=FOOTER_LEVELS)
        yield RotationBar(id="rotation")
        yield Static(id="too-small")

    def on_mount(self) -> None:
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
            if self.kiosk.rotate_sites > 0:
                self.set_interval(self.kiosk.rotate_sites, self.rotate_site, name="rotate-sites")
                self.next_rotation = time.monotonic() + self.kiosk.rotate_sites
                self.set_interval(1.0, self.show_rotation, name="rotation-countdown")
            if self.kiosk.rotate_dimensions > 0:
                self.set_interval(
                    self.kiosk.rotate_dimensions,
                    partial(self.action_step_dimension, 1),
                    name="rotate-dims",
                )

    # -- the poller's host (its tasks and timers: HostScreen) ---------------------------------

    def panes_visible(self) -> bool:
        """Whether a person can see the panes: not covered by the too-small notice or by
        another full screen (dialogs leave them in view). Only then do feeds poll at full rate."""
        width, height = self.size
        if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
            return False
        top = self.app.screen
        if top is not self and not isinstance(top, ModalScreen):
            return False  # a full screen (All sites) covers the panes: Textual counts the
            # screen right under the top one as in view, whatever covers it
        return self.is_current

    # -- the poller's sink ----------------------------------------------------------------------

    def paint_batch(self) -> AbstractContextManager[None]:
        """One paint for everything shown inside."""
        return self.app.batch_update()

    def show_stats(self, selection: Selection, stats: Stats, compared: Stats | None) -> None:
        """Totals, chart and breakdown from one stats answer (and the events' conversion),
        drawn from the state the poller has put it in."""
        with self.app.batch_update():
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
        """A new realtime reading (and what the alerts make of it)."""
        at = self.clock()
        self.panes.realtime.show_reading(visitors, at, site_key=selection.site.site_key)
        if self.alerts is not None:
            self.alerts.reading(selection.site, visitors, at)

    def new_sources(
        self, selection: Selection, found: list[tuple[str, str, int]], at: datetime
    ) -> None:
        """Sources the record had not seen in its last day: the alerts say which are news."""
        if self.alerts is not None:
            self.alerts.new_sources(selection.site, found, at)

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

    def find_site(self, text: str) -> Site | None:
        """The site whose key, name or domain equals ``text``, else the only one containing it."""
        return find_site(self.sites, text)

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

    # -- selection --------------------------------------------------------------------------

    def select(
        self, site: Site, period: Period, *, refetch: bool = True, settle: bool = True
    ) -> None:
        """Show ``site`` over ``period``; in-flight answers for the old choice are dropped.

        With ``refetch`` False (kiosk rotation) figures cached within their interval are shown
        without asking the server again; with ``settle`` False (no key moved it) the requests
        do not wait for the keys to settle.
        """
        old = self.selection
        selection = Selection(site, period)
        self.pending_period = period
        new_site = old is None or old.site != site
        panes = self.panes
        # One restyle and one paint for the loading marks and whatever the cache shows.
        with self.app.batch_update():
            if new_site:  # its own readings of the last half hour, if it was shown before
                panes.realtime.switch_site(site.site_key)
                if self.alerts is not None:
                    self.alerts.show_mark(site)
            panes.status.set_context(site=site, period=period, clear_resolved=True, note="loading…")
            # Panes the cache fills at once are not marked: a class toggled on and off again
            # still restyles the pane and everything in it.
            shown_now = self.poller.cached_feeds(selection)
            if not new_site:
                shown_now.add("realtime")
            panes.mark_loading({feed for feed in FEEDS if feed not in shown_now})
            # The poller clears the state's answers for the new selection (start); the
            # selection is remembered once the server has answered for it (selection_accepted).
            self.show_banner(None)
            self.poller.start(selection, refetch=refetch, settle=settle)
            if self.kiosk is not None:
                self.show_rotation()

    # -- screen events ------------------------------------------------------------------------

    def on_unmount(self) -> None:
        """Alert commands still running are stopped with the dashboard."""
        if self.alerts is not None:
            self.alerts.stop()

    def on_screen_resume(self) -> None:
        """Back on top: feeds slowed down while another screen covered this one catch up."""
        if self.is_mounted and self.panes_visible():
            self.poller.wake()

    def on_resize(self) -> None:
        """Below the minimum size, a notice covers the panes; feeds behind it slow down, and
        catch up as soon as the window is large enough again."""
        width, height = self.size
        if self.panes_visible():
            self.poller.wake()
        self.query_one("#too-small", Static).update(
            Text(
                f"Terminal too small ({width}×{height}).\n"
                f"krafter-tui needs at least {MIN_SIZE[0]}×{MIN_SIZE[1]}: enlarge the window."
            )
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In kiosk mode, no dialog may open over the wall screen; once quitting, nothing.

        Keys that do nothing where the focus is are off (and out of the footer): Esc while
        no filter is open, Enter outside the breakdown table.
        """
        if self.quitting():
            return False
        if self.kiosk is not None and action in KIOSK_BLOCKED:
            return False
        if action == "clear_filter":
            return self.panes.breakdown.has_class("-filtering")
        if action == "show_value":
            focused = self.focused
            table = self.panes.breakdown.query_one(DataTable)
            return focused is None or focused is table
        if action == "export":
            return self.deliveries is not None
        if action in ("step_period", "present"):
            # The filter field's own arrows move its cursor.
            return not isinstance(self.focused, Input)
        return True

    # -- kiosk rotation -------------------------------------------------------------------------

    def rotate_site(self) -> None:
        """Kiosk rotation: show the next of the kiosk's sites."""
        if self.kiosk is not None and self.kiosk.rotate_sites > 0:
            self.next_rotation = time.monotonic() + self.kiosk.rotate_sites
        if not self.rotation or self.selection is None or self.kiosk is None:
            return
        screen = self.app.screen
        on_overview = isinstance(screen, OverviewScreen)
        following = rotation_next(
            self.rotation,
            self.selection.site,
            overview=self.kiosk.overview,
            on_overview=on_overview,
        )
        if isinstance(screen, OverviewScreen):
            screen.dismiss(None)
        if following is None:
            self.app.push_screen(self.overview_screen(), self._overview_closed)
        else:
            self.select(following, self.selection.period, refetch=False, settle=False)

    def show_rotation(self) -> None:
        """Kiosk: ``site 2 of 3 · next in 40s`` under the panes (hidden without rotation)."""
        bar = self.query_one(RotationBar)
        rotating = self.next_rotation is not None and len(self.rotation) > 1
        bar.set_class(rotating, "-visible")
        if not rotating or self.next_rotation is None or self.selection is None:
            return
        position, _ = rotation_step(self.rotation, self.selection.site)
        overview = self.kiosk is not None and self.kiosk.overview
        following = rotation_next(
            self.rotation, self.selection.site, overview=overview, on_overview=False
        )
        left = self.next_rotation - time.monotonic()
        name = "All sites" if following is None else following.name
        bar.show_rotation(position, len(self.rotation), left, name)

    # -- actions ------------------------------------------------------------------------------

    def action_period(self, name: str) -> None:
        """Switch to a named period (7d, 30d, 12mo, today, yesterday, month, …)."""
        self._choose_period(Period.parse(name))

    def _choose_period(self, period: Period) -> None:
        self.state.origin = period
        if self.selection is not None:
            self.select(self.selection.site, period)
        else:
            self.pending_period = period

    def action_step_period(self, direction: int) -> None:
        """← / →: the period before or after this one, by its own length; → stops at today."""
        if self.selection is not None:
            stepped = step_period(self.selection.period, direction, utc_date(self.clock()))
            if isinstance(stepped, str):
                self.notify(stepped, timeout=3)
            else:
                self.select(self.selection.site, stepped)

    def action_present(self) -> None:
        """Shift+→: back to the present, in the kind of period chosen last."""
        if self.selection is not None:
            current = self.selection.period
            target = present_period(self.state.origin, current, utc_date(self.clock()))
            if target != current:
                self.select(self.selection.site, target)

    def action_cycle_compare(self) -> None:
        """x: compare with the previous period, then the same dates a year before, then not."""
        self.poller.set_compare(next_compare(self.state.compare))
        if self.selection is not None:
            self.panes.render_compared(self.state, self.selection, self.clock())
        self.budget_changed()

    def action_custom_range(self) -> None:
        """Ask for a custom range."""
        current = self.selection.period if self.selection else None

        def chosen(period: Period | None) -> None:
            if period is not None and self.selection is not None:
                # Checked with the server, which answered with the figures: from the cache.
                self.state.origin = period
                self.select(self.selection.site, period, refetch=False)

        check = self.poller.check_period if self.selection is not None else None
        self.app.push_screen(CustomRangeDialog(self.clock, current, check), chosen)

    def action_pick_site(self) -> None:
        """Open the site picker."""
        if not self.sites:
            self.notify("The sites have not loaded yet.", severity="warning")
            return
        current = self.selection.site if self.selection else None

        def chosen(site: Site | None) -> None:
            if site is not None:
                self.select(site, self.pending_period)

        self.app.push_screen(SitePicker(self.sites, current), chosen)

    def action_overview(self) -> None:
        """0: every site of the team at a glance; Enter there opens a site here."""
        if not self.sites:
            self.notify("The sites have not loaded yet.", severity="warning")
            return
        self.app.push_screen(self.overview_screen(), self._overview_closed)

    def overview_screen(self) -> OverviewScreen:
        """The "All sites" screen over this dashboard, paced with what this one still polls."""
        return OverviewScreen(
            self.overview_feed,
            sites=lambda: self.sites,
            current=self.selection.site if self.selection else None,
            kiosk=self.kiosk is not None,
            deliveries=self.deliveries,
        )

    @cached_property
    def overview_feed(self) -> OverviewFeed:
        """The All sites rows, kept while the overview is closed (it polls only when open)."""
        health = self.poller.health
        background = hidden_dashboard_rate(health["realtime"].interval, health["stats"].interval)
        return OverviewFeed(
            self.client, clock=self.clock, background=background, record=self.record
        )

    def _overview_closed(self, site: Site | None) -> None:
        if site is not None:
            self.select(site, self.pending_period)

    def action_step_site(self, step: int) -> None:
        """Show the previous or next site of the list."""
        if not self.sites or self.selection is None:
            return
        keys = [s.site_key for s in self.sites]
        key = self.selection.site.site_key
        index = keys.index(key) if key in keys else 0
        self.select(self.sites[(index + step) % len(self.sites)], self.selection.period)

    def action_cycle_metric(self) -> None:
        """Chart the next metric: pageviews → visitors → visits."""
        self.state.next_metric()
        self.panes.render_chart(self.state, self.selection, utc_date(self.clock()))

    def action_step_dimension(self, step: int) -> None:
        """Show the next or previous breakdown dimension."""
        self.panes.breakdown.step_dimension(step)

    def action_cycle_sort(self) -> None:
        """Sort the breakdown by count (either way) or by value."""
        self.panes.breakdown.cycle_sort()

    def action_filter(self) -> None:
        """Filter the breakdown rows."""
        self.panes.breakdown.open_filter()

    def action_clear_filter(self) -> None:
        """Clear the breakdown filter."""
        table = self.panes.breakdown
        if table.has_class("-filtering"):
            table.close_filter()

    def action_refresh(self) -> None:
        """Fetch everything again now (the site list too, when it is missing or stopped)."""
        if not self.sites or not self.poller.sites_armed():
            self.poller.load_sites()
        if self.selection is None:
            return
        self.poller.forget(self.selection)
        self.select(self.selection.site, self.selection.period)

    def action_export(self) -> None:
        """Ctrl+S: choose what to save of what the screen shows."""
        if self.deliveries is None:
            return
        shown = self.on_screen()
        about = "no site yet" if shown.site is None else shown.site.name
        about += f" · {period_name(self.pending_period)}"
        if shown.stats is not None:
            about += f" ({shown.stats.period.start} to {shown.stats.period.end})"
        dialog = ExportDialog(about, str(self.deliveries.directory))
        self.app.push_screen(dialog, self._save_export)

    def _save_export(self, choice: ExportChoice | None) -> None:
        deliveries = self.deliveries
        if choice is not None and deliveries is not None:
            # The dialog has gone from the screen already: a screenshot shows the dashboard.
            deliveries.save(choice, self.on_screen())

    def on_screen(self) -> OnScreen:
        """What the panes show now: the answers for the selection, and the breakdown rows
        in the pane's dimension, sort and filter."""
        selection = self.selection
        breakdown = self.panes.breakdown
        return OnScreen(
            site=None if selection is None else selection.site,
            period=str(self.pending_period if selection is None else selection.period),
            stats=self.state.stats,
            events=self.state.events,
            rows=breakdown.matching_rows(),
            dimension=breakdown.dimension,
            row_filter=breakdown.filter_text,
        )

    def action_help(self) -> None:
        """Show every key."""
        self.app.push_screen(HelpScreen((*DASHBOARD_COMMANDS, *APP_COMMANDS)))

    def action_show_value(self) -> None:
        """Enter: the whole value of the breakdown row under the cursor."""
        breakdown = self.panes.breakdown
        rows = breakdown.shown_rows
        index = breakdown.query_one(DataTable).cursor_row
        if 0 <= index < len(rows):
            self.app.push_screen(ValueScreen(breakdown.dimension, rows[index]))

    @on(BreakdownTable.ValueChosen)
    def _show_value(self, event: BreakdownTable.ValueChosen) -> None:
        # A click on a row: no dialog on a wall screen, where nobody would close it.
        if self.check_action("show_value", ()):
            self.app.push_screen(ValueScreen(event.dimension, event.row))
