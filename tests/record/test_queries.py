"""The record's questions on answers made by hand, on a manual clock: the same time
yesterday, rising rows with ``+N`` and ``new``, new sources, and which answers are readings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import msgspec

from krafter_tui.api import Event, Stats
from krafter_tui.record import NewSource, Record
from tests.record.conftest import START, Demo, made_stats, minutes, thirty_days, today

NOON = START.replace(hour=12)


def test_same_time_yesterday_is_yesterday_so_far_when_it_was_recorded_up_to_then(
    demo: Demo, make_record
) -> None:
    record: Record = make_record()
    for at in minutes(NOON, NOON + timedelta(minutes=40)):
        record.add_stats("sk_pebble", demo.stats(0, today(at), at), at)
    then = NOON + timedelta(minutes=30)
    found = record.same_time_yesterday("sk_pebble", then + timedelta(days=1))
    assert found is not None and found.at == then
    assert found.totals == demo.stats(0, today(then), then).totals
    # Half a minute later: the reading before it (within the gap) still holds.
    later = record.same_time_yesterday("sk_pebble", then + timedelta(days=1, seconds=30))
    assert later is not None and later.at == then
    # Not recorded up to then: no comparison.
    assert record.same_time_yesterday("sk_pebble", NOON + timedelta(days=1, hours=2)) is None
    assert record.same_time_yesterday("sk_pebble", NOON + timedelta(days=1, minutes=-5)) is None
    assert record.same_time_yesterday("sk_other", then + timedelta(days=1)) is None


def test_rising_orders_rows_by_growth_and_marks_the_rows_not_there_an_hour_before(
    make_record,
) -> None:
    record: Record = make_record()
    start = NOON
    for n, at in enumerate(minutes(start, start + timedelta(minutes=90))):
        rows = {"google.com": 100 + n, "(direct)": 500 + n // 10}
        if at >= start + timedelta(minutes=70):
            rows["news.example"] = 3 * (n - 69)
        record.add_stats("sk_a", made_stats(at, (1000 + n, 10, 20), {"referrer": rows}), at)
    now = start + timedelta(minutes=90)
    rising = record.rising("sk_a", "referrer", now)
    assert [(r.value, r.added, r.new) for r in rising.rows] == [
        ("news.example", 63, True),
        ("google.com", 30, False),
        ("(direct)", 3, False),
    ]
    assert rising.rows[0].count == 63 and rising.new_known
    assert rising.since == now - timedelta(minutes=30) and rising.until == now
    ten = record.rising("sk_a", "referrer", now, timedelta(minutes=10))
    assert [(r.value, r.added) for r in ten.rows][:2] == [("news.example", 30), ("google.com", 10)]
    # A record younger than an hour cannot say what is new: nothing is marked.
    young = record.rising("sk_a", "referrer", start + timedelta(minutes=40))
    assert not young.new_known and not any(row.new for row in young.rows)
    assert record.rising("sk_a", "path", now).rows == []


def test_rising_after_a_switch_of_period_counts_only_the_period_on_screen(make_record) -> None:
    # The user looked at 30 days, then switched to today: the 30-day counts are another
    # period's, not growth of today's rows; one reading of today is a moment, nothing added yet.
    record: Record = make_record()
    at = NOON
    for grown in (0, 50):  # two readings of 30 days: growth there, of another period
        wide = {"referrer": {"google.com": 60_000 + grown, "(direct)": 9_000}}
        record.add_stats("sk_a", made_stats(at, (70_000, 1, 1), wide, thirty_days(at)), at)
        at += timedelta(minutes=1)
    record.add_stats("sk_a", made_stats(at, (900, 1, 1), {"referrer": {"google.com": 700}}), at)
    first = record.rising("sk_a", "referrer", at)
    assert [(r.value, r.count, r.added) for r in first.rows] == [("google.com", 700, 0)]
    at += timedelta(minutes=2)
    record.add_stats("sk_a", made_stats(at, (905, 1, 1), {"referrer": {"google.com": 704}}), at)
    after = record.rising("sk_a", "referrer", at)
    assert [(r.value, r.count, r.added) for r in after.rows] == [("google.com", 704, 4)]


def test_a_window_longer_than_the_record_says_from_when_it_counts(make_record) -> None:
    record: Record = make_record()
    span = thirty_days(NOON)
    for n, at in enumerate(minutes(NOON, NOON + timedelta(minutes=10))):
        record.add_stats("sk_a", made_stats(at, (n, n, n), {"path": {"/": 900 + n}}, span), at)
    rising = record.rising("sk_a", "path", NOON + timedelta(minutes=10))
    assert rising.since == NOON and [(r.value, r.added) for r in rising.rows] == [("/", 10)]


def _referrers_day(record: Record, first: datetime, last: datetime, extra: dict[str, int]) -> None:
    for n, at in enumerate(minutes(first, last)):
        rows = {"google.com": 100 + n, **{k: v for k, v in extra.items() if v}}
        record.add_stats("sk_a", made_stats(at, (n, n, n), {"referrer": rows}), at)


def test_a_new_source_is_one_absent_from_the_last_day_that_sends_traffic_now(
    make_record,
) -> None:
    record: Record = make_record()
    yesterday = NOON - timedelta(days=1)
    # Yesterday afternoon: old.example sent traffic (yesterday's span).
    _referrers_day(record, yesterday, yesterday + timedelta(hours=1), {"old.example": 4})
    # Today: a quiet hour, then three sources start.
    first = NOON
    for n, at in enumerate(minutes(first, first + timedelta(minutes=70))):
        late = max(0, n - 60)
        rows = {"google.com": 100 + n}
        if late:
            rows |= {
                "news.example": 2 * late,
                "old.example": 2 * late,
                "trickle.example": late // 4,
            }
        utm = {"newsletter": late} if late else {}
        stats = made_stats(at, (n, n, n), {"referrer": rows, "utm_source": utm})
        record.add_stats("sk_a", stats, at)
    now = first + timedelta(minutes=70)
    found = record.new_sources("sk_a", now, at_least=10)
    assert found == [
        NewSource("referrer", "news.example", 20),
        NewSource("utm_source", "newsletter", 10),
    ]
    # A source seen more than a day ago is new again; one never reaching the threshold is not.
    assert record.new_sources("sk_a", now, baseline=timedelta(hours=12), at_least=10)[1:] == [
        NewSource("referrer", "old.example", 20),
        NewSource("utm_source", "newsletter", 10),
    ]
    assert record.new_sources("sk_a", now, at_least=50) == []


def test_a_record_younger_than_the_window_finds_no_new_source(make_record) -> None:
    record: Record = make_record()
    for n, at in enumerate(minutes(NOON, NOON + timedelta(minutes=5))):
        stats = made_stats(at, (n, n, n), {"referrer": {"fresh.example": 50 * (n + 1)}})
        record.add_stats("sk_a", stats, at)
    assert record.new_sources("sk_a", NOON + timedelta(minutes=5), at_least=1) == []


def test_only_answers_for_a_period_including_today_are_readings(make_record) -> None:
    record: Record = make_record()
    past = made_stats(NOON, (5, 5, 5), span=(date(2026, 10, 1), date(2026, 10, 31)))
    assert not record.add_stats("sk_a", past, NOON)
    # A monthly series (12mo) has no point for today: its breakdowns count, its totals do not.
    monthly = msgspec.convert(
        {
            "period": {"from": "2025-11-26", "to": "2026-11-26"},
            "totals": {"pageviews": 9, "visitors": 9, "visits": 9},
            "timeseries": [{"date": "2026-11-01", "pageviews": 9, "visitors": 9, "visits": 9}],
            "breakdown": {"path": [{"value": "/", "count": 9, "percent": 100.0}]},
        },
        Stats,
    )
    assert record.add_stats("sk_a", monthly, NOON)
    assert not record.today_by_hour("sk_a", NOON.date(), NOON).recorded
    events = [Event("signup", 4, 3, None), Event("purchase", 2, 2, 19.5)]
    assert record.add_events("sk_a", events, monthly.period, NOON)
    assert not record.add_events("sk_a", events, past.period, NOON)
    assert record.status.recording


def test_events_are_recorded_as_changes_under_their_span(make_record, record_path) -> None:
    import sqlite3

    record: Record = make_record()
    span = made_stats(NOON).period
    for n, at in enumerate(minutes(NOON, NOON + timedelta(minutes=9))):
        events = [Event("signup", n // 5, n // 5, None), Event("purchase", 1, 1, 9.5)]
        assert record.add_events("sk_a", events, span, at)
    record.close()
    db = sqlite3.connect(record_path)
    rows = db.execute(
        "SELECT s.kind, s.name, count(*) FROM changes c JOIN series s ON s.id = c.series "
        "GROUP BY s.kind, s.name ORDER BY s.kind, s.name"
    ).fetchall()
    db.close()
    # Ten readings; signup changed once (0 -> 1), purchase never: compact.
    assert rows == [
        ("event", "purchase", 1),
        ("event", "signup", 2),
        ("event_revenue", "purchase", 1),
        ("event_unique", "purchase", 1),
        ("event_unique", "signup", 2),
    ]


def test_times_are_utc_whatever_the_reading_time_zone(make_record) -> None:
    record: Record = make_record()
    at = NOON.astimezone(UTC)
    record.add_stats("sk_a", made_stats(at, (3, 2, 1)), at)
    day = record.today_by_hour("sk_a", at.date(), at + timedelta(minutes=1))
    assert day.recorded_since == at and isinstance(day.recorded_since, datetime)


def test_the_same_answer_handed_over_twice_is_written_once(make_record, record_path) -> None:
    import sqlite3

    first: Record = make_record()
    second: Record = make_record()  # another screen (or process) with the same answer
    for n, at in enumerate(minutes(NOON, NOON + timedelta(minutes=5))):
        stats = made_stats(at, (3 * n, n, 2 * n), {"path": {"/": 3 * n}})
        assert first.add_stats("sk_a", stats, at) and second.add_stats("sk_a", stats, at)
    db = sqlite3.connect(record_path)
    assert db.execute("SELECT count(*) FROM readings").fetchone() == (6,)
    db.close()
    hour = first.today_by_hour("sk_a", NOON.date(), NOON + timedelta(minutes=5)).hours[12]
    assert hour.added.pageviews == 15 and hour.covered == 300
