"""Make the README's screenshots from the built-in demo: ``python screenshots/make.py [NAME…]``.

The demo's clock and seed are frozen, so the pictures change only when the app does.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import httpx
from textual.widgets import Input

from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, create_demo_app
from krafter_tui.local.remembered import StateStore
from krafter_tui.ui.screens.overview import OverviewScreen

HERE = Path(__file__).resolve().parent
FROZEN = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)

# name, terminal size, keys pressed after the data has loaded, text typed after the keys
SHOTS: list[tuple[str, tuple[int, int], Sequence[str], str]] = [
    ("dashboard-160x48", (160, 48), (), ""),
    ("dashboard-80x24", (80, 24), (), ""),
    ("twelve-months-countries", (160, 48), ("l", "d", "d"), ""),
    ("compare-year-before", (160, 48), ("x", "x"), ""),
    ("twelve-months-compared", (160, 48), ("l", "x"), ""),
    ("last-month-stepped-back", (80, 24), ("p", "left"), ""),
    ("site-picker", (100, 30), ("s",), "pebble"),
    ("custom-range", (100, 30), ("c",), "2026-10-01"),
    ("help", (100, 36), ("question_mark",), ""),
    ("all-sites-160x48", (160, 48), ("0",), ""),
    ("wide-desk-200x60", (200, 60), (), ""),
    ("wall-200x60", (200, 60), (), ""),
]
#: Shots of a wall screen: the dashboard in kiosk mode.
KIOSK = {"wall-200x60"}


async def shoot(name: str, size: tuple[int, int], keys: Sequence[str], text: str) -> Path:
    """Run the app on the demo at ``size``, press ``keys``, and save an SVG."""
    demo = create_demo_app(seed=42, now=lambda: FROZEN)
    app = KrafterApp(
        DashboardOptions(
            api_url="http://demo.localhost/api/v1/analytics",
            demo=True,
            kiosk=name in KIOSK,
            realtime_interval=3600,
            stats_interval=3600,
        ),
        token=DEMO_TOKEN,
        transport=httpx.ASGITransport(app=demo),
        clock=lambda: FROZEN,
        state=StateStore(None),
    )
    async with app.run_test(size=size) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        if text:
            await pilot.press(*text)
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        if isinstance(screen, OverviewScreen):  # its rows come one after the other
            async with asyncio.timeout(60):
                while not all(row.fetched_at for row in screen.feed.rows):
                    await pilot.pause(0.1)
            await pilot.pause()
        path = HERE / f"{name}.svg"
        path.write_text(app.export_screenshot(title=f"krafter-tui — {name}"), encoding="utf-8")
    return path


def main() -> int:
    """Write every screenshot (or only those named on the command line) and print where."""
    wanted = set(sys.argv[1:])
    for name, size, keys, text in SHOTS:
        if wanted and name not in wanted:
            continue
        print(asyncio.run(shoot(name, size, keys, text)).relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
