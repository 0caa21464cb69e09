"""The demo server honours the documented contract, over real loopback HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from krafter_tui.demo import DEMO_SANDBOX_TOKEN, DEMO_TOKEN
from tests.support.demo_server import RunningDemo

PEBBLE = "sk_pbl7c2m9x4qa"
ALL_DIMENSIONS = "path,referrer,country,device,browser,os,utm_source,utm_medium,utm_campaign"
ISO_Z = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@pytest.fixture
def api(fresh_budget: RunningDemo) -> Iterator[httpx.Client]:
    """A client for the module's demo server, authorised with the demo key."""
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
    with httpx.Client(base_url=fresh_budget.api_url, headers=headers) as client:
        yield client


def assert_rate_headers(response: httpx.Response) -> None:
    assert response.headers["x-ratelimit-limit"] == "100"
    assert 0 <= int(response.headers["x-ratelimit-remaining"]) < 100
    assert int(response.headers["x-ratelimit-reset"]) % 60 == 0


def test_demo_keys_are_well_formed() -> None:
    for token in (DEMO_TOKEN, DEMO_SANDBOX_TOKEN):
        assert re.fullmatch(r"kr_live_[A-Za-z0-9_-]{43}", token)


def test_sites_lists_three_sites(api: httpx.Client) -> None:
    response = api.get("/sites")
    assert response.status_code == 200
    assert_rate_headers(response)
    sites = response.json()["data"]
    assert len(sites) == 3
    for site in sites:
        assert set(site) == {"id", "domain", "name", "site_key", "public_stats", "created_at"}
        assert re.fullmatch(
            r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", site["id"]
        )
        assert site["site_key"].startswith("sk_")
        assert isinstance(site["public_stats"], bool)
        assert ISO_Z.fullmatch(site["created_at"])


def test_stats_shape_without_dimensions(api: httpx.Client) -> None:
    response = api.get(f"/sites/{PEBBLE}/stats", params={"period": "7d"})
    assert response.status_code == 200
    data = response.json()["data"]
    assert set(data) == {"period", "totals", "timeseries"}
    assert set(data["totals"]) == {"pageviews", "visitors", "visits"}
    assert len(data["timeseries"]) == 8
    assert all(
        set(row) == {"date", "pageviews", "visitors", "visits"} for row in data["timeseries"]
    )


def test_stats_all_nine_dimensions(api: httpx.Client) -> None:
    response = api.get(
        f"/sites/{PEBBLE}/stats", params={"period": "12mo", "dimensions": ALL_DIMENSIONS}
    )
    assert response.status_code == 200
    data = response.json()["data"]
    pageviews = data["totals"]["pageviews"]
    breakdown = data["breakdown"]
    assert list(breakdown) == ALL_DIMENSIONS.split(",")
    for rows in breakdown.values():
        assert rows and len(rows) <= 100
        for row in rows:
            assert isinstance(row["value"], str) and isinstance(row["count"], int)
            assert isinstance(row["percent"], float) and 0 <= row["percent"] <= 100
            # As in the published example: count = pageviews with the value, percent = its
            # share of the period's total pageviews (path rows 500 of 1000 = 50.0).
            assert row["count"] <= pageviews
            assert row["percent"] == round(100 * row["count"] / pageviews, 1)
        assert [r["count"] for r in rows] == sorted((r["count"] for r in rows), reverse=True)
    assert {r["value"] for r in breakdown["device"]} <= {"Desktop", "Mobile", "Tablet"}
    assert all(re.fullmatch(r"[A-Z]{2}", r["value"]) for r in breakdown["country"])


def test_realtime_and_events(api: httpx.Client) -> None:
    realtime = api.get(f"/sites/{PEBBLE}/realtime")
    assert realtime.status_code == 200
    assert isinstance(realtime.json()["data"]["current_visitors"], int)
    events = api.get(f"/sites/{PEBBLE}/events", params={"period": "30d"}).json()["data"]
    by_name = {event["event_name"]: event for event in events}
    assert {"signup", "purchase", "download"} <= set(by_name)
    assert isinstance(by_name["purchase"]["revenue"], float)
    assert by_name["signup"]["revenue"] is None
    for event in events:
        assert 0 < event["unique_count"] <= event["total"]


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer",
        f"Token {DEMO_TOKEN}",
        "Bearer kr_live_short",
        f"Bearer {DEMO_TOKEN}x",
        "Bearer kr_live_" + "A" * 43,
    ],
    ids=["missing", "empty", "scheme", "malformed", "too-long", "unknown"],
)
def test_bad_keys_answer_401(fresh_budget: RunningDemo, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    for path in ("/sites", f"/sites/{PEBBLE}/stats", "/sites/sk_nope/realtime"):
        response = httpx.get(fresh_budget.api_url + path, headers=headers)
        assert response.status_code == 401
        assert response.json() == {"error": "Invalid or missing API key"}
        assert_rate_headers(response)


def test_sandbox_key_answers_403(fresh_budget: RunningDemo) -> None:
    headers = {"Authorization": f"Bearer {DEMO_SANDBOX_TOKEN}"}
    response = httpx.get(f"{fresh_budget.api_url}/sites/{PEBBLE}/events", headers=headers)
    assert response.status_code == 403
    assert response.json() == {"error": "Insufficient scope"}
    assert_rate_headers(response)


@pytest.mark.parametrize(
    "path",
    [
        "/sites/sk_nope/stats",
        "/sites/sk_nope/realtime",
        "/sites/sk_nope/events",
        "/nowhere",
        "/sites/x/y",
    ],
)
def test_unknown_site_or_route_answers_404(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    assert response.json() == {"error": "Not found"}
    assert_rate_headers(response)


@pytest.mark.parametrize(
    ("endpoint", "params"),
    [
        ("stats", {"period": "90d"}),
        ("stats", {"period": "7D"}),
        ("events", {"period": "1y"}),
        ("stats", {"dimensions": "path,city"}),
        ("stats", {"dimensions": "Path"}),
    ],
)
def test_bad_parameters_answer_400(
    api: httpx.Client, params: dict[str, str], endpoint: str
) -> None:
    response = api.get(f"/sites/{PEBBLE}/{endpoint}", params=params)
    assert response.status_code == 400
    assert set(response.json()) == {"error"} and response.json()["error"]
    assert_rate_headers(response)


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({}, {"from", "to"}),
        ({"from": "2025-01-01"}, {"to"}),
        ({"from": "2025-02-30", "to": "2025-03-01"}, {"from"}),
        ({"from": "2025-1-1", "to": "2025-03-01"}, {"from"}),
        ({"from": "2025-03-02", "to": "2025-03-01"}, {"from"}),
        ({"from": "2023-01-01", "to": "2025-03-01"}, {"to"}),
    ],
    ids=["missing", "no-to", "impossible", "unpadded", "reversed", "too-long"],
)
@pytest.mark.parametrize("endpoint", ["stats", "events"])
def test_bad_custom_range_answers_422(
    api: httpx.Client, params: dict[str, str], fields: set[str], endpoint: str
) -> None:
    response = api.get(f"/sites/{PEBBLE}/{endpoint}", params={"period": "custom", **params})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "Validation failed"
    assert set(body["details"]) == fields
    assert all(isinstance(m, str) for msgs in body["details"].values() for m in msgs)


def test_custom_range_is_inclusive(api: httpx.Client) -> None:
    params = {"period": "custom", "from": "2025-01-01", "to": "2025-01-31"}
    data = api.get(f"/sites/{PEBBLE}/stats", params=params).json()["data"]
    assert data["period"] == {"from": "2025-01-01", "to": "2025-01-31"}
    assert [row["date"] for row in data["timeseries"]][::30] == ["2025-01-01", "2025-01-31"]


def test_wrong_method_is_a_json_405(api: httpx.Client) -> None:
    response = api.post("/sites")
    assert response.status_code == 405
    assert response.json() == {"error": "Method not allowed"}
