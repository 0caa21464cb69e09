"""A burst of selection changes costs the requests of the selection the user stops on."""

from __future__ import annotations

from collections.abc import Callable

from krafter_tui.feeds.host import Host, TimerHandle

__all__ = ["SETTLE_DELAY", "SettleWait"]

# Seconds the network waits after a change of site or period. Ten ← pressed in 1.5 s are 150 ms
# apart: each press restarts the wait, so only the period the user stops on is asked for.
SETTLE_DELAY = 0.3


class SettleWait:
    """Holds a new selection's fetches until the keys have settled.

    What the cache has is shown at once by the caller; only the requests wait. A new change
    within ``delay`` seconds drops the held fetches (:meth:`cancel`) and holds its own, so
    abandoned selections cost nothing. The wait runs on the host's timers (a manual clock in
    tests).
    """

    def __init__(self, host: Host, delay: float | None = None) -> None:
        self.host = host
        self.delay = SETTLE_DELAY if delay is None else delay
        self._timer: TimerHandle | None = None

    @property
    def pending(self) -> bool:
        """Whether fetches are held, waiting for the keys to settle."""
        return self._timer is not None

    def send(self, fetches: list[Callable[[], None]], *, wait: bool) -> None:
        """Start ``fetches`` now, or with ``wait`` once ``delay`` seconds pass with no other
        change (replacing any fetches still held)."""
        self.cancel()
        if not wait or self.delay <= 0:
            for fetch in fetches:
                fetch()
            return

        def settled() -> None:
            self._timer = None
            for fetch in fetches:
                fetch()

        self._timer = self.host.start_timer(self.delay, settled, name="settle")

    def cancel(self) -> None:
        """Drop the held fetches (another selection was chosen, or polling stopped)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
