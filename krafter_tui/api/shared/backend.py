"""What a shared-cache backend does (SQLite on one machine, Redis across machines)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

__all__ = ["Claim", "SharedCacheError", "SharedStore"]


class SharedCacheError(Exception):
    """The shared cache cannot be used right now (down, locked, corrupt): poll directly."""


@dataclass(frozen=True)
class Claim:
    """What :meth:`SharedStore.claim` found: the value kept (if any), and whether this
    process now holds the lease, i.e. is the one to ask the server."""

    value: bytes | None
    leased: bool


class SharedStore(Protocol):
    """A place several dashboards keep answers in, with a short lease per answer so that only
    one of them asks the server for it. Every method raises :class:`SharedCacheError` when
    the store cannot be reached or read."""

    #: How the store is named in messages (``sqlite /path``, ``redis 127.0.0.1:6379/0``).
    label: str

    async def get(self, key: str, limit: int) -> bytes | None:
        """The value kept under ``key`` (None: none, or longer than ``limit`` bytes)."""

    async def claim(self, key: str, lease: float, limit: int) -> Claim:
        """The value kept under ``key``, and the lease on it for ``lease`` seconds if no
        one else holds it (taken together, so two processes cannot both take it)."""

    async def put(self, key: str, value: bytes, ttl: float) -> None:
        """Keep ``value`` under ``key`` for ``ttl`` seconds and give the lease up."""

    async def release(self, key: str) -> None:
        """Give the lease on ``key`` up without an answer (the request failed)."""

    async def aclose(self) -> None:
        """Close connections."""
