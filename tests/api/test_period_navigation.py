"""Moving through time as in Plausible: named periods, their ranges, steps and comparisons.

Every expected date below was worked out by hand from the calendar; "today" is a UTC day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import cast

import httpx
import pytest

from krafter_tui.api import LOCAL_PRESETS, PERIOD_NAMES, PRESETS, KrafterClient, Period, PeriodError
from krafter_tui.api.period import CompareMode
from krafter_tui.api.period_steps import short_range
from krafter_tui.config import PERIODS as SETTING_PERIODS
from krafter_tui.config import ConfigError, check_period
from krafter_tui.demo import DEMO_TOKEN, create_demo_app
from krafter_tui.demo.periods import MAX_CUSTOM_DAYS

D = date.fromisoformat
THU = D("2026-11-26")  # a Thursday, the UI tests' frozen day


def parse(text: str) -> Period:
    return Period.parse(text)


# -- names, labels, text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("today", "Today"),
        ("yesterday", "Yesterday"),
        ("month", "Month to date"),
        ("lastmonth", "Last month"),
        ("year", "Year to date"),
        ("all", "All time"),
    ],
)
def test_plausible_names_parse_label_and_round_trip(text: str, label: str) -> None:
    period = parse(f" {text}\n")
    assert (period.name, period.start, period.end) == (text, None, None)
    assert not period.is_custom
    assert period.label == label
    assert str(period) == text and parse(str(period)) == period


def test_the_api_presets_stay_the_three_documented_ones_and_the_names_add_plausibles() -> None:
    assert PRESETS == ("7d", "30d", "12mo")
    assert LOCAL_PRESETS == ("today", "yesterday", "month", "lastmonth", "year", "all")
    assert PERIOD_NAMES == PRESETS + LOCAL_PRESETS
    # config cannot import the API (--help stays light): its own list must say the same.
    assert SETTING_PERIODS == PERIOD_NAMES


@pytest.mark.parametrize("text", ["Today", "TODAY", "last_month", "ytd", "all-time", "day"])
def test_unknown_name_is_refused_listing_every_name(text: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse(text)
    message = str(caught.value)
    assert "7d, 30d, 12mo, today, yesterday, month, lastmonth, year, all" in message
    assert "2025-01-01..2025-01-31" in message


def test_settings_take_the_new_names_and_list_them_when_refusing() -> None:
    assert [check_period("period", name) for name in PERIOD_NAMES] == list(PERIOD_NAMES)
    with pytest.raises(ConfigError) as caught:
        check_period("KRAFTER_PERIOD", "week")
    assert "allowed: 7d, 30d, 12mo, today, yesterday, month, lastmonth, year, all" in str(
        caught.value
    )


def test_a_named_period_cannot_carry_dates_or_a_unit() -> None:
    with pytest.raises(PeriodError, match="takes no dates"):
        Period("today", THU, THU)
    with pytest.raises(PeriodError, match="only a custom range"):
        Period("month", unit="month")


def test_a_name_the_api_does_not_know_is_never_sent_unresolved() -> None:
    for name in LOCAL_PRESETS:
        with pytest.raises(ValueError, match="resolved"):
            Period(name).query_params()


# -- resolve and expected_range -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "since", "start", "end"),
    [
        ("today", "2026-11-26", None, "2026-11-26", "2026-11-26"),
        ("today", "2027-01-01", None, "2027-01-01", "2027-01-01"),
        ("today", "2024-02-29", None, "2024-02-29", "2024-02-29"),
        ("yesterday", "2026-11-26", None, "2026-11-25", "2026-11-25"),
        ("yesterday", "2027-01-01", None, "2026-12-31", "2026-12-31"),
        ("yesterday", "2024-03-01", None, "2024-02-29", "2024-02-29"),
        ("yesterday", "2025-03-01", None, "2025-02-28", "2025-02-28"),
        ("month", "2026-11-26", None, "2026-11-01", "2026-11-26"),
        ("month", "2027-01-01", None, "2027-01-01", "2027-01-01"),
        ("month", "2024-02-29", None, "2024-02-01", "2024-02-29"),
        ("month", "2025-03-31", None, "2025-03-01", "2025-03-31"),
        ("lastmonth", "2026-11-26", None, "2026-10-01", "2026-10-31"),
        ("lastmonth", "2027-01-01", None, "2026-12-01", "2026-12-31"),
        ("lastmonth", "2024-03-31", None, "2024-02-01", "2024-02-29"),
        ("lastmonth", "2025-03-31", None, "2025-02-01", "2025-02-28"),
        ("lastmonth", "2026-05-31", None, "2026-04-01", "2026-04-30"),
        ("lastmonth", "2026-07-01", None, "2026-06-01", "2026-06-30"),
        ("year", "2026-11-26", None, "2026-01-01", "2026-11-26"),
        ("year", "2027-01-01", None, "2027-01-01", "2027-01-01"),
        ("year", "2024-12-31", None, "2024-01-01", "2024-12-31"),
        ("all", "2026-11-26", "2025-03-14", "2025-03-14", "2026-11-26"),
        ("all", "2026-11-26", "2026-11-26", "2026-11-26", "2026-11-26"),  # created today
        ("all", "2026-11-26", "2026-11-27", "2026-11-26", "2026-11-26"),  # clock skew: clipped
        ("all", "2026-11-26", "2019-06-30", "2019-06-30", "2026-11-26"),
    ],
)
def test_named_periods_resolve_to_exact_custom_ranges(
    text: str, today: str, since: str | None, start: str, end: str
) -> None:
    period = parse(text)
    day = D(since) if since else None
    resolved = period.resolve(D(today), day)
    assert resolved == Period.custom(D(start), D(end))
    assert resolved.query_params() == {"period": "custom", "from": start, "to": end}
    assert period.expected_range(D(today), day) == (D(start), D(end))


def test_all_time_without_the_sites_creation_day_is_the_last_12_months() -> None:
    assert parse("all").resolve(THU) == Period("12mo")
    assert parse("all").expected_range(THU) == (D("2025-11-26"), THU)


@pytest.mark.parametrize(
    ("since", "longest", "start"),
    [
        ("2019-06-30", 400, "2025-10-23"),  # 400 days ending 2026-11-26
        ("2025-10-23", 400, "2025-10-23"),  # exactly 400 days: kept whole
        ("2025-10-22", 400, "2025-10-23"),  # 401 days: one cut
        ("2026-11-20", 400, "2026-11-20"),
        ("2026-11-20", 1, "2026-11-26"),
    ],
)
def test_all_time_covers_at_most_what_the_server_takes(
    since: str, longest: int, start: str
) -> None:
    resolved = parse("all").resolve(THU, D(since), longest=longest)
    assert (resolved.start, resolved.end) == (D(start), THU)


def test_longest_leaves_every_other_period_alone_and_must_be_a_day_at_least() -> None:
    assert parse("year").resolve(THU, longest=30) == Period.custom(D("2026-01-01"), THU)
    with pytest.raises(ValueError, match="at least one day"):
        parse("all").resolve(THU, D("2020-01-01"), longest=0)


@pytest.mark.parametrize("text", ["7d", "30d", "12mo", "2025-01-01..2025-01-31"])
def test_what_the_api_knows_is_sent_as_it_is(text: str) -> None:
    period = parse(text)
    assert period.resolve(THU, D("2020-01-01")) is period


@pytest.mark.parametrize(("text", "today"), [("today", "0001-01-01"), ("yesterday", "0001-01-01")])
def test_named_periods_before_the_year_1_are_refused(text: str, today: str) -> None:
    with pytest.raises(PeriodError, match="year 1"):
        parse(text).resolve(D(today))


@pytest.mark.parametrize(
    ("text", "today", "label"),
    [
        ("today", "2026-11-23", "Mon 23 Nov 2026"),
        ("yesterday", "2026-11-26", "Wed 25 Nov 2026"),
        ("lastmonth", "2026-11-26", "Oct 2026"),
        ("month", "2026-11-26", "2026-11-01 – 2026-11-26"),
        ("year", "2026-11-26", "2026-01-01 – 2026-11-26"),
        ("year", "2026-12-31", "2026"),
    ],
)
def test_resolved_ranges_read_as_days_months_and_years(text: str, today: str, label: str) -> None:
    assert parse(text).resolve(D(today)).label == label


# -- is_live ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "live"),
    [
        ("7d", True),
        ("30d", True),
        ("12mo", True),
        ("today", True),
        ("month", True),
        ("year", True),
        ("all", True),
        ("yesterday", False),
        ("lastmonth", False),
        ("2026-11-20..2026-11-26", True),
        ("2026-11-26..2026-11-26", True),
        ("2026-11-26..2026-12-05", True),
        ("2026-11-20..2026-11-25", False),
        ("2026-11-27..2026-11-30", False),
    ],
)
def test_a_period_is_live_when_it_includes_today(text: str, live: bool) -> None:
    assert parse(text).is_live(THU) is live


# -- step ---------------------------------------------------------------------------------------

BACK, FORWARD = -1, 1


@pytest.mark.parametrize(
    ("text", "direction", "today", "expected"),
    [
        # Last 7 days steps to the 7 days before it, though 7d covers 8 (11-19..11-26);
        # custom day ranges move by their own length.
        ("7d", BACK, "2026-11-26", "2026-11-12..2026-11-18"),
        ("2026-11-12..2026-11-18", BACK, "2026-11-26", "2026-11-05..2026-11-11"),
        ("2026-11-05..2026-11-11", FORWARD, "2026-11-26", "2026-11-12..2026-11-18"),
        ("2026-11-12..2026-11-18", FORWARD, "2026-11-26", "7d"),
        ("7d", FORWARD, "2026-11-26", None),
        # Last 30 days (10-27..11-26, 31 days) steps to the 30 days before it.
        ("30d", BACK, "2026-11-26", "2026-09-27..2026-10-26"),
        ("2026-09-27..2026-10-26", FORWARD, "2026-11-26", "30d"),
        ("30d", FORWARD, "2026-11-26", None),
        ("today", BACK, "2026-11-26", "2026-11-25..2026-11-25"),
        ("today", FORWARD, "2026-11-26", None),
        ("yesterday", BACK, "2026-11-26", "2026-11-24..2026-11-24"),
        ("yesterday", FORWARD, "2026-11-26", "today"),
        ("2026-11-24..2026-11-24", FORWARD, "2026-11-26", "2026-11-25..2026-11-25"),
        ("2026-11-25..2026-11-25", FORWARD, "2026-11-26", "today"),
        # A day range matching no live preset lands on the range of its length ending today.
        ("2026-11-20..2026-11-23", FORWARD, "2026-11-26", "2026-11-23..2026-11-26"),
        ("2026-11-20..2026-11-23", BACK, "2026-11-26", "2026-11-16..2026-11-19"),
        # 12mo (2025-11-26..2026-11-26) steps to the twelve months before it.
        ("12mo", BACK, "2026-11-26", "2024-11-26..2025-11-25"),
        ("2024-11-26..2025-11-25", FORWARD, "2026-11-26", "2025-11-26..2026-11-25"),
        # Months: the whole calendar month before or after.
        ("month", BACK, "2026-11-26", "2026-10-01..2026-10-31"),
        ("2026-10-01..2026-10-31", BACK, "2026-11-26", "2026-09-01..2026-09-30"),
        ("2026-09-01..2026-09-30", FORWARD, "2026-11-26", "2026-10-01..2026-10-31"),
        ("2026-10-01..2026-10-31", FORWARD, "2026-11-26", "month"),
        ("month", FORWARD, "2026-11-26", None),
        ("lastmonth", BACK, "2026-11-26", "2026-09-01..2026-09-30"),
        ("lastmonth", FORWARD, "2026-11-26", "month"),
        # Years: the whole calendar year before or after.
        ("year", BACK, "2026-11-26", "2025-01-01..2025-12-31"),
        ("2025-01-01..2025-12-31", BACK, "2026-11-26", "2024-01-01..2024-12-31"),
        ("2024-01-01..2024-12-31", FORWARD, "2026-11-26", "2025-01-01..2025-12-31"),
        ("2025-01-01..2025-12-31", FORWARD, "2026-11-26", "year"),
        ("year", FORWARD, "2026-11-26", None),
        # All time stays where it is.
        ("all", BACK, "2026-11-26", None),
        ("all", FORWARD, "2026-11-26", None),
    ],
)
def test_steps_move_by_the_periods_own_unit_and_stop_at_today(
    text: str, direction: int, today: str, expected: str | None
) -> None:
    moved = parse(text).step(direction, D(today))
    assert (str(moved) if moved is not None else None) == expected


@pytest.mark.parametrize(
    ("text", "direction", "today", "expected"),
    [
        # Month ends: 31 -> 28 (29 in a leap year) -> 31, and 31 -> 30.
        ("2025-03-01..2025-03-31", BACK, "2025-06-15", "2025-02-01..2025-02-28"),
        ("2025-02-01..2025-02-28", BACK, "2025-06-15", "2025-01-01..2025-01-31"),
        ("2024-03-01..2024-03-31", BACK, "2024-06-15", "2024-02-01..2024-02-29"),
        ("2024-02-01..2024-02-29", FORWARD, "2024-06-15", "2024-03-01..2024-03-31"),
        ("2025-05-01..2025-05-31", BACK, "2025-06-15", "2025-04-01..2025-04-30"),
        ("2025-04-01..2025-04-30", FORWARD, "2025-06-15", "2025-05-01..2025-05-31"),
        ("month", BACK, "2025-03-31", "2025-02-01..2025-02-28"),
        ("lastmonth", BACK, "2025-03-31", "2025-01-01..2025-01-31"),
        # Day ranges ending on Mar 31 shift by days across February.
        ("2025-03-02..2025-03-31", BACK, "2025-06-15", "2025-01-31..2025-03-01"),
        ("2024-03-02..2024-03-31", BACK, "2024-06-15", "2024-02-01..2024-03-01"),
        ("2025-03-31..2025-03-31", BACK, "2025-06-15", "2025-03-30..2025-03-30"),
        ("2025-03-31..2025-03-31", FORWARD, "2025-06-15", "2025-04-01..2025-04-01"),
        # 30d on Mar 31 covers the whole of March; the 30 days before end on Feb 28.
        ("30d", BACK, "2025-03-31", "2025-01-30..2025-02-28"),
        # Leap days.
        ("today", BACK, "2024-02-29", "2024-02-28..2024-02-28"),
        ("2024-02-28..2024-02-28", FORWARD, "2024-02-29", "today"),
        ("2024-02-29..2024-02-29", FORWARD, "2024-03-05", "2024-03-01..2024-03-01"),
        ("yesterday", BACK, "2024-03-01", "2024-02-28..2024-02-28"),
        ("month", BACK, "2024-02-29", "2024-01-01..2024-01-31"),
        ("2024-01-01..2024-01-31", FORWARD, "2024-02-29", "month"),
        ("30d", BACK, "2024-03-30", "2024-01-30..2024-02-28"),  # 30 days across Feb 29
        # 12mo on Feb 29 is 2023-02-28..2024-02-29 (Feb 29 a year before is Feb 28).
        ("12mo", BACK, "2024-02-29", "2022-02-28..2023-02-27"),
        ("12mo", BACK, "2025-02-28", "2023-02-28..2024-02-27"),
        ("12mo", BACK, "2025-03-01", "2023-03-01..2024-02-29"),  # 366 days, Feb 29 inside
        # Year boundaries.
        ("today", BACK, "2027-01-01", "2026-12-31..2026-12-31"),
        ("2026-12-31..2026-12-31", FORWARD, "2027-01-01", "today"),
        ("yesterday", FORWARD, "2027-01-01", "today"),
        ("month", BACK, "2027-01-01", "2026-12-01..2026-12-31"),
        ("2026-12-01..2026-12-31", FORWARD, "2027-01-01", "month"),
        ("lastmonth", BACK, "2027-01-01", "2026-11-01..2026-11-30"),
        ("year", BACK, "2027-01-01", "2026-01-01..2026-12-31"),
        ("2026-01-01..2026-12-31", FORWARD, "2027-01-01", "year"),
        ("7d", BACK, "2027-01-03", "2026-12-20..2026-12-26"),
        ("12mo", BACK, "2027-01-01", "2025-01-01..2025-12-31"),
        ("2026-12-01..2026-12-31", FORWARD, "2027-06-01", "2027-01-01..2027-01-31"),
        ("2025-12-01..2025-12-31", BACK, "2027-06-01", "2025-11-01..2025-11-30"),
        # The calendar's ends: no step rather than a range before the year 1 (or after 9999).
        ("0001-03-01..0001-03-31", BACK, "2026-11-26", "0001-02-01..0001-02-28"),
        ("0001-02-01..0001-02-28", BACK, "2026-11-26", None),
        ("0001-01-08..0001-01-14", BACK, "2026-11-26", None),
        ("0001-01-15..0001-01-21", BACK, "2026-11-26", "0001-01-08..0001-01-14"),
        ("0002-01-01..0002-12-31", BACK, "2026-11-26", None),
        ("9999-12-01..9999-12-31", BACK, "2026-11-26", "9999-11-01..9999-11-30"),
    ],
)
def test_steps_at_month_ends_leap_days_and_year_boundaries(
    text: str, direction: int, today: str, expected: str | None
) -> None:
    moved = parse(text).step(direction, D(today))
    assert (str(moved) if moved is not None else None) == expected


def test_forward_from_a_range_after_today_returns_to_the_present() -> None:
    assert parse("2026-12-01..2026-12-31").step(FORWARD, THU) == Period("month")
    assert parse("2026-12-05..2026-12-06").step(FORWARD, THU) == Period.custom(D("2026-11-25"), THU)
    assert parse("9999-12-01..9999-12-31").step(FORWARD, THU) is None  # no month after 9999-12


def test_a_range_stepped_from_30d_keeps_moving_by_days_though_it_is_a_whole_month() -> None:
    # 30d on 2025-05-31 is 2025-05-01..2025-05-31; the 30 days before it are all of April.
    april = parse("30d").step(BACK, D("2025-05-31"))
    assert april == parse("2025-04-01..2025-04-30")
    assert april is not None and april.step_unit == "day"
    assert april.label == "2025-04-01 – 2025-04-30"
    assert str(april.step(BACK, D("2025-05-31"))) == "2025-03-02..2025-03-31"
    assert april.step(FORWARD, D("2025-05-31")) == Period("30d")
    # Typed (or read back from the state file), the same dates are a month and move by months.
    typed = parse(str(april))
    assert typed.step_unit == "month" and typed.label == "2025-04-01 – 2025-04-30"
    assert typed.step(FORWARD, D("2025-05-31")) == Period("month")
    assert str(typed.step(BACK, D("2025-05-31"))) == "2025-03-01..2025-03-31"


@pytest.mark.parametrize(
    ("name", "first", "second", "days"),
    [
        # Hand-worked on Thu 2026-11-26: each step back is the same kind of period, contiguous.
        ("7d", "2026-11-12..2026-11-18", "2026-11-05..2026-11-11", {7}),
        ("30d", "2026-09-27..2026-10-26", "2026-08-28..2026-09-26", {30}),
        ("12mo", "2024-11-26..2025-11-25", "2023-11-26..2024-11-25", {365, 366}),
    ],
)
def test_stepping_back_twice_keeps_the_kind_and_forward_twice_comes_back(
    name: str, first: str, second: str, days: set[int]
) -> None:
    live = parse(name)
    back = live.step(BACK, THU)
    assert str(back) == first
    assert back is not None and back.step_unit == live.step_unit
    twice = back.step(BACK, THU)
    assert str(twice) == second and twice is not None and twice.step_unit == live.step_unit
    for period in (back, twice):
        assert period.start is not None and period.end is not None
        assert (period.end - period.start).days + 1 in days
    # The ranges meet: each ends the day before the next begins.
    assert twice.end is not None and back.start is not None
    assert (back.start - twice.end).days == 1
    again = twice.step(FORWARD, THU)
    assert again == back
    assert again is not None and again.step(FORWARD, THU) == live


def test_the_twelve_months_before_are_charted_by_month_like_12mo() -> None:
    back = parse("12mo").step(BACK, THU)
    assert back is not None and back.monthly and parse("12mo").monthly
    # A range of the same dates typed in is a day range, charted by day as the API sends it.
    assert not parse(str(back)).monthly
    assert not parse("7d").monthly and not parse("month").monthly
    seven = parse("7d").step(BACK, THU)
    assert seven is not None and not seven.monthly


@pytest.mark.parametrize(
    ("text", "direction", "today", "label"),
    [
        ("today", BACK, "2026-11-24", "Mon 23 Nov 2026"),
        ("yesterday", BACK, "2024-03-02", "Thu 29 Feb 2024"),
        ("2026-11-25..2026-11-25", BACK, "2026-11-26", "Tue 24 Nov 2026"),
        ("month", BACK, "2026-11-26", "Oct 2026"),
        ("lastmonth", BACK, "2024-03-31", "Jan 2024"),
        ("2026-10-01..2026-10-31", BACK, "2026-11-26", "Sep 2026"),
        ("year", BACK, "2026-11-26", "2025"),
        ("2025-01-01..2025-12-31", BACK, "2026-11-26", "2024"),
        ("7d", BACK, "2026-11-26", "2026-11-12 – 2026-11-18"),
        ("12mo", BACK, "2026-11-26", "2024-11-26 – 2025-11-25"),
        ("2026-11-20..2026-11-23", FORWARD, "2026-11-26", "2026-11-23 – 2026-11-26"),
    ],
)
def test_stepped_ranges_read_as_a_day_a_month_or_a_year(
    text: str, direction: int, today: str, label: str
) -> None:
    moved = parse(text).step(direction, D(today))
    assert moved is not None and moved.label == label
    # The key stays the plain range, and reads back as the same period.
    assert ".." in str(moved) and parse(str(moved)) == moved


def test_a_typed_range_keeps_its_two_dates_label_and_one_day_reads_as_one_date() -> None:
    assert parse("2026-10-01..2026-10-31").label == "2026-10-01 – 2026-10-31"
    assert parse("2026-11-23..2026-11-23").label == "Mon 23 Nov 2026"
    assert parse("2026-11-22..2026-11-23").label == "2026-11-22 – 2026-11-23"


@pytest.mark.parametrize("direction", [0, 2, -2])
def test_a_step_is_one_back_or_one_forward(direction: int) -> None:
    with pytest.raises(ValueError, match="-1 or \\+1"):
        parse("7d").step(direction, THU)


# -- comparison ranges --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "mode", "expected"),
    [
        ("2025-02-11", "2025-02-18", "previous", ("2025-02-03", "2025-02-10")),
        ("2025-03-01", "2025-03-31", "previous", ("2025-01-29", "2025-02-28")),
        ("2024-02-29", "2024-02-29", "previous", ("2024-02-28", "2024-02-28")),
        ("2027-01-01", "2027-01-01", "previous", ("2026-12-31", "2026-12-31")),
        ("2026-01-01", "2026-11-26", "previous", ("2025-02-05", "2025-12-31")),
        ("2025-02-11", "2025-02-18", "year", ("2024-02-11", "2024-02-18")),
        ("2024-02-29", "2024-02-29", "year", ("2023-02-28", "2023-02-28")),
        ("2024-02-20", "2024-02-29", "year", ("2023-02-20", "2023-02-28")),
        ("2023-02-28", "2024-02-29", "year", ("2022-02-28", "2023-02-28")),  # 12mo on Feb 29
        ("2024-02-01", "2024-02-29", "year", ("2023-02-01", "2023-02-28")),
        ("2025-02-01", "2025-02-28", "year", ("2024-02-01", "2024-02-29")),  # the whole month
        ("2025-01-29", "2025-02-28", "year", ("2024-01-29", "2024-02-28")),  # not a month
        ("2025-03-01", "2025-03-31", "year", ("2024-03-01", "2024-03-31")),
        ("2026-01-01", "2026-11-26", "year", ("2025-01-01", "2025-11-26")),
        ("2024-01-01", "2024-12-31", "year", ("2023-01-01", "2023-12-31")),
        ("2026-12-25", "2027-01-03", "year", ("2025-12-25", "2026-01-03")),
    ],
)
def test_comparison_ranges(
    start: str, end: str, mode: CompareMode, expected: tuple[str, str]
) -> None:
    assert Period.compare_range(D(start), D(end), mode) == (D(expected[0]), D(expected[1]))


def test_the_previous_comparison_is_the_previous_period_the_changes_use() -> None:
    for start, end in [(D("2025-03-01"), D("2025-03-31")), (THU, THU), (D("2024-01-01"), THU)]:
        before = Period.previous_of(start, end)
        assert Period.compare_range(start, end, "previous") == (before.start, before.end)


@pytest.mark.parametrize(
    ("start", "end", "mode"),
    [("0001-01-01", "0001-01-01", "previous"), ("0001-03-01", "0001-03-05", "year")],
)
def test_comparisons_before_the_year_1_are_refused(start: str, end: str, mode: CompareMode) -> None:
    with pytest.raises(PeriodError, match="year 1"):
        Period.compare_range(D(start), D(end), mode)


def test_an_unknown_comparison_is_refused() -> None:
    with pytest.raises(ValueError, match="previous or year"):
        Period.compare_range(THU, THU, cast(CompareMode, "week"))


# -- against the demo server --------------------------------------------------------------------

FROZEN = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)


async def test_resolved_periods_are_what_the_demo_serves_and_unresolved_names_are_refused() -> None:
    demo = create_demo_app(seed=42, now=lambda: FROZEN)
    transport = httpx.ASGITransport(app=demo)
    url = "http://demo.localhost/api/v1/analytics"
    today = FROZEN.date()
    async with KrafterClient(DEMO_TOKEN, url, transport=transport) as client:
        sites = await client.list_sites()
        for site in sites:  # created 215, 540 and 1460 days ago: all time is cut to 400 days
            since = D(site.created_at[:10])
            for name in LOCAL_PRESETS:
                period = Period(name).resolve(today, since, longest=MAX_CUSTOM_DAYS)
                stats = await client.stats(site.site_key, period)
                assert (stats.period.start, stats.period.end) == period.expected_range(today)
            demo.state.limiter.reset()
    async with httpx.AsyncClient(transport=transport, base_url=url) as raw:
        for name in LOCAL_PRESETS:
            answer = await raw.get(
                f"/sites/{sites[0].site_key}/stats",
                params={"period": name},
                headers={"Authorization": f"Bearer {DEMO_TOKEN}"},
            )
            assert answer.status_code == 400, (name, answer.text)


@pytest.mark.parametrize(
    ("start", "end", "this_year", "text"),
    [
        ("2026-10-27", "2026-11-26", 2026, "Oct 27–Nov 26"),
        ("2025-02-11", "2025-02-18", 2026, "Feb 11–Feb 18 '25"),  # another year keeps it
        ("2025-12-07", "2026-12-07", 2026, "Dec 7 '25–Dec 7"),
        ("2024-12-06", "2025-12-06", 2026, "Dec 6 '24–Dec 6 '25"),
        ("2026-12-07", "2026-12-07", 2026, "Dec 7"),  # one day, one date
        ("2025-12-07", "2025-12-07", 2026, "Dec 7 '25"),
        ("2026-10-27", "2026-11-26", None, "Oct 27–Nov 26 '26"),  # None: the year always
    ],
)
def test_short_ranges_keep_a_year_that_is_not_this_one(
    start: str, end: str, this_year: int | None, text: str
) -> None:
    assert short_range(D(start), D(end), this_year) == text
