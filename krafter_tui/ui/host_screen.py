"""A screen that hosts a poller of the core: its tasks run as the screen's Textual workers and
its timers as the screen's timers (the :class:`~krafter_tui.feeds.host.Host` protocol).

The dashboard hosts the dashboard's :class:`~krafter_tui.feeds.poller.Poller`, the All sites
screen the :class:`~krafter_tui.overview.row_poller.RowPoller`: both through this one class,
so the two pollers are run the same way (workers and timers die with their screen).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from textual.screen import Screen
from textual.timer import Timer

__all__ = ["HostScreen"]

ResultT = TypeVar("ResultT")


class HostScreen(Screen[ResultT]):
    """Runs a poller's tasks and timers; each screen says whether its panes are in view."""

    def run_task(self, group: str, work: Callable[[], Awaitable[None]]) -> None:
        """A worker of ``group``: exclusive, so a new fetch cancels the old request."""
        self.run_worker(work, group=group, exclusive=True, exit_on_error=False)

    def cancel_tasks(self, group: str) -> None:
        """Cancel the workers of ``group``."""
        self.workers.cancel_group(self, group)

    def start_timer(self, delay: float, callback: Callable[[], None], name: str) -> Timer:
        """A one-off timer."""
        return self.set_timer(delay, callback, name=name)
