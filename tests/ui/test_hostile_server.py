"""The dashboard against a hostile server over real loopback HTTP (tests/support/hostile_proxy.py):
gzip bombs, 50 MB answers, drip-fed bodies, JSON 100,000 deep, absurd or zero waits, a reset a
day ahead, a server echoing the key. The app stays up, the screen says what is wrong, memory
stays bounded, and once the server is good again the data is fresh by itself."""

from __future__ import annotations

import asyncio
import html
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from krafter_tui.api import KrafterClient, RateBudget
from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.local.remembered import StateStore
from krafter_tui.ui.widgets import Pane, StatusBar, TotalsPanel
from tests.support.demo_server import demo_app
from tests.support.hostile_answers import leaked
from tests.support.hostile_proxy import HostileProxy, running_hostile_proxy

from .helpers import all_fresh, banner, wait_until
from .helpers import dashboard as screen_of

DEADLINE = 1.0  # the client's overall deadline in these tests (30 s by default)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, HostileProxy]]:
    demo = demo_app(seed=42, rate_limit=1_000_000)
    with running_hostile_proxy(demo) as running:
        yield running


@pytest.fixture
def hostile(served: tuple[str, HostileProxy]) -> Iterator[tuple[str, HostileProxy]]:
    served[1].set(None)
    served[1].hits.clear()
    yield served
    served[1].set(None)


def make_app(api_url: str, tmp_path: Path, **budget: Any) -> KrafterApp:
    """The app polling fast (realtime 0.2 s, stats 0.5 s), with a 1 s deadline; ``budget``
    shortens the rate budget's window and cap (60 s and 5 minutes by default)."""
    options = DashboardOptions(api_url=api_url, realtime_interval=0.2, stats_interval=0.5)
    app = KrafterApp(options, token=DEMO_TOKEN, state=StateStore(tmp_path / "state.json"))
    app.make_client = lambda token: KrafterClient(  # type: ignore[method-assign]
        token, api_url, timeout=httpx.Timeout(5.0), deadline=DEADLINE, budget=RateBudget(**budget)
    )
    return app


def pane_errors(app: KrafterApp) -> str:
    return " | ".join(p.error or "" for p in screen_of(app).query(Pane))


def status_line(app: KrafterApp) -> str:
    return str(app.screen.query_one(StatusBar).render())


def screen_text(app: KrafterApp) -> str:
    """Everything drawn, as the SVG export holds it (markup stripped), and the widgets' text."""
    drawn = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot()))
    return "\n".join([drawn, banner(app), pane_errors(app), status_line(app)])


CASES = [
    ("bomb", ("stats",), "answer too large", "Answer too large — the server sent more than 8 MB"),
    ("huge", ("events",), "answer too large", "Answer too large"),
    ("drip", ("realtime",), "no answer (timeout)", f"in full within {DEADLINE:g} s"),
    ("deep", ("events",), "unexpected response", "Unexpected response"),
    ("retry-date", (), "rate limited", "Rate limited"),
]


@pytest.mark.parametrize(("fault", "only", "pane_text", "banner_text"), CASES)
async def test_each_hostile_answer_is_shown_and_heals_by_itself(
    hostile: tuple[str, HostileProxy],
    tmp_path: Path,
    fault: str,
    only: tuple[str, ...],
    pane_text: str,
    banner_text: str,
) -> None:
    api_url, proxy = hostile
    app = make_app(api_url, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: all_fresh(app), 15, "first data")
        proxy.set(fault, *only)
        await wait_until(
            pilot,
            lambda: pane_text in pane_errors(app) and banner_text in banner(app),
            15,
            f"{fault} shown in a pane and the banner",
        )
        assert screen_of(app).query_one(TotalsPanel).totals is not None  # last good data kept
        assert "Next try in" in banner(app) or "Trying again" in banner(app)
        assert leaked(screen_text(app), DEMO_TOKEN) is None
        proxy.set(None)
        await wait_until(pilot, lambda: all_fresh(app), 15, f"recovery after {fault}")
        assert app.is_running


@pytest.mark.parametrize(
    ("fault", "pane_text"), [("deep-error", "Bad request"), ("echo-key", "Unknown key")]
)
async def test_a_hostile_refusal_is_shown_without_the_key_and_r_fetches_again(
    hostile: tuple[str, HostileProxy], tmp_path: Path, fault: str, pane_text: str
) -> None:
    """400/422 are refusals, not retried (asking again would be refused again): the screen says
    what the server said, cleaned of the key it echoed; once the server is good, r heals."""
    api_url, proxy = hostile
    app = make_app(api_url, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: all_fresh(app), 15, "first data")
        proxy.set(fault, "events")
        await pilot.press("r")
        await wait_until(
            pilot, lambda: pane_text in banner(app) + pane_errors(app), 15, f"{fault} shown"
        )
        assert leaked(screen_text(app), DEMO_TOKEN) is None
        assert screen_of(app).query_one(TotalsPanel).totals is not None
        assert app.is_running
        proxy.set(None)
        await pilot.press("r")
        await wait_until(pilot, lambda: all_fresh(app), 15, f"fresh data after {fault} and r")


# The dashboard in a process of its own (this one has run other tests and holds the server):
# its peak resident memory, from start to end, is what a wall box would see.
BOMBED_DASHBOARD = """
import asyncio, re, sys, time
from pathlib import Path
from tests.ui.test_hostile_server import make_app, pane_errors
from tests.ui.helpers import all_fresh, wait_until

async def main(api_url, folder):
    app = make_app(api_url, Path(folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: all_fresh(app), 30, "first data")
        print("fresh", flush=True)
        await asyncio.to_thread(sys.stdin.readline)  # the bombs are on
        await wait_until(pilot, lambda: "answer too large" in pane_errors(app), 30, "shown")
        await asyncio.to_thread(sys.stdin.readline)  # a dozen bombs have been served
        status = Path("/proc/self/status").read_text()
        print(int(re.search(r"VmHWM:\\s+(\\d+)", status).group(1)) // 1024, flush=True)

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


async def test_gzip_bombs_keep_the_dashboard_process_under_300_mb(
    hostile: tuple[str, HostileProxy], tmp_path: Path
) -> None:
    api_url, proxy = hostile
    child = subprocess.Popen(
        [sys.executable, "-c", BOMBED_DASHBOARD, api_url, str(tmp_path)],
        cwd=Path(__file__).resolve().parents[2],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        assert await asyncio.to_thread(child.stdout.readline) == "fresh\n"
        since = time.monotonic()
        proxy.set("bomb")  # every endpoint: 1 GB of zeros each time
        child.stdin.write("\n")
        child.stdin.flush()
        deadline = time.monotonic() + 60
        while proxy.count(since) < 12:
            assert time.monotonic() < deadline, "not within 60 s: a dozen bombs served"
            await asyncio.sleep(0.1)
        child.stdin.write("\n")
        child.stdin.flush()
        peak = int(await asyncio.to_thread(child.stdout.readline))
        assert child.wait(30) == 0
    finally:
        if child.poll() is None:
            child.kill()
    print(f"dashboard process peak RSS {peak} MB after {proxy.count(since)} gzip bombs")
    assert peak < 300, f"peak resident memory {peak} MB while reading gzip bombs"


async def test_an_absurd_retry_after_is_capped_and_said_and_ends_within_the_cap(
    hostile: tuple[str, HostileProxy], tmp_path: Path
) -> None:
    api_url, proxy = hostile
    app = make_app(api_url, tmp_path, max_wait=3.0)  # the 5-minute cap, shortened
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: all_fresh(app), 15, "first data")
        proxy.set("retry-huge")
        await wait_until(pilot, lambda: "capped" in banner(app), 10, "the capped wait said")
        assert "the server asked for 11,574 days, waiting 3 s" in banner(app)
        assert "rate limited" in pane_errors(app)
        assert re.search(r"rate limited, \ds \(capped\)", status_line(app)), status_line(app)
        proxy.set(None)
        await wait_until(pilot, lambda: all_fresh(app), 3.0 + 5, "fresh within the cap")


async def test_429s_asking_for_no_wait_get_fewer_and_fewer_requests(
    hostile: tuple[str, HostileProxy], tmp_path: Path
) -> None:
    api_url, proxy = hostile
    app = make_app(api_url, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: all_fresh(app), 15, "first data")
        since = time.monotonic()
        proxy.set("retry-zero")  # retry-after: 0, no rate-limit headers, every request
        await wait_until(pilot, lambda: "rate limited" in pane_errors(app), 5, "429 shown")
        await pilot.pause(7.0)
        sent = proxy.count(since)
        proxy.set(None)
        # Blocked 0, 5, 10 s after the first refusals: three feeds at 0, ~1 and ~6 s.
        assert sent <= 12, f"{sent} requests in 7 s against a server refusing them all"
        await wait_until(pilot, lambda: all_fresh(app), 20, "recovery after the backoff")


async def test_a_reset_a_day_ahead_is_capped_to_the_window_said_and_logged(
    hostile: tuple[str, HostileProxy], tmp_path: Path
) -> None:
    api_url, proxy = hostile
    app = make_app(api_url, tmp_path, window=2.0)  # the 60 s window, shortened
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: all_fresh(app), 15, "first data")
        proxy.set("reset-far")  # budget spent, reset a day from now
        await wait_until(pilot, lambda: "server clock off" in status_line(app), 5, "said")
        assert "0/100 req left, reset" in status_line(app)
        since = time.monotonic()
        await wait_until(
            pilot, lambda: proxy.count(since, "realtime") >= 2, 10, "polls go on within the window"
        )
        assert app.log_path is not None
        assert "clock is wrong" in app.log_path.read_text(encoding="utf-8")
        proxy.set(None)
        await wait_until(
            pilot, lambda: "clock off" not in status_line(app) and all_fresh(app), 10, "healed"
        )


async def test_the_rate_limited_wait_in_the_status_line_counts_down(
    hostile: tuple[str, HostileProxy], tmp_path: Path
) -> None:
    api_url, proxy = hostile
    app = make_app(api_url, tmp_path)
    seen: list[int] = []

    def counting_down() -> bool:
        found = re.search(r"rate limited, (\d+)s", status_line(app))
        if found and (not seen or int(found.group(1)) != seen[-1]):
            seen.append(int(found.group(1)))
        return len(seen) >= 3

    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: all_fresh(app), 15, "first data")
        proxy.set("retry-date")  # retry-after as an HTTP date 4 s ahead
        await wait_until(pilot, counting_down, 10, "three readings of the countdown")
        proxy.set(None)
    assert seen == sorted(seen, reverse=True) and seen[0] <= 4, seen


async def test_a_key_without_the_scope_says_so_in_the_status_line(
    hostile: tuple[str, HostileProxy], tmp_path: Path
) -> None:
    api_url, proxy = hostile
    app = make_app(api_url, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(pilot, lambda: all_fresh(app), 15, "first data")
        proxy.set("forbidden")
        await wait_until(pilot, lambda: "analytics:read" in banner(app), 10, "the banner")
        assert "key lacks the analytics:read scope" in status_line(app)
        assert "key refused" not in status_line(app)
