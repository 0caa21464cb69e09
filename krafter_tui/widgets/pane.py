"""A bordered dashboard pane that knows whether its data is loading, fresh, or failed."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical

__all__ = ["Pane"]


class Pane(Vertical):
    """A titled box around one part of the dashboard.

    The pane keeps its last good content while new data loads (dimmed, with a mark in the
    bottom border) and shows errors in its bottom border in the error colour.
    """

    can_focus = False

    def __init__(self, title: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = title
        self._error: str | None = None
        self._loading = False
        self._hint = ""
        self._note: str | None = None
        self._subtitle: str | None = None
        self.key_hints = True  # off on wall screens (kiosk), where nobody is at the keyboard

    @property
    def error(self) -> str | None:
        """The error shown in the border, if any."""
        return self._error

    def set_hint(self, hint: str, *, keys: bool = False) -> None:
        """A short right-aligned note in the bottom border; ``keys`` marks a hint that names
        keys (e.g. ``m metric``), left out when :attr:`key_hints` is off."""
        self._hint = "" if keys and not self.key_hints else hint
        self._update_subtitle()

    def set_note(self, note: str | None) -> None:
        """A note in the bottom border in place of the hint, e.g. ``stale · 3m old``."""
        if note != self._note:
            self._note = note
            self._update_subtitle()

    def mark_loading(self, loading: bool = True) -> None:
        """Dim the old content and mark the border while fresh data is on its way."""
        self._loading = loading
        self.set_class(loading, "-loading")
        self._update_subtitle()

    def mark_ok(self) -> None:
        """Fresh data arrived: clear loading and error marks."""
        self._error = None
        self._loading = False
        self.remove_class("-loading", "-error")
        self._update_subtitle()

    def mark_error(self, message: str) -> None:
        """Show ``message`` in the border; the last good content stays visible."""
        if message == self._error and self.has_class("-error"):
            return
        self._error = message
        self._loading = False
        self.remove_class("-loading")
        self.add_class("-error")
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        # Only touch the border when its text changes: the dashboard re-marks panes every
        # second while something is wrong, and a repaint per second is not free.
        if self._error is not None:
            text, style = f"⚠ {self._error}", "bold"
        elif self._loading:
            text, style = "⟳ loading…", ""
        elif self._note:
            text, style = f"⚠ {self._note}", ""
        else:
            text, style = self._hint, ""
        if text == self._subtitle:
            return
        self._subtitle = text
        self.border_subtitle = Text(text, style=style) if text else None
