"""The wall's record in Redis: each reading written there once, replayed by every screen.

No Textual here. With a shared cache set (``shared_cache``), the screens of a wall keep one
record with it:

- **SQLite** (one machine): the record is one file beside the cache file
  (``answers.sqlite3`` → ``answers.record.sqlite3``), used by every screen as the local record
  file is (WAL, a busy timeout, one transaction per reading). The same answer handed over by
  N screens, with the read time the cache kept, is written once (:mod:`.writing`). Nothing
  here: :class:`~.record_file.Record` only chooses that file.
- **Redis** (several machines): :class:`WallReadings`. A reading is one string key, named
  by the site's keyed hash (:mod:`.filing`), its kind (stats or events), its span and its
  read time, taken with ``SET NX`` and a time to live of the record's minute-level retention:
  the N screens that read one answer make one write, and only the screen whose ``SET NX``
  took it adds the key to the wall's index (a sorted set by read time, cut back to the
  retention on each write). Every screen replays the readings of the index it has not seen
  into its own local record file, in read-time order, before each write and each question,
  so every screen's queries see every reading and the record's SQL answers them as before.
  Replay is bounded: :data:`BATCH` readings a transaction, :data:`REPLAY_FOR` seconds a
  call, and only the keys seen in the last :data:`LAG` seconds are remembered (an index
  entry added late, by a screen that read earlier but wrote later, is still found); nothing
  else is held in memory.
- Values are sealed with the shared cache's :class:`~krafter_tui.api.shared.EntrySeal` (keyed
  by the API key, never stored): a reading forged by whoever can write to Redis, or moved to
  another key, does not open and is skipped. Keys and values hold keyed hashes and figures,
  never the API key.
- A Redis that is down, refuses or answers out of bounds (:attr:`WallReadings.problem`): the
  record says ``not recording: redis host:port/db: <reason>`` and records nothing, its
  questions are answered from the local file, and Redis is tried again :data:`RETRY` seconds
  later (the dashboard goes on).

Replies are read with redis-py's RESP2 parser held to caps (:func:`check_reply_line`): no
bulk string beyond :data:`READING_LIMIT`, no array beyond two entries per index page.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import msgspec

from krafter_tui.api.shared import (
    EntrySeal,
    SharedAnswer,
    SharedCacheError,
    default_shared_cache_url,
    shared_cache_place,
)
from krafter_tui.api.shared.redis_store import (
    bounded_client,
    check_reply_line,
    redis_error_text,
)
from krafter_tui.record.filing import SiteFiling
from krafter_tui.record.reading import Reading
from krafter_tui.record.writing import write_reading

if TYPE_CHECKING:
    from redis import Redis

__all__ = ["BATCH", "LAG", "READING_LIMIT", "REPLAY_FOR", "RETRY", "WallReadings", "wall_of"]

T = TypeVar("T")
READING_LIMIT: Final = 4 * 1024 * 1024  # one reading's sealed bytes: nine breakdowns and more
BATCH: Final = 200  # readings replayed in one transaction
RETRY: Final = 15.0  # seconds before a Redis that failed is tried again
REPLAY_FOR: Final = 1.0  # seconds one call replays at most (the record's lock is held)
LAG: Final = 120.0  # seconds an index entry may be added after a later one (a slow writer)
PAGE: Final = 64  # index entries asked for at once
PREFIX: Final = "krafter-tui:record:v1"


class _Stored(msgspec.Struct, array_like=True, frozen=True):
    """A reading as kept in Redis (day ordinals, Unix seconds)."""

    site: str
    stats: bool
    at: float
    span: tuple[int, int]
    values: list[tuple[str, str, int | float]]
    day: int | None
    totals: tuple[int, int, int] | None
    listed: list[str]


class WallReadings:
    """The readings of one API URL and key (``scope``: their keyed hash) on the Redis server
    at ``url`` (``label`` names it in messages), kept ``keep`` seconds."""

    def __init__(
        self, url: str, label: str, token: str, scope: str, keep: float, clock: Callable[[], float]
    ) -> None:
        self.url, self.label, self.keep, self.clock = url, label, keep, clock
        #: Why Redis cannot be used (None: it can); it is tried again :data:`RETRY` later.
        self.problem: str | None = None
        self._retry_at = 0.0
        self._seal = EntrySeal(token)
        self._index = f"{PREFIX}:{scope}:index"
        self._prefix = f"{PREFIX}:{scope}:"
        self._cursor: float | None = None  # the latest read time replayed
        self._seen: dict[str, float] = {}  # keys replayed within LAG of the cursor
        self._redis: Redis | None = None

    def __repr__(self) -> str:
        return f"WallReadings({self.label})"

    def put(self, site: str, reading: Reading, is_stats: bool) -> bool:
        """Write ``reading`` of the site filed as ``site`` unless a screen did; whether it is
        in Redis now (False: Redis cannot be used, :attr:`problem` says why)."""
        if not self._usable():
            return False
        at = reading.at.timestamp()
        kind = "stats" if is_stats else "events"
        key = f"{self._prefix}{site}:{kind}:{reading.span[0].toordinal()}-"
        key += f"{reading.span[1].toordinal()}:{at!r}"
        stored = _Stored(
            site,
            is_stats,
            at,
            (reading.span[0].toordinal(), reading.span[1].toordinal()),
            [(kind_, name, value) for (kind_, name), value in reading.values.items()],
            None if reading.day is None else reading.day.toordinal(),
            reading.totals,
            sorted(reading.listed),
        )
        body = msgspec.msgpack.encode(stored)
        value = self._seal.seal(key, SharedAnswer(200, body, {}, at))
        ttl = _ms(self.keep)

        def put(redis: Redis) -> bool:
            if not redis.set(key, value, nx=True, px=ttl):
                return False  # another screen wrote this reading
            with redis.pipeline(transaction=True) as pipe:
                pipe.zadd(self._index, {key: at})
                pipe.zremrangebyscore(self._index, "-inf", f"({at - self.keep!r}")
                pipe.pexpire(self._index, ttl)
                pipe.execute()
            return True

        try:
            self._call(put)
        except SharedCacheError as exc:
            return self._failed(exc, False)
        self.problem = None
        return True

    def replay(self, db: sqlite3.Connection, gap: float, now: float) -> int:
        """Write the readings not replayed yet into the local record ``db``, :data:`BATCH`
        to a transaction, for at most :data:`REPLAY_FOR` seconds (a screen joining a wall
        with two days of readings catches up over a few calls); how many. ``now`` starts the
        first replay ``keep`` back."""
        if self._cursor is None:
            self._cursor = now - self.keep
        deadline, replayed = time.monotonic() + REPLAY_FOR, 0
        while self._usable():
            try:
                fresh = self._call(self._fresh)
                replayed += self._write(db, gap, fresh)
            except SharedCacheError as exc:
                return self._failed(exc, replayed)
            self.problem = None
            for key, score in fresh:
                self._seen[key] = score
                self._cursor = max(self._cursor, score)
            low = self._cursor - LAG
            self._seen = {key: score for key, score in self._seen.items() if score >= low}
            if len(fresh) < BATCH or time.monotonic() > deadline:
                break
        return replayed

    def _usable(self) -> bool:
        return self.problem is None or self.clock() >= self._retry_at

    def _failed(self, exc: SharedCacheError, result: T) -> T:
        self.problem, self._retry_at = str(exc), self.clock() + RETRY
        return result

    def _write(self, db: sqlite3.Connection, gap: float, fresh: list[tuple[str, float]]) -> int:
        found: list[tuple[str, bool, Reading]] = []
        if fresh:
            values = self._call(lambda redis: _values(redis, [key for key, _ in fresh]))
            for (key, _), value in zip(fresh, values, strict=True):
                stored = self._open(key, value)
                if stored is not None:
                    found.append(stored)
        if found:
            found.sort(key=lambda item: item[2].at)
            db.execute("BEGIN IMMEDIATE")
            try:
                for site, is_stats, reading in found:
                    write_reading(db, site, reading, gap, is_stats)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return len(found)

    def close(self) -> None:
        """Close the connections (a later call opens them again)."""
        if self._redis is not None:
            redis, self._redis = self._redis, None
            with contextlib.suppress(Exception):
                redis.close()

    def _fresh(self, redis: Redis) -> list[tuple[str, float]]:
        assert self._cursor is not None
        low, offset = self._cursor - LAG, 0
        fresh: list[tuple[str, float]] = []
        while len(fresh) < BATCH:
            page: list[tuple[bytes, float]] = redis.zrangebyscore(  # type: ignore[assignment]
                self._index, low, "+inf", start=offset, num=PAGE, withscores=True
            )
            offset += len(page)
            for member, score in page:
                key = member.decode("utf-8", "replace")
                if key not in self._seen and key.startswith(self._prefix):
                    fresh.append((key, float(score)))
            if len(page) < PAGE:
                break
        return fresh[:BATCH]

    def _open(self, key: str, value: bytes | None) -> tuple[str, bool, Reading] | None:
        answer = self._seal.open(key, value, READING_LIMIT) if value else None
        if answer is None:
            return None  # expired, forged or moved: not a reading of ours
        try:
            stored = msgspec.msgpack.decode(answer.body, type=_Stored)
            reading = Reading(
                datetime.fromtimestamp(stored.at, UTC),
                (date.fromordinal(stored.span[0]), date.fromordinal(stored.span[1])),
                {(kind, name): value for kind, name, value in stored.values},
                None if stored.day is None else date.fromordinal(stored.day),
                stored.totals,
                frozenset(stored.listed),
            )
        except (msgspec.DecodeError, msgspec.ValidationError, ValueError, OverflowError):
            return None
        return stored.site, stored.stats, reading

    def _call(self, work: Callable[[Redis], T]) -> T:
        try:
            return work(self._client())
        except Exception as exc:  # redis-py's own errors, OSError, timeouts, too large
            self.close()
            raise SharedCacheError(f"{self.label}: {redis_error_text(exc)}") from None

    def _client(self) -> Redis:
        if self._redis is None:
            from redis import Redis

            self._redis = bounded_client(Redis, self.url, _bounded_parser())
        return self._redis


def wall_of(
    shared_cache: str | None,
    token: str,
    filing: SiteFiling,
    keep: timedelta,
    clock: Callable[[], float],
) -> tuple[WallReadings | None, Path | None]:
    """Where the record of the wall with ``shared_cache`` (its URL; None: no wall) is kept:
    with Redis, its :class:`WallReadings`; with SQLite, the record file beside the cache file
    (``answers.sqlite3`` → ``answers.record.sqlite3``), except for the default cache (the
    tabs of ``krafter-tui serve``): it is this machine's, as the default record file is,
    which stays. ValueError for an unsupported URL."""
    if not shared_cache:
        return None, None
    place, label = shared_cache_place(shared_cache)
    if place is None:
        wall = WallReadings(shared_cache, label, token, filing.scope(), keep.total_seconds(), clock)
        return wall, None
    if shared_cache.strip() == default_shared_cache_url():
        return None, None
    return None, place.with_name(f"{place.stem}.record{place.suffix or '.sqlite3'}")


def _values(redis: Redis, keys: list[str]) -> list[bytes | None]:
    with redis.pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.getrange(key, 0, READING_LIMIT)
        return [value if isinstance(value, bytes) else None for value in pipe.execute()]


@cache
def _bounded_parser() -> type[Any]:
    """redis-py's synchronous RESP2 parser, refusing a reply announced beyond the caps."""
    from redis._parsers import _RESP2Parser

    class _BoundedParser(_RESP2Parser):
        def on_connect(self, connection: Any) -> None:
            super().on_connect(connection)  # type: ignore[no-untyped-call]
            buffer = self._buffer
            assert buffer is not None
            readline = buffer.readline

            def bounded(*args: Any, **kwargs: Any) -> bytes:
                line: bytes = readline(*args, **kwargs)
                check_reply_line(line, READING_LIMIT + 1, 2 * PAGE)
                return line

            buffer.readline = bounded

    return _BoundedParser


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))
