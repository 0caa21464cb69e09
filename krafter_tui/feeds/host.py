"""The two small protocols the poller works through: a host that runs tasks and timers, and
a sink that receives typed results. The dashboard screen is both; tests use plain fakes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from krafter_tui.api import Event, ForbiddenError, Site, Stats, UnauthorizedError
from krafter_tui.api.errors import ApiError
from krafter_tui.feeds.model import Feed, Selection

__all__ = ["Host", "Sink", "TimerHandle"]


class TimerHandle(Protocol):
    """A timer that can be stopped before it fires."""

    def stop(self) -> None:
        """Do not fire."""


class Host(Protocol):
    """Runs the poller's fetches and timers (Textual workers and timers in the app)."""

    def run_task(self, group: str, work: Callable[[], Awaitable[None]]) -> None:
        """Run ``work()`` as a task of ``group``, cancelling the group's earlier one."""

    def cancel_tasks(self, group: str) -> None:
        """Cancel the tasks of ``group`` that have not ended."""

    def start_timer(self, delay: float, callback: Callable[[], None], name: str) -> TimerHandle:
        """Call ``callback`` once, ``delay`` seconds from now."""

    def panes_visible(self) -> bool:
        """Whether a person can see the panes (only then do feeds poll at full rate)."""


class Sink(Protocol):
    """Receives what the poller fetched, for the selection it says, and its troubles.

    The answers are in the poller's model (:class:`~krafter_tui.feeds.model.DashboardState`)
    before a ``show_*`` call: the sink draws, it does not store.
    """

    def paint_batch(self) -> AbstractContextManager[None]:
        """Group what is shown inside into one paint."""

    def show_stats(self, selection: Selection, stats: Stats, compared: Stats | None) -> None:
        """A stats answer (with the compared period's, if known yet)."""

    def show_compared(self, selection: Selection, compared: Stats) -> None:
        """The compared period's stats arrived after the stats."""

    def show_events(self, selection: Selection, events: list[Event]) -> None:
        """An events answer."""

    def show_compared_events(self, selection: Selection, events: list[Event]) -> None:
        """The compared period's custom events arrived (for the events' change column)."""

    def show_week(self, selection: Selection) -> None:
        """The last 7 days of a today arrived (the chart draws them until the record has
        today's hours)."""

    def selection_accepted(self, selection: Selection) -> None:
        """The server answered stats for ``selection``, a selection not accepted just before:
        the one to remember between runs (called after it was shown, never while painting)."""

    def show_realtime(self, selection: Selection, visitors: int) -> None:
        """A realtime reading."""

    def sites_loaded(self, sites: list[Site]) -> None:
        """The site list arrived (possibly empty)."""

    def auth_failed(self, error: UnauthorizedError | ForbiddenError) -> None:
        """The key was refused: the poller has stopped."""

    def selection_refused(self, selection: Selection, feed: Feed, error: ApiError) -> None:
        """The server refused ``selection`` for ``feed`` (400/404/422): not retried."""

    def recorded(self, selection: Selection) -> None:
        """A stats answer of ``selection`` (still on screen) is now in the record: what is
        drawn from the record (today's hours, the rising order) can show it."""

    def new_sources(
        self, selection: Selection, found: list[tuple[str, str, int]], at: datetime
    ) -> None:
        """The record, given a stats answer of ``selection`` read ``at``, found sources it
        had not seen in its last day: (dimension, source, visitors in its last ten minutes)."""

    def health_changed(self) -> None:
        """A feed's health changed (marks, banner)."""

    def budget_changed(self) -> None:
        """The rate budget may have moved (a request ended)."""
