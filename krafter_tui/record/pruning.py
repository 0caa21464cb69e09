"""Keeping the record bounded: minutes for 48 hours, hourly sums for 35 days, a size cap.

Pruning is amortised: a process prunes at most every ``every`` seconds, and the time of the
last pruning is kept in the file (``meta.pruned_at``) so several processes share it. A series'
latest change before the cutoff is kept: its value still holds after the cutoff. Series of a
span that ended before the cutoff's day are never written again, and go whole. Above the size
cap the minutes kept are halved until the file fits (at most a few rounds), and freed pages
go back to the file system (``incremental_vacuum``).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

__all__ = ["prune", "record_size"]

_ROUNDS = 6


def record_size(db: sqlite3.Connection) -> int:
    """The bytes the record's pages hold (free pages not counted)."""
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    (free,) = db.execute("PRAGMA freelist_count").fetchone()
    (size,) = db.execute("PRAGMA page_size").fetchone()
    return int((pages - free) * size)


def _prune_minutes(db: sqlite3.Connection, cutoff: float) -> None:
    dead = datetime.fromtimestamp(cutoff, UTC).date().toordinal()
    db.execute("DELETE FROM readings WHERE at < ?", (cutoff,))
    db.execute(
        "DELETE FROM changes WHERE series IN (SELECT id FROM series WHERE span_to < ?)", (dead,)
    )
    db.execute("DELETE FROM series WHERE span_to < ?", (dead,))
    db.execute(
        "DELETE FROM changes WHERE at < ? AND EXISTS (SELECT 1 FROM changes AS later "
        "WHERE later.series = changes.series AND later.at > changes.at AND later.at <= ?)",
        (cutoff, cutoff),
    )


def prune(
    db: sqlite3.Connection,
    now: float,
    keep_minutes: float,
    keep_hours: float,
    size_cap: int,
    every: float,
) -> bool:
    """Prune if no process did in the last ``every`` seconds; whether it did. The caller has
    opened the file with ``isolation_level=None``; this runs its own transaction."""
    db.execute("BEGIN IMMEDIATE")
    try:
        row = db.execute("SELECT value FROM meta WHERE name = 'pruned_at'").fetchone()
        if row is not None and now - float(row[0]) < every:
            db.execute("COMMIT")
            return False
        _prune_minutes(db, now - keep_minutes)
        db.execute("DELETE FROM hourly WHERE hour < ?", (int((now - keep_hours) // 3600),))
        kept = keep_minutes
        for _ in range(_ROUNDS):
            if record_size(db) <= size_cap:
                break
            kept /= 2
            _prune_minutes(db, now - kept)
        db.execute(
            "INSERT INTO meta (name, value) VALUES ('pruned_at', ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (now,),
        )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("PRAGMA incremental_vacuum")
    return True
