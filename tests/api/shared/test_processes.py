"""Three screens in three processes, sharing one SQLite file, against one demo server over
loopback: they cost at most 1.5 times the requests of one screen over the same time (real
processes, so SQLite's locking between them is the real thing). Intervals are short (realtime
1 s, stats and events 3 s) so a few seconds hold several rounds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.api.shared.conftest import requests_at
from tests.support.demo_server import RunningDemo

ROOT = Path(__file__).resolve().parents[3]  # the repository
SECONDS = 9


def run_screens(
    demo: RunningDemo, cache_url: str, count: int
) -> tuple[int, list[dict[str, object]]]:
    """Requests the demo server saw from ``count`` screen processes, and what each said."""
    before = requests_at(demo)
    argv = [sys.executable, "-m", "tests.api.shared.screen_process", demo.api_url, cache_url]
    argv += [str(SECONDS), "1", "3"]
    processes = [
        subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(count)
    ]
    results = []
    for process in processes:
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        results.append(json.loads(out.strip().splitlines()[-1]))
    return requests_at(demo) - before, results


def test_three_processes_sharing_a_sqlite_file_cost_about_one(
    demo: RunningDemo, tmp_path: Path
) -> None:
    one, _ = run_screens(demo, "-", 1)
    three, results = run_screens(demo, f"sqlite://{tmp_path}/shared/cache.sqlite3", 3)
    for result in results:
        assert result["realtime"] >= SECONDS // 2 and result["stats"] >= 2
        assert result["down"] is False
    assert sum(int(str(result["hits"])) for result in results) > 0
    assert one >= SECONDS
    print(f"requests in {SECONDS} s: one process {one}, three sharing {three}")
    assert three <= 1.5 * one, (one, three, results)
