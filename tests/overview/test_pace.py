"""The overview's pace (feeds/overview_pace.py): how long to wait between two rows, from the
team's limit, what the dashboard behind spends, what the server says is left, and 429s."""

from __future__ import annotations

import pytest

from krafter_tui.api import RateBudget
from krafter_tui.overview.pace import (
    FASTEST_ROW,
    OVERVIEW_SHARE,
    REQUESTS_PER_ROW,
    hidden_dashboard_rate,
    overview_pace,
)

NOW = 1_800_000_000.0


def budget(remaining: int | None = None, reset_in: float | None = None) -> RateBudget:
    """A budget as the server reported it at NOW (limit 100 when anything is known)."""
    b = RateBudget(clock=lambda: NOW)
    if remaining is not None:
        b.limit, b.remaining = 100, remaining
    if reset_in is not None:
        b.reset_at = NOW + reset_in
    return b


def test_few_sites_refresh_each_row_no_faster_than_the_fastest_row() -> None:
    pace = overview_pace(budget(), 3, background=2.0)
    assert pace.step == pytest.approx(FASTEST_ROW / 3)
    assert pace.cycle == pytest.approx(FASTEST_ROW)
    assert not pace.held


@pytest.mark.parametrize("rows", [40, 200, 5_000])
def test_many_sites_spend_at_most_the_overviews_share_less_the_dashboard(rows: int) -> None:
    background = hidden_dashboard_rate(10.0, 60.0)
    pace = overview_pace(budget(), rows, background)
    assert pace.per_minute == pytest.approx(100 * OVERVIEW_SHARE - background)
    # Everything this app spends stays well inside the team's 100 a minute.
    assert pace.per_minute + background <= 100 * OVERVIEW_SHARE
    assert pace.cycle == pytest.approx(pace.step * rows)


def test_the_hidden_dashboard_counts_its_slowed_feeds_and_the_site_list() -> None:
    # realtime 10 s → 50 s hidden; stats, compared and events 60 s → 300 s; sites every 300 s
    assert hidden_dashboard_rate(10.0, 60.0) == pytest.approx(60 / 50 + 3 * 60 / 300 + 60 / 300)
    # A very slow interval is not slowed further than five minutes, nor sped up.
    assert hidden_dashboard_rate(600.0, 600.0) == pytest.approx(4 * 60 / 600 + 60 / 300)


def test_what_is_left_of_the_window_is_spread_until_its_reset() -> None:
    # 42 left, 20 kept in reserve: 22 spare over 44 s → one row (2 requests) every 4 s.
    pace = overview_pace(budget(remaining=42, reset_in=44.0), 100, background=2.0)
    assert pace.step == pytest.approx(44.0 * REQUESTS_PER_ROW / 22)
    assert not pace.held


def test_with_only_the_reserve_left_the_overview_waits_for_the_reset() -> None:
    pace = overview_pace(budget(remaining=21, reset_in=30.0), 10, background=2.0)
    assert pace.step == pytest.approx(31.0)
    assert pace.held


def test_a_429_pause_holds_the_overview_and_a_wrong_clock_cannot_stop_it_for_long() -> None:
    paused = budget()
    paused.block_for(50.0)
    pace = overview_pace(paused, 3, background=2.0)
    assert pace.held and pace.step == pytest.approx(50.0)
    far = budget(remaining=0, reset_in=10_000.0)  # the client caps resets; assume it did not
    assert overview_pace(far, 3, background=2.0).step == 300.0


def test_a_server_limit_other_than_100_is_followed() -> None:
    small = budget()
    small.limit, small.remaining = 20, None
    pace = overview_pace(small, 50, background=2.0)
    assert pace.per_minute == pytest.approx(20 * OVERVIEW_SHARE - 2.0)


def test_rows_still_waiting_for_their_first_figures_come_as_fast_as_the_share_allows() -> None:
    pace = overview_pace(budget(), 3, background=2.0, first_pass=True)
    assert pace.step == pytest.approx(REQUESTS_PER_ROW * 60 / (100 * OVERVIEW_SHARE - 2.0))
    assert pace.step < FASTEST_ROW / 3
