"""All sites left open: CPU while idle with 10,000 sites against 2 and against a screenful.

    python benchmarks/bench_overview.py [SECONDS]     # both sizes, prints the two figures

Each size runs in a process of its own (``child`` mode): the app, headless, on the in-process
demo; key 0 opens All sites; the site list is replaced by N sites, each marked fetched, and
the refreshes are stopped, so what is left is the screen's own second-by-second work (ages,
status line, detail line). CPU is ``time.process_time()`` over the window. The ratio against
a screenful is the check: idle work should follow the rows on screen, not the rows off it
(against 2 sites it also counts the ~30 more rows on screen).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

from figures import Row
from pty_child import isolated_env

HERE = Path(__file__).resolve().parent
SIZES = (2, 40, 10_000)  # two rows; a screenful (the table shows about 33); far more


def run(seconds: float) -> list[Row]:
    """The three sizes, one process each; rows for 10,000 sites against 2 and against a
    screenful (the same rows on screen: the ratio there should be about 1)."""
    few, screenful, many = (_child(size, seconds) for size in SIZES)
    what = f"CPU, All sites left open, {SIZES[2]:,} sites ({seconds:.0f} s window)"
    return [
        Row(what, "%", [many], [few], f"{SIZES[0]} sites"),
        Row(what, "%", [many], [screenful], f"{SIZES[1]} sites", ratio_limit=1.5),
    ]


def _child(size: int, seconds: float) -> float:
    done = subprocess.run(
        [sys.executable, str(Path(__file__)), "child", str(size), str(seconds)],
        capture_output=True,
        text=True,
        env=isolated_env(),
        timeout=seconds + 300,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return float(result["cpu"]) / float(result["wall"]) * 100


async def _measure(size: int, seconds: float) -> dict[str, float]:
    import httpx

    from krafter_tui.api import Site
    from krafter_tui.app import KrafterApp
    from krafter_tui.config.options import DashboardOptions
    from krafter_tui.demo import DEMO_TOKEN, create_demo_app
    from krafter_tui.ui.screens import DashboardScreen
    from krafter_tui.ui.screens.overview import OverviewScreen

    demo = create_demo_app(seed=42)
    app = KrafterApp(
        DashboardOptions(api_url="http://demo.localhost/api/v1/analytics", demo=True),
        token=DEMO_TOKEN,
        transport=httpx.ASGITransport(app=demo),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, DashboardScreen) or not app.screen.sites:
            await asyncio.sleep(0.1)
        await pilot.press("0")
        while not isinstance(app.screen, OverviewScreen):
            await asyncio.sleep(0.1)
        screen = app.screen
        many = [
            Site(f"u{i}", f"s{i}.example", f"Site {i:05}", f"sk_many{i:05}", False, "2024")
            for i in range(size)
        ]
        screen.poller.sites = lambda: many  # not the dashboard's list, which it refreshes
        screen.step()
        while len(screen.feed.rows) != size:
            await asyncio.sleep(0.1)
        screen.step = lambda: None  # type: ignore[method-assign]  # no more refreshes
        if screen.next_step is not None:
            screen.next_step.stop()
        screen.workers.cancel_group(screen, "overview")
        now = screen.clock()
        for row in screen.feed.rows:
            row.fetched_at = row.tried_at = now
        screen.table.fill(screen.feed.rows, now, screen.size.width)
        await asyncio.sleep(2.0)  # the first ticks after the change
        cpu0, wall0 = time.process_time(), time.perf_counter()
        await asyncio.sleep(seconds)
        return {"cpu": time.process_time() - cpu0, "wall": time.perf_counter() - wall0}


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "child":
        print(json.dumps(asyncio.run(_measure(int(sys.argv[2]), float(sys.argv[3])))))
    else:
        window = float(sys.argv[1]) if len(sys.argv) > 1 else 15.0
        for row in run(window):
            print(
                f"{row.what}: {row.value:.2f} % against {row.baseline[0]:.2f} % "
                f"({row.baseline_name}): ×{row.ratio or 0:.1f}"
            )
