"""One so-far rule on every screen: with the period "today", the dashboard's totals and the
All sites row give the same change of the same site's visitors at the same (frozen) minute,
against the same share of yesterday, not against yesterday's whole day; in TZ=UTC and in
TZ=Asia/Tokyo (where the local date is not the API's)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from krafter_tui.api import KrafterClient, Period
from krafter_tui.app import KrafterApp
from krafter_tui.demo import DEMO_TOKEN, DemoApp, create_demo_app
from krafter_tui.options import DashboardOptions
from krafter_tui.state import StateStore
from krafter_tui.widgets import TotalsPanel

from .conftest import DEMO_URL, settle
from .helpers import dashboard
from .screen_text import line_with, pane_lines, screen_lines
from .test_overview import open_overview

# 03:00 UTC (the wall of the issue: an eighth of the day gone by; noon in Tokyo) and 18:00 UTC
# (03:00 on the next day in Tokyo: the local date is a day ahead of the API's).
MOMENTS = [datetime(2026, 11, 26, 3, 0, tzinfo=UTC), datetime(2026, 11, 26, 18, 0, tzinfo=UTC)]


@pytest.fixture(params=["UTC", "Asia/Tokyo"])
def zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The process's local zone, set through TZ as a user's machine would have it."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def percent_change(now: int, before: int) -> str:
    """``▲ 12.3%`` / ``▼ 4.0%``, as the panes write a change (for numbers far from 0 or 100%)."""
    ratio = (now - before) / before * 100
    return f"{'▲' if ratio > 0 else '▼'} {abs(ratio):.1f}%"


@pytest.mark.parametrize("moment", MOMENTS, ids=["03:00 UTC", "18:00 UTC"])
async def test_the_dashboard_and_all_sites_give_the_same_change_for_today(
    moment: datetime, zone: str, tmp_path: Path
) -> None:
    demo = create_demo_app(seed=42, now=lambda: moment)
    assert isinstance(demo, DemoApp)
    transport = httpx.ASGITransport(app=demo)
    client = KrafterClient(DEMO_TOKEN, DEMO_URL, transport=transport)
    try:
        site = (await client.list_sites())[0]
        today = moment.date()
        days = await client.stats(site.site_key, Period.custom(today - timedelta(days=1), today))
    finally:
        await client.aclose()
    yesterday, so_far = (point.visitors for point in days.timeseries)
    share = (moment.hour * 60 + moment.minute) / 1440
    expected = percent_change(so_far, round(yesterday * share))
    whole = percent_change(so_far, yesterday)  # what an unfinished day against a whole one says
    assert expected != whole

    options = DashboardOptions(
        api_url=DEMO_URL,
        demo=True,
        realtime_interval=3600.0,
        stats_interval=3600.0,
        site=site.name,
        period=Period("today"),
    )
    app = KrafterApp(
        options,
        token=DEMO_TOKEN,
        transport=transport,
        clock=lambda: moment.astimezone(),  # the local clock, in the zone TZ names
        state=StateStore(tmp_path / "state.json"),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert (zone != "UTC") == (" UTC" in screen_lines(app)[0])  # the days are UTC days
        visitors = " ".join(pane_lines(app, "#metric-visitors"))
        assert expected in visitors and whole not in visitors, visitors
        totals = dashboard(app).query_one(TotalsPanel)
        assert "so far · vs same share of previous period" in str(totals.border_subtitle)

        await open_overview(pilot)
        row = line_with(app, site.name)
        assert expected in row and whole not in row, row
        words = " ".join(" ".join(line.split()) for line in screen_lines(app))
        assert "against the same share of yesterday" in words
