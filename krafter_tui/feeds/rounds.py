"""Answers to fetches sent together are shown together, in one paint."""

from __future__ import annotations

from collections.abc import Callable

from krafter_tui.feeds.host import Host, Sink, TimerHandle
from krafter_tui.feeds.model import Feed

__all__ = ["ROUND_WAIT", "PaintRound"]

ROUND_WAIT = 0.1  # an answer waits at most this long for the others sent with it


class PaintRound:
    """The answers to fetches sent together are shown together, in one paint.

    Four requests leave at once for a new site or period; their answers come back within a few
    milliseconds of each other, but Textual paints the first one for tens of milliseconds while
    the others wait in the socket, then paints the screen again. Answers of an open round are
    held until every fetch of it has ended, or ``wait`` seconds after the first answer,
    whichever comes first, then shown in one batch of the sink. Polls outside a round show at
    once.
    """

    def __init__(self, host: Host, sink: Sink, wait: float | None = None) -> None:
        self.host = host
        self.sink = sink
        self.wait = ROUND_WAIT if wait is None else wait
        self.flushes = 0  # rounds shown (tests count them)
        self._open: set[Feed] = set()
        self._held: list[Callable[[], None]] = []
        self._deadline: TimerHandle | None = None
        self._flushing = False  # the held answers are being shown, in one paint batch
        self._after_paint: list[Callable[[], None]] = []

    @property
    def is_open(self) -> bool:
        """Whether some fetch of the round has not ended."""
        return bool(self._open)

    def open(self, feeds: set[Feed]) -> None:
        """Start a round of ``feeds`` (forgetting answers held for an earlier round)."""
        self.close()
        self._open = set(feeds)

    def show(self, feed: Feed, show: Callable[[], None]) -> None:
        """Run ``show`` now, or when the round ``feed`` belongs to is complete."""
        if feed not in self._open:
            show()
            return
        self._held.append(show)
        if self._deadline is None:
            self._deadline = self.host.start_timer(self.wait, self.flush, name="paint-round")

    def ended(self, feed: Feed) -> None:
        """``feed``'s fetch is over (answered, failed or cancelled)."""
        if feed in self._open:
            self._open.discard(feed)
            if not self._open:
                self.flush()

    def flush(self) -> None:
        """Show what is held, in one batch, and close the round."""
        held, self._held = self._held, []
        self._open.clear()
        if self._deadline is not None:
            self._deadline.stop()
            self._deadline = None
        if held:
            self.flushes += 1
            self._flushing = True
            try:
                with self.sink.paint_batch():
                    for show in held:
                        show()
            finally:
                self._flushing = False
                after, self._after_paint = self._after_paint, []
            for call in after:
                call()

    def after_paint(self, call: Callable[[], None]) -> None:
        """Run ``call`` once what is being shown is painted: at once, or, while a round is
        being shown, right after its paint batch (nothing but drawing happens inside it)."""
        if self._flushing:
            self._after_paint.append(call)
        else:
            call()

    def close(self) -> None:
        """Drop the round and what it holds (another site or period was chosen)."""
        self._held.clear()
        self._open.clear()
        if self._deadline is not None:
            self._deadline.stop()
            self._deadline = None
