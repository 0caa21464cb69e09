"""The kiosk's playlist (``kiosk_stops``, as Grafana's playlists): which stop is on screen,
which comes next and when, each stop on screen for its own seconds.

No Textual, and no clock of its own: every call is given the time (``time.monotonic()`` on
screen, a fake clock in tests). A stop names a site (key or name) or ``overview`` (All sites);
a name that matches no site of the list as it is now is passed over (the dashboard warns of it
once, through :func:`~krafter_tui.feeds.site_choice.kiosk_sites`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from krafter_tui.api import Site
from krafter_tui.feeds.site_choice import find_site, is_overview_stop

__all__ = ["Playlist", "Stop"]


@dataclass(frozen=True)
class Stop:
    """One stop as it is now: a site (None: the All sites overview) and its seconds."""

    site: Site | None
    seconds: float

    @property
    def name(self) -> str:
        """What the countdown line calls it."""
        return "All sites" if self.site is None else self.site.name


class Playlist:
    """Where the rotation through ``entries`` (name, seconds) stands; ``due`` is when the stop
    on screen ends (None before :meth:`start`)."""

    def __init__(self, entries: Sequence[tuple[str, float]]) -> None:
        self.entries = tuple(entries)
        self.index = 0
        self.due: float | None = None

    def _resolve(self, index: int, sites: Sequence[Site]) -> Stop | None:
        name, seconds = self.entries[index]
        if is_overview_stop(name):
            return Stop(None, seconds)
        site = find_site(sites, name)
        return None if site is None else Stop(site, seconds)

    def _playable(self, sites: Sequence[Site]) -> list[int]:
        return [i for i in range(len(self.entries)) if self._resolve(i, sites) is not None]

    def start(self, sites: Sequence[Site], now: float) -> Stop | None:
        """The first stop that is a site (the dashboard opens on it), counting from ``now``."""
        playable = self._playable(sites)
        firsts = [i for i in playable if not is_overview_stop(self.entries[i][0])]
        self.index = firsts[0] if firsts else (playable[0] if playable else 0)
        stop = self.current(sites)
        self.due = now + (stop.seconds if stop is not None else self.entries[self.index][1])
        return stop

    def current(self, sites: Sequence[Site]) -> Stop | None:
        """The stop on screen (None: it matches no site now)."""
        return self._resolve(self.index, sites) if self.entries else None

    def _following_index(self, sites: Sequence[Site]) -> int | None:
        count = len(self.entries)
        for step in range(1, count + 1):
            index = (self.index + step) % count
            if self._resolve(index, sites) is not None:
                return index
        return None

    def upcoming(self, sites: Sequence[Site]) -> Stop | None:
        """The stop that comes next (None: no stop matches a site of ``sites``)."""
        index = self._following_index(sites)
        return None if index is None else self._resolve(index, sites)

    def advance(self, sites: Sequence[Site], now: float) -> Stop | None:
        """Move to the next stop that matches, on screen from ``now`` for its seconds."""
        index = self._following_index(sites)
        if index is None:
            return None
        self.index = index
        stop = self._resolve(index, sites)
        assert stop is not None
        self.due = now + stop.seconds
        return stop

    def position(self, sites: Sequence[Site]) -> tuple[int | None, int]:
        """The stop on screen among the stops that match (1-based; None: it matches none)."""
        playable = self._playable(sites)
        place = playable.index(self.index) + 1 if self.index in playable else None
        return place, len(playable)

    def left(self, now: float) -> float:
        """Seconds until the next stop."""
        return 0.0 if self.due is None else max(0.0, self.due - now)
