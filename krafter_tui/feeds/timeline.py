"""Moving through time from the keyboard: where ← → and Shift+→ lead, and what is said when
they lead nowhere. Pure functions of periods and the UTC date."""

from __future__ import annotations

from datetime import date

from krafter_tui.api import Period
from krafter_tui.feeds.model import COMPARE_MODES, Compare

__all__ = ["MAX_WALK", "next_compare", "present_period", "step_period"]

MAX_WALK = 100_000  # steps forward at most when walking back to the present


def step_period(period: Period, direction: int, today: date) -> Period | str:
    """The period ← (-1) or → (+1) leads to from ``period``, or why there is none."""
    stepped = period.step(direction, today)
    if stepped is not None:
        return stepped
    if period.name == "all":
        return "All time has no period before or after it."
    return "This period already reaches today." if direction > 0 else "No earlier period."


def present_period(origin: Period | None, current: Period, today: date) -> Period:
    """Where Shift+→ leads: the period chosen last (``origin``) while it reaches today, else
    ``current`` stepped forward until it does."""
    if origin is not None and origin.is_live(today):
        return origin
    target = current
    for _ in range(MAX_WALK):
        later = target.step(1, today)
        if later is None:
            break
        target = later
    return target


def next_compare(mode: Compare) -> Compare:
    """x: off → the previous period → the same dates a year before → off."""
    return COMPARE_MODES[(COMPARE_MODES.index(mode) + 1) % len(COMPARE_MODES)]
