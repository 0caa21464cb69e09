"""The shared cache in Redis, for dashboards on several machines (redis-py's asyncio client).

Each answer is one string key with a time to live; its lease is a second key taken with
``SET NX PX``, so exactly one dashboard holds it until it answers or the lease runs out.
Sockets time out within a second or two: a Redis server that is down or unreachable raises
:class:`SharedCacheError` quickly and the dashboard polls directly meanwhile.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import TYPE_CHECKING, Any, Final

from krafter_tui.api.shared.store import Claim, SharedCacheError

if TYPE_CHECKING:
    from redis.asyncio import Redis

__all__ = ["RedisStore"]

SOCKET_TIMEOUT: Final = 2.0


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
        return _bounded(await self._call("getrange", key, 0, limit), limit)

    async def claim(self, key: str, lease: float, limit: int) -> Claim:
        """Take the lease (``SET NX PX``), then read the value: an answer put before the
        lease was free is seen, so it is not asked for twice."""
        redis = self._client()
        try:
            taken = await redis.set(f"{key}:lease", self._owner, nx=True, px=_ms(lease))
            value = await redis.getrange(key, 0, limit)
        except Exception as exc:  # redis-py raises its own errors, OSError and timeouts
            raise SharedCacheError(f"{self.label}: {_why(exc)}") from None
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
            raise SharedCacheError(f"{self.label}: {_why(exc)}") from None

    async def release(self, key: str) -> None:
        """Give the lease up, if it is still this process's."""
        redis = self._client()
        try:
            if await redis.get(f"{key}:lease") == self._owner.encode():
                await redis.delete(f"{key}:lease")
        except Exception as exc:
            raise SharedCacheError(f"{self.label}: {_why(exc)}") from None

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
            raise SharedCacheError(f"{self.label}: {_why(exc)}") from None

    def _client(self) -> Redis:
        if self._redis is None:
            from redis.asyncio import Redis

            self._redis = Redis.from_url(
                self.url,
                socket_timeout=SOCKET_TIMEOUT,
                socket_connect_timeout=SOCKET_TIMEOUT,
                decode_responses=False,
            )
        return self._redis


def _bounded(value: object, limit: int) -> bytes | None:
    if not isinstance(value, bytes) or not value:
        return None  # GETRANGE of a missing key is b""
    return value if len(value) <= limit else None


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


def _why(exc: Exception) -> str:
    # redis-py's messages name host and port, never a password; cut them short anyway.
    return (str(exc) or type(exc).__name__)[:200]
