"""Typed models of the Krafter Analytics API payloads, validated at the boundary by msgspec.

msgspec was chosen over pydantic because it validates while decoding (one pass over the bytes),
imports in a few milliseconds, and reports the exact JSON path of the first bad field
(``$.data.totals.visitors``), which becomes the path in :class:`BadResponseError`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Final, Generic, Literal, TypeVar, get_args

import msgspec

from krafter_tui.text.sanitiser import clean_server_text

__all__ = [
    "DIMENSIONS",
    "BreakdownRow",
    "DateRange",
    "Dimension",
    "Envelope",
    "Event",
    "Realtime",
    "Site",
    "Stats",
    "TimeseriesPoint",
    "Totals",
]

Dimension = Literal[
    "path",
    "referrer",
    "country",
    "device",
    "browser",
    "os",
    "utm_source",
    "utm_medium",
    "utm_campaign",
]
DIMENSIONS: Final[tuple[Dimension, ...]] = get_args(Dimension)

# Counts are never negative, and anything past 10**15 is a corrupted answer, not traffic.
Count = Annotated[int, msgspec.Meta(ge=0, le=10**15)]
Percent = Annotated[float, msgspec.Meta(ge=0.0, le=100.5)]
Money = Annotated[float, msgspec.Meta(ge=-1e15, le=1e15)]
Text = Annotated[str, msgspec.Meta(max_length=100_000)]

T = TypeVar("T")


def _clean(struct: msgspec.Struct, *names: str) -> None:
    """Run the sanitiser over text fields as they arrive (msgspec calls ``__post_init__`` on
    every decode and convert): no escape code, bidi control or invisible character from the
    server reaches anything past this point, however it is shown (pane, toast, palette, CLI,
    log, state file). Widgets still cut text to their width with the same sanitiser."""
    for name in names:
        value = getattr(struct, name)
        cleaned = clean_server_text(value, None)
        if cleaned != value:
            msgspec.structs.force_setattr(struct, name, cleaned)


class Envelope(msgspec.Struct, Generic[T]):
    """The ``{"data": ...}`` wrapper of every successful response."""

    data: T


class Site(msgspec.Struct, frozen=True):
    """A site of the team; ``site_key`` (``sk_…``) is what the other endpoints take."""

    id: Text
    domain: Text
    name: Text
    site_key: Text
    public_stats: bool
    created_at: Text

    def __post_init__(self) -> None:
        _clean(self, "id", "domain", "name", "site_key", "created_at")


class DateRange(msgspec.Struct, frozen=True):
    """The period the server resolved, shown as returned (``to`` may or may not be inclusive)."""

    start: date = msgspec.field(name="from")
    end: date = msgspec.field(name="to")


class Totals(msgspec.Struct, frozen=True):
    """Totals over the period; ``visitors`` is as returned, never a sum of daily values."""

    pageviews: Count
    visitors: Count
    visits: Count


class TimeseriesPoint(msgspec.Struct, frozen=True):
    """One row of the timeseries (daily, or monthly for ``12mo`` on some servers)."""

    date: date
    pageviews: Count
    visitors: Count
    visits: Count


class BreakdownRow(msgspec.Struct, frozen=True):
    """One value of a dimension with its count and share (0–100)."""

    value: Text
    count: Count
    percent: Percent

    def __post_init__(self) -> None:
        _clean(self, "value")


class Stats(msgspec.Struct, frozen=True):
    """Aggregated statistics for a site and period."""

    period: DateRange
    totals: Totals
    timeseries: list[TimeseriesPoint]
    breakdown: dict[Text, list[BreakdownRow]] | None = None


class Realtime(msgspec.Struct, frozen=True):
    """Visitors active in the last five minutes."""

    current_visitors: Count


class Event(msgspec.Struct, frozen=True):
    """A custom event's counts over the period; ``revenue`` is None when none is tracked."""

    event_name: Text
    total: Count
    unique_count: Count
    revenue: Money | None

    def __post_init__(self) -> None:
        _clean(self, "event_name")
