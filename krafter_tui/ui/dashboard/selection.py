"""The dashboard's selection: what every part of the screen shares (declared here, set by
:class:`~krafter_tui.ui.screens.dashboard.DashboardScreen`), the site and period on screen,
and :meth:`SelectionScreen.select`, which changes them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property

from krafter_tui.api import KrafterClient, Period, Site
from krafter_tui.feeds import FEEDS, DashboardState, Kiosk, Poller, Selection
from krafter_tui.record import Record
from krafter_tui.ui.alert_desk import AlertDesk
from krafter_tui.ui.delivery import Deliveries
from krafter_tui.ui.host_screen import HostScreen
from krafter_tui.ui.panes import DashboardPanes
from krafter_tui.ui.widgets.pane import painted_once

__all__ = ["SelectionScreen"]


class SelectionScreen(HostScreen[None]):
    """The part every other part of the dashboard builds on: the shared attributes, the
    panes, and the selection (read from the poller, changed by :meth:`select`)."""

    client: KrafterClient
    clock: Callable[[], datetime]
    quitting: Callable[[], bool]  # the app is quitting: keys still queued open nothing
    deliveries: Deliveries | None  # where Ctrl+S's exports go (None: no exports)
    sites: list[Site]
    kiosk: Kiosk | None
    rotation: list[Site]  # the kiosk's sites, in rotation order
    next_rotation: float | None  # time.monotonic() of the next site switch
    pending_period: Period
    state: DashboardState
    poller: Poller
    alerts: AlertDesk | None
    # The record of what the dashboard polled (None: recording is off): the chart's hours
    # of today and yesterday, and the breakdown's rising order, come from it.
    record: Record | None

    @property
    def selection(self) -> Selection | None:
        """The site and period on screen (the poller's: the one it polls)."""
        return self.poller.selection

    @cached_property
    def panes(self) -> DashboardPanes:
        """Typed handles to the panes (after compose)."""
        return DashboardPanes(self, lambda: self.record)

    def show_banner(self, message: str | None) -> None:
        """Show (or hide, with None) the banner under the status line (the screen's)."""
        raise NotImplementedError

    def show_rotation(self) -> None:
        """Kiosk: the rotation line under the panes (the kiosk part's)."""
        raise NotImplementedError

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
        with painted_once(self.app):
            if new_site:  # its own readings of the last half hour, if it was shown before
                panes.realtime.show_readings(self.state.readings.recent(site.site_key))
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
