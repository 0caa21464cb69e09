"""A new source: a referrer the record had not seen in its last day that sends at least
``alert_new_source_min`` visitors in ten minutes raises an alert like the others (a toast, the
bell, the mark, the alert command with ``KRAFTER_ALERT_KIND=new_source`` and the source,
cleaned), once a day per site and source. The record is filled by hand before the dashboard
opens: a reading a quarter of an hour ago that lists every referrer of today but one."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from krafter_tui.api import DIMENSIONS, KrafterClient, Period
from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp, create_demo_app
from krafter_tui.local.remembered import StateStore
from krafter_tui.record import Record
from krafter_tui.ui.widgets import RealtimeCounter
from tests.record.conftest import made_stats

from .conftest import DEMO_URL, settle
from .helpers import dashboard, wait_until

MOMENT = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)

COMMAND = """\
import os, sys
with open(sys.argv[1], "a") as out:
    out.write(os.environ["KRAFTER_ALERT_KIND"] + "|" + os.environ.get("KRAFTER_ALERT_SOURCE", "")
              + "|" + os.environ["KRAFTER_ALERT_VISITORS"] + "\\n")
"""


async def todays_sources(
    transport: httpx.AsyncBaseTransport,
) -> tuple[str, dict[str, dict[str, int]]]:
    """The first site's key and today's referrers and UTM sources with their counts."""
    client = KrafterClient(DEMO_TOKEN, DEMO_URL, transport=transport)
    try:
        site = (await client.list_sites())[0]
        today = MOMENT.date()
        stats = await client.stats(site.site_key, Period.custom(today, today), DIMENSIONS)
    finally:
        await client.aclose()
    assert stats.breakdown is not None
    return site.site_key, {
        dimension: {row.value: row.count for row in stats.breakdown[dimension]}
        for dimension in ("referrer", "utm_source")
    }


def fill_by_hand(path: Path, site_key: str, sources: dict[str, dict[str, int]]) -> None:
    """A reading a quarter of an hour ago: today's ``sources`` as they are now."""
    record = Record(DEMO_TOKEN, DEMO_URL, path)
    at = MOMENT - timedelta(minutes=15)
    stats = made_stats(at, (100, 50, 60), sources)
    assert record.add_stats(site_key, stats, at)
    record.close()


def toasts(app: KrafterApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_a_new_referrer_raises_one_alert(tmp_path: Path) -> None:
    demo = create_demo_app(seed=42, now=lambda: MOMENT)
    assert isinstance(demo, DemoApp)
    transport = httpx.ASGITransport(app=demo)
    site_key, sources = await todays_sources(transport)
    new, sent = max(sources["referrer"].items(), key=lambda item: item[1])
    assert sent >= 5
    del sources["referrer"][new]  # not seen a quarter of an hour ago: new since
    fill_by_hand(tmp_path / "record.sqlite3", site_key, sources)
    script = tmp_path / "command.py"
    script.write_text(COMMAND)
    said = tmp_path / "said.txt"
    options: dict[str, Any] = {
        "api_url": DEMO_URL,
        "demo": True,
        "realtime_interval": 3600.0,
        "stats_interval": 3600.0,
        "period": Period("today"),
        "record": True,
        "record_path": str(tmp_path / "record.sqlite3"),
        "alert_command": (sys.executable, str(script), str(said)),
    }
    app = KrafterApp(
        DashboardOptions(**options),
        token=DEMO_TOKEN,
        transport=transport,
        clock=lambda: MOMENT,
        state=StateStore(tmp_path / "state.json"),
        recording=True,
    )
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(bells), 10, "a new source alert")
        assert bells == [1]
        assert any(t.startswith("New source on Pebble CRM:") and new in t for t in toasts(app))
        counter = dashboard(app).query_one(RealtimeCounter)
        assert "new source" in str(counter.border_title)
        await wait_until(pilot, said.exists, 10, "the alert command ran")
        # Once a day: the next poll finds the same source new, and says nothing more.
        dashboard(app).poller.forget(dashboard(app).poller.selection)  # type: ignore[arg-type]
        await pilot.press("r")
        await settle(pilot)
        await dashboard(app).poller.recording.written()
        await pilot.pause()
        assert bells == [1]
    assert said.read_text() == f"new_source|{new}|{sent}\n"
