"""The one fake clock of the tests: it moves only when the test says so.

``clock()`` is the time now, an aware datetime: what the poller, the overview feed, the shared
cache, the app and the demo server (``create_demo_app(now=clock)``) are given. ``clock.seconds``
is the same time as a Unix timestamp, for the API client's :class:`~krafter_tui.api.RateBudget`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

__all__ = ["NOW", "FakeClock"]

#: A Thursday afternoon, so every period has history (the demo's frozen "now" in most tests).
NOW = datetime(2026, 11, 26, 14, 30, 0, tzinfo=UTC)


class FakeClock:
    """A settable clock, starting at ``start`` (an aware datetime, or a Unix timestamp)."""

    def __init__(self, start: datetime | float = NOW) -> None:
        self.now = start if isinstance(start, datetime) else datetime.fromtimestamp(start, UTC)

    def __call__(self) -> datetime:
        return self.now

    def seconds(self) -> float:
        """The time now as a Unix timestamp (the rate budget's clock)."""
        return self.now.timestamp()

    def advance(self, seconds: float = 0.0, **delta: float) -> None:
        """Move the clock forward by ``seconds`` and ``timedelta(**delta)`` (minutes=1, ...)."""
        self.now += timedelta(seconds=seconds, **delta)
