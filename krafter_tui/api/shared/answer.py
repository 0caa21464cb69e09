"""What the shared cache keeps for one request: the answer, and the key it is kept under.

The value holds the status, the body (as bounded as any answer the client reads) and the
``x-ratelimit-*`` headers with the time they were read, so a screen served from the cache
shows the team's real budget. It never holds the API key: the key only enters the cache key,
through a keyed hash, so neither a cache file nor a Redis server can give it away.

Whoever can write the cache (another local user, anyone who reaches the Redis server) must not
be able to choose what a dashboard shows: each value is sealed (:class:`EntrySeal`) with an
HMAC-SHA256 over the cache key and the value, keyed with a key derived from the API key (never
stored). A value forged without the API key, or moved from another cache key, does not open:
the dashboard asks the server instead, as for a miss.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Final

import msgspec

__all__ = ["RATE_HEADERS", "EntrySeal", "SharedAnswer", "cache_key", "token_hash"]

#: The headers that travel with an answer: the team's budget as the server reported it.
RATE_HEADERS: Final = ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset")
VERSION: Final = 2  # 2: values are sealed (version 1's are under other names, never read)
_CONTEXT: Final = b"krafter-tui shared cache: API key v1"
_SEAL_CONTEXT: Final = b"krafter-tui shared cache: entry seal v2"
_MAC_SIZE: Final = 32
_HEADER_LIMIT: Final = 64  # a rate-limit header is a number: anything longer is not kept


class SharedAnswer(msgspec.Struct, frozen=True):
    """One answer as a dashboard read it: ``read_at`` is Unix seconds on the reader's clock."""

    status: int
    body: bytes
    headers: dict[str, str]
    read_at: float
    version: int = VERSION

    def age(self, now: float) -> float:
        """Seconds since it was read (a reader whose clock is ahead: 0, not negative)."""
        return max(0.0, now - self.read_at)


def rate_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The ``x-ratelimit-*`` headers of ``headers`` worth keeping (short ones only)."""
    kept = {}
    for name in RATE_HEADERS:
        value = headers.get(name)
        if value is not None and len(value) <= _HEADER_LIMIT:
            kept[name] = value
    return kept


def token_hash(token: str) -> str:
    """A keyed hash of the API key: it names the key's answers, and cannot be turned back."""
    return hmac.new(_CONTEXT, token.encode(), hashlib.sha256).hexdigest()


def cache_key(api_url: str, key_hash: str, path: str, params: Mapping[str, str]) -> str:
    """The name of one request's answer: API URL, the key's :func:`token_hash`, path and
    sorted query.

    Answers of one key are kept under names no other key can produce, so a screen with
    another key (or another team's) is never served them.
    """
    query = sorted(f"{name}={value}" for name, value in params.items())
    parts = [api_url.rstrip("/"), key_hash, path, *query]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"krafter-tui:v{VERSION}:{digest}"


class EntrySeal:
    """Seals and opens the values kept under one API key's cache keys.

    Its key is derived from the API key by HMAC-SHA256 with a fixed label (another label than
    :func:`token_hash`'s, so names and seals never share a key); it lives in memory only.
    """

    __slots__ = ("_key",)

    def __init__(self, token: str) -> None:
        self._key = hmac.new(_SEAL_CONTEXT, token.encode(), hashlib.sha256).digest()

    def __repr__(self) -> str:
        return "EntrySeal(...)"

    def seal(self, name: str, answer: SharedAnswer) -> bytes:
        """The bytes kept in the store under ``name``: the seal, then the answer."""
        payload = msgspec.msgpack.encode(answer)
        return self._mac(name, payload) + payload

    def open(self, name: str, value: bytes, limit: int) -> SharedAnswer | None:
        """The answer sealed in ``value`` for ``name``, or None when it is not one (forged,
        sealed for another name or another key, corrupt, another version, a body beyond
        ``limit``): the caller then asks the server, as for a miss."""
        mac, payload = value[:_MAC_SIZE], value[_MAC_SIZE:]
        if len(mac) < _MAC_SIZE or not hmac.compare_digest(mac, self._mac(name, payload)):
            return None
        try:
            answer = msgspec.msgpack.decode(payload, type=SharedAnswer)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            return None
        if answer.version != VERSION or len(answer.body) > limit or not 100 <= answer.status < 600:
            return None
        return answer

    def _mac(self, name: str, payload: bytes) -> bytes:
        # The name's length first: no name and payload can pass for another pair.
        named = name.encode()
        message = len(named).to_bytes(4, "big") + named + payload
        return hmac.new(self._key, message, hashlib.sha256).digest()
