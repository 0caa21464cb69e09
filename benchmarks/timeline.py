"""What happens when, in one launch or one switch: requests, answers, shows and paints.

    python benchmarks/timeline.py launch              # 3 first launches
    python benchmarks/timeline.py launch --remembered # the site known from a run
    python benchmarks/timeline.py switch --keys tw    # keys, each timed
    python benchmarks/timeline.py switch --warm tw --keys wt   # cached switches

The same probe, pty and demo server as ``run.py``; the probe marks each request sent and
answered, each ``show_*`` of the dashboard, and each paint that wrote a frame with how long it
took. Times are milliseconds from the process start (launch) or from the key (switch); "DONE"
is the frame the benchmark times. The marks cost a little time themselves: use ``run.py`` for
the figures, this for where they go.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import demo_process  # noqa: E402
from pty_child import HERE, PtyChild, isolated_env  # noqa: E402

from krafter_tui.demo import DEMO_TOKEN  # noqa: E402


def show(title: str, zero: float, done: float, marks: list[tuple[str, float]]) -> None:
    """Print one timeline, relative to ``zero``."""
    print(f"\n{title}")
    for name, at in [*marks, ("DONE: the frame timed", done)]:
        print(f"  {(at - zero) * 1000:7.0f} ms  {name}")


def main() -> int:
    """Start the demo server, run the probe with BENCH_TIMELINE set, print the timelines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("launch", "switch"))
    parser.add_argument("--runs", type=int, default=3, help="launch: how many")
    parser.add_argument("--remembered", action="store_true", help="launch: after a first run")
    parser.add_argument("--keys", default="tw", help="switch: keys typed, each shown")
    parser.add_argument("--warm", default="", help="switch: keys typed first, not shown")
    args = parser.parse_args()
    with demo_process.start() as server:
        server.set_limit(1_000_000)
        env = isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN, "BENCH_TIMELINE": "1"})
        probe = [str(HERE / "probe_app.py"), args.mode, server.api_url]
        if args.mode == "launch":
            if args.remembered:
                with PtyChild(probe, env) as child:
                    child.expect("DONE")
                    child.process.wait(timeout=30)
            for run in range(args.runs):
                if not args.remembered:
                    env = isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN, "BENCH_TIMELINE": "1"})
                with PtyChild(probe, env) as child:
                    done: dict[str, Any] = json.loads(child.expect("DONE"))
                    child.process.wait(timeout=30)
                    show(f"launch {run + 1}", child.started, done["t"], done["timeline"])
            return 0
        with PtyChild(probe, env) as child:
            for index, key in enumerate(args.warm + args.keys):
                child.expect("READY")
                typed = child.send(key)
                done = json.loads(child.expect("DONE"))
                if index >= len(args.warm):
                    title = f"key {key!r} (panes {(done['panes'] - typed) * 1000:.0f} ms)"
                    show(title, typed, done["all"], done["timeline"])
            child.expect("READY")
            child.send("q")
            child.process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
