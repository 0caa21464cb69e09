"""The record: its size after a simulated day and week, its CPU a minute, today by the hour.

    python benchmarks/bench_record.py [HOURS]     # HOURS of demo traffic a day (default 24)

In-process, on the demo's traffic store and a simulated clock: one reading a minute for each
of the three demo sites (the period ``today`` with all nine dimensions, and its events), as
the dashboard would record what it polls. The first day is the demo's own traffic, minute by
minute; the six days after it replay the first day's answers with their dates moved on (the
demo makes a day's traffic in about as long as a dashboard takes to fill it, and the record
keeps only 48 hours of minutes). CPU is ``time.process_time()``: a minute's writes (one
reading per site) against the same minute's answers decoded as the client decodes them, with
no record. Nothing is asserted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
from figures import Row

HERE = Path(__file__).resolve().parent
START = datetime(2026, 11, 26, tzinfo=UTC)
SITES = ("sk_pebble", "sk_brew", "sk_docs")


def _moved(stats: object, days: int) -> object:
    """A stats answer with its dates moved on by ``days``."""
    from krafter_tui.api import DateRange, Stats

    assert isinstance(stats, Stats)
    shift = timedelta(days=days)
    return msgspec.structs.replace(
        stats,
        period=DateRange(stats.period.start + shift, stats.period.end + shift),
        timeseries=[msgspec.structs.replace(p, date=p.date + shift) for p in stats.timeseries],
    )


def _file_bytes(path: Path) -> int:
    """The file with its write-ahead log (which SQLite lets grow to about 4 MB, then reuses)."""
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def run(hours: float = 24.0) -> list[Row]:
    """Rows: size after a day and a week, CPU a minute with and without the record, and the
    time of ``today_by_hour`` over a recorded day."""
    from krafter_tui.api import DIMENSIONS, Event, Stats
    from krafter_tui.api.models import Envelope
    from krafter_tui.demo import DEMO_TOKEN, create_demo_app
    from krafter_tui.demo.periods import Period
    from krafter_tui.record import Record

    now = [START]
    demo = create_demo_app(seed=42, now=lambda: now[0])
    store = demo.state.store  # type: ignore[attr-defined]
    stats_type, events_type = Envelope[Stats], Envelope[list[Event]]
    minutes = int(hours * 60)
    # Fewer hours than a day: those ending at 14:00 UTC, when the demo is busy.
    offset = int(max(0.0, 14 - hours) * 60) if hours < 24 else 0
    with tempfile.TemporaryDirectory(prefix="krafter-bench-record-") as folder:
        path = Path(folder) / "data" / "record.sqlite3"
        record = Record(
            DEMO_TOKEN, "http://bench/api/v1/analytics", path, clock=lambda: now[0].timestamp()
        )
        bodies: list[list[tuple[bytes, bytes]]] = []
        decode_cpu, record_cpu = [], []
        for minute in range(minutes):
            now[0] = at = START + timedelta(minutes=offset + minute + 1)
            day = at.date()
            answers = []
            for site in range(len(SITES)):
                data = store.stats(site, Period(day, day), DIMENSIONS, at.timestamp())
                events = store.events(site, Period(day, day), at.timestamp())
                answers.append(
                    (msgspec.json.encode({"data": data}), msgspec.json.encode({"data": events}))
                )
            bodies.append(answers)
            started = time.process_time()
            decoded = [
                (
                    msgspec.json.decode(s, type=stats_type).data,
                    msgspec.json.decode(e, type=events_type).data,
                )
                for s, e in answers
            ]
            decoding = time.process_time() - started
            started = time.process_time()
            for site_key, (stats, events) in zip(SITES, decoded, strict=True):
                record.add_stats(site_key, stats, at)
                record.add_events(site_key, events, stats.period, at)
            record_cpu.append((time.process_time() - started) * 1000)
            decode_cpu.append(decoding * 1000)
        day_size, day_file = record.size(), _file_bytes(path)
        day_end = now[0]
        took = []
        for _ in range(15):
            started = time.perf_counter()
            shown = record.today_by_hour(SITES[0], day_end.date(), day_end)
            took.append((time.perf_counter() - started) * 1000)
        assert shown.recorded, record.status.text
        for later in range(1, 7):
            for minute, answers in enumerate(bodies):
                now[0] = at = START + timedelta(days=later, minutes=offset + minute + 1)
                for site_key, (s, e) in zip(SITES, answers, strict=True):
                    stats = _moved(msgspec.json.decode(s, type=stats_type).data, later)
                    assert isinstance(stats, Stats)
                    events = msgspec.json.decode(e, type=events_type).data
                    record.add_stats(site_key, stats, at)
                    record.add_events(site_key, events, stats.period, at)
        week_size, week_file = record.size(), _file_bytes(path)
        status = record.status.text
        record.close()
    label = "demo traffic" if hours >= 24 else f"{hours:g} h of demo traffic a day, to 14:00"
    return [
        Row(
            f"record size after a day, 3 sites, a reading a minute ({label})",
            "MB",
            [day_size / 1e6],
            note=f"pages in use; the file with its WAL: {day_file / 1e6:.1f} MB",
        ),
        Row(
            f"record size after a week, 3 sites (48 h of minutes kept; {label})",
            "MB",
            [week_size / 1e6],
            note=f"pages in use; the file with its WAL: {week_file / 1e6:.1f} MB; the record "
            f"says '{status}' at the end",
        ),
        Row(
            "record: CPU of a minute's writes (3 sites, stats + events)",
            "ms",
            record_cpu,
            decode_cpu,
            "decoding the minute's answers, no record",
            note=f"median over {len(record_cpu)} simulated minutes; the 'with' minute is "
            "baseline + this figure",
        ),
        Row(
            "record: CPU a minute, decoding with the record against without",
            "ms",
            [a + b for a, b in zip(decode_cpu, record_cpu, strict=True)],
            decode_cpu,
            "without",
        ),
        Row(f"record: today_by_hour over a recorded day ({label})", "ms", took),
    ]


def main() -> int:
    """Print the rows."""
    from figures import table

    hours = float(sys.argv[1]) if len(sys.argv) > 1 else 24.0
    rows = run(hours)
    print(table(rows))
    for row in rows:
        if row.note:
            print(f"- {row.what}: {row.note}")
    print(f"(today_by_hour: {statistics.median(rows[-1].values):.1f} ms median)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
