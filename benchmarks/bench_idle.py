"""Left running: CPU over a window with default intervals, and requests per minute.

The app (default intervals: realtime 10 s, stats and events 60 s; the record of readings on,
as by default: each stats and events answer of the default period, which includes today, is
written to the record's SQLite file) and the baseline (a bare Textual app with the same timers
doing nothing) run side by side, each in its own process on
its own pty; both are mostly asleep, so they barely disturb each other, and running them
together halves the wall time. CPU is ``time.process_time()`` over the window, which starts
one second after the first full paint. The demo server logs every request with its arrival
time; requests in the window give the steady rate, requests in the first 60 s after the
launch give the first minute (only when the window is long enough to cover it).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from demo_process import DemoServer
from figures import Row
from pty_child import HERE, PtyChild, isolated_env

from krafter_tui.demo import DEMO_TOKEN

#: Requests a minute in steady state by the interval arithmetic of the defaults: realtime
#: every 10 s, stats and events every 60 s, previous-period stats every 10 min (its TTL).
EXPECTED_STEADY = 60 / 10 + 60 / 60 + 60 / 60 + 60 / 600


def run(server: DemoServer, seconds: float) -> tuple[list[Row], dict[str, object]]:
    """One window of ``seconds``; rows for CPU and requests, and details for the notes."""
    server.set_limit(100)
    started_unix = time.time()
    app_argv = [str(HERE / "probe_app.py"), "idle", server.api_url, str(seconds)]
    bare_argv = [str(HERE / "probe_bare.py"), "idle", str(seconds)]
    app_env = isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN, "KRAFTER_RECORD": "1"})
    with (
        PtyChild(app_argv, app_env) as app,
        PtyChild(bare_argv, isolated_env()) as bare,
    ):
        app_result, bare_result = app.result(), bare.result()
    app_cpu = app_result["cpu"] / app_result["wall"] * 100
    bare_cpu = bare_result["cpu"] / bare_result["wall"] * 100
    log = server.requests_since(started_unix)
    window = [r for r in log if app_result["unix0"] <= r[0] <= app_result["unix1"]]
    per_minute = len(window) * 60 / (app_result["unix1"] - app_result["unix0"])
    first_minute = None
    if app_result["unix1"] >= started_unix + 60:
        first_minute = len([r for r in log if r[0] <= started_unix + 60])
    rows = [
        Row(
            f"CPU left running, record on ({seconds:.0f} s window)",
            "%",
            [app_cpu],
            [bare_cpu],
            "bare app, same timers",
            limit=1.0,
            ratio_limit=1.5,
        ),
        Row(
            "requests per minute, one site, defaults",
            "/min",
            [round(per_minute, 1)],
            limit=15.01,
            note="steady window, scaled to a minute",
        ),
    ]
    details = {
        "app_cpu_ms_per_min": cpu_split(app_result),
        "bare_cpu_ms_per_min": cpu_split(bare_result),
        "window_s": app_result["unix1"] - app_result["unix0"],
        "requests_in_window": [r[1].rsplit("/", 1)[-1] for r in window],
        "first_minute": first_minute,
        "expected_steady": EXPECTED_STEADY,
        "app_rss_mb": app_result["rss_kib"] / 1024,
        "bare_rss_mb": bare_result["rss_kib"] / 1024,
        "record_kib": record_kib(Path(app_env["XDG_DATA_HOME"])),
    }
    return rows, details


def record_kib(data_home: Path) -> float:
    """The size of the record's files the app wrote under ``data_home`` (0: it recorded
    nothing, so the row would not be "record on")."""
    files = list(data_home.rglob("record.sqlite3*"))
    return round(sum(path.stat().st_size for path in files) / 1024, 1)


def cpu_split(result: dict[str, Any]) -> dict[str, object]:
    """Milliseconds of CPU a minute: in all, per thread, and (the app) per kind of work."""
    per_minute = 60 / result["wall"] * 1000
    main = result.get("main_thread_cpu", 0.0)
    split: dict[str, object] = {
        "all threads": round(result["cpu"] * per_minute, 1),
        "other threads (Textual's writer and input threads)": round(
            (result["cpu"] - main) * per_minute, 1
        ),
        "main thread": round(main * per_minute, 1),
    }
    measured = 0.0
    for label, (seconds, calls) in sorted(
        result.get("split", {}).items(), key=lambda item: -item[1][0]
    ):
        measured += seconds
        split[f"  {label}"] = (
            f"{seconds * per_minute:.1f} ({calls * 60 / result['wall']:.0f} calls)"
        )
    if "split" in result:
        split["  the rest: event loop, timers, message pumps, httpx"] = round(
            (main - measured) * per_minute, 1
        )
    return split
