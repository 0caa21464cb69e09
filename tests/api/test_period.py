"""Period: what the user types (7d, 30d, 12mo, FROM..TO) and what the API is sent."""

from __future__ import annotations

from datetime import date

import pytest

from krafter_tui.api import PRESETS, Period, PeriodError


@pytest.mark.parametrize("text", ["7d", "30d", "12mo", " 7d ", "12mo\n"])
def test_preset_periods_are_accepted_and_sent_as_is(text: str) -> None:
    period = Period.parse(text)
    assert period.name == text.strip()
    assert not period.is_custom
    assert period.query_params() == {"period": text.strip()}
    assert str(period) == text.strip()


def test_presets_are_exactly_the_three_documented_ones() -> None:
    assert PRESETS == ("7d", "30d", "12mo")


def test_preset_labels_read_as_plain_words() -> None:
    assert Period.parse("7d").label == "Last 7 days"
    assert Period.parse("30d").label == "Last 30 days"
    assert Period.parse("12mo").label == "Last 12 months"


def test_custom_range_is_parsed_into_both_dates() -> None:
    period = Period.parse("2025-02-11..2025-02-18")
    assert period.is_custom
    assert (period.start, period.end) == (date(2025, 2, 11), date(2025, 2, 18))
    assert str(period) == "2025-02-11..2025-02-18"


def test_custom_range_is_sent_as_period_custom_with_from_and_to() -> None:
    assert Period.parse("2025-01-01..2025-01-31").query_params() == {
        "period": "custom",
        "from": "2025-01-01",
        "to": "2025-01-31",
    }


def test_single_day_range_is_allowed() -> None:
    period = Period.parse("2025-02-18..2025-02-18")
    assert period.start == period.end == date(2025, 2, 18)


def test_range_with_start_after_end_is_refused_naming_both_dates() -> None:
    with pytest.raises(PeriodError) as caught:
        Period.parse("2025-02-18..2025-02-11")
    message = str(caught.value)
    assert "2025-02-18" in message and "2025-02-11" in message
    assert "after" in message


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("2025-02-30..2025-03-01", "2025-02-30"),
        ("2025-01-01..2025-13-01", "2025-13-01"),
        ("2023-02-29..2023-03-01", "2023-02-29"),
        ("2025-04-31..2025-05-01", "2025-04-31"),
    ],
)
def test_impossible_calendar_date_is_refused_saying_it_does_not_exist(text: str, bad: str) -> None:
    with pytest.raises(PeriodError) as caught:
        Period.parse(text)
    assert bad in str(caught.value)
    assert "does not exist" in str(caught.value)


def test_leap_day_of_a_leap_year_is_accepted() -> None:
    assert Period.parse("2024-02-29..2024-03-01").start == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "7",
        "7days",
        "7D",
        "1y",
        "custom",
        "2025-01-01",
        "2025-01-01..",
        "..2025-01-31",
        "2025/01/01..2025/01/31",
        "2025-1-1..2025-1-31",
        "01-01-2025..31-01-2025",
        "2025-01-01...2025-01-31",
        "2025-01-01..2025-01-15..2025-01-31",
        "yesterday..today",
    ],
)
def test_malformed_period_is_refused_with_a_message_showing_what_works(text: str) -> None:
    with pytest.raises(PeriodError) as caught:
        Period.parse(text)
    message = str(caught.value)
    # The user is told the accepted shape, not handed a Python traceback phrase.
    assert "YYYY-MM-DD" in message or "2025-01-01..2025-01-31" in message
    assert "Traceback" not in message and "invalid literal" not in message


def test_non_ascii_digits_are_called_not_a_date_rather_than_a_missing_calendar_day() -> None:
    # "٢٠٢٥-٠١-٠١" is 2025-01-01 in Arabic-Indic digits: the user needs to hear "use
    # YYYY-MM-DD", not that the day does not exist on the calendar.
    with pytest.raises(PeriodError) as caught:
        Period.parse("٢٠٢٥-٠١-٠١..2025-01-31")
    assert "YYYY-MM-DD" in str(caught.value)


def test_period_error_is_a_value_error_for_callers_that_catch_broadly() -> None:
    assert issubclass(PeriodError, ValueError)


def test_custom_range_ending_after_today_is_refused_when_today_is_known() -> None:
    with pytest.raises(PeriodError) as caught:
        Period.custom(date(2025, 2, 1), date(2025, 2, 19), today=date(2025, 2, 18))
    message = str(caught.value)
    assert "future" in message
    assert "2025-02-19" in message and "2025-02-18" in message


def test_custom_range_ending_today_is_accepted() -> None:
    period = Period.custom(date(2025, 2, 1), date(2025, 2, 18), today=date(2025, 2, 18))
    assert period.end == date(2025, 2, 18)


def test_custom_range_without_today_does_not_judge_the_future() -> None:
    assert Period.custom(date(2099, 1, 1), date(2099, 1, 2)).is_custom


def test_custom_period_missing_a_date_is_refused() -> None:
    with pytest.raises(PeriodError, match="start and an end"):
        Period("custom", date(2025, 1, 1), None)


def test_preset_with_dates_is_refused() -> None:
    with pytest.raises(PeriodError, match="takes no dates"):
        Period("7d", date(2025, 1, 1), date(2025, 1, 2))


def test_unknown_period_name_is_refused() -> None:
    with pytest.raises(PeriodError, match="unknown period"):
        Period("90d")  # type: ignore[arg-type]


def test_custom_label_shows_both_dates() -> None:
    assert Period.parse("2025-01-01..2025-01-31").label == "2025-01-01 – 2025-01-31"


def test_previous_period_of_the_published_week_is_the_eight_days_before() -> None:
    previous = Period.previous_of(date(2025, 2, 11), date(2025, 2, 18))
    assert (previous.start, previous.end) == (date(2025, 2, 3), date(2025, 2, 10))
    assert previous.query_params() == {"period": "custom", "from": "2025-02-03", "to": "2025-02-10"}


@pytest.mark.parametrize(
    ("start", "end", "prev_start", "prev_end"),
    [
        (date(2025, 2, 18), date(2025, 2, 18), date(2025, 2, 17), date(2025, 2, 17)),
        (date(2025, 3, 1), date(2025, 3, 31), date(2025, 1, 29), date(2025, 2, 28)),
        (date(2025, 1, 1), date(2025, 1, 7), date(2024, 12, 25), date(2024, 12, 31)),
        (date(2024, 3, 1), date(2024, 3, 2), date(2024, 2, 28), date(2024, 2, 29)),
    ],
)
def test_previous_period_has_equal_length_and_ends_the_day_before(
    start: date, end: date, prev_start: date, prev_end: date
) -> None:
    previous = Period.previous_of(start, end)
    assert (previous.start, previous.end) == (prev_start, prev_end)
    assert previous.start is not None and previous.end is not None
    assert (previous.end - previous.start) == (end - start)
    assert (start - previous.end).days == 1


def test_periods_compare_by_value_so_a_changed_period_is_noticed() -> None:
    assert Period.parse("7d") == Period.parse("7d")
    assert Period.parse("7d") != Period.parse("30d")
    assert Period.parse("2025-01-01..2025-01-02") != Period.parse("2025-01-01..2025-01-03")


@pytest.mark.parametrize(
    ("text", "today", "start", "end"),
    [
        ("7d", date(2025, 2, 18), date(2025, 2, 11), date(2025, 2, 18)),  # the published example
        ("30d", date(2025, 3, 1), date(2025, 1, 30), date(2025, 3, 1)),
        ("12mo", date(2025, 6, 15), date(2024, 6, 15), date(2025, 6, 15)),
        ("12mo", date(2024, 2, 29), date(2023, 2, 28), date(2024, 2, 29)),
        ("2025-01-01..2025-01-31", date(2026, 1, 1), date(2025, 1, 1), date(2025, 1, 31)),
    ],
)
def test_expected_range_follows_the_documented_definitions(
    text: str, today: date, start: date, end: date
) -> None:
    assert Period.parse(text).expected_range(today) == (start, end)
