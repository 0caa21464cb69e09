"""Same time yesterday: when the record has yesterday up to this time of day, the period
"today" is compared with it exactly, on the dashboard's totals and on the All sites row alike
(the same figure), and the screens say so; without it, the share rule and its words
(tests/ui/test_so_far_screens.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from krafter_tui.api import KrafterClient, Period
from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp, create_demo_app
from krafter_tui.feeds.so_far import SAME_TIME
from krafter_tui.local.remembered import StateStore
from krafter_tui.record import Record
from krafter_tui.ui.widgets import TotalsPanel
from tests.record.conftest import made_stats

from .conftest import DEMO_URL, settle
from .helpers import dashboard
from .screen_text import line_with, pane_lines
from .test_overview import open_overview
from .test_so_far_screens import percent_change

MOMENT = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
YESTERDAY_SO_FAR = 900  # the visitors recorded by 15:00 yesterday (made by hand)


def fill_yesterday(path: Path, site_key: str, up_to: datetime) -> None:
    """Readings of yesterday by hand: from its midnight to ``up_to``, every ten minutes,
    reaching :data:`YESTERDAY_SO_FAR` visitors at the end."""
    record = Record(DEMO_TOKEN, DEMO_URL, path)
    start = up_to.replace(hour=0, minute=0)
    steps = int((up_to - start) / timedelta(minutes=10))
    for step in range(1, steps + 1):
        at = start + timedelta(minutes=10 * step)
        visitors = YESTERDAY_SO_FAR * step // steps
        assert record.add_stats(site_key, made_stats(at, (visitors * 3, visitors, visitors)), at)
    record.close()


def app_recording(transport: httpx.AsyncBaseTransport, tmp_path: Path, site: str) -> KrafterApp:
    options = DashboardOptions(
        api_url=DEMO_URL,
        demo=True,
        realtime_interval=3600.0,
        stats_interval=3600.0,
        site=site,
        period=Period("today"),
        record=True,
        record_path=str(tmp_path / "record.sqlite3"),
    )
    return KrafterApp(
        options,
        token=DEMO_TOKEN,
        transport=transport,
        clock=lambda: MOMENT,
        state=StateStore(tmp_path / "state.json"),
        recording=True,
    )


async def test_a_recorded_yesterday_is_compared_exactly_on_every_screen(tmp_path: Path) -> None:
    demo = create_demo_app(seed=42, now=lambda: MOMENT)
    assert isinstance(demo, DemoApp)
    transport = httpx.ASGITransport(app=demo)
    client = KrafterClient(DEMO_TOKEN, DEMO_URL, transport=transport)
    try:
        site = (await client.list_sites())[0]
        today = await client.stats(site.site_key, Period.custom(MOMENT.date(), MOMENT.date()))
    finally:
        await client.aclose()
    fill_yesterday(tmp_path / "record.sqlite3", site.site_key, MOMENT - timedelta(days=1))
    visitors = today.totals.visitors
    expected = percent_change(visitors, YESTERDAY_SO_FAR)

    app = app_recording(transport, tmp_path, site.name)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = " ".join(pane_lines(app, "#metric-visitors"))
        assert expected in shown, (shown, expected)
        totals = dashboard(app).query_one(TotalsPanel)
        assert f"so far · vs {SAME_TIME}" in str(totals.border_subtitle)

        await open_overview(pilot)
        row = line_with(app, site.name)
        assert expected in row, (row, expected)


async def test_without_a_recorded_yesterday_the_share_rule_stays(tmp_path: Path) -> None:
    demo = create_demo_app(seed=42, now=lambda: MOMENT)
    assert isinstance(demo, DemoApp)
    app = app_recording(httpx.ASGITransport(app=demo), tmp_path, "Pebble CRM")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        totals = dashboard(app).query_one(TotalsPanel)
        assert "so far · vs same share of previous period" in str(totals.border_subtitle)
