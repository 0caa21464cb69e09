"""The chart's axes: how rows are bucketed, round value ticks, and date labels that fit; and
the last bucket when it is not over (its label, and its segment drawn as such)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual_plotext.plot import Plot

__all__ = [
    "PARTIAL_MARKER",
    "axis_label",
    "bucket_end",
    "is_monthly",
    "plot_partial",
    "span_label",
    "tick_labels",
    "value_ticks",
]

PARTIAL_MARKER = "○"  # the last point when its day or month is not over: an open dot

ROWS_PER_TICK = 3  # about a value tick every three rows: one per row would be a wall of labels
MAX_TICKS = 16


def is_monthly(dates: Sequence[date]) -> bool:
    """True when rows are a month apart (how some servers bucket ``12mo``)."""
    if len(dates) < 2:
        return False
    gaps = [(b - a).days for a, b in zip(dates, dates[1:], strict=False)]
    return sorted(gaps)[len(gaps) // 2] >= 27


def bucket_end(dates: Sequence[date]) -> date | None:
    """The day after the last bucket: the next day, or the first of the next month when the
    rows are months."""
    if not dates:
        return None
    last = dates[-1]
    if not is_monthly(dates):
        return last + timedelta(days=1)
    return date(last.year + last.month // 12, last.month % 12 + 1, 1)


def partial_label(dates: Sequence[date], today: date | None) -> str | None:
    """``today so far`` (or ``Dec so far`` for months) when the last bucket of ``dates``
    holds ``today`` (the UTC date), so its figure is only what came in so far; else None."""
    end = bucket_end(dates)
    if today is None or end is None or not dates[-1] <= today < end:
        return None
    return f"{dates[-1]:%b} so far" if is_monthly(dates) else "today so far"


def value_ticks(top: float, rows: int) -> list[float]:
    """Round ticks from 0 up to ``top``: the finest step of 1, 2 or 5 × 10ⁿ (never below 1,
    counts are whole) that leaves about three rows per tick on a plot of ``rows``."""
    if top <= 0:
        return [0.0]
    most = max(2, min(MAX_TICKS, (rows + 1) // ROWS_PER_TICK + 1))
    magnitude = 10.0 ** math.floor(math.log10(top / most))
    step = magnitude
    for index in range(40):
        step = (1, 2, 5)[index % 3] * magnitude * 10 ** (index // 3)
        if step >= 1 and int(top / step + 1e-9) + 1 <= most:
            break
    return [i * step for i in range(int(top / step + 1e-9) + 1)]


def axis_label(value: float) -> str:
    """A tick label as short as the value allows: ``0``, ``500``, ``1.5k``, ``10k``, ``2M``."""
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            scaled = value / limit
            text = f"{scaled:.2f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    return f"{value:.0f}"


def tick_labels(dates: Sequence[date], width: int) -> tuple[list[int], list[str]]:
    """Positions and labels for the x axis: as many as fit ``width`` columns without crowding."""
    if not dates:
        return [], []
    monthly = is_monthly(dates)
    spans_years = dates[0].year != dates[-1].year

    def label(day: date) -> str:
        if monthly:
            return f"{day:%b} '{day:%y}" if spans_years else f"{day:%b}"
        return f"{day.strftime('%b')} {day.day}"

    longest = max(len(label(d)) for d in dates) + 3
    room = max(1, (width - 8) // longest)
    step = max(1, -(-len(dates) // room))
    positions = list(range(0, len(dates), step))
    return positions, [label(dates[i]) for i in positions]


def span_label(dates: Sequence[date], *, year: bool = False) -> str:
    """The dates a series covers, short: ``Oct 27–Nov 26`` (``Dec '25–Nov '26`` for months).

    A span across a new year names both years; ``year`` adds it to any other span, for two
    spans a year apart that would otherwise read the same (``Oct 27–Nov 26 '25``).
    """
    if not dates:
        return ""
    first, last = dates[0], dates[-1]
    monthly = is_monthly(dates)

    def day(moment: date) -> str:
        return f"{moment:%b}" if monthly else f"{moment:%b} {moment.day}"

    if first.year != last.year:
        return f"{day(first)} '{first:%y}–{day(last)} '{last:%y}"
    tail = f" '{last:%y}" if year else ""
    if first == last:
        return f"{day(last)}{tail}"
    return f"{day(first)}–{day(last)}{tail}"


def plot_partial(
    plt: Plot, values: Sequence[float], color: tuple[int, int, int], width: int
) -> None:
    """The last segment dotted and the last point an open dot, in the muted ``color``: the
    figure of a day (or month) still going on, not a drop (``width``: the chart's)."""
    last = len(values) - 1
    if last >= 1:
        # One dot per cell along the segment (a braille cell is two dots wide).
        plot_width = max(1, width - 8)
        cells = max(2, round(plot_width / last))
        steps = [i / cells for i in range(1, cells)]
        start, end = values[last - 1], values[last]
        plt.scatter(
            [last - 1 + t for t in steps],
            [start + (end - start) * t for t in steps],
            marker="braille",
            color=color,
        )
    plt.scatter([last], [values[last]], marker=PARTIAL_MARKER, color=color)
