"""The poller's side of the record: each live answer it reads becomes a reading.

No Textual here. :class:`PollRecording` hands a stats or events answer to the
:class:`~krafter_tui.record.Record` in a worker thread, as a task of its own once the answer
was read (the fetch and the paint never wait for it), at the time the answer was read; it
asks the record for yesterday at the same time (the so-far rule) and for the sources it had
not seen (the alerts), and says when the record stops recording. With no record, nothing
happens and nothing is said.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from krafter_tui.api import Stats, Totals
from krafter_tui.feeds.host import Sink
from krafter_tui.feeds.model import Selection
from krafter_tui.record import Record, RecordStatus

__all__ = ["PollRecording"]

log = logging.getLogger("krafter_tui")
T = TypeVar("T")


class PollRecording:
    """Readings from the poller's answers into ``record`` (None: none); ``is_current`` says
    whether a selection is still the one on screen (only then is the sink told)."""

    def __init__(
        self,
        record: Record | None,
        sink: Sink,
        clock: Callable[[], datetime],
        is_current: Callable[[Selection], bool],
    ) -> None:
        self.record = record
        self.sink = sink
        self.clock = clock
        self.is_current = is_current
        self._tasks: set[asyncio.Task[None]] = set()
        self._status: RecordStatus | None = record.status if record is not None else None

    def not_recording(self) -> str | None:
        """``not recording: <reason>`` while the record cannot be written, else None
        (recording, or no record)."""
        status = self.record.status if self.record is not None else None
        return None if status is None or status.recording else status.text

    def read_time(self, read: float | None) -> datetime:
        """When an answer was read: now on the poller's clock (None: just read), else the
        shared cache's read time (Unix seconds)."""
        return self.clock() if read is None else datetime.fromtimestamp(read, UTC)

    def answer(self, write: Callable[[Record], T], then: Callable[[T], None] | None = None) -> None:
        """Give an answer to the record: ``write(record)`` in a worker thread, a task of its
        own, then ``then(what it returned)`` back on the event loop; nothing they raise
        escapes, and a change of the record's status is shown (the status line)."""
        record = self.record
        if record is None:
            return

        async def run() -> None:
            try:
                written = await asyncio.to_thread(write, record)
                if then is not None:
                    then(written)
            except Exception:
                log.exception("the record refused a reading")
            if record.status != self._status:
                self._status = record.status
                self.sink.health_changed()

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def stats(self, selection: Selection, stats: Stats, at: datetime) -> None:
        """Record a stats answer of ``selection`` read at ``at``; then tell the sink of the
        sources the record had not seen in its last day that sent visitors in its last ten
        minutes (the alerts choose which are news), if ``selection`` is still on screen."""
        site_key = selection.site.site_key

        def write(record: Record) -> list[tuple[str, str, int]]:
            if not record.add_stats(site_key, stats, at):
                return []
            found = record.new_sources(site_key, at, at_least=1)
            return [(source.dimension, source.value, source.added) for source in found]

        def then(found: list[tuple[str, str, int]]) -> None:
            if not self.is_current(selection):
                return
            self.sink.recorded(selection)
            if found:
                self.sink.new_sources(selection, found, at)

        self.answer(write, then)

    async def yesterday(self, site_key: str, stats: Stats, at: datetime) -> Totals | None:
        """The record's totals of yesterday at the time of day ``at`` (the reading time of
        ``stats``), when ``stats`` is of the period "today" and yesterday was recorded up to
        then; else None. Asked in a worker thread (a few milliseconds)."""
        record = self.record
        day = at.astimezone(UTC).date()
        if record is None or not stats.period.start == stats.period.end == day:
            return None
        try:
            found = await asyncio.to_thread(record.same_time_yesterday, site_key, at)
        except Exception:
            log.exception("the record could not say yesterday")
            return None
        return None if found is None else found.totals

    async def written(self) -> None:
        """Wait until the answers handed to the record are written (tests)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
