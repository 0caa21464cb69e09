"""One so-far rule on every screen: with the period "today", the dashboard's totals and the
All sites row give the same change of the same site's visitors at the same (frozen) minute,
against the same share of yesterday, not against yesterday's whole day; in TZ=UTC and in
TZ=Asia/Tokyo (where the local date is not the API's)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from krafter_tui.api import KrafterClient, Period
from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp, create_demo_app
from krafter_tui.local.remembered import StateStore
from krafter_tui.ui.widgets import TotalsPanel
from tests.support.zone import local_zone

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
    with local_zone(request.param) as name:
        yield name


def percent_change(now: int, before: int) -> str:
    """``▲ 12.3%`` / ``▼ 4.0%``, as the panes write a change (for numbers far from 0 or 100%)."""
    ratio = (now - before) / before * 100
    return f"{'▲' if ratio > 0 else '▼'} {abs(ratio):.1f}%"


def demo_at(moment: datetime) -> tuple[DemoApp, httpx.ASGITransport]:
    """A demo server whose clock stands at ``moment``, and a transport to it."""
    demo = create_demo_app(seed=42, now=lambda: moment)
    assert isinstance(demo, DemoApp)
    return demo, httpx.ASGITransport(app=demo)


def app_at(
    moment: datetime, transport: httpx.ASGITransport, tmp_path: Path, site: str
) -> KrafterApp:
    """The app on ``site`` with the period "today", its clock at ``moment`` in the local zone."""
    options = DashboardOptions(
        api_url=DEMO_URL,
        demo=True,
        realtime_interval=3600.0,
        stats_interval=3600.0,
        site=site,
        period=Period("today"),
    )
    return KrafterApp(
        options,
        token=DEMO_TOKEN,
        transport=transport,
        clock=lambda: moment.astimezone(),  # the local clock, in the zone TZ names
        state=StateStore(tmp_path / "state.json"),
    )


@pytest.mark.parametrize("moment", MOMENTS, ids=["03:00 UTC", "18:00 UTC"])
async def test_the_dashboard_and_all_sites_give_the_same_change_for_today(
    moment: datetime, zone: str, tmp_path: Path
) -> None:
    _, transport = demo_at(moment)
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

    app = app_at(moment, transport, tmp_path, site.name)
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


async def test_in_the_first_hour_no_screen_paints_a_change(tmp_path: Path) -> None:
    moment = datetime(2026, 11, 26, 0, 30, tzinfo=UTC)
    _, transport = demo_at(moment)
    app = app_at(moment, transport, tmp_path, "Pebble CRM")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        totals = " ".join(pane_lines(app, "TotalsPanel"))
        assert "so far · too early to compare" in totals, totals
        assert "▲" not in totals and "▼" not in totals, totals
        await pilot.press("x")  # comparing: the rows' changes wait for the hour too
        await settle(pilot)
        rows = pane_lines(app, "BreakdownTable")
        assert "Change" in " ".join(rows)
        assert not any("▲" in row or "▼" in row or "new" in row for row in rows), rows
        await pilot.press("x", "x")  # off again
        await settle(pilot)
        await open_overview(pilot)
        row = line_with(app, "Pebble CRM")
        assert "▲" not in row and "▼" not in row and " – " in row, row


def row_change_words(now: int, before: int) -> str:
    """``▲ 12%``, as the breakdown writes a row's change (for changes between 1% and 999%)."""
    ratio = (now - before) / before * 100
    return f"{'▲' if ratio > 0 else '▼'} {abs(ratio):.0f}%"


async def test_the_breakdown_s_changes_follow_the_same_rule(tmp_path: Path) -> None:
    moment = MOMENTS[0]  # 03:00 UTC: an eighth of today gone by
    _, transport = demo_at(moment)
    client = KrafterClient(DEMO_TOKEN, DEMO_URL, transport=transport)
    today = moment.date()
    try:
        site = (await client.list_sites())[0]
        now = await client.stats(site.site_key, Period.custom(today, today), ["path"])
        day = today - timedelta(days=1)
        before = await client.stats(site.site_key, Period.custom(day, day), ["path"])
    finally:
        await client.aclose()
    assert now.breakdown is not None and before.breakdown is not None
    counts = {row.value: row.count for row in before.breakdown["path"]}
    app = app_at(moment, transport, tmp_path, site.name)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("x")  # compare with the previous period: yesterday
        await settle(pilot)
        checked = 0
        for row in now.breakdown["path"][:5]:
            if counts.get(row.value, 0) < 50 or len(row.value) > 15:
                continue
            expected = row_change_words(row.count, round(counts[row.value] * 3 / 24))
            whole = row_change_words(row.count, counts[row.value])
            lines = pane_lines(app, "BreakdownTable")
            line = next(
                x for x in lines if x.strip("│ ").split()[:2] == [row.value, f"{row.count:,}"]
            )
            assert expected in line and whole not in line, (line, expected, whole)
            checked += 1
        assert checked >= 3


async def test_the_custom_events_changes_follow_the_same_rule(tmp_path: Path) -> None:
    moment = MOMENTS[0]  # 03:00 UTC: an eighth of today gone by
    _, transport = demo_at(moment)
    client = KrafterClient(DEMO_TOKEN, DEMO_URL, transport=transport)
    today = moment.date()
    try:
        site = (await client.list_sites())[0]
        now = await client.events(site.site_key, Period.custom(today, today))
        day = today - timedelta(days=1)
        before = {
            e.event_name: e.total
            for e in await client.events(site.site_key, Period.custom(day, day))
        }
    finally:
        await client.aclose()
    app = app_at(moment, transport, tmp_path, site.name)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("x")  # compare with the previous period: yesterday
        await settle(pilot)
        await settle(pilot)  # the compared events come after the compared stats
        lines = pane_lines(app, "EventsTable")
        checked = 0
        for event in now:
            if before.get(event.event_name, 0) < 50:
                continue
            expected = row_change_words(event.total, round(before[event.event_name] * 3 / 24))
            whole = row_change_words(event.total, before[event.event_name])
            line = next(x for x in lines if event.event_name in x)
            assert expected in line and whole not in line, (line, expected, whole)
            checked += 1
        assert checked >= 1
