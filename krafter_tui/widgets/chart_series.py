"""The compared series, bucketed like the current one: months against months, days against days.

The compared period is always asked for as a custom range, which the API answers in daily
rows, while ``12mo`` may come back in monthly rows. Drawn as they come, the two would not share
an axis (13 months squeezed beside 366 days). So the compared days are added up into the
current series' months, for the metrics that add up: pageviews and visits. Visitors do not:
they are daily-unique counts, never summed across days (the product shows the server's own
figure for any span longer than a day), so a compared series merged into months has none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from krafter_tui.api import TimeseriesPoint
from krafter_tui.widgets.chart_axis import is_monthly

__all__ = ["ADDITIVE_METRICS", "ComparedSeries", "bucketed_like"]

#: The metrics whose daily figures add up to a longer bucket's.
ADDITIVE_METRICS = ("pageviews", "visits")
METRICS = ("pageviews", "visitors", "visits")


@dataclass(frozen=True)
class ComparedSeries:
    """The compared period in the current series' buckets: the date of each bucket, and the
    figures of each metric that can be shown in them."""

    dates: tuple[date, ...]
    figures: Mapping[str, tuple[int, ...]]
    merged_days: bool = False  # daily rows were added up into months

    def values(self, metric: str) -> list[int] | None:
        """The figures of ``metric``, bucket by bucket; None when they cannot be had in these
        buckets (visitors of days merged into months)."""
        figures = self.figures.get(metric)
        return None if figures is None else list(figures)


def bucketed_like(compared: Sequence[TimeseriesPoint], current: Sequence[date]) -> ComparedSeries:
    """``compared`` in the buckets of the series dated ``current``: as they are when both are
    days (or both months); daily rows beside monthly ones added up into calendar months
    (pageviews and visits; visitors left out, see the module's docstring). Bucket ``i`` of
    the result is drawn beside bucket ``i`` of the current series."""
    dates = [p.date for p in compared]
    if not is_monthly(current) or is_monthly(dates) or len(dates) < 2:
        return ComparedSeries(
            tuple(dates),
            {metric: tuple(getattr(p, metric) for p in compared) for metric in METRICS},
        )
    months: dict[date, list[int]] = {}
    for point in compared:  # ascending: the months come in order
        sums = months.setdefault(point.date.replace(day=1), [0] * len(ADDITIVE_METRICS))
        for i, metric in enumerate(ADDITIVE_METRICS):
            sums[i] += getattr(point, metric)
    figures = {
        metric: tuple(sums[i] for sums in months.values())
        for i, metric in enumerate(ADDITIVE_METRICS)
    }
    return ComparedSeries(tuple(months), figures, merged_days=True)
