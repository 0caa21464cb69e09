"""The record: what the dashboard polls, kept in a local SQLite file, and what it tells.

No Textual here. Each stats answer for a period that includes today becomes a reading (today's
totals, every breakdown row's count, every event's figures), stored as a change log; the
record answers today by the hour, the same time yesterday, what is rising and which sources
are new. See :class:`Record`.
"""

from krafter_tui.record.growth import NewSource, Rising, RisingRow
from krafter_tui.record.hours import DEFAULT_GAP, Gap, HourCounts, TodayByHour
from krafter_tui.record.lookups import SoFar
from krafter_tui.record.migrations import SCHEMA_VERSION
from krafter_tui.record.record_file import (
    DEFAULT_SIZE_CAP,
    Record,
    RecordStatus,
    default_record_path,
)

__all__ = [
    "DEFAULT_GAP",
    "DEFAULT_SIZE_CAP",
    "SCHEMA_VERSION",
    "Gap",
    "HourCounts",
    "NewSource",
    "Record",
    "RecordStatus",
    "Rising",
    "RisingRow",
    "SoFar",
    "TodayByHour",
    "default_record_path",
]
