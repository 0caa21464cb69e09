"""Daily timeseries rows gathered into months, for periods charted by month (``12mo``'s kind)."""

from __future__ import annotations

from collections.abc import Sequence

from krafter_tui.api.models import TimeseriesPoint

__all__ = ["by_month"]


def by_month(points: Sequence[TimeseriesPoint]) -> list[TimeseriesPoint]:
    """One row per calendar month touched, dated its first day, in the order of ``points``.

    Rows already monthly come back as they are. A month's pageviews and visits are the sum of
    its days'; so are its visitors, as a server's own monthly rows of ``12mo`` are (the demo's:
    a visitor back on two days counts twice). Only the chart uses these rows; the totals stay
    the server's, never added up here.
    """
    months: dict[tuple[int, int], list[int]] = {}
    for point in points:
        row = months.setdefault((point.date.year, point.date.month), [0, 0, 0])
        row[0] += point.pageviews
        row[1] += point.visitors
        row[2] += point.visits
    firsts = {(p.date.year, p.date.month): p.date.replace(day=1) for p in points}
    return [
        TimeseriesPoint(date=firsts[key], pageviews=pv, visitors=v, visits=s)
        for key, (pv, v, s) in months.items()
    ]
