"""Applies a :class:`FaultSpec` to requests, and keeps a log of what arrived and what was sent.

Faults that stand for the network or a proxy (502/503/504 pages, dropped connections, 429
bursts) answer without reaching the API, so they carry no ``x-ratelimit-*`` headers. Faults of
the API itself (500, malformed or wrong-typed or cut bodies) let the request through and then
spoil the answer, keeping the real rate-limit headers, as a real failing server would.

Latency and 429 bursts run on the real monotonic clock (they are about waiting), while the
``x-ratelimit-reset`` of an injected 429 is computed from the app's injected clock.
"""

from __future__ import annotations

import asyncio
import json
import math
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass

from starlette.types import Message, Receive, Scope, Send

from krafter_tui.demo.faults import FaultSpec
from krafter_tui.demo.refusals import RATE_LIMITED, UNAUTHORIZED
from krafter_tui.demo.spoil import PROXY_PAGES, drop_connection, spoil_body

__all__ = ["FaultInjector", "RequestLog", "RequestRecord"]

App = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass
class RequestRecord:
    """One request as the server saw it: arrival (``time.time()``), endpoint, outcome."""

    at: float
    method: str
    path: str
    query: str
    status: int | None = None
    fault: str | None = None


class RequestLog:
    """The most recent requests (oldest first), so tests can check what a client sent when."""

    def __init__(self, size: int = 10_000) -> None:
        self.records: deque[RequestRecord] = deque(maxlen=size)

    def clear(self) -> None:
        """Forget everything logged so far."""
        self.records.clear()

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[RequestRecord]:
        return iter(list(self.records))


def _endpoint(path: str) -> str:
    parts = [part for part in path.split("/") if part]
    if parts[-1:] == ["sites"]:
        return "sites"
    return parts[-1] if len(parts) >= 2 and parts[-3:-2] == ["sites"] else ""


async def _send_plain(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]
) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class FaultInjector:
    """Wraps the app: logs each request and injects the faults of the current spec."""

    def __init__(self, spec: Callable[[], FaultSpec | None], clock: Callable[[], float]) -> None:
        self.spec = spec
        self.clock = clock
        self.log = RequestLog()
        self._rng = random.Random(0)
        self._seen: FaultSpec | None = None
        self._burst_until = 0.0

    def _dice(self, spec: FaultSpec) -> random.Random:
        if spec is not self._seen:
            self._seen, self._rng, self._burst_until = spec, random.Random(spec.seed), 0.0
        return self._rng

    async def __call__(self, scope: Scope, receive: Receive, send: Send, app: App) -> None:
        """Serve one HTTP request through ``app``, with faults applied."""
        record = RequestRecord(
            time.time(),
            scope["method"],
            scope["path"],
            scope.get("query_string", b"").decode("latin-1"),
        )
        self.log.records.append(record)

        async def logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                record.status = message["status"]
            await send(message)

        spec = self.spec()
        if spec is None or not spec.active or not spec.applies_to(_endpoint(scope["path"])):
            await app(scope, receive, logged)
            return
        rng = self._dice(spec)
        delay = spec.delay(rng)
        if delay:
            await asyncio.sleep(delay)
        kind = "ratelimit" if time.monotonic() < self._burst_until else spec.draw(rng)
        record.fault = kind
        if kind == "drop":
            await drop_connection(send, receive)
            return
        if kind == "ratelimit":
            if time.monotonic() >= self._burst_until:
                self._burst_until = time.monotonic() + spec.retry_after
            await self._refuse(logged, math.ceil(self._burst_until - time.monotonic()))
            return
        if kind == "revoked":
            body = json.dumps({"error": UNAUTHORIZED}).encode()
            await _send_plain(logged, 401, body, [(b"content-type", b"application/json")])
            return
        if kind == "error" and (status := rng.choice(spec.statuses)) != 500:
            page = PROXY_PAGES[status]
            await _send_plain(logged, status, page, [(b"content-type", b"text/html")])
            return
        if kind is None:
            await app(scope, receive, logged)
            return
        await self._spoiled(scope, receive, logged, app, kind, rng)

    async def _refuse(self, send: Send, retry_after: int) -> None:
        retry_after = max(1, retry_after)
        body = json.dumps({"error": RATE_LIMITED, "retry_after": retry_after}).encode()
        reset = int(self.clock()) + retry_after
        await _send_plain(
            send,
            429,
            body,
            [
                (b"content-type", b"application/json"),
                (b"retry-after", str(retry_after).encode()),
                (b"x-ratelimit-limit", b"100"),
                (b"x-ratelimit-remaining", b"0"),
                (b"x-ratelimit-reset", str(reset).encode()),
            ],
        )

    async def _spoiled(
        self, scope: Scope, receive: Receive, send: Send, app: App, kind: str, rng: random.Random
    ) -> None:
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await app(scope, receive, capture)
        body = b"".join(chunks)
        headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
        status = start["status"]
        if status != 200 and kind != "error":
            await _send_plain(send, status, body, headers)
            return
        if kind == "error":
            status, body = 500, b'{"error":"Internal server error"}'
        elif kind == "cut":
            # Chunked and well-terminated: the client gets a "complete" body that stops mid-JSON.
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body[: len(body) // 2]})
            return
        else:
            body = spoil_body(body, kind, rng)
        await _send_plain(send, status, body, headers)
