"""Benchmark the demo server: start-up time and the heaviest stats request.

Run: ``python benchmarks/bench_demo.py``. Prints medians of several runs.
Targets: dataset ready in under 2 s; a 12mo stats request with all nine dimensions in under
150 ms. Nothing here is asserted by the test suite (timings vary with the machine).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from krafter_tui.demo import DEMO_TOKEN, create_demo_app  # noqa: E402
from tests.support.demo_server import running_demo_server  # noqa: E402

ALL = "path,referrer,country,device,browser,os,utm_source,utm_medium,utm_campaign"


def median_ms(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and worst wall time of ``action`` over ``runs`` runs, in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def report(label: str, result: tuple[float, float], target: float | None = None) -> None:
    """Print one figure, with its target if it has one."""
    median, worst = result
    verdict = "" if target is None else ("  OK" if median < target else "  OVER TARGET")
    goal = f" (target < {target:.0f} ms)" if target else ""
    print(f"{label:<52} median {median:8.1f} ms  max {worst:8.1f} ms{goal}{verdict}")


def main() -> None:
    """Run every benchmark and print the figures."""
    with tempfile.TemporaryDirectory() as scratch:
        cache = Path(scratch)
        report(
            "start-up, in-memory history (create_demo_app)",
            median_ms(lambda: create_demo_app(seed=42), 5),
            2000,
        )
        counter = iter(range(1000))
        report(
            "start-up, building the cache file (new seed each)",
            median_ms(lambda: create_demo_app(seed=next(counter), cache_dir=cache), 5),
            2000,
        )
        create_demo_app(seed=42, cache_dir=cache)
        report(
            "start-up, reusing the cache file",
            median_ms(lambda: create_demo_app(seed=42, cache_dir=cache), 5),
            2000,
        )

    with (
        running_demo_server(seed=42) as server,
        httpx.Client(
            base_url=server.api_url, headers={"Authorization": f"Bearer {DEMO_TOKEN}"}
        ) as api,
    ):
        stats = "/sites/sk_pbl7c2m9x4qa/stats"

        def fetch(path: str, **params: str) -> Callable[[], object]:
            def run() -> object:
                server.app.state.limiter.reset()
                response = api.get(path, params=params)
                assert response.status_code == 200, response.text
                return response

            return run

        fetch("/sites")()
        report(
            "HTTP 12mo stats, all nine dimensions (busiest site)",
            median_ms(fetch(stats, period="12mo", dimensions=ALL), 20),
            150,
        )
        report(
            "HTTP 30d stats, all nine dimensions",
            median_ms(fetch(stats, period="30d", dimensions=ALL), 20),
            150,
        )
        report("HTTP 7d stats, no dimensions", median_ms(fetch(stats, period="7d"), 20))
        report(
            "HTTP 12mo events", median_ms(fetch("/sites/sk_pbl7c2m9x4qa/events", period="12mo"), 20)
        )
        report("HTTP realtime", median_ms(fetch("/sites/sk_pbl7c2m9x4qa/realtime"), 20))


if __name__ == "__main__":
    main()
