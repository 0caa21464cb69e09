"""The dashboard's own exports: what can be exported, the file's name and its text. No Textual.

The text comes from :mod:`krafter_tui.export.formats`'s writers (the same cleaning and the same CSV
formula guard as ``krafter-tui export``), fed with what the dashboard shows, not a new request.
A file name is ``krafter-<site>-<from>_<to>-<what>.<ext>``: the site's name made into a slug
(letters and digits, ``-`` between; no path separator, dot or control character can get
through), so a hostile site name cannot point the file elsewhere.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from krafter_tui.api import BreakdownRow, Event, Site, Stats
from krafter_tui.export.formats import (
    ExportFormat,
    What,
    breakdown_table,
    events_table,
    render_hourly,
    timeseries_table,
    to_csv,
    to_json,
)
from krafter_tui.record import HourCounts
from krafter_tui.text.sanitiser import clean_server_text

__all__ = [
    "EXPORT_CHOICES",
    "ExportChoice",
    "OnScreen",
    "export_name",
    "export_text",
    "file_slug",
    "offered",
]

#: The longest slug of a site's name in a file name (the whole name stays under 100).
SLUG_LENGTH: Final = 40


@dataclass(frozen=True)
class ExportChoice:
    """One thing the export dialog offers: ``key`` picks it there; ``what`` is a table of
    :mod:`krafter_tui.export.formats` or the screenshot, ``fmt`` its file type."""

    key: str
    what: What | Literal["screenshot"]
    fmt: ExportFormat | Literal["svg"]
    label: str


EXPORT_CHOICES: Final[tuple[ExportChoice, ...]] = (
    ExportChoice("b", "breakdown", "csv", "Breakdown as CSV"),
    ExportChoice("B", "breakdown", "json", "Breakdown as JSON"),
    ExportChoice("e", "events", "csv", "Custom events as CSV"),
    ExportChoice("E", "events", "json", "Custom events as JSON"),
    ExportChoice("t", "timeseries", "csv", "Timeseries as CSV"),
    ExportChoice("T", "timeseries", "json", "Timeseries as JSON"),
    ExportChoice("h", "hourly", "csv", "Recorded hours as CSV"),
    ExportChoice("H", "hourly", "json", "Recorded hours as JSON"),
    ExportChoice("s", "screenshot", "svg", "Screenshot as SVG"),
)
"""In the dialog's order: lower case CSV, upper case JSON. The recorded hours are offered
only while the chart draws the day by the hour (:func:`offered`)."""


def file_slug(text: str, limit: int = SLUG_LENGTH) -> str:
    """``text`` as a piece of a file name: cleaned like any server string, then only letters
    and digits (lower case), every other run of characters one ``-``, at most ``limit``
    characters; ``""`` when nothing is left."""
    cleaned = unicodedata.normalize("NFKC", clean_server_text(text, None)).lower()
    kept = "".join(ch if ch.isalnum() and ch.isprintable() else "-" for ch in cleaned)
    slug = "-".join(part for part in kept.split("-") if part)
    return slug[:limit].strip("-")


@dataclass(frozen=True)
class OnScreen:
    """What the dashboard shows, for an export: the site and period, the latest answers for
    them (None until they came), and the breakdown rows as the pane lists them (its
    dimension, sort and ``row_filter``)."""

    site: Site | None
    period: str
    stats: Stats | None
    events: Sequence[Event] | None
    rows: Sequence[BreakdownRow]
    dimension: str
    row_filter: str = ""
    # Sorted by rising: each value's growth over the last 30 minutes and whether it is new
    # (from the record), saved beside the rows; None for any other order.
    growth: Mapping[str, tuple[int, bool]] | None = None
    # The chart draws the day by the hour: the record's hours of the answer's UTC days, the
    # rows ``krafter-tui export --what hourly`` prints for them; None: the chart is by day.
    hours: Sequence[HourCounts] | None = None

    def missing(self, choice: ExportChoice) -> str | None:
        """Why ``choice`` cannot be saved yet (its figures have not come), else None."""
        if choice.what == "screenshot":
            return None
        if self.site is None or self.stats is None:
            return "the figures have not arrived yet"
        if choice.what == "events" and self.events is None:
            return "the custom events have not arrived yet"
        if choice.what == "hourly" and self.hours is None:
            return "the chart is not drawn by the hour"
        return None


def offered(shown: OnScreen) -> tuple[ExportChoice, ...]:
    """The dialog's choices for ``shown``: the recorded hours only while the chart draws the
    day by the hour."""
    return tuple(c for c in EXPORT_CHOICES if c.what != "hourly" or shown.hours is not None)


def export_name(choice: ExportChoice, shown: OnScreen) -> str:
    """The file name, e.g. ``krafter-pebble-crm-2026-10-27_2026-11-26-breakdown-path.csv``:
    the site's name (or its domain, or its key, when the name leaves no slug), the dates the
    server resolved (the period's label while no answer has come) and what it holds."""
    names = () if shown.site is None else (shown.site.name, shown.site.domain, shown.site.site_key)
    site = next((slug for name in names if (slug := file_slug(name))), "site")
    if shown.stats is not None:
        start, end = shown.stats.period.start, shown.stats.period.end
        span = start.isoformat() if start == end else f"{start.isoformat()}_{end.isoformat()}"
    else:
        span = file_slug(shown.period) or "period"
    what: str = choice.what
    if what == "breakdown":
        what = f"breakdown-{file_slug(shown.dimension)}"
    return f"krafter-{site}-{span}-{what}.{choice.fmt}"


def export_text(choice: ExportChoice, shown: OnScreen) -> str:
    """The file's text for a table choice: the breakdown rows as the pane lists them, the
    events with the conversion from the same stats' visitors, or the stats' timeseries. In
    JSON a breakdown also names its dimension (and the filter).

    Raises ValueError for the screenshot or while :meth:`OnScreen.missing` says why not.
    """
    stats, site = shown.stats, shown.site
    if choice.what == "screenshot" or choice.fmt == "svg":
        raise ValueError("a screenshot has no table text")
    if stats is None or site is None or shown.missing(choice):
        raise ValueError(f"nothing to export: {shown.missing(choice)}")
    if choice.what == "hourly":  # as the CLI writes them, from the same rows
        start, end = stats.period.start, stats.period.end
        fmt: ExportFormat = choice.fmt
        return render_hourly(fmt, shown.hours or [], site=site.name, start=start, end=end)
    if choice.what == "breakdown":
        table = breakdown_table(shown.rows, shown.growth)
    elif choice.what == "events":
        table = events_table(shown.events or [], stats.totals.visitors)
    else:
        table = timeseries_table(stats.timeseries)
    if choice.fmt == "csv":
        return to_csv(table)
    details: dict[str, str] = {}
    if choice.what == "breakdown":
        details["dimension"] = shown.dimension
        if shown.row_filter.strip():
            details["filter"] = shown.row_filter.strip()
        if shown.growth is not None:
            details["sort"] = "rising, last 30 min"
    return to_json(
        table,
        site=site.name,
        start=stats.period.start,
        end=stats.period.end,
        what=choice.what,
        details=details,
    )
