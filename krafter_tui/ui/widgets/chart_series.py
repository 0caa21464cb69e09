"""The compared series, bucketed like the current one: months against months, days against days.

The compared period is always asked for as a custom range, which the API answers in daily
rows, while ``12mo`` may come back in monthly rows. Drawn as they come, the two would not share
an axis (13 months squeezed beside 366 days). So the compared days are gathered into calendar
months by :func:`krafter_tui.api.months.by_month`, the one place days become months (it says
why visitors add up there as in a server's own monthly rows).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from krafter_tui.api import TimeseriesPoint
from krafter_tui.api.months import by_month
from krafter_tui.ui.widgets.chart_axis import is_monthly

__all__ = ["ComparedSeries", "bucketed_like"]

METRICS = ("pageviews", "visitors", "visits")


@dataclass(frozen=True)
class ComparedSeries:
    """The compared period in the current series' buckets: the date of each bucket, and the
    figures of each metric that can be shown in them."""

    dates: tuple[date, ...]
    figures: Mapping[str, tuple[int, ...]]
    merged_days: bool = False  # daily rows were added up into months

    def values(self, metric: str) -> list[int] | None:
        """The figures of ``metric``, bucket by bucket (None: no such metric)."""
        figures = self.figures.get(metric)
        return None if figures is None else list(figures)


def bucketed_like(compared: Sequence[TimeseriesPoint], current: Sequence[date]) -> ComparedSeries:
    """``compared`` in the buckets of the series dated ``current``: as they are when both are
    days (or both months); daily rows beside monthly ones gathered into calendar months
    (:func:`~krafter_tui.api.months.by_month`). Bucket ``i`` of
    the result is drawn beside bucket ``i`` of the current series."""
    dates = [p.date for p in compared]
    merge = is_monthly(current) and not is_monthly(dates) and len(dates) >= 2
    rows = by_month(compared) if merge else list(compared)
    figures = {metric: tuple(getattr(p, metric) for p in rows) for metric in METRICS}
    return ComparedSeries(tuple(p.date for p in rows), figures, merged_days=merge)
