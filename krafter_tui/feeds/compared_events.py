"""The custom events of the compared period, for the events pane's change column.

Asked for once per site and compared range (the compared period is in the past: its events
do not move), by the poller, when a comparison is drawn (``x``) and the compared period's
stats have told which range that is. The fetch is a task of the poller's host (group
``compared-events``), cancelled with the feeds when the selection changes; the answer goes
into the model (``state.compared_events``) and then to the sink.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial

from krafter_tui.api import ApiError, KrafterClient, Period
from krafter_tui.feeds.host import Host, Sink
from krafter_tui.feeds.model import DashboardState, Selection

__all__ = ["ComparedEventsFetch"]

log = logging.getLogger("krafter_tui")

Key = tuple[str, date, date]  # site key, first and last day of the compared range


class ComparedEventsFetch:
    """Keeps the model's ``compared_events`` in step with its ``compared`` while comparing."""

    def __init__(
        self,
        client: KrafterClient,
        host: Host,
        sink: Sink,
        state: DashboardState,
        is_current: Callable[[Selection], bool],
    ) -> None:
        self.client = client
        self.host = host
        self.sink = sink
        self.state = state
        self.is_current = is_current  # the poller's: answers for another selection are dropped
        self.key: Key | None = None  # the range state.compared_events are of

    def want(self, selection: Selection | None) -> None:
        """Ask for the compared period's events of ``selection`` unless they are here."""
        state = self.state
        compared = state.compared
        if selection is None or state.compare == "off" or compared is None:
            return
        key = (selection.site.site_key, compared.period.start, compared.period.end)
        if key == self.key and state.compared_events is not None:
            return
        self.key = key
        state.compared_events = None
        self.host.run_task("compared-events", partial(self._fetch, selection, key))

    async def _fetch(self, selection: Selection, key: Key) -> None:
        site_key, start, end = key
        try:
            events = await self.client.events(site_key, Period.custom(start, end))
        except ApiError as error:  # the column stays away; the next compared answer asks again
            log.info("compared events: %s", error.message)
            self.key = None
            return
        finally:
            self.sink.budget_changed()  # as every fetch of the poller: the budget moved
        if key == self.key and self.is_current(selection):
            self.state.compared_events = events
            self.sink.show_compared_events(selection, events)
