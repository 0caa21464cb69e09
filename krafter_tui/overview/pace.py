"""How fast the "All sites" overview may refresh its rows within the team's request budget.

Pure logic, no Textual. The overview refreshes one row at a time (a realtime request and one
stats request per site), then waits :attr:`OverviewPace.step` before the next row: the wait
comes from the share of the team's 100 requests a minute the overview may spend (less what
the dashboard behind it still polls), from what the server says is left of the current window
(``x-ratelimit-remaining`` until ``x-ratelimit-reset``, keeping a reserve for the team's other
tools), and from any 429 pause. Rows are never refreshed more often than :data:`FASTEST_ROW`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from krafter_tui.api import RateBudget
from krafter_tui.api.budget import LOW_SHARE, MAX_WAIT, WINDOW
from krafter_tui.feeds.schedule import OFF_SCREEN_SLOWDOWN

__all__ = [
    "DOCUMENTED_LIMIT",
    "FASTEST_ROW",
    "OVERVIEW_SHARE",
    "REQUESTS_PER_ROW",
    "OverviewPace",
    "hidden_dashboard_rate",
    "overview_pace",
]

DOCUMENTED_LIMIT: Final = 100  # requests per minute per team, while the server has not said
OVERVIEW_SHARE: Final = 0.6  # of the limit, for the overview: the rest is the team's
REQUESTS_PER_ROW: Final = 2  # realtime + one stats request (8 days of timeseries, no breakdown)
FASTEST_ROW: Final = 30.0  # seconds: no row is asked for again sooner (figures barely move)
SITES_LIST_EVERY: Final = 300.0  # the dashboard's site list refresh (feeds/poller.py)


def _per_minute(interval: float) -> float:
    """Requests a minute of one feed polled every ``interval`` s while its pane is hidden."""
    hidden = max(interval, min(MAX_WAIT, interval * OFF_SCREEN_SLOWDOWN))
    return WINDOW / hidden if hidden > 0 else 0.0


def hidden_dashboard_rate(realtime_interval: float, stats_interval: float) -> float:
    """Requests a minute the dashboard still spends while the overview covers it: its
    realtime, stats and events feeds slowed down (see ``polling.next_delay``), the compared
    period fetched with the stats, and the site list."""
    return (
        _per_minute(realtime_interval)
        + 3 * _per_minute(stats_interval)  # stats, its compared period, events
        + WINDOW / SITES_LIST_EVERY
    )


@dataclass(frozen=True)
class OverviewPace:
    """The overview's pace: ``step`` seconds between two rows' refreshes, ``cycle`` seconds
    until every row was refreshed once, and ``held`` when it waits for the window to reset
    (what is left is kept for the team's other tools) or for a 429's pause."""

    step: float
    cycle: float
    held: bool = False

    @property
    def per_minute(self) -> float:
        """The requests a minute the overview spends at this pace."""
        return REQUESTS_PER_ROW * WINDOW / self.step


def overview_pace(
    budget: RateBudget, rows: int, background: float, *, first_pass: bool = False
) -> OverviewPace:
    """The pace for ``rows`` sites, with ``background`` requests a minute spent elsewhere by
    this app (:func:`hidden_dashboard_rate`). In the ``first_pass`` (rows still waiting for
    their first figures) rows come as fast as the share allows, not :data:`FASTEST_ROW`.

    The overview spends at most :data:`OVERVIEW_SHARE` of the limit less ``background``; when
    the server says how much is left of its window, what is above a reserve of
    ``LOW_SHARE`` of the limit is spread over the seconds until the reset, and with less than a
    row's requests above the reserve the overview waits for the reset. No step is longer than
    five minutes (a server clock gone wrong cannot stop it for longer).
    """
    rows = max(rows, 1)
    limit = budget.limit if budget.limit else DOCUMENTED_LIMIT
    allowed = max(limit * OVERVIEW_SHARE - background, 1.0)
    step = REQUESTS_PER_ROW * WINDOW / allowed
    if not first_pass:
        step = max(step, FASTEST_ROW / rows)
    held = False
    if budget.remaining is not None:
        spare = budget.remaining - math.ceil(limit * LOW_SHARE)
        reset = budget.seconds_to_reset()
        until_reset = budget.window if reset is None else reset
        if spare < REQUESTS_PER_ROW:
            step = max(step, until_reset + 1.0)
            held = True
        else:
            step = max(step, until_reset * REQUESTS_PER_ROW / spare)
    pause = budget.wait_needed()
    if pause > step:
        step, held = pause, True
    step = min(step, MAX_WAIT)
    return OverviewPace(step, step * rows, held)
