"""How a period that is not over is compared: one rule for every screen. Pure logic, no Textual.

A period that includes today (UTC) holds only the part of today gone by, while the period it
is compared with (the one of equal length before, or the same dates a year before) is whole.
Set side by side as they are, an unfinished day reads as a collapse (``▼ 92%`` at 03:00). The
API counts whole UTC days only (no hours), so "the same time yesterday" cannot be asked for:
every so-far comparison here sets the figure against the compared one scaled to the share of
the current period gone by, which the screens call "the same share" (:data:`SAME_SHARE`).

The dashboard's totals (and so the kiosk's), the breakdown's change column and the All sites
rows all take their change from :func:`so_far_change`, and say which comparison it is with
:func:`vs_words`. The custom events and the exports carry no change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Final

from krafter_tui.api import Totals
from krafter_tui.text.numbers import change_text

__all__ = [
    "EARLIEST",
    "SAME_SHARE",
    "SAME_TIME",
    "SoFar",
    "like_with_like",
    "period_so_far",
    "so_far_change",
    "totals_so_far",
    "vs_words",
]

#: Before the period has run this long, no so-far change is shown at all. In its first hour a
#: handful of visits (or none yet) decides the percentage, and those hours are the UTC night
#: for many audiences: any figure would be noise painted as a collapse. Only a period that began
#: today can be this young (one of several days has run a day or more).
EARLIEST: Final = timedelta(hours=1)
#: The words for a so-far comparison, the same on every screen.
SAME_SHARE: Final = "same share of"
#: The words for a comparison with the record's figures at this time yesterday.
SAME_TIME: Final = "same time yesterday"
_DAY: Final = timedelta(days=1)


@dataclass(frozen=True)
class SoFar:
    """How far a period that includes today (UTC) has run: ``elapsed`` of its ``length``;
    ``recorded``: the compared figures are the record's at this time yesterday (exact, not
    scaled)."""

    elapsed: timedelta
    length: timedelta
    recorded: bool = False

    @property
    def share(self) -> float:
        """The share of the period gone by, 0–1 (0.125 at 03:00 UTC on a one-day period)."""
        return self.elapsed / self.length

    @property
    def too_early(self) -> bool:
        """The period began less than :data:`EARLIEST` ago: no change is shown yet."""
        return self.elapsed < EARLIEST

    def scaled(self, whole: int) -> int:
        """A whole compared period's figure cut to the same share as this one has run (a
        recorded figure at the same time is compared as it is)."""
        return whole if self.recorded else round(whole * self.share)


def period_so_far(start: date, end: date, now: datetime, *, recorded: bool = False) -> SoFar | None:
    """How far ``start``..``end`` (UTC days, both inclusive) has run at ``now`` (any zone);
    None when the period does not include today's UTC date (over, or not begun): its figures
    are whole and compared as they are. ``recorded``: compared with figures recorded at the
    same time (see :class:`SoFar`)."""
    utc = now.astimezone(UTC)
    today = utc.date()
    if not start <= today <= end:
        return None
    midnight = utc.replace(hour=0, minute=0, second=0, microsecond=0)
    elapsed = (today - start) + (utc - midnight)
    return SoFar(elapsed, (end - start) + _DAY, recorded)


def totals_so_far(
    start: date,
    end: date,
    now: datetime,
    compared: Totals | None,
    *,
    yesterday: Totals | None = None,
    with_previous: bool = True,
) -> tuple[Totals | None, SoFar | None]:
    """The totals the change marks of ``start``..``end`` are set against at ``now``, and how:
    for the period "today" compared with the previous one (yesterday, ``with_previous``),
    when the record has ``yesterday``'s totals at this time of day, exactly those;
    otherwise ``compared`` (the compared period's), by the share rule."""
    today = now.astimezone(UTC).date()
    if yesterday is not None and with_previous and start == end == today:
        return yesterday, period_so_far(start, end, now, recorded=True)
    return compared, period_so_far(start, end, now)


def like_with_like(compared: int | None, so_far: SoFar | None) -> int | None:
    """The compared period's figure as a change sets it against: whole for a period that is
    over, else :meth:`SoFar.scaled` to the same share (None stays None: not known)."""
    if compared is None or so_far is None:
        return compared
    return so_far.scaled(compared)


def so_far_change(
    current: int,
    compared: int | None,
    so_far: SoFar | None,
    form: Callable[[int, int | None], tuple[str, str]] = change_text,
) -> tuple[str, str]:
    """The change of ``current`` against ``compared`` (the compared period's figure; None: not
    known), as ``form`` writes it (text, direction): like with like, so a period that is not
    over (``so_far``) is set against the same share of the compared one, and nothing is said
    while it is :attr:`~SoFar.too_early`."""
    if so_far is not None and so_far.too_early:
        return ("", "flat")
    return form(current, like_with_like(compared, so_far))


def vs_words(compared: str, so_far: SoFar | None) -> str:
    """What a change is against, in the words every screen uses: ``vs previous period``,
    ``so far · vs same share of previous period``, ``so far · vs same time yesterday``,
    ``so far · too early to compare``."""
    if so_far is None:
        return f"vs {compared}"
    if so_far.too_early:
        return "so far · too early to compare"
    if so_far.recorded:
        return f"so far · vs {SAME_TIME}"
    return f"so far · vs {SAME_SHARE} {compared}"
