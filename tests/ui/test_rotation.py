"""Kiosk: the rotation through sites is shown on screen, counting down to the next site."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from krafter_tui.app import KrafterApp
from krafter_tui.text.durations import countdown
from krafter_tui.ui.screens import DashboardScreen

from .conftest import settle
from .screen_text import screen_rows

MakeApp = Callable[..., KrafterApp]
LINE = re.compile(r"site (\d) of 3 · next in (\d+)s: (.+?)\s*$")


def test_the_countdown_is_rounded_up_and_says_minutes() -> None:
    assert [countdown(s) for s in (40, 39.2, 0.3, 0, 60, 100, 120)] == [
        "40s",
        "40s",
        "1s",
        "1s",
        "1m",
        "1m 40s",
        "2m",
    ]


async def test_the_bottom_line_says_which_site_and_when_the_next_comes(make_app: MakeApp) -> None:
    # 8 s: long enough to see two readings of the countdown after the data has loaded, on a
    # machine running two suites at once (at 3 s, loading took all but the last second).
    app = make_app(kiosk=True, rotate_sites=8.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        names = [s.name for s in screen.rotation]
        seen: list[tuple[int, int, str]] = []
        deadline = time.monotonic() + 30
        # Watch the bottom row until it has counted down and moved on to the second site.
        while not any(position == 2 for position, _, _ in seen):
            assert time.monotonic() < deadline, f"the bottom line stayed at {seen[-3:]}"
            match = LINE.search(screen_rows(app)[-1])
            assert match is not None, screen_rows(app)[-1]
            reading = (int(match[1]), int(match[2]), match[3])
            if not seen or seen[-1] != reading:
                seen.append(reading)
            await pilot.pause(0.1)
        first = [r for r in seen if r[0] == 1]
        assert first[0][2] == names[1]  # it names the site that comes next
        assert len({left for _, left, _ in first}) >= 2  # it counted down
        assert [left for _, left, _ in first] == sorted(
            (left for _, left, _ in first), reverse=True
        )
        assert seen[-1][2] == names[2]
        assert screen.selection is not None and screen.selection.site.name == names[1]
