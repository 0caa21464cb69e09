"""The team's shared request budget, as the server reports it in ``x-ratelimit-*`` headers.

The server also says how long to wait (``retry-after``, ``x-ratelimit-reset``). A server with a
broken clock or a hostile one can ask for a wait of years, or for none at all while refusing
every request: each wait it asks for is capped, and 429s in a row back off exponentially.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Final

from krafter_tui.api.errors import RateLimitedError
from krafter_tui.text.durations import status_countdown, wait_text

__all__ = ["FIRST_BACKOFF", "LOW_SHARE", "MAX_WAIT", "WINDOW", "RateBudget"]

log = logging.getLogger("krafter_tui")

WINDOW: Final = 60.0  # the documented fixed window: a reset is never further ahead than this
MAX_WAIT: Final = 300.0  # five minutes: the longest any wait lasts, retry-after included
FIRST_BACKOFF: Final = 5.0  # the second 429 in a row waits at least this, doubling after
LOW_SHARE: Final = 0.2  # below this share left, polls wait for the reset (see polling.py)


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


def _seconds(value: object) -> float | None:
    """A wait in seconds, from a number or a numeric string; None when it is not one.

    Absurdly large waits (``1e9``, ``inf``) are kept: they are capped, and said, later.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, int | float) or math.isnan(value) or value < 0:
        return None
    return float(value)


@dataclass
class RateBudget:
    """What is left of the 100-requests-per-minute team budget, and any enforced pause.

    ``limit``, ``remaining`` and ``reset_at`` (Unix seconds) are None while unknown.
    ``blocked_until`` is set after a 429: the client sends nothing before that instant.
    ``reset_ahead`` is how far ahead the server put its reset when that was beyond the window
    (``reset_at`` is then capped to the window); ``refusals`` counts 429s in a row.
    ``window`` and ``max_wait`` are the documented window and the cap on any wait (tests
    shorten them, as they inject the clock).
    """

    clock: Callable[[], float] = field(default=time.time, repr=False)
    window: float = field(default=WINDOW, repr=False)
    max_wait: float = field(default=MAX_WAIT, repr=False)
    limit: int | None = None
    remaining: int | None = None
    reset_at: float | None = None
    blocked_until: float | None = None
    requests_sent: int = 0
    reset_ahead: float | None = None
    refusals: int = 0
    block_capped: str | None = None
    read_at: float | None = None
    said_reset: float | None = field(default=None, repr=False)  # uncapped: names the window

    def update(self, headers: Mapping[str, str], *, at: float | None = None) -> None:
        """Take the ``x-ratelimit-*`` headers of a response; missing ones leave values unknown.

        ``at``: when they were read, for headers another dashboard read (the shared cache).
        An answer older than the one the budget reflects is ignored, so the budget is never
        rolled back: in the same window (same limit and reset) the server's count only goes
        down, so more left means counted earlier, whoever read it and whenever; an answer
        from the window before is older; otherwise the earlier read is the older.
        """
        limit = _header_int(headers, "x-ratelimit-limit")
        remaining = _header_int(headers, "x-ratelimit-remaining")
        reset = _seconds(headers.get("x-ratelimit-reset"))
        if self._older(limit, remaining, reset, at):
            return
        self.read_at = self.clock() if at is None else max(at, self.read_at or at)
        self.limit, self.remaining, self.said_reset = limit, remaining, reset
        now = self.clock()
        if reset is not None and reset - now > self.window:
            if self.reset_ahead is None:  # once per episode: every answer would repeat it
                log.warning(
                    "the server's x-ratelimit-reset is %s ahead, beyond the %.0f s window: "
                    "its clock is wrong; waiting at most %.0f s for a reset",
                    wait_text(reset - now),
                    self.window,
                    self.window,
                )
            self.reset_ahead = reset - now
            reset = now + self.window
        elif reset is not None:
            self.reset_ahead = None
        self.reset_at = reset

    def _older(
        self, limit: int | None, remaining: int | None, reset: float | None, at: float | None
    ) -> bool:
        """Whether an answer with these headers, read ``at`` (None: just now, by this
        dashboard), is older than the one the budget reflects."""
        if at is not None and not math.isfinite(at):
            return True
        if reset is not None and self.said_reset is not None and limit == self.limit:
            if reset == self.said_reset and remaining is not None and self.remaining is not None:
                return remaining > self.remaining
            if 0 < self.said_reset - reset <= self.window:
                return True  # a late answer from the window before
            if 0 < reset - self.said_reset <= self.window:
                return False  # the next window
        # Windows far apart (a server clock put right) or headers missing: by time read.
        return at is not None and self.read_at is not None and at < self.read_at

    def retry_after(self, headers: Mapping[str, str], body_retry_after: object) -> float:
        """Seconds to wait after a 429, at most five minutes: ``retry-after`` header (seconds
        or an HTTP date), body ``retry_after``, the reset (capped to the window), else 60."""
        return min(self._asked(headers, body_retry_after)[0], self.max_wait)

    def _asked(self, headers: Mapping[str, str], body_retry_after: object) -> tuple[float, bool]:
        """The wait the server asks for, uncapped, and whether it comes from the reset."""
        header = headers.get("retry-after")
        wait = _seconds(header)
        if wait is None and header:
            try:
                when = parsedate_to_datetime(header)
            except (TypeError, ValueError, IndexError):
                when = None
            if when is not None:
                when = when if when.tzinfo else when.replace(tzinfo=UTC)
                wait = max(0.0, when.timestamp() - self.clock())
        if wait is None and not isinstance(body_retry_after, str):
            wait = _seconds(body_retry_after)
        if wait is None and self.reset_at is not None:
            return max(0.0, self.reset_at - self.clock()), True
        return (self.window if wait is None else wait), False

    def refused(self, headers: Mapping[str, str], body_retry_after: object) -> RateLimitedError:
        """A 429 arrived: hold every request back, and return the error to raise.

        The wait is what the server asked for, at most five minutes; from the second 429 in a
        row it is at least the backoff (5 s, doubling), so a server that asks for no wait while
        refusing everything is not hammered.
        """
        asked, from_reset = self._asked(headers, body_retry_after)
        if self.wait_needed() == 0:  # 429s to requests sent together are one refusal
            self.refusals += 1
        doublings = min(self.refusals - 2, 16)  # 5 s * 2**16 is far past the cap already
        floor = 0.0 if doublings < 0 else FIRST_BACKOFF * 2.0**doublings
        wait = min(max(asked, floor), self.max_wait)
        capped = None
        if asked > self.max_wait:
            capped = f"the server asked for {wait_text(asked)}, waiting {wait_text(wait)}"
            log.warning("429 asking for a wait of %s: capped at %.0f s", wait_text(asked), wait)
        elif from_reset and self.reset_ahead is not None:
            capped = f"the server's reset is {wait_text(self.reset_ahead)} ahead; clock wrong?"
        if wait >= self.wait_needed():
            self.block_for(wait)
            self.block_capped = capped
        return RateLimitedError(wait, capped)

    def answered(self) -> None:
        """An answer other than 429 arrived: the run of refusals is over."""
        self.refusals = 0

    def block_for(self, seconds: float) -> None:
        """Send nothing for ``seconds`` from now."""
        self.blocked_until = self.clock() + seconds
        self.block_capped = None

    def wait_needed(self) -> float:
        """Seconds still to wait before a request may be sent (0 when free to send)."""
        if self.blocked_until is None:
            return 0.0
        left = self.blocked_until - self.clock()
        if left <= 0:
            self.blocked_until = None
            self.block_capped = None
            return 0.0
        return left

    def seconds_to_reset(self) -> float | None:
        """Seconds until the server's window resets, when known."""
        if self.reset_at is None:
            return None
        return max(0.0, self.reset_at - self.clock())

    def share_left(self) -> float | None:
        """The share of the budget left (0 to 1), when the server says."""
        if self.limit is None or self.remaining is None or self.limit <= 0:
            return None
        return self.remaining / self.limit

    def describe(self) -> str:
        """A short text for the status line: ``87/100 req left``, ``rate limited, 42s``,
        ``3/100 req left, reset 20s`` when polls wait for the reset, or ``budget ?``.

        It counts down: the screen asks again every second.
        """
        wait = self.wait_needed()
        if wait > 0:
            capped = " (capped)" if self.block_capped else ""
            return f"rate limited, {status_countdown(wait)}{capped}"
        if self.remaining is None:
            return "budget ?"
        if self.limit is None:
            return f"{self.remaining} req left"
        text = f"{self.remaining}/{self.limit} req left"
        share, reset = self.share_left(), self.seconds_to_reset()
        if share is not None and share < LOW_SHARE and reset is not None and reset > 0:
            text += f", reset {status_countdown(reset)}"
            if self.reset_ahead is not None:
                text += " (server clock off)"
        return text
