"""Answers to requests sent before the dashboard's client existed, handed over once each.

At launch the first requests (the site list, then the figures of the site to open) are sent
on a thread of their own while the main thread is still importing Textual and composing the
screen (see :mod:`krafter_tui.feeds.head_start`). That thread's client records each raw answer
here (status, headers, body, already read within the usual size limits); when the
dashboard's own client later asks for the same path and query, it takes the answer instead of
sending the request again, and runs it through the same checks, decoding and rate-budget
bookkeeping as any answer. A request still on its way is waited for, not sent twice. Nothing
is decoded or trusted here: this is only a place where bytes wait.

An answer is handed over once, and only within ``max_age`` seconds of its arrival, so a
dashboard opened late (a slow start, a login) asks again rather than show old figures.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
import time
from collections.abc import Callable, Mapping

import httpx

__all__ = ["EARLY_MAX_AGE", "HeadStartAnswers", "RawAnswer"]

EARLY_MAX_AGE = 10.0  # seconds: older than a realtime poll's interval, it is asked for again

#: Status, headers and body of one answer, as ``KrafterClient._fetch`` returns it.
RawAnswer = tuple[int, httpx.Headers, bytes]
Key = tuple[str, tuple[tuple[str, str], ...]]
Kept = tuple[RawAnswer, float] | None  # the answer and when it arrived; None: no answer


def request_key(path: str, params: Mapping[str, str]) -> Key:
    """What identifies a request: its path and its query, in any order."""
    return path, tuple(sorted(params.items()))


class HeadStartAnswers:
    """Raw answers recorded on one thread and taken, once each, on another."""

    def __init__(
        self, max_age: float = EARLY_MAX_AGE, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.max_age = max_age
        self.clock = clock
        self._lock = threading.Lock()
        # One future per request, kept after it is taken, so that an answer arriving after
        # its taker began to wait reaches that taker (not a new future nobody waits on).
        self._futures: dict[Key, concurrent.futures.Future[Kept]] = {}
        self._taken: set[Key] = set()
        self.taken = 0  # answers handed over (tests and benchmarks count them)
        # How old the answer last handed over was, in seconds of ``clock`` (it was read that
        # long before it was taken: the record files it at its own read time).
        self.taken_age = 0.0
        self.finished = threading.Event()  # set by close(): nothing more will be recorded

    def expect(self, path: str, params: Mapping[str, str]) -> None:
        """A request for ``path`` and ``params`` is about to be sent (recording side)."""
        with self._lock:
            self._futures.setdefault(request_key(path, params), concurrent.futures.Future())

    def put(self, path: str, params: Mapping[str, str], answer: RawAnswer | None) -> None:
        """The request's answer, or None when it brought none (recording side)."""
        with self._lock:
            future = self._futures.setdefault(
                request_key(path, params), concurrent.futures.Future()
            )
        kept: Kept = None if answer is None else (answer, self.clock())
        _settle(future, kept)

    def close(self) -> None:
        """Nothing more will be recorded: requests still expected bring no answer."""
        with self._lock:
            waiting = list(self._futures.values())
        for future in waiting:
            _settle(future, None)
        self.finished.set()

    async def take(self, path: str, params: Mapping[str, str]) -> RawAnswer | None:
        """The answer recorded for this request (waiting for it if it is on its way), or
        None: never asked early, already taken, too old, or it brought no answer."""
        key = request_key(path, params)
        with self._lock:
            future = self._futures.get(key)
            if future is None or key in self._taken:
                return None
            self._taken.add(key)
        if future.done():
            kept = future.result()  # at once: no turn of the loop for what is already here
        else:
            # Shielded: a caller cancelled while waiting must not cancel the recording
            # side's future under it (the recording thread would then fail to set it).
            kept = await asyncio.shield(asyncio.wrap_future(future))
        self._forget(key)
        if kept is None:
            return None
        answer, arrived = kept
        if self.clock() - arrived > self.max_age:
            return None
        self.taken += 1
        self.taken_age = self.clock() - arrived
        return answer

    def take_ready(self, path: str, params: Mapping[str, str]) -> RawAnswer | None:
        """The recorded 200 answer for this request if it has arrived (and is fresh), taken
        now; else None, and the request stays for :meth:`take` (an error answer is the async
        path's to raise, one on its way its to wait for)."""
        key = request_key(path, params)
        with self._lock:
            future = self._futures.get(key)
            if future is None or key in self._taken or not future.done():
                return None
            kept = future.result()
            if kept is None or kept[0][0] != 200 or self.clock() - kept[1] > self.max_age:
                return None
            self._taken.add(key)
        self._forget(key)
        self.taken += 1
        self.taken_age = self.clock() - kept[1]
        return kept[0]

    def spent(self) -> bool:
        """Whether nothing more can be handed over (the client then stops asking)."""
        return self.finished.is_set() and not self._futures

    def _forget(self, taken: Key) -> None:
        """Let go of the answer just taken and of those too old to be taken (a site list can
        be megabytes)."""
        now = self.clock()
        with self._lock:
            self._futures.pop(taken, None)
            for key, future in list(self._futures.items()):
                kept = future.result() if future.done() else None
                if future.done() and (kept is None or now - kept[1] > self.max_age):
                    del self._futures[key]


def _settle(future: concurrent.futures.Future[Kept], kept: Kept) -> None:
    # Set at most once: a second answer for the same request, or one after close(), is
    # dropped (InvalidStateError: set meanwhile).
    if not future.done():
        with contextlib.suppress(concurrent.futures.InvalidStateError):
            future.set_result(kept)
