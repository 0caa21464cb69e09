"""Run every krafter-tui benchmark on the demo server and print one table.

    python benchmarks/run.py            # the full run, about 5 minutes
    python benchmarks/run.py --quick    # fewer runs, shorter windows, ~90 s

Every figure is a median of several runs (timings on a shared machine are noisy); a baseline,
where there is one, is measured in the same run and each figure is also given as a ratio
against it. Nothing is asserted: the table is the check. Loopback only; every process
started here is stopped here. ``bench_demo.py`` (the demo server's own benchmark) is separate.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_idle  # noqa: E402
import bench_imports  # noqa: E402
import bench_launch  # noqa: E402
import bench_memory  # noqa: E402
import bench_overview  # noqa: E402
import bench_record  # noqa: E402
import bench_record_cpu  # noqa: E402
import bench_render  # noqa: E402
import bench_serve  # noqa: E402
import bench_switch  # noqa: E402
import demo_process  # noqa: E402
from figures import Row, median, table  # noqa: E402

from krafter_tui.feeds.settle import SETTLE_DELAY  # noqa: E402

#: (runs of launch, switch rounds, idle window s, memory cycles, render reps, import runs,
#: All sites idle window s, hours of demo traffic a day for the record, and the window s and
#: rounds of the whole dashboard's CPU with the record on against off)
FULL = {
    "launch": 7,
    "switch": 2,
    "idle": 60.0,
    "memory": 10_000,
    "render": 7,
    "imports": 5,
    "overview": 30.0,
    "record": 24.0,
    "record_cpu": 60.0,
    "record_rounds": 3,
    "serve": 60.0,
}
QUICK = {
    "launch": 3,
    "switch": 1,
    "idle": 15.0,
    "memory": 1_000,
    "render": 3,
    "imports": 3,
    "overview": 10.0,
    "record": 2.0,
    "record_cpu": 30.0,
    "record_rounds": 1,
    "serve": 20.0,
}
BENCHES = ("imports", "launch", "switch", "render", "idle", "memory", "overview", "record", "serve")


def switch_against_floor(rows: list[Row]) -> list[Row]:
    """The uncached switch against what it cannot go below: the raw round of its requests
    plus Textual's floor for re-rendering every widget (both measured in this run)."""
    by_name = {row.what: row for row in rows}
    switch = by_name.get("switch, not cached: all panes repainted")
    floor = by_name.get("floor: every widget renders again, then the whole screen")
    if switch is None or floor is None or not switch.baseline:
        return []
    return [
        Row(
            "switch, not cached, against raw round + re-render floor",
            "ms",
            switch.values,
            [median(switch.baseline) + floor.value],
            "raw round + floor (medians)",
            ratio_limit=1.3,
        ),
        # A key's requests wait for the keys to settle (feeds/settle.py), on purpose: a burst
        # of keys costs one selection's requests. The wait is the same for any dashboard.
        Row(
            "switch, not cached, against raw round + settle wait + re-render floor",
            "ms",
            switch.values,
            [median(switch.baseline) + SETTLE_DELAY * 1000 + floor.value],
            f"raw round + {SETTLE_DELAY * 1000:.0f} ms settle wait + floor (medians)",
            ratio_limit=1.3,
        ),
    ]


def main() -> int:
    """Parse the flags, run the benchmarks, print the table and the details."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast pass (~90 s)")
    parser.add_argument("--only", nargs="+", choices=BENCHES, help="run only these")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    chosen = args.only or BENCHES
    rows: list[Row] = []
    details: dict[str, object] = {}
    started = time.perf_counter()
    with demo_process.start() as server:
        for name in BENCHES:
            if name not in chosen:
                continue
            print(f"… {name}", file=sys.stderr, flush=True)
            if name == "imports":
                found, details["imports"] = bench_imports.run(plan["imports"], server)
            elif name == "launch":
                found = bench_launch.run(server, plan["launch"])
            elif name == "switch":
                found = bench_switch.run(server, plan["switch"])
            elif name == "render":
                found = bench_render.run(server, plan["render"])
            elif name == "idle":
                found, details["idle"] = bench_idle.run(server, plan["idle"])
            elif name == "overview":  # in-process demo of its own: the server is not used
                found = bench_overview.run(float(plan["overview"]))
            elif name == "record":  # in-process, on a simulated clock: hours of traffic a day
                found = bench_record.run(float(plan["record"]))
                # and the whole dashboard, on the demo server: recording on against off
                window, rounds = float(plan["record_cpu"]), int(plan["record_rounds"])
                found += bench_record_cpu.run(server, window, rounds)
            elif name == "serve":  # serve with 1, 5, 10 tabs against the terminal dashboard
                found = bench_serve.run(server, float(plan["serve"]))
            else:
                found = bench_memory.run(server, int(plan["memory"]))
            rows += found
    rows += switch_against_floor(rows)
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    print(f"`{command}` — {time.perf_counter() - started:.0f} s, medians; plan {plan}\n")
    print(table(rows))
    print()
    for row in rows:
        if row.note:
            print(f"- {row.what}: {row.note}")
    print("\n```json\n" + json.dumps(details, default=str) + "\n```")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
