"""The site keys: the site picker, the previous or next site of the list, the All sites
overview (and its feed, kept while it is shut), and a refresh of everything."""

from __future__ import annotations

import sys
from functools import cached_property
from typing import TYPE_CHECKING

from krafter_tui.api import Site
from krafter_tui.feeds.site_choice import find_site
from krafter_tui.ui.dashboard.selection import SelectionScreen

if TYPE_CHECKING:
    from krafter_tui.alerts.marks import AlertMarks
    from krafter_tui.overview.feed import OverviewFeed
    from krafter_tui.ui.screens.overview import OverviewScreen

# All sites and the site picker are imported when their key is pressed, not before the first
# frame (tests/ui/test_first_paint_imports.py).

__all__ = ["SiteKeys", "as_overview"]


def as_overview(screen: object) -> OverviewScreen | None:
    """``screen`` if it is All sites, else None; All sites is not imported to find out (it
    cannot be on screen before its module is)."""
    module = sys.modules.get("krafter_tui.ui.screens.overview")
    if module is None or not isinstance(screen, module.OverviewScreen):
        return None
    overview: OverviewScreen = screen
    return overview


class SiteKeys(SelectionScreen):
    """Moves the selection to another site of the team's list."""

    def action_pick_site(self) -> None:
        """Open the site picker."""
        if not self.sites:
            self.notify("The sites have not loaded yet.", severity="warning")
            return
        from krafter_tui.ui.screens.site_picker import SitePicker

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
        from krafter_tui.ui.screens.overview import OverviewScreen

        return OverviewScreen(
            self.overview_feed,
            sites=lambda: self.sites,
            current=self.selection.site if self.selection else None,
            kiosk=self.kiosk is not None,
            deliveries=self.deliveries,
        )

    @cached_property
    def overview_feed(self) -> OverviewFeed:
        """The All sites rows, kept while the overview is closed (it polls only when open),
        with the alert marks the dashboard's alerts keep."""
        from krafter_tui.overview.feed import OverviewFeed
        from krafter_tui.overview.pace import hidden_dashboard_rate

        health = self.poller.health
        background = hidden_dashboard_rate(health["realtime"].interval, health["stats"].interval)
        return OverviewFeed(
            self.client,
            clock=self.clock,
            background=background,
            record=self.record,
            alerts=self.alert_marks,
        )

    @cached_property
    def alert_marks(self) -> AlertMarks:
        """The sites' alert marks: set by the dashboard's alerts, shown by All sites' rows."""
        from krafter_tui.alerts.marks import AlertMarks

        return AlertMarks()

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

    def find_site(self, text: str) -> Site | None:
        """The site whose key, name or domain equals ``text``, else the only one containing it."""
        return find_site(self.sites, text)

    def action_refresh(self) -> None:
        """Fetch everything again now (the site list too, when it is missing or stopped)."""
        if not self.sites or not self.poller.sites_armed():
            self.poller.load_sites()
        if self.selection is None:
            return
        self.poller.forget(self.selection)
        self.select(self.selection.site, self.selection.period)
