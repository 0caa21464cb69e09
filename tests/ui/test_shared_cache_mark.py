"""The dashboard with a shared cache it cannot use: the status line says so next to the
budget, the panes keep polling the server directly, and the mark goes once the cache works."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.local.remembered import StateStore
from tests.support.demo_server import RunningDemo, running_demo_server

from .helpers import dashboard, wait_until
from .screen_text import screen_lines

MARK = "shared cache down, polling directly"


@pytest.fixture(scope="module")
def server() -> Iterator[RunningDemo]:
    with running_demo_server(seed=42) as running:
        yield running


def status_line(app: KrafterApp) -> str:
    return next(line for line in screen_lines(app) if "req left" in line or "budget" in line)


async def test_a_damaged_cache_file_is_marked_and_the_mark_goes_when_it_is_replaced(
    server: RunningDemo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("krafter_tui.api.shared.cache.RETRY_DOWN", 0.5)  # not 15 s: no need
    cache = tmp_path / "wall" / "cache.sqlite3"
    cache.parent.mkdir()
    cache.write_bytes(b"not a database at all " * 64)
    options = DashboardOptions(
        api_url=server.api_url,
        realtime_interval=0.3,
        stats_interval=1.0,
        shared_cache=f"sqlite://{cache}",
    )
    app = KrafterApp(options, token=DEMO_TOKEN, state=StateStore(tmp_path / "state.json"))
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_until(
            pilot,
            lambda: MARK in status_line(app) and "req left" in status_line(app),
            20,
            "the shared-cache mark beside the budget",
        )
        assert "req left" in status_line(app) and MARK in status_line(app)
        screen = dashboard(app)
        shared = screen.poller.client.shared
        assert shared is not None
        sent = screen.poller.client.budget.requests_sent
        await wait_until(
            pilot,
            lambda: screen.poller.client.budget.requests_sent >= sent + 3,
            20,
            "polling directly meanwhile",
        )
        cache.unlink()
        await wait_until(
            pilot, lambda: MARK not in " ".join(screen_lines(app)), 20, "the mark to go"
        )
        assert "req left" in status_line(app)
        await wait_until(pilot, lambda: shared.hits > 0 or cache.exists(), 20, "cache in use")
        assert cache.exists() and not shared.down
