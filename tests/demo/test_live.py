"""Live traffic keeps arriving: realtime and today's numbers move with the (injected) clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from krafter_tui.demo import DEMO_TOKEN, create_demo_app
from krafter_tui.demo.periods import DIMENSIONS, Period
from tests.support.clock import FakeClock
from tests.support.demo_server import RunningDemo, running_demo_server

START = datetime(2025, 2, 18, 9, 0, tzinfo=UTC)
PEBBLE, DOCS = "sk_pbl7c2m9x4qa", "sk_pbd9h2w6v3ze"


@pytest.fixture
def live() -> Iterator[tuple[RunningDemo, FakeClock, httpx.Client]]:
    clock = FakeClock(START)
    with (
        running_demo_server(now=clock) as server,
        httpx.Client(
            base_url=server.api_url, headers={"Authorization": f"Bearer {DEMO_TOKEN}"}
        ) as api,
    ):
        yield server, clock, api


def get(api: httpx.Client, path: str, **params: str) -> Any:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()["data"]


def test_realtime_moves_and_today_grows(
    live: tuple[RunningDemo, FakeClock, httpx.Client],
) -> None:
    server, clock, api = live
    readings, todays = [], []
    for _ in range(12):
        readings.append(get(api, f"/sites/{PEBBLE}/realtime")["current_visitors"])
        todays.append(get(api, f"/sites/{PEBBLE}/stats", period="7d")["timeseries"][-1])
        clock.advance(minutes=7)
        server.app.state.limiter.reset()
    assert len(set(readings)) > 3
    assert 3 <= sum(readings) / len(readings) <= 60
    assert [t["date"] for t in todays] == ["2025-02-18"] * 12
    for metric in ("pageviews", "visitors", "visits"):
        series = [t[metric] for t in todays]
        assert series == sorted(series) and series[-1] > series[0]
    docs = get(api, f"/sites/{DOCS}/realtime")["current_visitors"]
    assert docs < max(readings)


def test_day_rolls_over_at_utc_midnight(
    live: tuple[RunningDemo, FakeClock, httpx.Client],
) -> None:
    _, clock, api = live
    clock.now = datetime(2025, 2, 18, 23, 59, 59, tzinfo=UTC)
    before = get(api, f"/sites/{PEBBLE}/stats", period="7d")
    clock.advance(hours=2)
    after = get(api, f"/sites/{PEBBLE}/stats", period="7d")
    assert after["period"] == {"from": "2025-02-12", "to": "2025-02-19"}
    yesterday = after["timeseries"][-2]
    assert yesterday["date"] == "2025-02-18"
    assert yesterday["visits"] >= before["timeseries"][-1]["visits"] > 0
    assert after["timeseries"][-1]["visits"] > 0
    clock.advance(hours=5)
    later = get(api, f"/sites/{PEBBLE}/stats", period="7d")
    assert later["timeseries"][-2] == yesterday


def test_todays_breakdowns_count_pageviews_as_they_arrive(
    live: tuple[RunningDemo, FakeClock, httpx.Client],
) -> None:
    """Today's live part counts pageviews per value, request after request and past midnight."""
    server, clock, api = live
    dims = ",".join(DIMENSIONS)
    since_start = []  # pageviews from the start day to now: they only grow
    for step in range(4):  # 09:00, 14:00, 19:00, then 00:00 the next day
        for params in (
            {"period": "custom", "from": "2025-02-18", "to": clock.now.date().isoformat()},
            {"period": "7d"},
        ):
            data = get(api, f"/sites/{PEBBLE}/stats", **params, dimensions=dims)
            if params["period"] == "custom":
                since_start.append(data["totals"]["pageviews"])
            pageviews, breakdown = data["totals"]["pageviews"], data["breakdown"]
            for dim in ("path", "referrer", "country", "device", "browser", "os"):
                assert sum(row["count"] for row in breakdown[dim]) == pageviews, (step, dim)
            for rows in breakdown.values():
                for row in rows:
                    assert row["percent"] == round(100 * row["count"] / pageviews, 1)
        clock.advance(hours=5)
        server.app.state.limiter.reset()
    assert since_start == sorted(since_start) and since_start[-1] > since_start[0]


def test_events_arrive_live(live: tuple[RunningDemo, FakeClock, httpx.Client]) -> None:
    _, clock, api = live
    today = {"period": "custom", "from": "2025-02-18", "to": "2025-02-18"}
    morning = {e["event_name"]: e["total"] for e in get(api, f"/sites/{PEBBLE}/events", **today)}
    clock.advance(hours=8)
    evening = {e["event_name"]: e["total"] for e in get(api, f"/sites/{PEBBLE}/events", **today)}
    assert sum(evening.values()) > sum(morning.values())
    assert all(evening[name] >= total for name, total in morning.items())


def test_history_cache_is_reused(tmp_path: Path) -> None:
    def clock() -> datetime:
        return START

    first = create_demo_app(seed=7, now=clock, cache_dir=tmp_path)
    files = list(tmp_path.glob("demo-*.sqlite3"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    second = create_demo_app(seed=7, now=clock, cache_dir=tmp_path)
    assert files[0].stat().st_mtime_ns == stamp
    one = first.state.store
    two = second.state.store
    period = Period(START.date() - timedelta(days=30), START.date())
    assert one.stats(0, period, DIMENSIONS, START.timestamp()) == two.stats(
        0, period, DIMENSIONS, START.timestamp()
    )
    fresh = create_demo_app(seed=7, now=clock)
    assert fresh.state.store.stats(0, period, (), START.timestamp()) == one.stats(
        0, period, (), START.timestamp()
    )


def test_each_traffic_shape_reaches_every_site(
    live: tuple[RunningDemo, FakeClock, httpx.Client],
) -> None:
    """``demo-server --traffic`` and the demo dashboard's key: every site's visitors now
    follow the shape from the next minute (quiet: nobody at all)."""
    server, clock, api = live
    now: dict[str, int] = {}
    factors: dict[str, list[float]] = {}
    clock.advance(hours=5)  # the afternoon: busy enough for a drop to show
    for shape in ("normal", "drop", "quiet", "spike"):
        server.app.set_traffic_shape(shape)
        factors[shape] = list(server.app.state.store.live.multipliers)
        clock.advance(minutes=10)  # the realtime count covers the last five
        server.app.state.limiter.reset()
        now[shape] = get(api, f"/sites/{PEBBLE}/realtime")["current_visitors"]
        if shape == "quiet":
            assert get(api, f"/sites/{DOCS}/realtime")["current_visitors"] == 0
    assert factors == {
        "normal": [1.0] * 3,
        "spike": [6.0] * 3,
        "drop": [0.1] * 3,
        "quiet": [0.0] * 3,
    }
    assert now["spike"] >= 3 * now["normal"] and now["drop"] <= now["normal"] / 4
    assert now["quiet"] == 0
    with pytest.raises(KeyError):
        server.app.set_traffic_shape("surge")
