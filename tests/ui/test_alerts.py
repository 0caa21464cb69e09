"""Alerts on the dashboard, over real loopback HTTP against the demo server: its live traffic
pushed through a spike and an outage (the demo's traffic multiplier) on a clock the test moves
a minute at a time, as the user sees it: the toast, the bell, the mark on the realtime pane."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.demo.sites import SITES
from krafter_tui.local.remembered import StateStore
from krafter_tui.ui.widgets import RealtimeCounter
from tests.support.clock import FakeClock
from tests.support.demo_server import RunningDemo, running_demo_server

from .helpers import wait_until
from .screen_text import screen_lines

START = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # a busy Thursday afternoon
CRM = next(i for i, site in enumerate(SITES) if site.name == "Pebble CRM")

pytestmark = pytest.mark.slow


@pytest.fixture
def live() -> Iterator[tuple[RunningDemo, FakeClock]]:
    clock = FakeClock(START)
    with running_demo_server(now=clock) as server:
        yield server, clock


def make_app(server: RunningDemo, clock: FakeClock, tmp_path: Path, **options: Any) -> KrafterApp:
    settings: dict[str, Any] = {
        "api_url": server.api_url,
        "site": "Pebble CRM",
        "realtime_interval": 0.1,
        "stats_interval": 3600.0,
    }
    settings.update(options)
    return KrafterApp(
        DashboardOptions(**settings),
        token=DEMO_TOKEN,
        clock=clock,
        state=StateStore(tmp_path / "state.json"),
    )


class Minutes:
    """Moves the demo's (and the app's) clock a minute at a time, each time waiting for the
    dashboard to show a reading taken at the new time."""

    def __init__(self, pilot: Pilot[Any], clock: FakeClock) -> None:
        self.pilot, self.clock = pilot, clock
        self.pane = pilot.app.screen.query_one(RealtimeCounter)

    async def run(self, minutes: int) -> None:
        for _ in range(minutes):
            self.clock.advance(minutes=1)
            now = self.clock.now
            await wait_until(
                self.pilot,
                lambda at=now: self.pane.last_reading_at == at,
                20,
                f"a reading at {now}",
            )

    async def until(self, what: str, condition: Any, most: int = 15) -> None:
        for _ in range(most):
            if condition():
                return
            await self.run(1)
        raise AssertionError(f"not within {most} simulated minutes: {what}")


def title_line(app: KrafterApp) -> str:
    """The screen line with the realtime pane's title."""
    return next(line for line in screen_lines(app) if "Visitors now" in line or "spike" in line)


def toasts(app: KrafterApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_a_spike_and_an_outage_are_announced_and_marked(
    live: tuple[RunningDemo, FakeClock], tmp_path: Path
) -> None:
    server, clock = live
    app = make_app(server, clock, tmp_path)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        minutes = Minutes(pilot, clock)
        await minutes.run(20)  # the usual traffic: a baseline, and nothing said
        assert bells == [] and toasts(app) == []
        assert "▲" not in title_line(app) and "▼" not in title_line(app)

        server.app.set_traffic("sk_pbl7c2m9x4qa", 6.0)
        await minutes.until("a spike alert", lambda: bells)
        assert bells == [1]
        assert "Visitors now · ▲ spike" in title_line(app)
        # The site's row of the All sites overview carries the same mark (kept while that
        # screen is shut; tests/ui/test_overview*.py draw such marks in the rows).
        rows = app.screen.overview_feed.alerts  # type: ignore[attr-defined]
        assert list(rows.as_dict().values()) == ["▲ spike"]
        assert any(
            t.startswith("Spike on Pebble CRM: ") and "usually about" in t for t in toasts(app)
        )
        await wait_until(
            pilot,
            lambda: any("Spike on Pebble CRM" in line for line in screen_lines(app)),
            10,
            "the toast on screen",
        )

        server.app.set_traffic("sk_pbl7c2m9x4qa", 1.0)
        await minutes.until("the spike's end", lambda: "▲ spike" not in title_line(app))
        assert "Back to usual" in toasts(app)[-1]
        assert rows.as_dict() == {}
        assert bells == [1]

        server.app.set_traffic("sk_pbl7c2m9x4qa", 0.0)
        await minutes.until("a drop alert", lambda: len(bells) == 2)
        assert "Visitors now · ▼ drop" in title_line(app)
        assert toasts(app)[-1].startswith("Drop on Pebble CRM: ")
        await minutes.until("no visitors at all", lambda: len(bells) == 3)
        assert "Visitors now · ○ none" in title_line(app)
        assert (
            toasts(app)[-1]
            == "No visitors on Pebble CRM: No visitors now; usually about "
            + toasts(app)[-1].rsplit("about ", 1)[1]
        )


async def test_no_alerts_when_they_are_off(
    live: tuple[RunningDemo, FakeClock], tmp_path: Path
) -> None:
    server, clock = live
    app = make_app(server, clock, tmp_path, alerts=False)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        minutes = Minutes(pilot, clock)
        await minutes.run(20)
        server.app.set_traffic("sk_pbl7c2m9x4qa", 6.0)
        await minutes.run(8)
        assert bells == [] and toasts(app) == []
        assert "spike" not in title_line(app)
