"""Until the alerts know a site's usual visitors (a quarter of an hour of readings), the
realtime pane says how far they are: ``alerts learning · 6/15 min`` in its bottom border;
once armed, nothing. Alerts off: never. Read from the screen, on a fake clock moved a minute
at a time, at the smallest size and a large one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.clock import FakeClock

from .screen_text import screen_lines
from .test_alerts import Minutes
from .test_demo_traffic import START, make_app, new_demo

pytestmark = pytest.mark.slow


def learning_label(app: object) -> str | None:
    """The realtime pane's bottom border's ``learning`` words, if any."""
    for line in screen_lines(app):
        if "learning" in line:
            start = line.index("alerts learning" if "alerts learning" in line else "learning")
            return line[start:].split("─")[0].strip()
    return None


def says(app: object, minutes: int, wide: bool) -> None:
    """The pane says ``minutes`` of 15 learnt: in the issue's words where they fit, else
    the short form (a narrow pane), never cut."""
    long, short = f"alerts learning · {minutes}/15 min", f"learning {minutes}/15 min"
    assert learning_label(app) in ((long,) if wide else (long, short))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_pane_says_how_far_the_alerts_have_learnt(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    clock = FakeClock(START)
    app = make_app(new_demo(clock), clock, tmp_path, realtime_interval=0.1)
    wide = size[0] >= 120
    async with app.run_test(size=size) as pilot:
        minutes = Minutes(pilot, clock)
        await minutes.until("a first reading", lambda: minutes.pane.last_reading_at is not None)
        await pilot.pause()
        says(app, 0, wide)
        await minutes.run(6)
        await pilot.pause()
        says(app, 6, wide)
        await minutes.run(8)
        await pilot.pause()
        says(app, 14, wide)
        await minutes.run(1)
        await pilot.pause()
        assert learning_label(app) is None  # armed
        await minutes.run(2)
        await pilot.pause()
        assert learning_label(app) is None  # and it stays so


async def test_no_label_when_alerts_are_off(tmp_path: Path) -> None:
    clock = FakeClock(START)
    app = make_app(new_demo(clock), clock, tmp_path, realtime_interval=0.1, alerts=False)
    async with app.run_test(size=(120, 40)) as pilot:
        minutes = Minutes(pilot, clock)
        await minutes.until("a first reading", lambda: minutes.pane.last_reading_at is not None)
        for _ in range(3):
            await minutes.run(3)
            await pilot.pause()
            assert learning_label(app) is None
        assert minutes.pane.readings  # the pane draws its readings all the same
