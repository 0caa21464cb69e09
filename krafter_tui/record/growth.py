"""What is rising in a breakdown, and which sources are new, from the recorded breakdowns.

Growth is measured within one span at a time (see :mod:`.reading`): a row's count at the end
of a piece minus its count at the start, both read from readings of that span. The window is
covered back from its end by such pieces: the span read last, then (when it began inside the
window, as at midnight) the same span a day earlier, if that is the span read before it (a
span of another period, read before the user switched, is not this period's growth). A
one-day span that began inside the window counts from 0 at its midnight; a span read once in
it added nothing yet. When the record is younger than the window, ``since`` says from
when it counts. A row not listed at a piece's start counts from 0 there (a row below the
server's row limit then is the exception). Breakdown counts are the API's ``count``:
pageviews, not visitors.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

__all__ = ["NewSource", "Rising", "RisingRow", "new_sources", "rising"]


@dataclass(frozen=True)
class RisingRow:
    """A breakdown row: its ``count`` now, what it ``added`` over the window, and ``new`` when
    it was not listed an hour before."""

    value: str
    count: int
    added: int
    new: bool


@dataclass(frozen=True)
class Rising:
    """A dimension's rows by growth (most first) over the window from ``since`` to ``until``;
    ``new_known`` is False when the record does not reach back an hour (no row is marked)."""

    dimension: str
    rows: list[RisingRow]
    since: datetime | None
    until: datetime | None
    new_known: bool


@dataclass(frozen=True)
class NewSource:
    """A referrer or UTM source absent from the baseline that ``added`` pageviews in the window."""

    dimension: str
    value: str
    added: int


def _values(
    db: sqlite3.Connection, site: int, dimension: str, span: tuple[int, int], at: float
) -> dict[str, int]:
    rows = db.execute(
        "SELECT s.name, (SELECT c.value FROM changes AS c WHERE c.series = s.id AND c.at <= ? "
        "ORDER BY c.at DESC LIMIT 1) FROM series AS s "
        "WHERE s.site = ? AND s.kind = ? AND s.span_from = ? AND s.span_to = ?",
        (at, site, dimension, *span),
    )
    return {name: int(value) for name, value in rows if value}


def _latest_reading(
    db: sqlite3.Connection, site: int, dimension: str, at: float
) -> tuple[tuple[int, int], float] | None:
    """The span and time of the latest reading at or before ``at`` that listed ``dimension``."""
    row = db.execute(
        "SELECT r.span_from, r.span_to, r.at FROM readings AS r WHERE r.site = ? AND r.at <= ? "
        "AND EXISTS (SELECT 1 FROM series AS s WHERE s.site = r.site AND s.kind = ? "
        "AND s.span_from = r.span_from AND s.span_to = r.span_to) ORDER BY r.at DESC LIMIT 1",
        (site, at, dimension),
    ).fetchone()
    return None if row is None else ((int(row[0]), int(row[1])), float(row[2]))


def _began(db: sqlite3.Connection, site: int, span: tuple[int, int], start: float) -> float:
    """Where a piece of growth in ``span`` starts: its reading at or before ``start``, else its
    first reading; a one-day span that began inside the window, from its midnight (its
    counts were 0 then)."""
    (before,) = db.execute(
        "SELECT max(at) FROM readings WHERE site = ? AND span_from = ? AND span_to = ? AND at <= ?",
        (site, *span, start),
    ).fetchone()
    if before is not None:
        return float(before)
    midnight = datetime.combine(date.fromordinal(span[0]), time(), UTC).timestamp()
    if span[0] == span[1] and midnight >= start:
        return midnight
    (first,) = db.execute(
        "SELECT min(at) FROM readings WHERE site = ? AND span_from = ? AND span_to = ?",
        (site, *span),
    ).fetchone()
    return float(first)


def _present(db: sqlite3.Connection, site: int, dimension: str, at: float) -> set[str] | None:
    """The rows listed in the reading of ``dimension`` nearest before ``at`` (any span), or
    None when the record does not reach back that far."""
    row = db.execute(
        "SELECT r.span_from, r.span_to, max(r.at) FROM readings AS r WHERE r.site = ? AND "
        "r.at <= ? AND EXISTS (SELECT 1 FROM series AS s WHERE s.site = r.site AND s.kind = ? "
        "AND s.span_from = r.span_from AND s.span_to = r.span_to)",
        (site, at, dimension),
    ).fetchone()
    if row is None or row[2] is None:
        return None
    return set(_values(db, site, dimension, (row[0], row[1]), float(row[2])))


def rising(
    db: sqlite3.Connection, site: int, dimension: str, now: datetime, window: float, fresh: float
) -> Rising:
    """``dimension``'s rows by what they added over the last ``window`` seconds; ``new`` marks
    the rows not listed ``fresh`` seconds ago.

    The window is walked back from its end in pieces, one span each: the span read last, from
    its reading at or before the window's start (else from where it began), then the span
    read before that, and so on. At a change of span (midnight) the traffic between the last
    reading of the old span and the first of the new one is not counted."""
    until, start = now.timestamp(), now.timestamp() - window
    latest = _latest_reading(db, site, dimension, until)
    if latest is None:
        return Rising(dimension, [], None, None, False)
    last_at = latest[1]
    added: dict[str, int] = {}
    counts: dict[str, int] = {}
    began = until
    found: tuple[tuple[int, int], float] | None = latest
    while found is not None:
        span, end = found
        began = min(_began(db, site, span, start), end)
        after = _values(db, site, dimension, span, end)
        # One reading of a span is a moment: nothing is known to have been added in it.
        before = _values(db, site, dimension, span, began) if began < end else after
        if not counts:
            counts = after
        for value, count in after.items():
            added[value] = added.get(value, 0) + max(0, count - before.get(value, 0))
        if began <= start:
            break
        found = _latest_reading(db, site, dimension, began - 1e-6)
        if found is not None and found[0] != (span[0] - 1, span[1] - 1):
            break  # another period (the user switched), not this one the day before
    present = _present(db, site, dimension, until - fresh)
    rows = [
        RisingRow(
            value,
            count,
            added.get(value, 0),
            present is not None and value not in present,
        )
        for value, count in counts.items()
    ]
    rows.sort(key=lambda row: (-row.added, -row.count, row.value))
    return Rising(
        dimension,
        rows,
        datetime.fromtimestamp(began, UTC),
        datetime.fromtimestamp(last_at, UTC),
        present is not None,
    )


def _seen(
    db: sqlite3.Connection, site: int, dimension: str, since: float, until: float
) -> set[str]:
    """The rows of ``dimension`` listed with a count above 0 at some time from ``since`` to
    ``until`` in any span: a change above 0 made in that time, or the one in force when it
    began if its span was still read then (a span that ended before that day holds nothing).
    A row of a long span (30 days) is listed as long as the span counts it."""
    since_day = datetime.fromtimestamp(since, UTC).date().toordinal()
    rows = db.execute(
        "SELECT DISTINCT s.name FROM series AS s JOIN changes AS c ON c.series = s.id "
        "WHERE s.site = ? AND s.kind = ? AND c.value > 0 AND c.at <= ? "
        "AND (c.at >= ? OR s.span_to >= ?) AND NOT EXISTS ("
        "SELECT 1 FROM changes AS later WHERE later.series = c.series AND later.at > c.at "
        "AND later.at <= ?)",
        (site, dimension, until, since, since_day, since),
    )
    return {name for (name,) in rows}


def new_sources(
    db: sqlite3.Connection,
    site: int,
    now: datetime,
    window: float,
    baseline: float,
    at_least: int,
) -> list[NewSource]:
    """Referrers and UTM sources that added at least ``at_least`` pageviews over the last
    ``window`` seconds and were not listed in the ``baseline`` seconds before it. Only when
    the record was read before the window began (else nothing is new: nothing was seen yet)."""
    found = []
    for dimension in ("referrer", "utm_source"):
        growth = rising(db, site, dimension, now, window, window)
        if growth.since is None or growth.since.timestamp() > now.timestamp() - window:
            continue
        start = now.timestamp() - window
        seen = _seen(db, site, dimension, start - baseline, start)
        found += [
            NewSource(dimension, row.value, row.added)
            for row in growth.rows
            if row.added >= at_least and row.value not in seen
        ]
    found.sort(key=lambda source: (-source.added, source.dimension, source.value))
    return found
