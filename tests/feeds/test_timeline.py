"""Where the time keys lead, without an app (today is Thursday 2026-11-26, UTC)."""

from __future__ import annotations

from datetime import date

from krafter_tui.api import Period
from krafter_tui.feeds.timeline import next_compare, present_period, step_period

TODAY = date(2026, 11, 26)


def test_a_step_leads_to_a_period_or_says_why_not() -> None:
    back = step_period(Period.parse("month"), -1, TODAY)
    assert isinstance(back, Period) and (back.start, back.end) == (
        date(2026, 10, 1),
        date(2026, 10, 31),
    )
    assert step_period(Period.parse("7d"), 1, TODAY) == "This period already reaches today."
    assert step_period(Period.parse("all"), -1, TODAY) == (
        "All time has no period before or after it."
    )


def test_back_to_the_present_is_the_period_chosen_last_or_the_current_one_walked_forward() -> None:
    stepped = Period.parse("2026-06-01..2026-06-30")  # a June typed in, then stepped
    assert present_period(Period.parse("month"), stepped, TODAY) == Period.parse("month")
    # The one chosen last is over (a custom range): walk forward to the month reaching today.
    assert present_period(stepped, stepped, TODAY) == Period.parse("month")
    seven = Period.parse("7d")
    three_back = seven
    for _ in range(3):
        result = step_period(three_back, -1, TODAY)
        assert isinstance(result, Period)
        three_back = result
    assert present_period(None, three_back, TODAY) == seven


def test_x_goes_round_the_comparisons() -> None:
    assert [next_compare(m) for m in ("off", "previous", "year")] == ["previous", "year", "off"]
