"""Fixtures for pilot and snapshot tests: the real app on the in-process demo, clocks frozen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from krafter_tui.api import KrafterClient
from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp, FaultSpec, create_demo_app
from krafter_tui.local.remembered import StateStore
from krafter_tui.ui.screens import DashboardScreen

# The demo's "now" and the app's clock: a Thursday afternoon, so every period has history.
FROZEN = datetime(2026, 11, 26, 14, 30, 0, tzinfo=UTC)
DEMO_URL = "http://demo.localhost/api/v1/analytics"


#: How long a dashboard in these tests holds a key's requests (SettleWait; the app waits
#: SETTLE_DELAY, 0.3 s): the tests press one key and wait for its answers, and a burst's
#: tests (test_key_burst) set the wait they test.
TEST_SETTLE_DELAY = 0.05


@pytest.fixture(autouse=True)
def _short_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("krafter_tui.feeds.settle.SETTLE_DELAY", TEST_SETTLE_DELAY)


@pytest.fixture(scope="session")
def shared_demo() -> DemoApp:
    """One demo server app for the session (the traffic is read-only at a frozen clock)."""
    app = create_demo_app(seed=42, now=lambda: FROZEN)
    assert isinstance(app, DemoApp)
    return app


@pytest.fixture
def demo(shared_demo: DemoApp) -> DemoApp:
    """The shared demo with a fresh rate-limit window and no faults."""
    shared_demo.state.limiter.reset()
    shared_demo.state.faults = None
    shared_demo.state.requests.clear()
    return shared_demo


def set_faults(demo: DemoApp, spec: str | None) -> None:
    """Switch the demo's faults (``None`` turns them off)."""
    demo.state.faults = FaultSpec.parse(spec) if spec else None


@pytest.fixture
def make_app(demo: DemoApp, tmp_path: Path) -> Callable[..., KrafterApp]:
    """Build the app on the in-process demo; keyword arguments go to DashboardOptions."""

    def make(
        transport: httpx.AsyncBaseTransport | None = None,
        state_path: Path | None = None,
        **options: Any,
    ) -> KrafterApp:
        defaults: dict[str, Any] = {
            "api_url": DEMO_URL,
            "demo": True,
            "realtime_interval": 3600.0,  # polls are tested in their own tier
            "stats_interval": 3600.0,
            # Ctrl+S saves here, never in the user's own downloads folder.
            "download_dir": str(tmp_path / "downloads"),
        }
        defaults.update(options)
        return KrafterApp(
            DashboardOptions(**defaults),
            token=DEMO_TOKEN,
            transport=transport or httpx.ASGITransport(app=demo),
            clock=lambda: FROZEN,
            state=StateStore(state_path or tmp_path / "state.json"),
        )

    return make


@pytest.fixture
async def demo_client(demo: DemoApp) -> Any:
    """A plain API client on the same demo, to read the expected figures."""
    client = KrafterClient(DEMO_TOKEN, DEMO_URL, transport=httpx.ASGITransport(app=demo))
    yield client
    await client.aclose()


def keys_settling(app: Any) -> bool:
    """Whether a dashboard holds its requests until the keys settle (SettleWait)."""
    return any(
        isinstance(screen, DashboardScreen) and screen.poller.settle.pending
        for screen in app.screen_stack
    )


async def settle(pilot: Pilot[Any], timeout: float = 10.0) -> None:
    """Wait until the keys have settled, every fetch has finished and the screen has caught
    up."""
    for _ in range(3):
        async with asyncio.timeout(timeout):
            while keys_settling(pilot.app):
                await pilot.pause(0.02)
        try:
            await asyncio.wait_for(pilot.app.workers.wait_for_complete(), timeout)
        except TimeoutError:
            running = [w.name for w in pilot.app.workers if not w.is_finished]
            raise AssertionError(f"fetches still running after {timeout} s: {running}") from None
        except WorkerCancelled:
            pass  # another selection took over (a kiosk rotation): wait for its fetches
        await pilot.pause()
