"""Kiosk mode's rotation: the next of the kiosk's sites every few seconds (the All sites
overview as one stop, when asked), and the line under the panes that counts down to it."""

from __future__ import annotations

import time

from krafter_tui.feeds import Kiosk
from krafter_tui.feeds.site_choice import rotation_next, rotation_step
from krafter_tui.ui.dashboard.pane_keys import PaneKeys
from krafter_tui.ui.dashboard.site_keys import SiteKeys
from krafter_tui.ui.screens.overview import OverviewScreen
from krafter_tui.ui.widgets.rotation import RotationBar

__all__ = ["KioskRotation"]


class KioskRotation(SiteKeys, PaneKeys):
    """Steps through :attr:`rotation` (the kiosk's sites, in order) on a timer, and through
    the dimensions of each breakdown on screen on another."""

    def start_rotations(self, kiosk: Kiosk) -> None:
        """The kiosk's timers: the next site, the countdown to it, the next dimension."""
        if kiosk.rotate_sites > 0:
            self.set_interval(kiosk.rotate_sites, self.rotate_site, name="rotate-sites")
            self.next_rotation = time.monotonic() + kiosk.rotate_sites
            self.set_interval(1.0, self.show_rotation, name="rotation-countdown")
        if kiosk.rotate_dimensions > 0:
            self.set_interval(kiosk.rotate_dimensions, self.rotate_dimensions, name="rotate-dims")

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
