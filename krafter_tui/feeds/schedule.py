"""When to poll next: intervals, exponential backoff with jitter, and the shared rate budget.

Pure logic, no Textual: the loader asks :func:`next_delay` after every fetch and keeps one
:class:`FeedHealth` per feed (stats, events, realtime) for the stale marks and the banner.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from krafter_tui.api import (
    AnswerTooLargeError,
    ApiError,
    BadRequestError,
    BadResponseError,
    ForbiddenError,
    NetworkError,
    NotFoundError,
    RateBudget,
    RateLimitedError,
    ServerError,
    UnauthorizedError,
    UntrustedCertificateError,
)
from krafter_tui.api.budget import LOW_SHARE, MAX_WAIT

__all__ = [
    "MAX_BACKOFF",
    "OFF_SCREEN_SLOWDOWN",
    "FeedHealth",
    "budget_delay",
    "next_delay",
    "pane_problem",
    "problem_text",
]

MAX_BACKOFF = MAX_WAIT  # five minutes: the longest a failing feed (or a 429) waits
LOW_BUDGET = LOW_SHARE  # below this share of the team budget left, background polls slow down
EMPTY_BUDGET = 0.05  # below this share, only the realtime feed polls, and only at reset
OFF_SCREEN_SLOWDOWN = 5.0  # panes nobody can see (too small, covered) poll 5x slower


@dataclass
class FeedHealth:
    """How one feed is doing: when it last worked, and its run of failures."""

    interval: float
    last_ok: datetime | None = None
    failures: int = 0
    error: ApiError | None = None
    next_try: datetime | None = None

    def succeeded(self, at: datetime) -> None:
        """A fresh answer arrived."""
        self.last_ok = at
        self.failures = 0
        self.error = None

    def failed(self, error: ApiError) -> None:
        """The fetch failed with ``error``."""
        self.failures += 1
        self.error = error

    def age(self, now: datetime) -> float | None:
        """Seconds since the last good answer."""
        return None if self.last_ok is None else max(0.0, (now - self.last_ok).total_seconds())

    def is_stale(self, now: datetime) -> bool:
        """Older than two intervals: the pane says so."""
        age = self.age(now)
        return age is not None and age > 2 * self.interval


def backoff(interval: float, failures: int, rng: random.Random) -> float:
    """The wait after ``failures`` failures in a row: doubling from the interval (or 5 s if
    that is shorter), capped at five minutes, with ±20 % jitter so many dashboards that lost the
    same server do not come back in lockstep."""
    base = min(interval, 5.0)
    wait: float = min(MAX_BACKOFF, base * 2.0 ** max(0, failures - 1))
    return min(MAX_BACKOFF, wait * rng.uniform(0.8, 1.2))


def budget_delay(budget: RateBudget, delay: float, *, realtime: bool) -> float:
    """Stretch ``delay`` when the team's budget runs low, so polling never spends it all.

    Other tools of the team share the 100 requests a minute. Below 20 % left, background feeds
    (stats, events) wait for the window to reset and realtime slows to half speed; below 5 %
    realtime waits for the reset too. Unknown budget (no headers) changes nothing.
    """
    if budget.limit is None or budget.remaining is None or budget.limit <= 0:
        return delay
    share = budget.remaining / budget.limit
    reset = budget.seconds_to_reset()
    until_reset = (reset + 1.0) if reset is not None else 60.0
    if share < EMPTY_BUDGET:
        return max(delay, until_reset)
    if share < LOW_BUDGET:
        return max(delay * 2, until_reset) if not realtime else delay * 2
    return delay


def next_delay(
    health: FeedHealth,
    budget: RateBudget,
    rng: random.Random,
    *,
    realtime: bool = False,
    on_screen: bool = True,
) -> float:
    """Seconds until this feed's next fetch, after the one that just ended.

    Only what is on screen polls at full rate: a feed whose pane cannot be seen waits five
    intervals (at most five minutes, never less than its interval or backoff); the screen
    wakes it when the pane shows again.
    """
    error = health.error
    if isinstance(error, RateLimitedError):
        delay = max(error.retry_after, budget.wait_needed(), 1.0)
    elif error is not None:
        delay = backoff(health.interval, health.failures, rng)
    else:
        delay = health.interval
    if not on_screen:
        delay = max(delay, min(MAX_BACKOFF, health.interval * OFF_SCREEN_SLOWDOWN))
    return budget_delay(budget, delay, realtime=realtime)


def pane_problem(error: ApiError) -> str:
    """A few words for a pane's border, short enough to leave room for the age."""
    if isinstance(error, UntrustedCertificateError):
        return "certificate not trusted"
    if isinstance(error, NetworkError):
        return "no answer (timeout)" if error.timeout else "offline"
    if isinstance(error, ServerError):
        return f"server error · HTTP {error.status}"
    if isinstance(error, RateLimitedError):
        return "rate limited"
    if isinstance(error, AnswerTooLargeError):
        return "answer too large"
    if isinstance(error, BadResponseError):
        return "unexpected response"
    if isinstance(error, UnauthorizedError):
        return "key refused"
    if isinstance(error, ForbiddenError):
        return "no access"
    if isinstance(error, NotFoundError):
        return "site not found"
    if isinstance(error, BadRequestError):
        return "refused by the server"
    return error.message


def problem_text(error: ApiError, log_path: object = None) -> str:
    """Plain words for the banner: what is wrong (the "when" is added by the caller)."""
    if isinstance(error, UntrustedCertificateError):
        return f"Not connected — {error.detail}."
    if isinstance(error, NetworkError):
        if error.timeout:
            return f"No answer — {error.detail}."  # in time, or in full within the deadline
        return f"Offline — {error.detail}."
    if isinstance(error, ServerError):
        return f"Server trouble — the Krafter API answered HTTP {error.status}."
    if isinstance(error, RateLimitedError):
        capped = f" The wait is capped: {error.capped}." if error.capped else ""
        return f"Rate limited — the team's 100 requests a minute are used up.{capped}"
    if isinstance(error, AnswerTooLargeError):
        return f"Answer too large — the server sent {error.size_text}; it was not read."
    if isinstance(error, BadResponseError):
        where = f" ({log_path})" if log_path else ""
        return f"Unexpected response from the server — details in the log file{where}."
    if isinstance(error, BadRequestError):
        return f"The server refused the request — {error.message.rstrip('.')}. Not retried."
    return error.message
