"""The team's shared request budget, as the server reports it in ``x-ratelimit-*`` headers."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

__all__ = ["RateBudget"]


def _header_int(headers: Mapping[str, str], name: str) -> int | None:
    """An integer header, or None when it is missing or not a number ("unknown", not zero)."""
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        value = int(raw.strip())
    except ValueError:
        return None
    return value if value >= 0 else None


def _header_float(headers: Mapping[str, str], name: str) -> float | None:
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        value = float(raw.strip())
    except ValueError:
        return None
    return value if 0 <= value < 1e12 else None


@dataclass
class RateBudget:
    """What is left of the 100-requests-per-minute team budget, and any enforced pause.

    ``limit``, ``remaining`` and ``reset_at`` (Unix seconds) are None while unknown.
    ``blocked_until`` is set after a 429: the client sends nothing before that instant.
    """

    clock: Callable[[], float] = field(default=time.time, repr=False)
    limit: int | None = None
    remaining: int | None = None
    reset_at: float | None = None
    blocked_until: float | None = None
    requests_sent: int = 0

    def update(self, headers: Mapping[str, str]) -> None:
        """Take the ``x-ratelimit-*`` headers of a response; missing ones leave values unknown."""
        self.limit = _header_int(headers, "x-ratelimit-limit")
        self.remaining = _header_int(headers, "x-ratelimit-remaining")
        self.reset_at = _header_float(headers, "x-ratelimit-reset")

    def retry_after(self, headers: Mapping[str, str], body_retry_after: object) -> float:
        """Seconds to wait after a 429: ``retry-after`` header, body ``retry_after``, reset, 60."""
        wait = _header_float(headers, "retry-after")
        if (
            wait is None
            and isinstance(body_retry_after, int | float)
            and not isinstance(body_retry_after, bool)
        ):
            wait = float(body_retry_after) if 0 <= body_retry_after < 86_400 else None
        if wait is None and self.reset_at is not None:
            wait = max(0.0, self.reset_at - self.clock())
        if wait is None:
            wait = 60.0
        return min(wait, 3600.0)

    def block_for(self, seconds: float) -> None:
        """Send nothing for ``seconds`` from now."""
        self.blocked_until = self.clock() + seconds

    def wait_needed(self) -> float:
        """Seconds still to wait before a request may be sent (0 when free to send)."""
        if self.blocked_until is None:
            return 0.0
        left = self.blocked_until - self.clock()
        if left <= 0:
            self.blocked_until = None
            return 0.0
        return left

    def seconds_to_reset(self) -> float | None:
        """Seconds until the server's window resets, when known."""
        if self.reset_at is None:
            return None
        return max(0.0, self.reset_at - self.clock())

    def describe(self) -> str:
        """A short text for the UI, e.g. ``87/100 req left`` or ``budget unknown``."""
        wait = self.wait_needed()
        if wait > 0:
            return f"rate limited, {math.ceil(wait)}s"  # never "0s" while still blocked
        if self.remaining is None:
            return "budget ?"
        if self.limit is None:
            return f"{self.remaining} req left"
        return f"{self.remaining}/{self.limit} req left"
