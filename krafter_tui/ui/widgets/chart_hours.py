"""A day by the hour, from the record: what the chart draws for ``today`` and ``yesterday``.

The API answers a day as one figure; the record (:mod:`krafter_tui.record`) knows what each
hour of it added, from the readings the dashboard polled. The hours are those of the UTC day
the API counts (so they add up to the day's totals beside the chart), labelled in the user's
time zone (in Tokyo the API's today runs 09:00 to 09:00). One point an hour: the record keeps
hours, and 24 points already fill a 120-column chart. Where the plot is wide enough to give
each 10 minutes of the day its own column of braille dots (:data:`TEN_MINUTE_COLUMNS`), the
day is drawn in 144 buckets of 10 minutes instead, over the same 24-hour axis (the title says
``per 10 min``); the record's minute readings are spread into them as into hours.

An hour the record did not see is left out of the line, never drawn as zero: the title says
from when the day was recorded (``recorded since 09:14``) and where the record has a gap,
and the plot writes ``gap`` over it. Without a record of the day the chart keeps the API's one
point, and the title says why (:func:`hourly_note`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual_plotext.plot import Plot

from krafter_tui.api import DateRange
from krafter_tui.api.period import utc_date
from krafter_tui.record import Record, TodayByHour
from krafter_tui.record.day_buckets import day_in_buckets
from krafter_tui.text.durations import whole_minutes
from krafter_tui.ui.widgets.chart_axis import PARTIAL_MARKER, axis_label, value_ticks

__all__ = [
    "BucketsChanged",
    "GAP_LABEL",
    "TEN_MINUTE_COLUMNS",
    "buckets_at",
    "DayHours",
    "HourlyView",
    "day_hours",
    "draw_hours",
    "hour_ticks",
    "hourly_view",
]

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
#: The plot's columns from which the day is drawn in 10 minutes: 144 buckets, two braille dots
#: a column, each bucket a dot column of its own (a 160-column terminal has them).
TEN_MINUTE_COLUMNS = 72
METRICS = ("pageviews", "visitors", "visits")
STARTS_NOW = "hourly after a while: the record starts now"
NOT_RECORDED = "not recorded by the hour"
GAP_LABEL = "gap"  # written over hours the record did not see (a gap is not a zero)


@dataclass(frozen=True)
class DayHours:
    """The 24 hours of a UTC day (or its 144 10-minute buckets: ``step``): each one's start
    in the user's zone, and each metric's figure per bucket (None: the record did not see
    it, or it has not come yet); ``finer``: the same day in 10 minutes, for a wide plot."""

    starts: tuple[datetime, ...]
    figures: Mapping[str, tuple[int | None, ...]]
    recorded_since: datetime
    gaps: tuple[tuple[datetime, datetime], ...]  # gaps after recorded_since, in the zone
    open: bool  # the last hour drawn is not over yet (today)
    step: timedelta = HOUR
    finer: DayHours | None = None

    def at_width(self, width: int) -> DayHours:
        """What a chart ``width`` cells wide draws: in 10 minutes when its plot has
        :data:`TEN_MINUTE_COLUMNS` columns (and the record gave them), else by the hour."""
        if self.finer is not None and width - 8 >= TEN_MINUTE_COLUMNS:
            return self.finer
        return self

    @property
    def unit(self) -> str:
        """What a bucket is, for the title: ``hour`` or ``10 min``."""
        return "hour" if self.step == HOUR else f"{whole_minutes(self.step.seconds)} min"

    def values(self, metric: str) -> list[int | None]:
        """The figures of ``metric``, hour by hour."""
        return list(self.figures[metric])

    @property
    def last(self) -> int | None:
        """The index of the last hour drawn (None: none)."""
        drawn = [i for i, v in enumerate(self.figures["pageviews"]) if v is not None]
        return drawn[-1] if drawn else None

    def gap_hours(self) -> list[int]:
        """The buckets after the first one drawn that the record did not see (up to the last
        one drawn): where the plot says ``gap``."""
        values = self.figures["pageviews"]
        drawn = [i for i, v in enumerate(values) if v is not None]
        if not drawn:
            return []
        return [i for i in range(drawn[0], drawn[-1]) if values[i] is None]

    def title_parts(self) -> tuple[str, ...]:
        """What the title adds, longest first: ``recorded since 09:14 · gap 11:02–11:40``,
        then ``since 09:14 · gap 11:02–11:40``, then ``recorded since 09:14``."""
        at = f"{self.recorded_since:%H:%M}"
        since = f"recorded since {at}"
        if not self.gaps:
            return (since,)
        if len(self.gaps) == 1:
            start, end = self.gaps[0]
            gaps = f"gap {start:%H:%M}–{end:%H:%M}"
        else:
            gaps = f"{len(self.gaps)} gaps"
        return (f"{since} · {gaps}", f"since {at} · {gaps}", since)


def buckets_at(hours: DayHours | None, width: int) -> timedelta | None:
    """The buckets ``hours`` is drawn in ``width`` cells wide (None: no day from the record)."""
    return None if hours is None else hours.at_width(width).step


class BucketsChanged(Message):
    """The chart, resized, draws its day from the record in other buckets (by the hour, or
    in 10 minutes): the pane's title says which."""


@dataclass(frozen=True)
class HourlyView:
    """What the chart shows of a one-day answer: its hours (None: the API's one point) and
    the note the title adds (None: nothing to say)."""

    hours: DayHours | None
    note: str | None


#: The record's first minutes draw no hours yet: an hour drawn from a few seconds of traffic
#: reads as an empty day (the chart keeps the day's figure and says the hours come).
FIRST_STRETCH = 300.0


def day_hours(by_hour: TodayByHour, zone: tzinfo, now: datetime) -> DayHours | None:
    """``by_hour`` (a UTC day from the record, by the hour or in 10 minutes) as the chart
    draws it, in ``zone``; None when the record saw no stretch of the day yet (less than
    :data:`FIRST_STRETCH` seconds)."""
    if not by_hour.recorded or not by_hour.hours or by_hour.recorded_since is None:
        return None
    step = timedelta(seconds=by_hour.width)
    count = DAY // step
    begin = by_hour.hours[0].start.astimezone(UTC)
    starts = tuple((begin + k * step).astimezone(zone) for k in range(count))
    seen: dict[int, dict[str, int]] = {}
    for hour in by_hour.hours:
        if hour.covered > 0:
            index = round((hour.start.astimezone(UTC) - begin) / step)
            seen[index] = {m: getattr(hour.added, m) for m in METRICS}
    if sum(hour.covered for hour in by_hour.hours) < FIRST_STRETCH:
        return None  # a reading or two is a moment, not a stretch of the day: nothing to draw
    figures = {m: tuple(seen[k][m] if k in seen else None for k in range(count)) for m in METRICS}
    since = by_hour.recorded_since
    gaps = tuple(
        (gap.start.astimezone(zone), gap.end.astimezone(zone))
        for gap in by_hour.gaps
        if gap.start >= since
    )
    last = max(seen, default=None)
    bucket_now = (now.astimezone(UTC) - begin) / step
    is_open = last is not None and last <= bucket_now < last + 1
    return DayHours(starts, figures, since.astimezone(zone), gaps, is_open, step)


def hourly_view(
    record: Record | None, site_key: str, period: DateRange, now: datetime
) -> HourlyView:
    """The hours of a one-day answer (``today`` or ``yesterday``) from ``record``, at ``now``
    (its zone is the user's). Other periods, and no record at all (recording off), keep the
    API's points and say nothing; a day the record did not see says so."""
    today = utc_date(now)
    day: date = period.start
    if record is None or period.end != day or day not in (today, today - timedelta(days=1)):
        return HourlyView(None, None)
    zone = now.tzinfo or UTC
    by_hour, by_ten = day_in_buckets(record, site_key, day, now, UTC)
    hours = day_hours(by_hour, zone, now)
    if hours is not None:
        return HourlyView(replace(hours, finer=day_hours(by_ten, zone, now)), None)
    if not record.status.recording:
        return HourlyView(None, "hourly: not recording")
    return HourlyView(None, STARTS_NOW if day == today else NOT_RECORDED)


def hour_ticks(starts: tuple[datetime, ...], width: int) -> tuple[list[int], list[str]]:
    """Positions and ``HH:MM`` labels of the hours that fit ``width`` cells: every 1, 2, 3,
    4, 6 or 12 hours, the first hour of the day always labelled (``starts``: the day's hours
    or its 10-minute buckets)."""
    plot_width = max(1, width - 8)
    step = next((s for s in (1, 2, 3, 4, 6) if 24 // s * 6 <= plot_width), 12)
    positions = list(range(0, len(starts), step * max(1, len(starts) // 24)))
    return positions, [f"{starts[p]:%H:%M}" for p in positions]


def draw_hours(
    plt: Plot, hours: DayHours, metric: str, size: Size, primary: Color, muted: Color
) -> tuple[object, ...]:
    """Hand plotext (``plt``, the chart's own) ``metric`` of a day by the hour at ``size``:
    each run of hours the record saw as a line in ``primary``, the hours it did not see left
    out (``gap`` written over them), the hour not over yet an open dot in ``muted``; return
    what it draws (the content that names the plot). In 10 minutes where the plot is wide
    enough (:meth:`DayHours.at_width`)."""
    plt.clear_data()
    plt.clear_figure()
    hours = hours.at_width(size.width)
    values = hours.values(metric)
    last = hours.last
    for first, run_last in _runs([x for x, value in enumerate(values) if value is not None]):
        whole = [x for x in range(first, run_last + 1) if not (hours.open and x == last)]
        figures = [values[x] or 0 for x in whole]
        if len(whole) > 1:
            plt.plot(whole, figures, marker="braille", color=primary.rgb)
        elif whole:
            plt.scatter(whole, figures, marker="braille", color=primary.rgb)
    top = max((v for v in values if v is not None), default=0) * 1.05 or 1
    if hours.open and last is not None:
        plt.scatter([last], [values[last] or 0], marker=PARTIAL_MARKER, color=muted.rgb)
    gap_hours = hours.gap_hours()
    for first, last_missing in _runs(gap_hours):  # once a gap, over its middle
        middle = (first + last_missing) / 2
        plt.text(GAP_LABEL, middle, top * 0.5, color=muted.rgb, alignment="center")
    positions, labels = hour_ticks(hours.starts, size.width)
    plt.xticks([float(p) for p in positions], labels)
    plt.xlim(0, len(hours.starts) - 1)
    ticks = value_ticks(top, size.height - 3)
    plt.yticks(ticks, [axis_label(t) for t in ticks])
    plt.ylim(0, top)
    plt.title("")
    rows = max(1, size.height * 4)
    dots = tuple(None if v is None else round(v / top * rows) for v in values)
    return (
        "hours",
        dots,
        tuple(gap_hours),
        hours.open,
        hours.step,
        tuple(labels),
        tuple(axis_label(t) for t in ticks),
        metric,
        primary.rgb,
        muted.rgb,
        size,
    )


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """The runs of consecutive ``indexes`` (ascending), as (first, last)."""
    runs: list[tuple[int, int]] = []
    for index in indexes:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs
