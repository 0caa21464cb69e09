"""The shared cache in Redis, for dashboards on several machines (redis-py's asyncio client).

Each answer is one string key with a time to live; its lease is a second key taken with
``SET NX PX``, so exactly one dashboard holds it until it answers or the lease runs out.
Sockets time out within a second or two: a Redis server that is down or unreachable raises
:class:`SharedCacheError` quickly and the dashboard polls directly meanwhile.

A "Redis" that answers with a huge bulk string (or array) is refused when it announces the
size, before a byte of it is read: replies are parsed by :class:`_BoundedParser`, which holds
each reply to the cap of the call that asked for it (an answer's: the client's answer cap and
room for its envelope; anything else: 64 KB).
"""

from __future__ import annotations

import contextlib
import uuid
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from krafter_tui.api.shared.backend import Claim, SharedCacheError

if TYPE_CHECKING:
    from redis.asyncio import Redis

__all__ = [
    "SOCKET_TIMEOUT",
    "RedisStore",
    "ReplyTooLargeError",
    "check_reply_line",
    "redis_error_text",
    "without_notifications",
]

SOCKET_TIMEOUT: Final = 2.0
SMALL_REPLY: Final = 64 * 1024  # OK, a lease's owner, a count: any reply but an answer
MAX_ITEMS: Final = 16  # the longest array asked for: a transaction's few results
# The largest bulk string the reply being read may hold: set around each call, read by the
# parser (it runs in the calling task, so each call sees its own cap).
_reply_cap: ContextVar[int] = ContextVar("krafter_tui_redis_reply_cap", default=SMALL_REPLY)


class ReplyTooLargeError(Exception):
    """The server announced a reply beyond the call's cap; nothing of it was read."""


class RedisStore:
    """The :class:`~.store.SharedStore` on the Redis server at ``url``
    (``redis://host:port/db``; ``label`` names it without any password)."""

    def __init__(self, url: str, label: str) -> None:
        self.url = url
        self.label = label
        self._owner = uuid.uuid4().hex  # whose lease it is: only the holder gives it up
        self._redis: Redis | None = None

    async def get(self, key: str, limit: int) -> bytes | None:
        """The value under ``key``; at most ``limit`` bytes of it are read."""
        token = _reply_cap.set(limit + 1)
        try:
            return _bounded(await self._call("getrange", key, 0, limit), limit)
        finally:
            _reply_cap.reset(token)

    async def claim(self, key: str, lease: float, limit: int) -> Claim:
        """Take the lease (``SET NX PX``), then read the value: an answer put before the
        lease was free is seen, so it is not asked for twice."""
        redis = self._client()
        try:
            taken = await redis.set(f"{key}:lease", self._owner, nx=True, px=_ms(lease))
            token = _reply_cap.set(limit + 1)
            try:
                value = await redis.getrange(key, 0, limit)
            finally:
                _reply_cap.reset(token)
        except Exception as exc:  # redis-py raises its own errors, OSError and timeouts
            raise SharedCacheError(f"{self.label}: {redis_error_text(exc)}") from None
        return Claim(_bounded(value, limit), bool(taken))

    async def put(self, key: str, value: bytes, ttl: float) -> None:
        """Keep ``value`` for ``ttl`` seconds, then give the lease up (in one transaction)."""
        redis = self._client()
        try:
            async with redis.pipeline(transaction=True) as pipe:
                pipe.set(key, value, px=_ms(ttl))
                pipe.delete(f"{key}:lease")
                await pipe.execute()
        except Exception as exc:
            raise SharedCacheError(f"{self.label}: {redis_error_text(exc)}") from None

    async def release(self, key: str) -> None:
        """Give the lease up, if it is still this process's."""
        redis = self._client()
        try:
            if await redis.get(f"{key}:lease") == self._owner.encode():
                await redis.delete(f"{key}:lease")
        except Exception as exc:
            raise SharedCacheError(f"{self.label}: {redis_error_text(exc)}") from None

    async def aclose(self) -> None:
        """Close the connections."""
        if self._redis is not None:
            redis, self._redis = self._redis, None
            with contextlib.suppress(Exception):  # a server gone away has nothing to close
                await redis.aclose()

    async def _call(self, name: str, *args: Any) -> Any:
        try:
            return await getattr(self._client(), name)(*args)
        except Exception as exc:
            raise SharedCacheError(f"{self.label}: {redis_error_text(exc)}") from None

    def _client(self) -> Redis:
        if self._redis is None:
            from redis.asyncio import Redis

            self._redis = bounded_client(Redis, self.url, _bounded_parser())
        return self._redis


def bounded_client(redis_class: Any, url: str, parser: type[Any]) -> Any:
    """A client of ``redis_class`` (redis-py's async or sync ``Redis``) for ``url``: RESP2 with
    the bounded ``parser``, short socket timeouts, bytes. redis-py 8 would switch to RESP3 and
    its own parser: the bounded options are set again after the URL's, which win in
    ``from_url`` (a URL saying ``?protocol=3`` must not bring the unbounded parser back)."""
    bounded: dict[str, Any] = {"protocol": 2, "parser_class": parser}
    client = redis_class.from_url(
        url,
        socket_timeout=SOCKET_TIMEOUT,
        socket_connect_timeout=SOCKET_TIMEOUT,
        decode_responses=False,
        **bounded,
        **without_notifications(),
    )
    client.connection_pool.connection_kwargs.update(bounded)
    return client


def without_notifications() -> dict[str, Any]:
    """redis-py 7+ asks for the server's maintenance notifications, which only its RESP3 and
    hiredis parsers take: not needed here (one short call at a time), so turned off."""
    try:
        from redis.maint_notifications import MaintNotificationsConfig
    except ImportError:  # redis-py before 7 has none
        return {}
    return {"maint_notifications_config": MaintNotificationsConfig(enabled=False)}


@cache
def _bounded_parser() -> type[Any]:
    """redis-py's RESP2 parser, refusing a bulk string beyond the call's cap (or an array of
    more than MAX_ITEMS) when its size is announced, before it is read."""
    from redis._parsers import _AsyncRESP2Parser

    class _BoundedParser(_AsyncRESP2Parser):
        async def _readline(self) -> bytes:
            line: bytes = await super()._readline()
            check_reply_line(line, _reply_cap.get(), MAX_ITEMS)
            return line

    return _BoundedParser


def check_reply_line(line: bytes, bulk_cap: int, items_cap: int) -> None:
    """Raise :class:`ReplyTooLargeError` when ``line`` (a RESP2 reply's first line) announces
    a bulk string beyond ``bulk_cap`` bytes or an array beyond ``items_cap`` items."""
    kind, size = line[:1], line[1:]
    if kind in (b"$", b"*") and size.isdigit():
        cap = bulk_cap if kind == b"$" else items_cap
        if len(size) > 18 or int(size) > cap:
            what = "a reply of" if kind == b"$" else "an array of"
            unit = "bytes" if kind == b"$" else "items"
            said = f"{int(size):,}" if len(size) <= 18 else "more than 10^18"
            raise ReplyTooLargeError(
                f"the server announced {what} {said} {unit}, beyond the cap of {cap:,}: not read"
            )


def _bounded(value: object, limit: int) -> bytes | None:
    if not isinstance(value, bytes) or not value:
        return None  # GETRANGE of a missing key is b""
    return value if len(value) <= limit else None


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


def redis_error_text(exc: Exception) -> str:
    """A redis-py error in a few words."""
    # redis-py's messages name host and port, never a password; cut them short anyway.
    return (str(exc) or type(exc).__name__)[:200]
