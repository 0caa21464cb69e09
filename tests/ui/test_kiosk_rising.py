"""Kiosk: the breakdown's rotation makes one stop at what is rising (the pages by what they
added over the last 30 minutes, title ``rising · last 30 min``, a ``+N`` column), after the last
dimension, every lap; only while the period includes today and the record reaches back the
whole 30 minutes. Read back from the rendered pane, on the app's fake clock."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from krafter_tui.api import DIMENSIONS
from krafter_tui.app import KrafterApp
from krafter_tui.demo import DemoApp
from krafter_tui.record import Record
from krafter_tui.ui.widgets.breakdown_rising import RISING_LABEL

from .conftest import FROZEN, settle
from .helpers import dashboard, wait_until
from .record_fill import fill
from .screen_text import screen_rows
from .test_hours_chart import Clock, app_on, record  # noqa: F401 (record is a fixture)

PLUS = re.compile(r"│.*\s\+[\d,]+\s")  # a breakdown row with its "+N" cell
# Long enough that the timer never moves the rotation while a test steps it by hand.
NEVER = 3600.0


def breakdown_title(app: KrafterApp) -> str:
    """The breakdown pane's title row (from its top border), as drawn."""
    for row in screen_rows(app):
        if "╭─ " in row and "/9)" in row:
            return row[row.rindex("╭─ ") :]
    raise AssertionError("no breakdown title on screen")


# At 80 columns the pane's title keeps the short form: "rising".
@pytest.mark.parametrize(("size", "label"), [((120, 40), RISING_LABEL), ((80, 24), "· rising")])
async def test_one_stop_a_lap_is_the_rising_order(
    demo: DemoApp,
    tmp_path: Path,
    record: Record,  # noqa: F811
    size: tuple[int, int],
    label: str,
) -> None:
    fill(record, demo, FROZEN - timedelta(minutes=40), FROZEN)
    app = app_on(demo, Clock(FROZEN), tmp_path, "today", kiosk=True, rotate_dimensions=NEVER)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        screen.record = record
        titles, growth_rows = [], []
        for _ in range(2 * (len(DIMENSIONS) + 1)):  # two laps
            screen.rotate_dimension()  # type: ignore[attr-defined]
            await settle(pilot)
            titles.append(breakdown_title(app))
            if label in titles[-1]:  # each page's growth: a "+N" cell in every row
                growth_rows.append([r for r in screen_rows(app) if PLUS.search(r)])
        rising = [i for i, title in enumerate(titles) if label in title]
        # After the last dimension (utm_campaign, the 8th step), the pages by rising; then
        # the pages by count again, and on through the dimensions: once a lap.
        assert rising == [8, 18], titles
        for index in rising:
            assert titles[index].startswith("╭─ Pages"), titles[index]
            assert titles[index + 1].startswith("╭─ Pages"), titles[index + 1]
            assert "pageviews ↓" in titles[index + 1], titles[index + 1]
        assert titles[10].startswith("╭─ Referrers"), titles[10]
        assert all(len(rows) >= 3 for rows in growth_rows), growth_rows


@pytest.mark.parametrize(
    ("period", "minutes"),
    [("today", 20), ("yesterday", 40)],
    ids=["record-under-30-min", "period-without-today"],
)
async def test_no_rising_stop_without_30_minutes_of_today(
    demo: DemoApp,
    tmp_path: Path,
    record: Record,  # noqa: F811
    period: str,
    minutes: int,
) -> None:
    fill(record, demo, FROZEN - timedelta(minutes=minutes), FROZEN)
    app = app_on(demo, Clock(FROZEN), tmp_path, period, kiosk=True, rotate_dimensions=NEVER)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        screen.record = record
        titles = []
        for _ in range(len(DIMENSIONS) + 1):
            screen.rotate_dimension()  # type: ignore[attr-defined]
            await settle(pilot)
            titles.append(breakdown_title(app))
        assert not any(RISING_LABEL in title for title in titles), titles
        assert titles[8].startswith("╭─ Pages") and "pageviews ↓" in titles[8], titles[8]


async def test_the_kiosk_timer_reaches_the_rising_stop(
    demo: DemoApp,
    tmp_path: Path,
    record: Record,  # noqa: F811
) -> None:
    fill(record, demo, FROZEN - timedelta(minutes=40), FROZEN)
    app = app_on(demo, Clock(FROZEN), tmp_path, "today", kiosk=True, rotate_dimensions=0.3)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dashboard(app).record = record
        await wait_until(pilot, lambda: RISING_LABEL in breakdown_title(app), 20, "rising")
        await wait_until(pilot, lambda: "Referrers" in breakdown_title(app), 20, "next lap")
