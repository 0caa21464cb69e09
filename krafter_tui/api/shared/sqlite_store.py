"""The shared cache in one SQLite file, for dashboards on one machine.

SQLite (stdlib) in WAL mode, with a busy timeout: several processes read at once and one
writes at a time. Every call runs in a worker thread, so the event loop never waits on the
file. The folder is created 0700 and the file 0600 (never through a link): it holds the
team's figures (never the API key). An existing folder or file others could change (see
:mod:`.private_path`), a file that is locked for too long, damaged or not a database raises
:class:`SharedCacheError`, and the dashboard polls directly until it is usable again.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final, TypeVar

from krafter_tui.api.shared.backend import Claim, SharedCacheError
from krafter_tui.api.shared.private_path import (
    UnsafePathError,
    check_private_file,
    private_folder,
    touch_private_file,
)

__all__ = ["SqliteStore"]

BUSY_TIMEOUT: Final = 2.0  # seconds a writer waits for another's transaction to end
T = TypeVar("T")

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    value BLOB,
    expires REAL NOT NULL DEFAULT 0,
    lease_until REAL NOT NULL DEFAULT 0
)
"""


class SqliteStore:
    """The :class:`~.store.SharedStore` in the SQLite file at ``path``."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.label = f"sqlite {path}"
        self.clock = clock
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # one connection, used by one worker thread at a time

    async def get(self, key: str, limit: int) -> bytes | None:
        """The value kept under ``key`` and not expired."""
        return await self._run(lambda db: self._value(db, key, limit))

    async def claim(self, key: str, lease: float, limit: int) -> Claim:
        """The value, and the lease if free, in one write transaction (BEGIN IMMEDIATE)."""

        def claim(db: sqlite3.Connection) -> Claim:
            now = self.clock()
            db.execute("BEGIN IMMEDIATE")
            try:
                value = self._value(db, key, limit)
                row = db.execute("SELECT lease_until FROM answers WHERE key = ?", (key,)).fetchone()
                leased = row is None or float(row[0]) <= now
                if leased:
                    db.execute(
                        "INSERT INTO answers (key, lease_until) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET lease_until = excluded.lease_until",
                        (key, now + lease),
                    )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return Claim(value, leased)

        return await self._run(claim)

    async def put(self, key: str, value: bytes, ttl: float) -> None:
        """Keep ``value``, give the lease up, and drop answers expired long ago."""

        def put(db: sqlite3.Connection) -> None:
            now = self.clock()
            with db:
                db.execute(
                    "INSERT INTO answers (key, value, expires, lease_until) VALUES (?, ?, ?, 0) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                    "expires = excluded.expires, lease_until = 0",
                    (key, value, now + ttl),
                )
                db.execute("DELETE FROM answers WHERE expires < ? AND lease_until < ?", (now, now))

        await self._run(put)

    async def release(self, key: str) -> None:
        """Give the lease up."""

        def release(db: sqlite3.Connection) -> None:
            with db:
                db.execute("UPDATE answers SET lease_until = 0 WHERE key = ?", (key,))

        await self._run(release)

    async def aclose(self) -> None:
        """Close the file."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _value(self, db: sqlite3.Connection, key: str, limit: int) -> bytes | None:
        row = db.execute(
            "SELECT CASE WHEN length(value) <= ? THEN value END FROM answers "
            "WHERE key = ? AND expires > ?",
            (limit, key, self.clock()),
        ).fetchone()
        return None if row is None or not isinstance(row[0], bytes) else row[0]

    async def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        return await asyncio.to_thread(self._locked, work)

    def _locked(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                return work(self._open())
            except (sqlite3.Error, OSError, UnsafePathError) as exc:
                # A damaged file stays damaged for this connection: start afresh next time.
                if self._db is not None:
                    self._db.close()
                    self._db = None
                raise SharedCacheError(f"{self.label}: {exc}") from None

    def _open(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        private_folder(self.path.parent)
        # Created 0600 before SQLite opens it (its -wal and -shm files take the same mode).
        touch_private_file(self.path)
        for suffix in ("-wal", "-shm"):
            check_private_file(self.path.with_name(self.path.name + suffix))
        db = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)
        except BaseException:
            db.close()
            raise
        self._db = db
        return db
