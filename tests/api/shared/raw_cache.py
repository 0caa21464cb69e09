"""Someone who can write the shared cache but has no API key (another local user for a loose
SQLite file, anyone who reaches the Redis server): reads and writes its entries raw."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.api.shared.redis_server import RedisServer

__all__ = ["RawCache", "cache_url"]


def cache_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh SQLite file, or a real redis-server started for this test."""
    if backend == "sqlite":
        return f"sqlite://{tmp_path}/cache/answers.sqlite3"
    server: RedisServer = request.getfixturevalue("redis_server")
    return server.url


class RawCache:
    """The entries of the cache at ``url``, as an attacker sees and changes them."""

    def __init__(self, url: str) -> None:
        self.url = url

    def entries(self) -> dict[str, bytes]:
        """Every answer kept: cache key → value (leases left out)."""
        if self.url.startswith("sqlite://"):
            with sqlite3.connect(self.url.removeprefix("sqlite://")) as db:
                rows = db.execute("SELECT key, value FROM answers WHERE value IS NOT NULL")
                return {str(key): bytes(value) for key, value in rows}
        import redis

        client = redis.Redis.from_url(self.url)
        try:
            found = {}
            for key in client.scan_iter():
                value = client.get(key)
                if not key.endswith(b":lease") and isinstance(value, bytes):
                    found[key.decode()] = value
            return found
        finally:
            client.close()

    def find(self, marker: bytes) -> tuple[str, bytes]:
        """An entry whose value holds ``marker`` (an answer's field name)."""
        found = sorted((key, value) for key, value in self.entries().items() if marker in value)
        assert found, (marker, list(self.entries()))
        return found[0]

    def write(self, key: str, value: bytes) -> None:
        """Put ``value`` under ``key``, kept for an hour."""
        if self.url.startswith("sqlite://"):
            with sqlite3.connect(self.url.removeprefix("sqlite://")) as db:
                db.execute(
                    "INSERT INTO answers (key, value, expires, lease_until) "
                    "VALUES (?, ?, 1e12, 0) ON CONFLICT (key) DO UPDATE SET "
                    "value = excluded.value, expires = 1e12, lease_until = 0",
                    (key, value),
                )
            return
        import redis

        client = redis.Redis.from_url(self.url)
        try:
            client.set(key, value, ex=3600)
        finally:
            client.close()
