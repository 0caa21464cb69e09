"""The reporting period: a named one (``7d``, ``today``, ``lastmonth``...) or a custom range.

The API itself knows ``7d``, ``30d``, ``12mo`` and ``custom`` (:data:`PRESETS`). The other
names (:data:`LOCAL_PRESETS`, Plausible's) are resolved here into ``custom`` ranges on the
current UTC day before they are sent: see :meth:`Period.resolve`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from krafter_tui.api.period_steps import (
    Unit,
    day_label,
    month_bounds,
    readable_label,
    same_dates_a_year_before,
    shape,
    shifted,
)

__all__ = [
    "LOCAL_PRESETS",
    "PERIOD_NAMES",
    "PRESETS",
    "CompareMode",
    "Period",
    "PeriodError",
    "utc_date",
]

PresetName = Literal["7d", "30d", "12mo"]
LocalName = Literal["today", "yesterday", "month", "lastmonth", "year", "all"]
PeriodName = Literal[
    "7d", "30d", "12mo", "today", "yesterday", "month", "lastmonth", "year", "all", "custom"
]
CompareMode = Literal["previous", "year"]
#: The periods the API resolves itself.
PRESETS: tuple[PresetName, ...] = ("7d", "30d", "12mo")
#: The named periods resolved here into ``custom`` ranges (Plausible's names).
LOCAL_PRESETS: tuple[LocalName, ...] = ("today", "yesterday", "month", "lastmonth", "year", "all")
#: Every name ``Period.parse`` takes besides a ``FROM..TO`` range, in the order messages list them.
PERIOD_NAMES: tuple[PresetName | LocalName, ...] = PRESETS + LOCAL_PRESETS
_LABELS = {
    "7d": "Last 7 days",
    "30d": "Last 30 days",
    "12mo": "Last 12 months",
    "today": "Today",
    "yesterday": "Yesterday",
    "month": "Month to date",
    "lastmonth": "Last month",
    "year": "Year to date",
    "all": "All time",
}
_UNITS: dict[str, Unit] = {"month": "month", "lastmonth": "month", "year": "year", "12mo": "12mo"}
#: The days a named day period steps by: what its name says. ``7d`` covers today-7 .. today
#: (eight days, the API's), yet the step back from ``Last 7 days`` is the 7 days before it.
_NAMED_DAYS: dict[str, int] = {"today": 1, "yesterday": 1, "7d": 7, "30d": 30}
#: The live named periods a day range stepping forward may land on, by its length in days.
_LIVE_DAY_PRESETS: tuple[PresetName | LocalName, ...] = ("today", "7d", "30d")
_NAMES_SHOWN = ", ".join(PERIOD_NAMES)
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
    """A period: a name from :data:`PERIOD_NAMES`, or ``custom`` with both dates (inclusive).

    ``unit`` is set on the custom ranges that stepping (or :meth:`resolve`) made: it is how
    they move on (by days, months or years) and lets their label read ``Oct 2026`` rather than
    two dates. It takes no part in equality, hashing or ``str``: a range is the same range
    however it was reached, and a range parsed back from text moves by its shape.
    """

    name: PeriodName
    start: date | None = None
    end: date | None = None
    unit: Unit | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.name == "custom":
            if self.start is None or self.end is None:
                raise PeriodError("a custom period needs both a start and an end date")
            if self.start > self.end:
                raise PeriodError(f"the start date {self.start} is after the end date {self.end}")
        elif self.name in PERIOD_NAMES:
            if self.start is not None or self.end is not None:
                raise PeriodError(f"period {self.name} takes no dates")
            if self.unit is not None:
                raise PeriodError(f"only a custom range takes a unit, not period {self.name}")
        else:
            raise PeriodError(f"unknown period {self.name!r}: use {_NAMES_SHOWN} or FROM..TO")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse a name of :data:`PERIOD_NAMES` or ``YYYY-MM-DD..YYYY-MM-DD``."""
        text = text.strip()
        if text in PERIOD_NAMES:
            return cls(text)
        if ".." in text:
            first, _, second = text.partition("..")
            return cls.custom(parse_date(first, "start date"), parse_date(second, "end date"))
        raise PeriodError(
            f"unknown period {text!r}: use {_NAMES_SHOWN} or a range like 2025-01-01..2025-01-31"
        )

    @classmethod
    def custom(
        cls, start: date, end: date, *, today: date | None = None, unit: Unit | None = None
    ) -> Period:
        """A custom range; with ``today`` given, a range reaching into the future is refused."""
        if today is not None and end > today:
            raise PeriodError(f"the end date {end} is in the future (today is {today})")
        period = cls("custom", start, end, unit)
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

    @property
    def monthly(self) -> bool:
        """Whether the chart shows this period by month: ``12mo`` (the API may bucket it by
        month itself) and the twelve-month ranges stepped to from it, so a step keeps the
        chart's kind as well as the period's."""
        return self.name == "12mo" or self.unit == "12mo"

    def query_params(self) -> dict[str, str]:
        """The ``period``/``from``/``to`` query parameters for this period.

        The names the API does not know (:data:`LOCAL_PRESETS`) have none: send
        ``resolve(today)`` instead. Asking anyway is a bug, not something a user typed.
        """
        if self.start is not None and self.end is not None:
            return {"period": "custom", "from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.name not in PRESETS:
            raise ValueError(f"period {self.name} must be resolved before it is sent")
        return {"period": self.name}

    @property
    def label(self) -> str:
        """A short human label: ``Last 7 days``, ``Today``, ``2025-01-01 – 2025-01-31``, one
        day as ``Mon 23 Nov 2026``, or for a range that stepping made ``Oct 2026`` or ``2025``."""
        if self.start is not None and self.end is not None:
            if self.unit is not None:
                readable = readable_label(self.start, self.end, self.unit)
                if readable is not None:
                    return readable
            if self.start == self.end:
                return day_label(self.start)
            return f"{self.start} – {self.end}"
        return _LABELS[self.name]

    def __str__(self) -> str:
        if self.start is not None and self.end is not None:
            return f"{self.start}..{self.end}"
        return self.name

    def expected_range(self, today: date, since: date | None = None) -> tuple[date, date]:
        """The dates this period covers on ``today`` (UTC), both inclusive.

        As documented: ``7d`` is today-7 .. today, ``30d`` today-30 .. today, ``12mo`` the same
        day a year ago (Feb 29 becomes Feb 28) .. today. For those three a guess only, made to
        ask for the previous period without waiting for the answer; the answer's own range is
        what counts. The others are what :meth:`resolve` sends: ``today``, ``yesterday``,
        ``month`` (the 1st .. today), ``lastmonth`` (the whole previous calendar month),
        ``year`` (Jan 1 .. today) and ``all`` (``since``, at most today, .. today; without
        ``since`` the range of ``12mo``).
        """
        if self.start is not None and self.end is not None:
            return self.start, self.end
        if self.name == "7d":
            return today - timedelta(days=7), today
        if self.name == "30d":
            return today - timedelta(days=30), today
        if self.name == "today":
            return today, today
        if self.name == "yesterday":
            return today - timedelta(days=1), today - timedelta(days=1)
        if self.name == "month":
            return today.replace(day=1), today
        if self.name == "lastmonth":
            return month_bounds(today.year, today.month - 1)
        if self.name == "year":
            return date(today.year, 1, 1), today
        if self.name == "all" and since is not None:
            return min(since, today), today
        day = min(today.day, 28) if today.month == 2 else today.day
        return today.replace(year=today.year - 1, day=day), today

    def resolve(
        self, today: date, since: date | None = None, *, longest: int | None = None
    ) -> Period:
        """The period to send to the API on ``today`` (UTC): ``7d``, ``30d``, ``12mo`` and
        custom ranges as they are; the other names as the custom range they cover
        (:meth:`expected_range`). ``all`` needs ``since``, the site's creation day: without
        it, ``all`` is sent as ``12mo``; with ``longest`` (the most days the server takes in
        one range) it covers at most the last ``longest`` days. A range the calendar cannot
        hold raises PeriodError.
        """
        if self.name not in LOCAL_PRESETS:
            return self
        if longest is not None and longest < 1:
            raise ValueError(f"a range spans at least one day, not {longest}")
        if self.name == "all" and since is None:
            return Period("12mo")
        try:
            start, end = self.expected_range(today, since)
            if self.name == "all" and longest is not None and (end - start).days >= longest:
                start = end - timedelta(days=longest - 1)
        except OverflowError:
            raise PeriodError(f"period {self.name} on {today} begins before the year 1") from None
        return Period.custom(start, end, unit=self.step_unit)

    def is_live(self, today: date) -> bool:
        """Whether the period includes ``today``: its figures still change (refresh them)."""
        start, end = self.expected_range(today)
        return start <= today <= end

    @property
    def step_unit(self) -> Unit | None:
        """How :meth:`step` moves this period: ``day`` (7d, 30d, today, yesterday and custom
        ranges by their length in days), ``month`` (month, lastmonth and whole calendar
        months), ``year`` (year and whole calendar years), ``12mo`` (12mo, by twelve months);
        None for ``all``, which stays."""
        if self.start is not None and self.end is not None:
            return self.unit or shape(self.start, self.end)
        if self.name == "all":
            return None
        return _UNITS.get(self.name, "day")

    def step(self, direction: int, today: date) -> Period | None:
        """The period one step back (``direction`` -1) or forward (+1), as Plausible's ←/→.

        A step keeps the period's kind. A named day period moves by the days its name says:
        ``Last 7 days`` gives the 7 days before it, ``Last 30 days`` the 30 days before it
        (though the API's ``7d`` covers 8 days, today-7 .. today). A custom day range moves by
        its own length. ``12mo`` gives the twelve months before it (a year to the day, charted
        by month), a month the whole calendar month before or after, a year the whole calendar
        year. Forward never passes today: a step reaching today, or into the live period of
        its kind, gives that live period (``month``, ``year``, ``12mo``, or
        ``today``/``7d``/``30d`` by the days, else the custom range of equal length ending
        today). None when there is no step: forward from a live period, any step of ``all``,
        or a range before the year 1.
        """
        if direction not in (-1, 1):
            raise ValueError(f"a step is -1 or +1, not {direction}")
        unit = self.step_unit
        if unit is None or (direction > 0 and self.is_live(today)):
            return None
        start, end = self.expected_range(today)
        if unit == "day" and self.name in _NAMED_DAYS:
            end = start + timedelta(days=_NAMED_DAYS[self.name] - 1)
        try:
            new_start, new_end = shifted(start, end, unit, direction)
            if direction > 0:
                live = _live(unit, (end - start).days + 1, today)
                # A named live period may begin before today less its length (7d: today-7):
                # a step into it lands on it, so → after ← comes back where it was.
                reaches = new_end >= today or (
                    not live.is_custom and new_end >= live.expected_range(today)[0]
                )
                if reaches:
                    return live
            return Period.custom(new_start, new_end, unit=unit)
        except (OverflowError, PeriodError):
            return None

    @staticmethod
    def previous_of(start: date, end: date) -> Period:
        """The custom period of equal length (both ends inclusive) that ends the day before."""
        days = (end - start).days + 1
        prev_end = start - timedelta(days=1)
        return Period("custom", prev_end - timedelta(days=days - 1), prev_end)

    @staticmethod
    def compare_range(start: date, end: date, mode: CompareMode) -> tuple[date, date]:
        """The range ``start``..``end`` is compared against: ``previous``, the period of equal
        length that ends the day before (:meth:`previous_of`); ``year``, the same dates a year
        before (Feb 29 becomes Feb 28; a whole month gives the whole month a year before)."""
        try:
            if mode == "previous":
                before_end = start - timedelta(days=1)
                return before_end - (end - start), before_end
            if mode == "year":
                return same_dates_a_year_before(start, end)
        except OverflowError:
            raise PeriodError(
                f"the range {start}..{end} has no {mode} period: it would begin before the year 1"
            ) from None
        raise ValueError(f"unknown comparison {mode!r}: use previous or year")


def _live(unit: Unit, days: int, today: date) -> Period:
    """The live period a step forward of ``unit`` lands on (a day range of ``days`` days)."""
    if unit == "month":
        return Period("month")
    if unit == "year":
        return Period("year")
    if unit == "12mo":
        return Period("12mo")
    for name in _LIVE_DAY_PRESETS:
        if _NAMED_DAYS[name] == days:
            return Period(name)
    return Period.custom(today - timedelta(days=days - 1), today, unit="day")
