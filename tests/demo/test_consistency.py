"""Numbers the demo serves agree with each other, for every site and period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.demo.traffic_store import BREAKDOWN_LIMIT
from tests.support.demo_server import RunningDemo, running_demo_server

NOW = datetime(2025, 2, 18, 12, 0, tzinfo=UTC)
SITES = ["sk_pbl7c2m9x4qa", "sk_sbw3n8k1r5td", "sk_pbd9h2w6v3ze"]
ALL = "path,referrer,country,device,browser,os,utm_source,utm_medium,utm_campaign"
#: Every pageview has one value of each of these (``(direct)`` for no referrer).
EVERY_PAGEVIEW = ("path", "referrer", "country", "device", "browser", "os")
#: Only the pageviews of tagged visits have UTM values.
UTM = ("utm_source", "utm_medium", "utm_campaign")
PERIODS: list[tuple[dict[str, str], str, str]] = [
    ({"period": "7d"}, "2025-02-11", "2025-02-18"),
    ({}, "2025-01-19", "2025-02-18"),
    ({"period": "30d"}, "2025-01-19", "2025-02-18"),
    ({"period": "12mo"}, "2024-02-18", "2025-02-18"),
    ({"period": "custom", "from": "2025-01-01", "to": "2025-01-31"}, "2025-01-01", "2025-01-31"),
    ({"period": "custom", "from": "2025-02-10", "to": "2025-02-20"}, "2025-02-10", "2025-02-20"),
    ({"period": "custom", "from": "2025-02-04", "to": "2025-02-18"}, "2025-02-04", "2025-02-18"),
    ({"period": "custom", "from": "2025-02-18", "to": "2025-02-18"}, "2025-02-18", "2025-02-18"),
]


@pytest.fixture(scope="module")
def frozen_server() -> Iterator[RunningDemo]:
    """A demo server whose clock stands still at 2025-02-18T12:00:00Z."""
    with running_demo_server(seed=42, now=lambda: NOW) as server:
        yield server


@pytest.fixture
def api(frozen_server: RunningDemo) -> Iterator[httpx.Client]:
    frozen_server.app.state.limiter.reset()
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
    with httpx.Client(base_url=frozen_server.api_url, headers=headers) as client:
        yield client


def stats(api: httpx.Client, site: str, **params: str) -> dict[str, Any]:
    response = api.get(f"/sites/{site}/stats", params=params)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def events(api: httpx.Client, site: str, **params: str) -> dict[str, dict[str, Any]]:
    response = api.get(f"/sites/{site}/events", params=params)
    assert response.status_code == 200, response.text
    return {event["event_name"]: event for event in response.json()["data"]}


def sums(rows: list[dict[str, Any]]) -> int:
    return sum(row["count"] for row in rows)


def counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {row["value"]: row["count"] for row in rows}


def assert_breakdown_counts_pageviews(data: dict[str, Any]) -> None:
    """A breakdown row counts the pageviews with its value; its percent is its share of the
    period's pageviews, so each dimension a pageview always has sums to ``totals.pageviews``."""
    pageviews = data["totals"]["pageviews"]
    breakdown = data["breakdown"]
    for dim in EVERY_PAGEVIEW:
        assert len(breakdown[dim]) < BREAKDOWN_LIMIT, dim  # every row is listed
        assert sums(breakdown[dim]) == pageviews, dim
    tagged = sums(breakdown["utm_source"])
    # Tagged visits carry all three UTM tags, so the three dimensions cover the same pageviews.
    assert sums(breakdown["utm_medium"]) == sums(breakdown["utm_campaign"]) == tagged
    assert tagged <= pageviews
    for dim, rows in breakdown.items():
        for row in rows:
            assert 0 < row["count"] <= pageviews, (dim, row)
            assert row["percent"] == round(100 * row["count"] / pageviews, 1), (dim, row)


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize(("params", "start", "end"), PERIODS)
def test_totals_timeseries_and_breakdowns_agree(
    api: httpx.Client, site: str, params: dict[str, str], start: str, end: str
) -> None:
    data = stats(api, site, **params, dimensions=ALL)
    assert data["period"] == {"from": start, "to": end}
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    dates = [row["date"] for row in data["timeseries"]]
    if params.get("period") == "12mo":
        assert dates[0] == first.replace(day=1).isoformat() and len(dates) == 13
        assert all(d.endswith("-01") for d in dates)
    else:
        assert dates == [(first + timedelta(n)).isoformat() for n in range((last - first).days + 1)]
    totals = data["totals"]
    for metric in ("pageviews", "visitors", "visits"):
        assert totals[metric] == sum(row[metric] for row in data["timeseries"])
    for row in data["timeseries"]:
        assert row["pageviews"] >= row["visits"] >= row["visitors"] >= 0
    assert totals["visitors"] > 0
    assert_breakdown_counts_pageviews(data)
    breakdown = data["breakdown"]
    device, os_ = counts(breakdown["device"]), counts(breakdown["os"])
    browser = counts(breakdown["browser"])
    assert os_.get("Windows", 0) + os_.get("macOS", 0) + os_.get("Linux", 0) == device["Desktop"]
    assert os_.get("iOS", 0) + os_.get("Android", 0) == device["Mobile"] + device.get("Tablet", 0)
    assert os_.get("iOS", 0) <= browser.get("Safari", 0)


@pytest.mark.parametrize("site", SITES)
def test_periods_add_up(api: httpx.Client, site: str) -> None:
    def custom(start: str, end: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        params = {"period": "custom", "from": start, "to": end}
        return stats(api, site, **params)["totals"], events(api, site, **params)

    whole, whole_events = custom("2024-11-01", "2025-02-18")
    left, left_events = custom("2024-11-01", "2024-12-31")
    right, right_events = custom("2025-01-01", "2025-02-18")
    for metric in whole:
        assert whole[metric] == left[metric] + right[metric]
    for name, event in whole_events.items():
        parts = [part[name] for part in (left_events, right_events) if name in part]
        assert event["total"] == sum(part["total"] for part in parts)
        assert event["unique_count"] == sum(part["unique_count"] for part in parts)
        if event["revenue"] is not None:
            assert event["revenue"] == pytest.approx(sum(p["revenue"] for p in parts))


@pytest.mark.parametrize("site", SITES)
def test_events_agree_across_periods(api: httpx.Client, site: str) -> None:
    week, month, year = (events(api, site, period=p) for p in ("7d", "30d", "12mo"))
    same_year = events(api, site, period="custom", **{"from": "2024-02-18", "to": "2025-02-18"})
    assert year == same_year
    assert set(week) <= set(month) <= set(year)
    for name in week:
        assert week[name]["total"] <= month[name]["total"] <= year[name]["total"]
    for table in (week, month, year):
        totals = [event["total"] for event in table.values()]
        assert totals == sorted(totals, reverse=True)


def test_traffic_looks_real(api: httpx.Client) -> None:
    pebble, blog, docs = SITES
    year = stats(api, pebble, period="custom", **{"from": "2024-02-19", "to": "2025-02-17"})
    days = year["timeseries"]
    weekday = [r["visitors"] for r in days if date.fromisoformat(r["date"]).weekday() < 5]
    weekend = [r["visitors"] for r in days if date.fromisoformat(r["date"]).weekday() >= 5]
    assert sum(weekday) / len(weekday) > 1.3 * sum(weekend) / len(weekend)
    assert sum(r["visitors"] for r in days[-90:]) > 1.2 * sum(r["visitors"] for r in days[:90])
    month = stats(api, blog, period="30d", dimensions="utm_campaign,referrer,path")
    peak = max(r["visitors"] for r in month["timeseries"])
    median = sorted(r["visitors"] for r in month["timeseries"])[15]
    assert peak > 5 * median
    assert "spring-campaign" in counts(month["breakdown"]["utm_campaign"])
    assert month["breakdown"]["path"][0]["value"] == "/posts/sqlite-is-enough"
    assert "(direct)" in counts(month["breakdown"]["referrer"])
    small = stats(api, docs, period="30d")["totals"]["visitors"]
    assert small < stats(api, pebble, period="30d")["totals"]["visitors"] / 10


def test_same_seed_and_clock_give_the_same_numbers(api: httpx.Client) -> None:
    with (
        running_demo_server(seed=42, now=lambda: NOW) as twin,
        httpx.Client(
            base_url=twin.api_url, headers={"Authorization": f"Bearer {DEMO_TOKEN}"}
        ) as other,
    ):
        for site in SITES:
            assert stats(api, site, period="7d", dimensions=ALL) == stats(
                other, site, period="7d", dimensions=ALL
            )
            assert events(api, site) == events(other, site)


def test_history_starts_the_day_each_site_was_added(api: httpx.Client) -> None:
    """No traffic before ``created_at``, traffic from then on, and two years of it for a site
    that old: a ``12mo`` view compares with a previous twelve months that really has data."""
    listed = {s["site_key"]: s for s in api.get("/sites").json()["data"]}
    for site in SITES:
        added = date.fromisoformat(listed[site]["created_at"][:10])
        start = max(added - timedelta(days=20), date(2023, 1, 1))
        params = {"from": start.isoformat(), "to": (start + timedelta(days=59)).isoformat()}
        rows = stats(api, site, period="custom", **params)["timeseries"]
        before = [r for r in rows if date.fromisoformat(r["date"]) < added]
        after = [r for r in rows if date.fromisoformat(r["date"]) > added + timedelta(days=7)]
        assert all(r["pageviews"] == 0 for r in before), site
        assert all(r["pageviews"] > 0 for r in after), site
    blog = SITES[1]  # added four years ago
    year = stats(api, blog, period="12mo")["totals"]
    earlier = stats(api, blog, period="custom", **{"from": "2023-02-18", "to": "2024-02-17"})
    assert 0.5 < year["pageviews"] / earlier["totals"]["pageviews"] < 2.0
