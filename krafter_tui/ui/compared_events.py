"""The custom events of the compared period, for the events pane's change column.

Asked for once per site and compared range (the compared period is in the past: its events
do not move), by a worker of the dashboard, when a comparison is drawn (``x``) and the
compared period's stats have told which range that is.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial
from typing import Any

from textual.screen import Screen

from krafter_tui.api import ApiError, KrafterClient, Period
from krafter_tui.feeds.model import DashboardState, Selection

__all__ = ["ComparedEvents"]

log = logging.getLogger("krafter_tui")

Key = tuple[str, date, date]  # site key, first and last day of the compared range


class ComparedEvents:
    """Keeps ``state.compared_events`` in step with ``state.compared`` while comparing;
    ``shown`` is called when they arrive."""

    def __init__(
        self,
        screen: Screen[Any],
        client: KrafterClient,
        state: DashboardState,
        shown: Callable[[], None],
    ) -> None:
        self.screen = screen
        self.client = client
        self.state = state
        self.shown = shown
        self.key: Key | None = None  # the range state.compared_events are of

    def want(self, selection: Selection | None) -> None:
        """Ask for the compared period's events of ``selection`` unless they are here."""
        compared = self.state.compared
        if selection is None or self.state.compare == "off" or compared is None:
            return
        key = (selection.site.site_key, compared.period.start, compared.period.end)
        if key == self.key and self.state.compared_events is not None:
            return
        self.key = key
        self.state.compared_events = None
        work: Callable[[], Awaitable[None]] = partial(self._fetch, key)
        self.screen.run_worker(work, group="compared-events", exclusive=True, exit_on_error=False)

    async def _fetch(self, key: Key) -> None:
        site_key, start, end = key
        try:
            events = await self.client.events(site_key, Period.custom(start, end))
        except ApiError as error:  # the column stays away; the next compared answer asks again
            log.info("compared events: %s", error.message)
            self.key = None
            return
        if key == self.key:
            self.state.compared_events = events
            self.shown()
