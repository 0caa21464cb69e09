"""The chart's legend when comparing: the two periods' spans, each with the line it is drawn
as (``━ Oct 27–Nov 26  ··· Sep 26–Oct 26``), in forms that give way to a narrow chart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from krafter_tui.ui.widgets.chart_axis import span_label
from krafter_tui.ui.widgets.chart_series import ComparedSeries

__all__ = ["COMPARE_SYMBOL", "CURRENT_SYMBOL", "legend_forms", "longest_fitting"]

CURRENT_SYMBOL, COMPARE_SYMBOL = "━", "···"  # how the legend draws the two lines


def legend_forms(
    dates: Sequence[date], series: ComparedSeries | None, compare_label: str | None
) -> tuple[str, ...]:
    """What the legend says when comparing, longest first (empty: no comparison):
    ``━ Oct 27–Nov 26  ··· Sep 26–Oct 26``, then the compared line alone. The compared
    span is said in the current one's buckets (``Dec '24–Dec '25`` beside months); a
    compared line that cannot be drawn in them says so. ``compare_label`` names the
    compared period (None: its dates)."""
    if series is None:
        return ()
    compared = list(series.dates)
    # A year apart, the two spans would read the same without their years.
    year = bool(dates and compared and dates[-1].year != compared[-1].year)
    current = span_label(dates, year=year)
    other = compare_label or span_label(compared, year=year) or "compared"
    forms = [f"{COMPARE_SYMBOL} {other}"]
    if current:
        forms.insert(0, f"{CURRENT_SYMBOL} {current}  {forms[0]}")
    return tuple(forms)


def longest_fitting(forms: Sequence[str], width: int) -> str:
    """The longest of ``forms`` that fits ``width`` cells (the last cut)."""
    for form in forms:
        if len(form) <= width:
            return form
    return forms[-1][: max(0, width - 1)] + "…" if forms else ""
