"""The ``--demo`` dashboard's traffic key: ``T`` shapes the in-process demo's live traffic
(normal → spike → drop → quiet → normal), a toast says which, the help screen names it, and
an alert can be watched happening; without ``--demo`` the key does nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp, create_demo_app
from krafter_tui.local.remembered import StateStore
from tests.support.clock import FakeClock

from .conftest import DEMO_URL, settle
from .helpers import wait_until
from .screen_text import screen_lines
from .test_alerts import Minutes, title_line, toasts

START = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # a busy Thursday afternoon


def new_demo(clock: FakeClock) -> DemoApp:
    demo = create_demo_app(seed=42, now=clock)
    assert isinstance(demo, DemoApp)
    return demo


def make_app(server: DemoApp, clock: FakeClock, tmp_path: Path, **options: Any) -> KrafterApp:
    settings: dict[str, Any] = {
        "api_url": DEMO_URL,
        "demo": True,
        "site": "Pebble CRM",
        "realtime_interval": 3600.0,
        "stats_interval": 3600.0,
    }
    settings.update(options)
    return KrafterApp(
        DashboardOptions(**settings),
        token=DEMO_TOKEN,
        transport=httpx.ASGITransport(app=server),
        clock=clock,
        state=StateStore(tmp_path / "state.json"),
    )


async def test_the_key_cycles_the_demo_traffic_and_says_so(tmp_path: Path) -> None:
    clock = FakeClock(START)
    demo = new_demo(clock)
    app = make_app(demo, clock, tmp_path)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")  # the help screen names it
        await pilot.pause()
        assert any(
            "Demo traffic: normal → spike → drop → quiet (cycles)" in line and " T " in line
            for line in screen_lines(app)
        )
        await pilot.press("escape")
        await pilot.pause()
        said = []
        for shape in ("spike", "drop", "quiet", "normal"):
            await pilot.press("T")
            await pilot.pause()
            said.append(toasts(app)[-1])
            assert demo.state.store.live.shape == shape
        assert said == [
            "Demo traffic: Traffic now spike (every site's visitors ×6), from the next minute.",
            "Demo traffic: Traffic now drop (every site's visitors ×0.1), from the next minute.",
            "Demo traffic: Traffic now quiet (no visitors at all), from the next minute.",
            "Demo traffic: Traffic now normal (as simulated), from the next minute.",
        ]
        await wait_until(
            pilot,
            lambda: any("Traffic now normal" in line for line in screen_lines(app)),
            10,
            "the toast on screen",
        )


async def test_without_demo_the_key_is_off(tmp_path: Path) -> None:
    clock = FakeClock(START)
    demo = new_demo(clock)
    app = make_app(demo, clock, tmp_path, demo=False)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await pilot.pause()
        assert demo.state.store.live.shape == "normal"
        assert toasts(app) == []


@pytest.mark.slow
async def test_a_spike_set_by_the_key_raises_the_alert_on_screen(tmp_path: Path) -> None:
    clock = FakeClock(START)
    demo = new_demo(clock)
    app = make_app(demo, clock, tmp_path, realtime_interval=0.1)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        minutes = Minutes(pilot, clock)
        await minutes.run(20)  # the usual traffic first: the alerts learn it
        assert "▲" not in title_line(app)
        await pilot.press("T")
        await minutes.until("a spike alert", lambda: "▲ spike" in title_line(app))
        assert "Visitors now · ▲ spike" in title_line(app)
        assert any(t.startswith("Spike on Pebble CRM: ") for t in toasts(app))
