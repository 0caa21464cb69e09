"""The reporting period: ``7d``, ``30d``, ``12mo`` or a custom ``from``..``to`` date range."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

__all__ = ["PRESETS", "Period", "PeriodError", "utc_date"]

PresetName = Literal["7d", "30d", "12mo"]
PRESETS: tuple[PresetName, ...] = ("7d", "30d", "12mo")
_LABELS = {"7d": "Last 7 days", "30d": "Last 30 days", "12mo": "Last 12 months"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)  # ASCII: "٢٠٢٥" is not YYYY


def utc_date(moment: datetime) -> date:
    """The API's day at ``moment``: Krafter's days are UTC days, whatever the local zone."""
    return moment.astimezone(UTC).date()


class PeriodError(ValueError):
    """A period or date the user typed cannot be used; the message says why and what works."""


def parse_date(text: str, what: str = "date") -> date:
    """Parse ``YYYY-MM-DD`` strictly, with a message a user understands when it is wrong."""
    text = text.strip()
    if not _DATE.fullmatch(text):
        raise PeriodError(f"{what} {text!r} is not a date: use YYYY-MM-DD, e.g. 2025-01-31")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"{what} {text} does not exist on the calendar") from None


@dataclass(frozen=True)
class Period:
    """A period as the API takes it: a preset name, or ``custom`` with both dates (inclusive)."""

    name: Literal["7d", "30d", "12mo", "custom"]
    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.name == "custom":
            if self.start is None or self.end is None:
                raise PeriodError("a custom period needs both a start and an end date")
            if self.start > self.end:
                raise PeriodError(f"the start date {self.start} is after the end date {self.end}")
        elif self.name in PRESETS:
            if self.start is not None or self.end is not None:
                raise PeriodError(f"period {self.name} takes no dates")
        else:
            raise PeriodError(f"unknown period {self.name!r}: use 7d, 30d, 12mo or FROM..TO")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``7d``, ``30d``, ``12mo`` or ``YYYY-MM-DD..YYYY-MM-DD``."""
        text = text.strip()
        if text in PRESETS:
            return cls(text)
        if ".." in text:
            first, _, second = text.partition("..")
            return cls.custom(parse_date(first, "start date"), parse_date(second, "end date"))
        raise PeriodError(
            f"unknown period {text!r}: use 7d, 30d, 12mo or a range like 2025-01-01..2025-01-31"
        )

    @classmethod
    def custom(cls, start: date, end: date, *, today: date | None = None) -> Period:
        """A custom range; with ``today`` given, a range reaching into the future is refused."""
        if today is not None and end > today:
            raise PeriodError(f"the end date {end} is in the future (today is {today})")
        period = cls("custom", start, end)
        # Every period is compared with the one of equal length before it: that one must
        # exist on the calendar (0001-01-01..0001-01-03 has none).
        if (start - date.min).days < (end - start).days + 1:
            raise PeriodError(
                f"the start date {start} is too early: the period before it, "
                "which the changes compare against, would begin before the year 1"
            )
        return period

    @property
    def is_custom(self) -> bool:
        """True for a ``from``..``to`` range."""
        return self.name == "custom"

    def query_params(self) -> dict[str, str]:
        """The ``period``/``from``/``to`` query parameters for this period."""
        if self.start is not None and self.end is not None:
            return {"period": "custom", "from": self.start.isoformat(), "to": self.end.isoformat()}
        return {"period": self.name}

    @property
    def label(self) -> str:
        """A short human label: ``Last 7 days`` or ``2025-01-01 – 2025-01-31``."""
        if self.start is not None and self.end is not None:
            return f"{self.start} – {self.end}"
        return _LABELS[self.name]

    def __str__(self) -> str:
        if self.start is not None and self.end is not None:
            return f"{self.start}..{self.end}"
        return self.name

    def expected_range(self, today: date) -> tuple[date, date]:
        """The dates the API resolves this period to on ``today`` (UTC), both inclusive.

        As documented: ``7d`` is today-7 .. today, ``30d`` today-30 .. today, ``12mo`` the same
        day a year ago (Feb 29 becomes Feb 28) .. today. A guess only, made to ask for the
        previous period without waiting for the answer; the answer's own range is what counts.
        """
        if self.start is not None and self.end is not None:
            return self.start, self.end
        if self.name == "7d":
            return today - timedelta(days=7), today
        if self.name == "30d":
            return today - timedelta(days=30), today
        day = min(today.day, 28) if today.month == 2 else today.day
        return today.replace(year=today.year - 1, day=day), today

    @staticmethod
    def previous_of(start: date, end: date) -> Period:
        """The custom period of equal length (both ends inclusive) that ends the day before."""
        days = (end - start).days + 1
        prev_end = start - timedelta(days=1)
        return Period("custom", prev_end - timedelta(days=days - 1), prev_end)
