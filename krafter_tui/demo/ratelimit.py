"""The shared request budget: 100 requests per team per fixed minute window, as ASGI middleware.

Every response gets ``x-ratelimit-limit``, ``x-ratelimit-remaining`` and ``x-ratelimit-reset``
(Unix seconds of the window's end). Requests with a valid key draw from their team's bucket;
requests without one (which end in 401) draw from a bucket per client address. Rejected requests
do not count. The clock is injected so tests can cross a window without waiting.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from krafter_tui.demo.auth import authenticate
from krafter_tui.demo.refusals import RATE_LIMITED

__all__ = ["FixedWindowLimiter", "RateDecision", "RateLimitMiddleware"]


@dataclass(frozen=True)
class RateDecision:
    """The outcome of one request against a bucket, with the values for the headers."""

    allowed: bool
    limit: int
    remaining: int
    reset: int
    retry_after: int

    def headers(self) -> list[tuple[bytes, bytes]]:
        """The ``x-ratelimit-*`` headers (plus ``retry-after`` when refused)."""
        pairs = [
            (b"x-ratelimit-limit", str(self.limit).encode()),
            (b"x-ratelimit-remaining", str(self.remaining).encode()),
            (b"x-ratelimit-reset", str(self.reset).encode()),
        ]
        if not self.allowed:
            pairs.append((b"retry-after", str(self.retry_after).encode()))
        return pairs


class FixedWindowLimiter:
    """Counts requests per bucket in windows aligned to the minute (``floor(t / 60)``)."""

    def __init__(self, clock: Callable[[], float], limit: int = 100, window: int = 60) -> None:
        self.clock = clock
        self.limit = limit
        self.window = window
        self._counts: dict[str, tuple[int, int]] = {}

    def reset(self) -> None:
        """Forget every bucket's count (tests use it between independent cases)."""
        self._counts.clear()

    def hit(self, bucket: str) -> RateDecision:
        """Count one request in ``bucket`` if the window still has room."""
        now = self.clock()
        window = int(now // self.window)
        reset = (window + 1) * self.window
        seen_window, used = self._counts.get(bucket, (window, 0))
        if seen_window != window:
            used = 0
        allowed = used < self.limit
        if allowed:
            used += 1
        self._counts[bucket] = (window, used)
        retry_after = max(1, math.ceil(reset - now))
        return RateDecision(allowed, self.limit, self.limit - used, reset, retry_after)


class RateLimitMiddleware:
    """Applies a :class:`FixedWindowLimiter` to every HTTP request and stamps the headers."""

    def __init__(self, app: ASGIApp, limiter: FixedWindowLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse with the documented 429, or pass on and add the headers to the answer."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        key = authenticate(Headers(scope=scope).get("authorization"))
        client = scope.get("client") or ("unknown", 0)
        decision = self.limiter.hit(key.team if key else f"anonymous:{client[0]}")
        if not decision.allowed:
            body = json.dumps({"error": RATE_LIMITED, "retry_after": decision.retry_after})
            await send(
                {
                    "type": "http.response.start",
                    "status": 429,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        *decision.headers(),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body.encode()})
            return

        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message["headers"], *decision.headers()]}
            await send(message)

        await self.app(scope, receive, stamped)
