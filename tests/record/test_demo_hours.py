"""Simulated hours of the demo's traffic on a manual clock, read once a minute into the record:
what the record finds per hour is the demo's traffic of that hour, across midnight too."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

from krafter_tui.record import Record
from tests.record.conftest import START, Demo, minutes, thirty_days, today


def test_each_recorded_hour_is_the_demo_traffic_of_that_hour(demo: Demo, make_record) -> None:
    record: Record = make_record()
    first, last = START.replace(hour=9), START.replace(hour=13)
    for at in minutes(first, last):
        assert record.add_stats("sk_pebble", demo.stats(0, today(at), at), at)
    day = record.today_by_hour("sk_pebble", START.date(), last)
    assert record.status.recording, record.status.text
    by_hour = {hour.start.hour: hour for hour in day.hours}
    for hour in (9, 10, 11, 12):
        begin = START.replace(hour=hour)
        expected = demo.traffic(0, START.date(), begin, begin + timedelta(hours=1))
        found = by_hour[hour]
        assert (found.added.pageviews, found.added.visitors, found.added.visits) == expected
        assert found.covered == 3600
    assert all(by_hour[hour].covered == 0 for hour in range(9))
    assert day.recorded_since == first and day.through == last
    # Before the first reading: the day's traffic so far is known, not when (one gap).
    [gap] = day.gaps
    assert (gap.start, gap.end) == (START, first)
    assert gap.added.pageviews == demo.traffic(0, START.date(), START, first)[0] > 0
    # The hourly sums (export) say the same.
    rows = record.hourly_rows("sk_pebble", first, last)
    assert [(row.start.hour, row.added, row.covered) for row in rows] == [
        (hour, by_hour[hour].added, 3600.0) for hour in (9, 10, 11, 12)
    ]


def test_midnight_utc_resets_the_counts_and_never_shows_negative_growth(
    demo: Demo, make_record
) -> None:
    record: Record = make_record()
    first, last = START.replace(hour=23), START + timedelta(days=1, hours=1)
    for at in minutes(first, last):
        assert record.add_stats("sk_pebble", demo.stats(0, today(at), at), at)
    next_day = last.date()
    after = record.today_by_hour("sk_pebble", next_day, last)
    hour0 = after.hours[0]
    expected = demo.traffic(0, next_day, last - timedelta(hours=1), last)
    assert (hour0.added.pageviews, hour0.added.visitors, hour0.added.visits) == expected
    assert hour0.covered == 3600 and after.gaps == []
    before = record.today_by_hour("sk_pebble", START.date(), last)
    hour23 = before.hours[23]
    expected = demo.traffic(0, START.date(), first, START + timedelta(hours=23, minutes=59))
    assert (hour23.added.pageviews, hour23.added.visitors, hour23.added.visits) == expected
    for day in (before, after):
        assert all(min(h.added.pageviews, h.added.visitors, h.added.visits) >= 0 for h in day.hours)
    # In another time zone the hours are the local ones: UTC+2's 01:00 is 23:00 UTC.
    local = record.today_by_hour("sk_pebble", next_day, last, timezone(timedelta(hours=2)))
    assert local.hours[1].added == hour23.added and local.hours[2].added == hour0.added
    assert local.hours[1].start.utcoffset() == timedelta(hours=2)


def test_a_30_day_period_sliding_its_first_day_off_is_not_negative_growth(
    demo: Demo, make_record
) -> None:
    record: Record = make_record()
    first, last = START.replace(hour=23, minute=30), START + timedelta(days=1, minutes=20)
    counts = {}
    for at in minutes(first, last):
        stats = demo.stats(0, thirty_days(at), at)
        assert record.add_stats("sk_pebble", stats, at)
        counts[at] = {row.value: row.count for row in (stats.breakdown or {})["referrer"]}
    midnight = START + timedelta(days=1)
    # The slide takes a whole day off: read naively, rows would have shrunk.
    shrunk = [
        v
        for v, n in counts[midnight].items()
        if n < counts[midnight - timedelta(minutes=1)].get(v, 0)
    ]
    assert shrunk, "the test needs a referrer whose 30-day count fell at midnight"
    rising = record.rising("sk_pebble", "referrer", last, timedelta(minutes=30))
    assert rising.since == last - timedelta(minutes=30) and rising.until == last
    # The minute from the old span's last reading to the new one's first is not counted.
    expected = demo.referrers(last - timedelta(minutes=30), midnight - timedelta(minutes=1))
    for value, count in demo.referrers(midnight, last).items():
        expected[value] = expected.get(value, 0) + count
    found = {row.value: row.added for row in rising.rows if row.added}
    assert found == expected
    assert all(row.added >= 0 for row in rising.rows)
    # Today's totals are read from the last daily point, not from the 30-day totals.
    day = record.today_by_hour("sk_pebble", midnight.date(), last)
    assert day.hours[0].added.pageviews == demo.traffic(0, midnight.date(), midnight, last)[0]
    assert day.gaps == [] and day.hours[0].start.tzinfo == UTC
