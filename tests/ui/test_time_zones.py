"""The API's days are UTC days: "today" is the UTC date wherever the user is, and the status
line says the days are UTC when the local clock is not."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from textual.widgets import Input

from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp, create_demo_app
from krafter_tui.local.remembered import StateStore
from krafter_tui.ui.screens import CustomRangeDialog
from tests.support.zone import local_zone

from .conftest import DEMO_URL, settle
from .screen_text import screen_lines

# 03:56 on Dec 2 in Tokyo: still Dec 1 for the API (18:56 UTC).
TOKYO_MOMENT = datetime(2026, 12, 1, 18, 56, tzinfo=UTC)
TOKYO = ZoneInfo("Asia/Tokyo")
# 19:00 on Nov 25 in Los Angeles: already Nov 26 for the API (03:00 UTC).
LA_MOMENT = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


@pytest.fixture(scope="module")
def tokyo_demo() -> DemoApp:
    """A demo server whose clock stands at TOKYO_MOMENT."""
    app = create_demo_app(seed=42, now=lambda: TOKYO_MOMENT)
    assert isinstance(app, DemoApp)
    return app


def app_at(demo: DemoApp, clock: Callable[[], datetime], tmp_path: Path) -> KrafterApp:
    options = DashboardOptions(
        api_url=DEMO_URL, demo=True, realtime_interval=3600.0, stats_interval=3600.0
    )
    return KrafterApp(
        options,
        token=DEMO_TOKEN,
        transport=httpx.ASGITransport(app=demo),
        clock=clock,
        state=StateStore(tmp_path / "state.json"),
    )


async def open_dialog(pilot: object, app: KrafterApp) -> CustomRangeDialog:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("c")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    dialog = app.screen
    assert isinstance(dialog, CustomRangeDialog)
    return dialog


async def verdict(pilot: object, dialog: CustomRangeDialog, start: str, end: str) -> str:
    dialog.query_one("#range-from", Input).value = start
    dialog.query_one("#range-to", Input).value = end
    await pilot.pause()  # type: ignore[attr-defined]
    return " ".join(line.strip(" │┃▊▎█") for line in screen_lines(dialog.app))


async def test_tokyo_after_midnight_shows_utc_days_and_refuses_the_local_date(
    tokyo_demo: DemoApp, tmp_path: Path
) -> None:
    app = app_at(tokyo_demo, lambda: TOKYO_MOMENT.astimezone(TOKYO), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        status = screen_lines(app)[0]
        # The range the server resolved, marked as UTC days, beside the local clock.
        assert "2026-11-01 – 2026-12-01 UTC" in status, status
        # ... and the clock says its zone, so it is not read as UTC too.
        assert "⟳ 03:56:00 JST" in status, status
        dialog = await open_dialog(pilot, app)
        assert "today is 2026-12-01" in " ".join(screen_lines(app))
        screen = await verdict(pilot, dialog, "2026-12-02", "2026-12-02")
        assert "The end date 2026-12-02 is in the future (today is 2026-12-01)" in screen
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # refused: the dialog stays
        screen = await verdict(pilot, dialog, "2026-12-01", "2026-12-01")
        assert "1 day, today so far" in screen, screen
        await pilot.click("#range-apply")
        await settle(pilot)
        status = screen_lines(app)[0]
        # One day reads as one date (the UTC day), not as a range from it to itself.
        assert "Tue 1 Dec 2026 UTC" in status and "2026-12-01 –" not in status, status
        assert "⟳ 03:56:00 JST" in status, status


async def test_los_angeles_evening_may_pick_the_utc_today(demo: DemoApp, tmp_path: Path) -> None:
    app = app_at(demo, lambda: LA_MOMENT.astimezone(LOS_ANGELES), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(pilot, app)
        # Nov 25 on the local calendar, Nov 26 for the API: Nov 26 is today, not the future.
        screen = await verdict(pilot, dialog, "2026-11-20", "2026-11-26")
        assert "7 days, today so far" in screen, screen
        screen = await verdict(pilot, dialog, "2026-11-20", "2026-11-27")
        assert "is in the future (today is 2026-11-26)" in screen, screen
        await pilot.press("escape")
        await pilot.pause()
        assert " UTC" in screen_lines(app)[0]


async def test_a_utc_clock_needs_no_utc_mark(make_app: Callable[..., KrafterApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        status = screen_lines(app)[0]
        assert "2026-10-27 – 2026-11-26" in status and "UTC" not in status, status


@pytest.fixture
def tokyo_zone() -> Iterator[None]:
    """The process's local zone set to Tokyo through TZ, as a user's machine would have it."""
    with local_zone("Asia/Tokyo"):
        yield


async def test_the_local_zone_of_the_machine_is_read_from_tz(
    tokyo_demo: DemoApp, tmp_path: Path, tokyo_zone: None
) -> None:
    # The app's own clock turns UTC into the local zone as the default clock does.
    app = app_at(tokyo_demo, lambda: TOKYO_MOMENT.astimezone(), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        status = screen_lines(app)[0]
        assert "Nov 1–Dec 1 UTC" in status and "03:56:00 JST" in status, status
        dialog = await open_dialog(pilot, app)
        screen = await verdict(pilot, dialog, "2026-12-02", "2026-12-02")
        assert "in the future (today is 2026-12-01)" in screen, screen
