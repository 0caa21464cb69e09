"""Kiosk: which of the rotating sites is on screen, and when the next one comes."""

from __future__ import annotations

from rich.text import Text

from krafter_tui.text.durations import countdown
from krafter_tui.text.sanitiser import clean_server_text
from krafter_tui.ui.widgets.fitline import FitLine

__all__ = ["RotationBar"]


class RotationBar(FitLine):
    """One line under the panes of a wall screen: ``site 2 of 3 · next in 40s: Pebble Docs``
    (the next site's name only where it fits)."""

    def show_rotation(
        self,
        position: int | None,
        count: int,
        seconds_left: float,
        next_name: str,
        *,
        stop: str | None = None,
    ) -> None:
        """Show where the rotation stands; ``position`` is 1-based (None: not in the list);
        ``stop`` names a stop that is not a site (``All sites``)."""
        where = f"site {position} of {count}" if position is not None else f"{count} sites"
        where = stop or where
        when = f"{where} · next in {countdown(seconds_left)}"
        name = clean_server_text(next_name, limit=60)
        self.show(Text(f"{when}: {name}"), Text(when), Text(f"next in {countdown(seconds_left)}"))
