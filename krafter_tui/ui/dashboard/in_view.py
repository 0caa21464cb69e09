"""The dashboard as the poller's host (:class:`~krafter_tui.feeds.Host`): its tasks and timers
run through :class:`~krafter_tui.ui.host_screen.HostScreen`; here, whether a person can see
the panes (the window is large enough and no full screen covers them), which is when the
poller polls at full rate."""

from __future__ import annotations

from rich.text import Text
from textual.screen import ModalScreen
from textual.widgets import Static

from krafter_tui.ui.dashboard.layout import MIN_SIZE
from krafter_tui.ui.dashboard.selection import SelectionScreen

__all__ = ["PollerHost"]


class PollerHost(SelectionScreen):
    """Runs the poller's tasks and timers, and wakes it when the panes come back in view."""

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
        notice = self.query_one("#too-small", Static)
        text = (
            f"Terminal too small ({width}×{height}).\n"
            f"krafter-tui needs at least {MIN_SIZE[0]}×{MIN_SIZE[1]}: enlarge the window."
        )
        if str(notice.content) != text:  # the same words again would lay the screen out again
            notice.update(Text(text))
