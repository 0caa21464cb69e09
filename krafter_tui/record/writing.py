"""One reading written into the record: one transaction, only the values that changed.

Runs inside ``BEGIN IMMEDIATE`` (writers take turns; readers never wait). A series' value is
written when it differs from the series' latest value (the change log); a value read before
the series' latest change is a late answer and is not written; a row a reading's breakdown no
longer lists gets NULL. The same stats answer handed over twice (two screens of one site, fed
by one poll or by the shared cache, with the time it was read) is written once. The totals
of a reading also feed the hourly sums (:mod:`.hours`).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from krafter_tui.record.hours import Point, intervals, spread
from krafter_tui.record.reading import TOTAL_KINDS, Reading

__all__ = ["site_id", "write_reading"]

HOUR = 3600.0


def site_id(db: sqlite3.Connection, name: str, create: bool) -> int | None:
    """The id of the site filed as ``name`` (made when ``create``), else None."""
    row = db.execute("SELECT id FROM sites WHERE name = ?", (name,)).fetchone()
    if row is not None:
        return int(row[0])
    if not create:
        return None
    return int(
        db.execute("INSERT INTO sites (name) VALUES (?) RETURNING id", (name,)).fetchone()[0]
    )


def _series(db: sqlite3.Connection, site: int, span: tuple[int, int]) -> dict[Any, list[Any]]:
    rows = db.execute(
        "SELECT kind, name, id, last_at, last_value FROM series "
        "WHERE site = ? AND span_from = ? AND span_to = ?",
        (site, *span),
    )
    return {(kind, name): [ident, last_at, value] for kind, name, ident, last_at, value in rows}


def _write_values(
    db: sqlite3.Connection,
    site: int,
    span: tuple[int, int],
    at: float,
    values: dict[tuple[str, str], Any],
    listed: frozenset[str],
) -> None:
    known = _series(db, site, span)
    changes: list[tuple[int, float, Any]] = []
    for key, value in values.items():
        found = known.get(key)
        if found is None:
            (ident,) = db.execute(
                "INSERT INTO series (site, span_from, span_to, kind, name, last_at, last_value) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (site, *span, *key, at, value),
            ).fetchone()
            changes.append((ident, at, value))
        elif at > found[1] and value != found[2]:
            changes.append((found[0], at, value))
    for (kind, _name), (ident, last_at, value) in known.items():
        if kind in listed and value is not None and at > last_at and (kind, _name) not in values:
            changes.append((ident, at, None))
    db.executemany("INSERT OR REPLACE INTO changes (series, at, value) VALUES (?, ?, ?)", changes)
    db.executemany(
        "UPDATE series SET last_at = ?, last_value = ? WHERE id = ? AND last_at <= ?",
        [(when, value, ident, when) for ident, when, value in changes],
    )


def _add_hours(
    db: sqlite3.Connection, site: int, at: float, day: int, totals: tuple[int, int, int], gap: float
) -> None:
    previous = db.execute(
        "SELECT at, day FROM readings WHERE site = ? AND day IS NOT NULL ORDER BY at DESC LIMIT 1",
        (site,),
    ).fetchone()
    points = []
    if previous is not None:
        then, then_day = float(previous[0]), int(previous[1])
        kept = dict(
            db.execute(
                "SELECT kind, last_value FROM series WHERE site = ? AND span_from = ? "
                "AND span_to = ? AND name = '' AND kind IN ('pageviews', 'visitors', 'visits')",
                (site, then_day, then_day),
            ).fetchall()
        )
        pageviews, visitors, visits = (int(kept.get(kind) or 0) for kind in TOTAL_KINDS)
        points.append(Point(then, then_day, (pageviews, visitors, visits)))
    points.append(Point(at, day, totals))
    for interval in list(intervals(points, gap))[-1:]:
        if not interval.covered:
            continue
        added: dict[int, list[float]] = {}
        for metric in range(3):
            for hour, share in spread(
                interval.start, interval.end, interval.added[metric], 0.0, HOUR
            ).items():
                added.setdefault(hour, [0, 0, 0, 0.0])[metric] += share
        first, last = int(interval.start // HOUR), int(interval.end // HOUR)
        for hour in range(first, last + 1):
            seen = min(interval.end, (hour + 1) * HOUR) - max(interval.start, hour * HOUR)
            if seen > 0:
                added.setdefault(hour, [0, 0, 0, 0.0])[3] += seen
        db.executemany(
            "INSERT INTO hourly (site, hour, pageviews, visitors, visits, covered) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (site, hour) DO UPDATE SET "
            "pageviews = pageviews + excluded.pageviews, visitors = visitors + excluded.visitors,"
            " visits = visits + excluded.visits, covered = min(3600, covered + excluded.covered)",
            [(site, hour, *sums) for hour, sums in added.items()],
        )


def write_reading(
    db: sqlite3.Connection, site_name: str, reading: Reading, gap: float, is_stats: bool
) -> None:
    """Write ``reading`` of the site filed as ``site_name`` (the caller holds the transaction)."""
    site = site_id(db, site_name, create=True)
    assert site is not None
    at = reading.at.timestamp()
    span = (reading.span[0].toordinal(), reading.span[1].toordinal())
    if (
        is_stats
        and db.execute(
            "SELECT 1 FROM readings WHERE site = ? AND at = ? AND span_from = ? AND span_to = ?",
            (site, at, *span),
        ).fetchone()
    ):
        return  # the same answer again (two screens showing one site): written once
    values = {key: value for key, value in reading.values.items()}
    day: int | None = None
    if reading.day is not None and reading.totals is not None:
        (latest,) = db.execute(
            "SELECT MAX(at) FROM readings WHERE site = ? AND day IS NOT NULL", (site,)
        ).fetchone()
        if latest is None or at > latest:
            day = reading.day.toordinal()
            _add_hours(db, site, at, day, reading.totals, gap)
            totals = {(kind, ""): n for kind, n in zip(TOTAL_KINDS, reading.totals, strict=True)}
            _write_values(db, site, (day, day), at, totals, frozenset())
    _write_values(db, site, span, at, values, reading.listed)
    if is_stats:
        db.execute(
            "INSERT INTO readings (site, at, span_from, span_to, day) VALUES (?, ?, ?, ?, ?)",
            (site, at, *span, day),
        )
