"""The record's schema, versioned: ``PRAGMA user_version`` and an ordered list of migrations.

Version N is reached by running ``MIGRATIONS[:N]`` in order, each in the same write
transaction as the version bump, so two processes opening an old file at once migrate it once.
A file of a newer version than this code knows is left alone (the record does not write).

Tables (version 2):

- ``sites``: the dictionary of sites, by their keyed hash (:mod:`.filing`).
- ``series``: the dictionary of series. A series is one figure of one site over one *span*
  (``span_from``..``span_to``, UTC day ordinals): ``kind`` is ``pageviews``, ``visitors`` or
  ``visits`` (today's totals: the span is that one day), a dimension (``path``, ``referrer``,
  ...; ``name`` is the row's value) or ``event``, ``event_unique``, ``event_revenue`` (``name``
  is the event's). ``last_at``/``last_value`` are its latest change, so a write compares
  against them without reading the log.
- ``changes``: the change log: a series' value at ``at`` (Unix seconds), written only when it
  differs from the series' previous value; NULL when a listed row left the list.
- ``readings``: one row per stats reading: when, the span of its breakdowns, and ``day`` (the
  UTC day ordinal) when it carried today's totals. Coverage and gaps are read from it.
- ``hourly``: the totals added in each UTC hour (``hour`` = Unix seconds // 3600), from the
  recorded minutes, with the seconds of that hour the record covered (version 2).
- ``meta``: ``pruned_at``, so several processes share the pruning.
"""

from __future__ import annotations

import sqlite3
from typing import Final

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "NewerRecordError", "migrate"]

MIGRATIONS: Final[tuple[str, ...]] = (
    # 1: the change log and its dictionaries
    """
    CREATE TABLE sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE series (
        id INTEGER PRIMARY KEY,
        site INTEGER NOT NULL,
        span_from INTEGER NOT NULL,
        span_to INTEGER NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        last_at REAL NOT NULL,
        last_value,
        UNIQUE (site, span_from, span_to, kind, name)
    );
    CREATE INDEX series_by_kind ON series (site, kind, span_to);
    CREATE TABLE changes (
        series INTEGER NOT NULL,
        at REAL NOT NULL,
        value,
        PRIMARY KEY (series, at)
    ) WITHOUT ROWID;
    CREATE TABLE readings (
        site INTEGER NOT NULL,
        at REAL NOT NULL,
        span_from INTEGER NOT NULL,
        span_to INTEGER NOT NULL,
        day INTEGER
    );
    CREATE INDEX readings_by_site ON readings (site, at);
    CREATE TABLE meta (name TEXT PRIMARY KEY, value) WITHOUT ROWID;
    """,
    # 2: hourly sums, kept longer than the minutes
    """
    CREATE TABLE hourly (
        site INTEGER NOT NULL,
        hour INTEGER NOT NULL,
        pageviews INTEGER NOT NULL DEFAULT 0,
        visitors INTEGER NOT NULL DEFAULT 0,
        visits INTEGER NOT NULL DEFAULT 0,
        covered REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (site, hour)
    ) WITHOUT ROWID;
    """,
)
SCHEMA_VERSION: Final = len(MIGRATIONS)


class NewerRecordError(Exception):
    """The file was written by a newer krafter-tui: this one neither reads nor writes it."""


def migrate(db: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> None:
    """Bring ``db`` (opened with ``isolation_level=None``) to version ``upto``."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version == upto:
        return
    if version > SCHEMA_VERSION:
        raise NewerRecordError(
            f"the record is version {version}, newer than this krafter-tui's {SCHEMA_VERSION}"
        )
    if version == 0:
        # Must precede the first table: freed pages can then be given back bit by bit.
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")
    db.execute("BEGIN IMMEDIATE")
    try:
        # Read again inside the transaction: another process may have migrated meanwhile.
        (version,) = db.execute("PRAGMA user_version").fetchone()
        for number in range(version + 1, upto + 1):
            for statement in MIGRATIONS[number - 1].split(";"):
                if statement.strip():
                    db.execute(statement)
        if upto > version:
            db.execute(f"PRAGMA user_version = {int(upto)}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
