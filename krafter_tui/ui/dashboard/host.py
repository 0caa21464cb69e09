"""The poller's host on Textual (:class:`~krafter_tui.feeds.Host`): its tasks run as the
screen's workers, its timers as the screen's timers, and it polls at full rate only while a
person can see the panes (the window is large enough and no full screen covers them)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from rich.text import Text
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Static

from krafter_tui.ui.dashboard.layout import MIN_SIZE
from krafter_tui.ui.dashboard.selection import SelectionScreen

__all__ = ["PollerHost"]


class PollerHost(SelectionScreen):
    """Runs the poller's tasks and timers, and wakes it when the panes come back in view."""

    def run_task(self, group: str, work: Callable[[], Awaitable[None]]) -> None:
        """A worker of ``group``: exclusive, so a new fetch cancels the old request."""
        self.run_worker(work, group=group, exclusive=True, exit_on_error=False)

    def cancel_tasks(self, group: str) -> None:
        """Cancel the workers of ``group``."""
        self.workers.cancel_group(self, group)

    def start_timer(self, delay: float, callback: Callable[[], None], name: str) -> Timer:
        """A one-off timer."""
        return self.set_timer(delay, callback, name=name)

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
        self.query_one("#too-small", Static).update(
            Text(
                f"Terminal too small ({width}×{height}).\n"
                f"krafter-tui needs at least {MIN_SIZE[0]}×{MIN_SIZE[1]}: enlarge the window."
            )
        )
