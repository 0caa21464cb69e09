"""One request through the shared cache: use a fresh answer, or be the one that fetches it.

Dashboards with the same API URL and key ask the cache first. An answer younger than the
asking feed's interval is used as it is; otherwise one dashboard takes a short lease and asks
the server while the others wait (a few seconds at most) for its answer. Only 200 answers are
kept. A value is used only when its seal opens with this API key for this very request
(:class:`~.answer.EntrySeal`), its time is neither ahead of this clock nor not a number, and
its body decodes as this request's answer; anything else is a miss and is fetched again (and
the fresh answer replaces it). When the cache cannot be used (Redis down, the file locked or
damaged), every request goes straight to the server, :attr:`SharedCache.down` says so for
the status line, and the cache is tried again every :data:`RETRY_DOWN` seconds until it
works again.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

from krafter_tui.api.errors import ApiError
from krafter_tui.api.shared.answer import EntrySeal, SharedAnswer, rate_headers
from krafter_tui.api.shared.backend import SharedCacheError, SharedStore

__all__ = ["LEASE", "RETRY_DOWN", "Answer", "SharedCache"]

log = logging.getLogger("krafter_tui")

LEASE: Final = 10.0  # seconds one dashboard may take to fetch an answer for the others
RETRY_DOWN: Final = 15.0  # an unusable cache is tried again this often
STORE_TIMEOUT: Final = 3.0  # one call to the store; past it the store counts as down
POLL_EVERY: Final = 0.05  # how often a waiting dashboard looks for the answer
ENVELOPE: Final = 4096  # room for the status, headers and time around a body
KEPT_FOR: Final = 60.0  # an answer is kept this long past the interval that asked for it
# Dashboards on several machines read each other's times: a clock a little behind the writer's
# still uses its answers; a time further ahead is not a time anyone read (a miss).
CLOCK_SLACK: Final = 2.0

T = TypeVar("T")
Fetch = Callable[[], Awaitable[tuple[int, Mapping[str, str], bytes]]]
#: The request's own decoding of a 200 body; it raises ApiError for a body that is not one.
Decode = Callable[[bytes], T]


@dataclass(frozen=True)
class Answer(Generic[T]):
    """Status, headers and body of one answer, with when its headers were read (Unix
    seconds), whether it came from the cache rather than from this process's request, and
    (for a 200) the body decoded."""

    status: int
    headers: Mapping[str, str]
    content: bytes
    read_at: float
    shared: bool
    value: T | None = None


class SharedCache:
    """Shares answers between dashboards through ``store`` (see the module's docstring)."""

    def __init__(
        self,
        store: SharedStore,
        *,
        clock: Callable[[], float] = time.time,
        lease: float = LEASE,
        retry: float | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.lease = lease
        self.retry = RETRY_DOWN if retry is None else retry
        self.problem: str | None = None  # why the cache is down (None: it works)
        self.hits = 0  # answers taken from the cache (tests and benchmarks count them)
        self._retry_at: float | None = None
        self._last_missed: tuple[str, str] | None = None

    @property
    def label(self) -> str:
        """The store, as messages name it."""
        return self.store.label

    @property
    def down(self) -> bool:
        """Whether requests go straight to the server because the cache failed."""
        return self.problem is not None

    async def answer(
        self,
        key: str,
        seal: EntrySeal,
        max_age: float,
        limit: int,
        fetch: Fetch,
        decode: Decode[T],
    ) -> Answer[T]:
        """The answer for ``key``: from the cache if younger than ``max_age`` seconds, sealed
        with ``seal`` for ``key`` and decoding with ``decode``, else from ``fetch()`` (by this
        dashboard or, while it waits, by another). A fetched 200 that does not decode raises
        ``decode``'s error, and is not kept."""
        leased = False
        if self._usable():
            try:
                found, leased = await self._look(key, seal, max_age, limit, decode)
            except SharedCacheError as error:
                self._failed(error)
            else:
                self._worked()
                if found is not None:
                    self.hits += 1
                    kept, hit = found
                    return Answer(kept.status, kept.headers, kept.body, kept.read_at, True, hit)
        try:
            status, headers, content = await fetch()
            value = decode(content) if status == 200 else None
        except BaseException:
            if leased:
                await self._quietly(self.store.release(key))
            raise
        answer = Answer(status, headers, content, self.clock(), False, value)
        if status == 200 and not self.down:
            kept = SharedAnswer(status, content, rate_headers(headers), answer.read_at)
            try:
                await self._store(self.store.put(key, seal.seal(key, kept), max_age + KEPT_FOR))
            except SharedCacheError as error:
                self._failed(error)
        elif leased:
            await self._quietly(self.store.release(key))
        return answer

    async def aclose(self) -> None:
        """Close the store's connections."""
        await self.store.aclose()

    async def _look(
        self, key: str, seal: EntrySeal, max_age: float, limit: int, decode: Decode[T]
    ) -> tuple[tuple[SharedAnswer, T] | None, bool]:
        """A fresh answer (kept and decoded), or (None, True) with the lease, or (None, False)
        when the one who held the lease did not answer in time."""
        cap = limit + ENVELOPE

        def fresh(value: bytes | None) -> tuple[SharedAnswer, T] | None:
            return self._fresh(value, key, seal, max_age, limit, decode)

        found = fresh(await self._store(self.store.get(key, cap)))
        if found is not None:
            return found, False
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self.lease
        while True:
            claim = await self._store(self.store.claim(key, self.lease, cap))
            found = fresh(claim.value)
            if found is not None:
                if claim.leased:
                    await self._store(self.store.release(key))
                return found, False
            if claim.leased:
                return None, True
            if loop.time() >= give_up:
                return None, False  # ask the server without the lease
            await asyncio.sleep(POLL_EVERY)

    def _fresh(
        self,
        value: bytes | None,
        key: str,
        seal: EntrySeal,
        max_age: float,
        limit: int,
        decode: Decode[T],
    ) -> tuple[SharedAnswer, T] | None:
        if value is None:
            return None
        found = seal.open(key, value, limit)
        if found is None:
            self._missed(key, "an entry not sealed for it (forged, moved or damaged)")
            return None
        now = self.clock()
        if not math.isfinite(found.read_at) or found.read_at > now + CLOCK_SLACK:
            self._missed(key, "an entry read at a time not yet come")
            return None
        if found.status != 200 or found.age(now) >= max_age:
            return None
        try:
            return found, decode(found.body)
        except ApiError:
            self._missed(key, "an entry that is not this request's answer")
            return None

    def _missed(self, key: str, what: str) -> None:
        # Said once, not each time a waiting dashboard looks again (every 50 ms).
        if self._last_missed != (key, what):
            self._last_missed = (key, what)
            log.warning("shared cache %s: %s under %s…: fetched again", self.label, what, key[:24])

    async def _store(self, call: Awaitable[T]) -> T:
        try:
            async with asyncio.timeout(STORE_TIMEOUT):
                return await call
        except TimeoutError:
            raise SharedCacheError(f"{self.label}: no answer within {STORE_TIMEOUT:g} s") from None

    async def _quietly(self, call: Awaitable[None]) -> None:
        try:
            await self._store(call)
        except SharedCacheError as error:
            self._failed(error)
        except asyncio.CancelledError:
            pass

    def _usable(self) -> bool:
        return self._retry_at is None or self.clock() >= self._retry_at

    def _failed(self, error: SharedCacheError) -> None:
        if self.problem is None:
            log.warning(
                "shared cache unusable (%s): polling directly, trying it again every %g s",
                error,
                self.retry,
            )
        self.problem = str(error)
        self._retry_at = self.clock() + self.retry

    def _worked(self) -> None:
        if self.problem is not None:
            log.info("shared cache %s works again: polling is shared again", self.label)
        self.problem = None
        self._retry_at = None
