"""Kiosk mode's rotation: the next of the kiosk's sites every few seconds (the All sites
overview as one stop, when asked), and the line under the panes that counts down to it."""

from __future__ import annotations

import time

from krafter_tui.feeds import Kiosk
from krafter_tui.feeds.playlist import Playlist
from krafter_tui.feeds.site_choice import rotation_next, rotation_step
from krafter_tui.ui.dashboard.kiosk_rising import KioskRising
from krafter_tui.ui.dashboard.site_keys import SiteKeys, as_overview
from krafter_tui.ui.widgets.rotation import RotationBar

__all__ = ["KioskRotation"]


class KioskRotation(SiteKeys, KioskRising):
    """Steps through :attr:`rotation` (the kiosk's sites, in order) on a timer, and through
    the dimensions of each breakdown on screen on another."""

    playlist: Playlist | None = None  # kiosk_stops: each stop for its own seconds

    def start_rotations(self, kiosk: Kiosk) -> None:
        """The kiosk's timers: the next site, the countdown to it, the next dimension."""
        for warning in kiosk.warnings:  # stops skipped for a bad duration
            self.notify(warning, severity="warning", markup=False, timeout=15)
        if kiosk.stops:
            self.playlist = Playlist(kiosk.stops)  # started once the sites are in
            self.set_interval(1.0, self.show_rotation, name="rotation-countdown")
        elif kiosk.rotate_sites > 0:
            self.set_interval(kiosk.rotate_sites, self.rotate_site, name="rotate-sites")
            self.next_rotation = time.monotonic() + kiosk.rotate_sites
            self.set_interval(1.0, self.show_rotation, name="rotation-countdown")
        if kiosk.rotate_dimensions > 0:
            self.set_interval(
                kiosk.rotate_dimensions,
                self.rotate_dimension,  # with a rising stop (kiosk_rising.py)
                name="rotate-dims",
            )

    def rotate_site(self) -> None:
        """Kiosk rotation: show the next of the kiosk's sites."""
        if self.kiosk is not None and self.kiosk.rotate_sites > 0:
            self.next_rotation = time.monotonic() + self.kiosk.rotate_sites
        if not self.rotation or self.selection is None or self.kiosk is None:
            return
        overview_screen = as_overview(self.app.screen)
        following = rotation_next(
            self.rotation,
            self.selection.site,
            overview=self.kiosk.overview,
            on_overview=overview_screen is not None,
        )
        if overview_screen is not None:
            overview_screen.dismiss(None)
        if following is None:
            self.run_worker(self._show_overview(), group="kiosk-overview", exclusive=True)
        else:
            self.select(following, self.selection.period, refetch=False, settle=False)

    def next_stop(self) -> None:
        """Playlist: the next stop, on screen for its own seconds."""
        if self.playlist is None:
            return
        stop = self.playlist.advance(self.sites, time.monotonic())
        self._arm_stop()
        if stop is None or self.selection is None:
            return
        overview_screen = as_overview(self.app.screen)
        if overview_screen is not None:
            overview_screen.dismiss(None)
        if stop.site is None:
            self.run_worker(self._show_overview(), group="kiosk-overview", exclusive=True)
        else:
            self.select(stop.site, self.selection.period, refetch=False, settle=False)

    def _arm_stop(self) -> None:
        if self.playlist is not None and self.playlist.due is not None:
            self.next_rotation = self.playlist.due
            left = self.playlist.left(time.monotonic())
            self.set_timer(left, self.next_stop, name="rotate-sites")

    def _show_playlist(self) -> None:
        """The countdown line of a playlist (started here once the sites are in)."""
        playlist, bar = self.playlist, self.query_one(RotationBar)
        if playlist is None or not self.sites:
            return
        now = time.monotonic()
        if playlist.due is None:
            playlist.start(self.sites, now)
            self._arm_stop()
        upcoming = playlist.upcoming(self.sites)
        if upcoming is None:
            return
        position, count = playlist.position(self.sites)
        left = playlist.left(now)
        overview_screen = as_overview(self.app.screen)
        if overview_screen is not None:
            overview_screen.show_countdown(left, upcoming.name)
        bar.add_class("-visible")
        where = f"stop {position} of {count}" if position is not None else f"{count} stops"
        bar.show_rotation(position, count, left, upcoming.name, stop=where)

    async def _show_overview(self) -> None:
        """The All sites stop, once each of its rows has been fetched (never ``waiting``)."""
        self.overview_feed.set_sites(self.sites)
        await self.overview_feed.fill_untried()
        await self.app.push_screen(self.overview_screen(), self._overview_closed)
        self.show_rotation()

    def show_rotation(self) -> None:
        """Kiosk: ``site 2 of 3 · next in 40s`` under the panes (hidden without rotation)."""
        if self.playlist is not None:
            self._show_playlist()
            return
        bar = self.query_one(RotationBar)
        overview = self.kiosk is not None and self.kiosk.overview
        several = len(self.rotation) > 1 or (overview and bool(self.rotation))
        rotating = self.next_rotation is not None and several
        bar.set_class(rotating, "-visible")
        if not rotating or self.next_rotation is None or self.selection is None:
            return
        position, _ = rotation_step(self.rotation, self.selection.site)
        following = rotation_next(
            self.rotation, self.selection.site, overview=overview, on_overview=False
        )
        left = self.next_rotation - time.monotonic()
        overview_screen = as_overview(self.app.screen)
        if overview_screen is not None:  # the All sites stop counts down too
            overview_screen.show_countdown(left, self.rotation[0].name)
        name = "All sites" if following is None else following.name
        bar.show_rotation(position, len(self.rotation), left, name)
