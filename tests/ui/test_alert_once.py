"""With an alert command set, several dashboards of one user at once (the tabs of
``krafter-tui serve``) each announce a spike, and the command runs once for it, not once per
tab: over real loopback HTTP against the demo server, its traffic pushed through a spike on a
clock the test moves a minute at a time."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from krafter_tui.ui.widgets import RealtimeCounter
from tests.support.clock import FakeClock
from tests.support.demo_server import RunningDemo

from .helpers import wait_until
from .test_alerts import live, make_app  # noqa: F401 (live is a fixture)

pytestmark = pytest.mark.slow

APPEND = "import sys; open(sys.argv[1], 'a').write('ran\\n')"


async def test_two_dashboards_seeing_one_spike_run_the_command_once(
    live: tuple[RunningDemo, FakeClock],  # noqa: F811
    tmp_path: Path,
) -> None:
    server, clock = live
    ran = tmp_path / "ran.txt"
    command = (sys.executable, "-c", APPEND, str(ran))
    tabs = [make_app(server, clock, tmp_path / f"tab{n}", alert_command=command) for n in (1, 2)]
    bells: list[int] = []
    for tab in tabs:
        tab.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with (
        tabs[0].run_test(size=(120, 40)) as first,
        tabs[1].run_test(size=(120, 40)) as second,
    ):
        panes = [tab.screen.query_one(RealtimeCounter) for tab in tabs]

        async def minute() -> None:
            clock.advance(minutes=1)
            now = clock.now
            for pilot, pane in ((first, panes[0]), (second, panes[1])):
                await wait_until(
                    pilot, lambda p=pane: p.last_reading_at == now, 20, f"a reading at {now}"
                )

        for _ in range(20):  # the usual traffic: a baseline, and nothing said
            await minute()
        assert bells == []
        server.app.set_traffic("sk_pbl7c2m9x4qa", 6.0)
        for _ in range(15):
            if len(bells) == 2:
                break
            await minute()
        assert len(bells) == 2, "both tabs announce the spike"
        await wait_until(first, ran.exists, 30, "the alert command's run")
        for _ in range(3):  # and a few minutes more: still the one run
            await minute()
        for tab in tabs:
            command_runner = tab.screen.alerts.command  # type: ignore[attr-defined]
            await command_runner.wait()
    assert ran.read_text() == "ran\n"
