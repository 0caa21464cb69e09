"""A wall of screens: requests of one dashboard alone, and of three sharing a cache.

    python benchmarks/wall.py [--seconds 180]

Runs, side by side over the same minutes and against one demo server on loopback: one screen
alone, three screens sharing a SQLite file, three sharing a redis-server (started here on a
free loopback port, when the Debian package is installed) and three not sharing. Each screen
is a process of its own running the dashboard's client and poller with the default intervals
(realtime 10 s, stats and events 60 s; ``tests/api/shared/screen_process.py``) and counts the
requests it sent itself, so the groups can run at once without mixing their counts.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.api.shared.redis_server import RedisServer  # noqa: E402
from tests.support.demo_server import running_demo_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="krafter-wall-"))
    redis = RedisServer(folder) if shutil.which("redis-server") else None
    groups = {"one screen alone": ("-", 1)}
    groups["three sharing SQLite"] = (f"sqlite://{folder}/shared/cache.sqlite3", 3)
    if redis is not None:
        redis.start()
        groups["three sharing Redis"] = (redis.url, 3)
    groups["three not sharing"] = ("-", 3)
    try:
        with running_demo_server(seed=42, rate_limit=10_000) as demo:
            argv = [sys.executable, "-m", "tests.api.shared.screen_process", demo.api_url]
            running = {
                name: [
                    subprocess.Popen(
                        [*argv, cache, str(args.seconds), "10", "60"],
                        cwd=ROOT,
                        stdout=subprocess.PIPE,
                        text=True,
                    )
                    for _ in range(count)
                ]
                for name, (cache, count) in groups.items()
            }
            minutes = args.seconds / 60
            print(f"requests sent over {args.seconds:g} s (default intervals):")
            for name, processes in running.items():
                results = [json.loads(p.communicate()[0].splitlines()[-1]) for p in processes]
                sent = sum(result["requests"] for result in results)
                hits = sum(result["hits"] for result in results)
                print(
                    f"  {name:22} {sent:4d} requests ({sent / minutes:5.1f}/min),"
                    f" {hits} answers from the cache"
                )
    finally:
        if redis is not None:
            redis.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
