"""Reading the longest range a server takes from its refusal, and saying all time is capped."""

from __future__ import annotations

from datetime import date

from krafter_tui.api import BadRequestError, DateRange
from krafter_tui.api.range_limit import (
    FALLBACK_DAYS,
    all_time_cap,
    longest_after_refusal,
    stated_days,
)


def refusal(error: str, details: dict[str, list[str]] | None = None) -> BadRequestError:
    return BadRequestError(422 if details else 400, error, details)


def test_the_limit_is_read_from_the_details_or_the_message() -> None:
    demo = refusal("Validation failed", {"to": ["range must not exceed 400 days"]})
    assert stated_days(demo) == 400
    assert stated_days(refusal("Ranges longer than 90 days are not supported")) == 90
    assert stated_days(refusal("Maximum range: 1 day")) == 1


def test_a_refusal_without_a_number_of_days_states_no_limit() -> None:
    assert stated_days(refusal("Validation failed", {"to": ["is too far back"]})) is None
    # Numbers that are not a count of days: a date, a period name, a decimal.
    assert stated_days(refusal("from must be after 2019-01-01")) is None
    assert stated_days(refusal("Invalid period 'x': use one of 7d, 30d, 12mo, custom")) is None
    assert stated_days(refusal("at most 2.5 days")) is None


def test_the_range_asked_instead_is_shorter_than_the_one_refused_or_there_is_none() -> None:
    demo = refusal("Validation failed", {"to": ["range must not exceed 400 days"]})
    assert longest_after_refusal(demo, 540) == 400
    assert longest_after_refusal(refusal("too long"), 540) == FALLBACK_DAYS
    # 300 days refused "for more than 400": the refusal is about something else.
    assert longest_after_refusal(demo, 300) is None
    assert longest_after_refusal(refusal("too long"), FALLBACK_DAYS) is None


def test_all_time_is_capped_when_it_begins_after_the_site_was_added() -> None:
    shown = DateRange(date(2025, 10, 23), date(2026, 11, 26))
    assert all_time_cap(date(2025, 6, 1), shown) == 400
    assert all_time_cap(date(2025, 10, 23), shown) is None  # the whole history
    assert all_time_cap(None, shown) is None  # not known when the site was added
