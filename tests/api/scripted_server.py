"""A scriptable HTTP server on real loopback TCP, for testing the API client end to end.

The server is a raw ASGI app run by uvicorn (h11) in a background thread on a free
``127.0.0.1`` port (tests/support/loopback.py). A test queues the next response(s) with
:meth:`ScriptedServer.script`: a status, headers and raw body bytes, or a dropped connection
mid-answer, or a stall (no answer at all) to provoke a client timeout, or a body drip-fed a
byte at a time, or one streamed from a generator (gigabytes, never held in memory). Every
request that reaches the server is recorded (method, path, query, headers, arrival time), so
a test can prove what was sent, and just as importantly what was not.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qs

from tests.support.loopback import LoopbackServer

__all__ = [
    "RecordedRequest",
    "Reply",
    "ScriptedServer",
    "json_reply",
    "rate_headers",
    "send_reply",
]

Action = Literal["reply", "drop", "stall", "drip"]


@dataclass(frozen=True)
class Reply:
    """One scripted answer.

    ``action`` is ``reply`` (send status/headers/body), ``drop`` (announce the full
    Content-Length, send half the body, then close the connection), ``stall`` (send nothing
    for ``stall_seconds``, or until the server stops) or ``drip`` (send the headers, then the
    body one byte every ``stall_seconds``). ``stream``, when given, replaces ``body``: its
    pieces are sent as they are made (chunked), until the client hangs up.
    """

    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    action: Action = "reply"
    stall_seconds: float = 5.0
    stream: Callable[[], Iterator[bytes]] | None = None


def rate_headers(
    limit: int | None = 100, remaining: int | None = 99, reset: float | None = None
) -> tuple[tuple[str, str], ...]:
    """The ``x-ratelimit-*`` headers; a None value leaves that header out."""
    headers: list[tuple[str, str]] = []
    if limit is not None:
        headers.append(("x-ratelimit-limit", str(limit)))
    if remaining is not None:
        headers.append(("x-ratelimit-remaining", str(remaining)))
    if reset is not None:
        headers.append(("x-ratelimit-reset", str(int(reset))))
    return tuple(headers)


def json_reply(
    payload: Any,
    status: int = 200,
    headers: Iterable[tuple[str, str]] = (),
) -> Reply:
    """A JSON answer with ``content-type: application/json`` plus ``headers``."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return Reply(
        status=status,
        headers=(("content-type", "application/json"), *headers),
        body=body,
    )


@dataclass(frozen=True)
class RecordedRequest:
    """What the server saw of one request."""

    method: str
    path: str
    query_string: str
    headers: Mapping[str, str]
    at: float = field(repr=False)

    @property
    def query(self) -> dict[str, str]:
        """The decoded query parameters (last value wins)."""
        return {k: v[-1] for k, v in parse_qs(self.query_string, keep_blank_values=True).items()}


_UNSCRIPTED = Reply(
    status=599,
    headers=(("content-type", "text/plain"),),
    body=b"scripted_server: no reply was scripted for this request",
)


class ScriptedServer:
    """Loopback HTTP server whose answers are scripted by the test; see the module docstring."""

    def __init__(self) -> None:
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[RecordedRequest] = []
        self._loopback = LoopbackServer(
            self._app,
            http="h11",
            interface="asgi3",
            log_level="error",
            timeout_graceful_shutdown=1,
        )
        self.port: int = self._loopback.port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return self._loopback.base_url

    @property
    def api_url(self) -> str:
        """The API root on this server, shaped like the real one."""
        return f"{self.base_url}/api/v1/analytics"

    def start(self) -> None:
        """Start serving; returns once the socket accepts connections."""
        self._loopback.start()

    def stop(self) -> None:
        """Stop serving and end any stalled answer."""
        self._stopping.set()
        self._loopback.stop()

    def reset(self) -> None:
        """Forget scripted replies and recorded requests (between tests)."""
        with self._lock:
            self._replies.clear()
            self.requests.clear()

    def script(self, *replies: Reply) -> None:
        """Queue the answers to the next requests, in order."""
        with self._lock:
            self._replies.extend(replies)

    @property
    def pending(self) -> int:
        """How many scripted answers have not been used yet."""
        with self._lock:
            return len(self._replies)

    async def _app(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        record = RecordedRequest(
            method=scope["method"],
            path=scope["path"],
            query_string=scope["query_string"].decode("latin-1"),
            headers={k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]},
            at=time.monotonic(),
        )
        with self._lock:
            self.requests.append(record)
            reply = self._replies.popleft() if self._replies else _UNSCRIPTED

        await send_reply(reply, receive, send, self._stopping)


async def send_reply(reply: Reply, receive: Any, send: Any, stopping: threading.Event) -> None:
    """Answer one ASGI request as ``reply`` says (any ASGI app may use it, not only
    :class:`ScriptedServer`); ``stopping`` ends stalls and streams early."""
    if reply.action == "stall":
        deadline = time.monotonic() + reply.stall_seconds
        while time.monotonic() < deadline and not stopping.is_set():
            await asyncio.sleep(0.02)
        return
    names = {name.lower() for name, _ in reply.headers}
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers]
    if "content-length" not in names and reply.stream is None:
        headers.append((b"content-length", str(len(reply.body)).encode()))
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    if reply.stream is not None or reply.action == "drip":
        await _trickle(reply, receive, send, stopping)
        return
    if reply.action == "drop":
        half = reply.body[: len(reply.body) // 2]
        await send({"type": "http.response.body", "body": half, "more_body": True})
        # Returning with the body unfinished makes uvicorn close the connection.
        return
    await send({"type": "http.response.body", "body": reply.body})


async def _trickle(reply: Reply, receive: Any, send: Any, stopping: threading.Event) -> None:
    """Send a streamed or drip-fed body, stopping when the client hangs up."""
    gone = asyncio.Event()

    async def watch() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass
        gone.set()

    watcher = asyncio.create_task(watch())
    if reply.stream is not None:
        pieces: Iterable[bytes] = reply.stream()
    else:
        pieces = (reply.body[i : i + 1] for i in range(len(reply.body)))
    try:
        for piece in pieces:
            if gone.is_set() or stopping.is_set():
                return
            await send({"type": "http.response.body", "body": piece, "more_body": True})
            if reply.action == "drip":
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(gone.wait(), reply.stall_seconds)
            else:
                await asyncio.sleep(0)  # let the disconnect watcher run
        await send({"type": "http.response.body", "body": b""})
    finally:
        watcher.cancel()
