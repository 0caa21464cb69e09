"""What the dashboard shows, as CSV or JSON for a spreadsheet or a script. No Textual here.

Three tables: the breakdown of one dimension (value, count, percent), the custom events (name,
total, unique, revenue, conversion when the period's visitors are known) and the timeseries
(date, pageviews, visitors, visits); and the record's hours (hour start in UTC, pageviews,
visitors, visits, the seconds of the hour recorded), which the API does not give. Every server
string goes through :func:`~krafter_tui.api.clean_server_text`; in CSV a text cell that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR) gets a
leading ``'``, and every text cell is quoted (so a ``;`` inside cannot start a new cell), as
OWASP recommends. Numbers are written as numbers. JSON is one object: the site, the period as
the server resolved it, and the rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date
from typing import Final, Literal

from krafter_tui.api import BreakdownRow, Event, Stats, TimeseriesPoint
from krafter_tui.record import HourCounts
from krafter_tui.text.sanitiser import clean_server_text

__all__ = [
    "TABLES",
    "Cell",
    "ExportFormat",
    "Table",
    "What",
    "breakdown_table",
    "conversion",
    "events_table",
    "hourly_table",
    "render",
    "render_hourly",
    "safe_cell",
    "table_of",
    "timeseries_table",
    "to_csv",
    "to_json",
]

ExportFormat = Literal["csv", "json"]
What = Literal["breakdown", "events", "timeseries", "hourly"]
TABLES: Final[tuple[What, ...]] = ("breakdown", "events", "timeseries")
Cell = str | int | float | None
#: The first characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


class Table:
    """Named columns and rows of cells (text already cleaned, numbers as numbers)."""

    __slots__ = ("columns", "rows")

    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
        self.columns = tuple(columns)
        self.rows = [tuple(row) for row in rows]
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a row of {len(row)} cells for {len(self.columns)} columns")


def _text(value: str) -> str:
    return clean_server_text(value, None)


def breakdown_table(
    rows: Sequence[BreakdownRow], growth: Mapping[str, tuple[int, bool]] | None = None
) -> Table:
    """One dimension's breakdown: value, count, percent (0–100), in the order given; with
    ``growth`` (sorted by rising: each value's pageviews added over the last 30 minutes and
    whether it is new, from the record) two more columns, ``added_30min`` and ``new``."""
    if growth is None:
        return Table(
            ("value", "count", "percent"), [(_text(r.value), r.count, r.percent) for r in rows]
        )
    return Table(
        ("value", "count", "percent", "added_30min", "new"),
        [
            (_text(r.value), r.count, r.percent, *_growth(growth.get(r.value, (0, False))))
            for r in rows
        ],
    )


def _growth(found: tuple[int, bool]) -> tuple[int, str]:
    return found[0], "new" if found[1] else ""


def conversion(event: Event, visitors: int | None) -> float | None:
    """The event's unique visitors as a share (0–100) of the period's; None when unknown."""
    if not visitors:
        return None
    return round(min(100.0, event.unique_count / visitors * 100), 2)


def events_table(events: Sequence[Event], visitors: int | None) -> Table:
    """The custom events, most frequent first, as the pane lists them; ``conversion`` is empty
    (JSON null) when ``visitors`` is None or 0."""
    ordered = sorted(events, key=lambda e: -e.total)
    return Table(
        ("name", "total", "unique", "revenue", "conversion"),
        [
            (_text(e.event_name), e.total, e.unique_count, e.revenue, conversion(e, visitors))
            for e in ordered
        ],
    )


def timeseries_table(points: Sequence[TimeseriesPoint]) -> Table:
    """The timeseries: date (ISO), pageviews, visitors, visits, oldest first."""
    return Table(
        ("date", "pageviews", "visitors", "visits"),
        [(p.date.isoformat(), p.pageviews, p.visitors, p.visits) for p in points],
    )


def hourly_table(hours: Sequence[HourCounts]) -> Table:
    """The recorded hours: their start (UTC, ISO), what each added (pageviews, visitors,
    visits) and the seconds of it the record covered (3600: the whole hour), oldest first."""
    return Table(
        ("hour_start_utc", "pageviews", "visitors", "visits", "covered_seconds"),
        [
            (
                hour.start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                hour.added.pageviews,
                hour.added.visitors,
                hour.added.visits,
                round(hour.covered),
            )
            for hour in hours
        ],
    )


def safe_cell(cell: Cell) -> Cell:
    """``cell`` as a spreadsheet may read it: text starting like a formula gets a ``'``."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def to_csv(table: Table) -> str:
    """The table as CSV (a header row, ``\\n`` line ends); empty cells for None.

    Every text cell is quoted, numbers are not: a spreadsheet whose list separator is ``;``
    (most of continental Europe) would otherwise split ``x;=cmd|...`` into a cell of its own
    that starts with ``=``, past the ``'`` guard on the cell's first character.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if c is None else safe_cell(c) for c in row])
    return out.getvalue()


def to_json(
    table: Table,
    *,
    site: str,
    start: date,
    end: date,
    what: What,
    details: Mapping[str, str] | None = None,
) -> str:
    """One JSON object: the site, the period the server resolved, ``details`` (more keys,
    e.g. the breakdown's dimension) and the rows as objects."""
    document: dict[str, object] = {
        "site": _text(site),
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "what": what,
        **{key: _text(value) for key, value in (details or {}).items()},
        "rows": [dict(zip(table.columns, row, strict=True)) for row in table.rows],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def table_of(
    what: What, stats: Stats, events: Sequence[Event] = (), dimension: str = "path"
) -> Table:
    """The table ``what`` from a stats answer (and the events of the same period)."""
    if what == "breakdown":
        return breakdown_table((stats.breakdown or {}).get(dimension, []))
    if what == "events":
        return events_table(events, stats.totals.visitors)
    return timeseries_table(stats.timeseries)


def render(
    what: What,
    fmt: ExportFormat,
    stats: Stats,
    *,
    site: str,
    events: Sequence[Event] = (),
    dimension: str = "path",
) -> str:
    """The text of ``what`` in ``fmt``, for stdout or a file."""
    table = table_of(what, stats, events, dimension)
    if fmt == "csv":
        return to_csv(table)
    return to_json(table, site=site, start=stats.period.start, end=stats.period.end, what=what)


def render_hourly(
    fmt: ExportFormat, hours: Sequence[HourCounts], *, site: str, start: date, end: date
) -> str:
    """The recorded hours of ``site`` from ``start`` to ``end`` (UTC days) in ``fmt``."""
    table = hourly_table(hours)
    if fmt == "csv":
        return to_csv(table)
    return to_json(table, site=site, start=start, end=end, what="hourly")
