"""Injected faults, each observable by a real HTTP client over loopback."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from krafter_tui.demo import DEMO_TOKEN, FaultSpec, create_demo_app
from tests.support.demo_server import RunningDemo

REALTIME = "/sites/sk_pbl7c2m9x4qa/realtime"
STATS = "/sites/sk_pbl7c2m9x4qa/stats"


@pytest.fixture
def server(fresh_budget: RunningDemo) -> Iterator[RunningDemo]:
    fresh_budget.app.state.requests.clear()
    yield fresh_budget
    fresh_budget.app.state.faults = None


@pytest.fixture
def api(server: RunningDemo) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
    with httpx.Client(base_url=server.api_url, headers=headers) as client:
        yield client


def set_faults(server: RunningDemo, spec: str) -> None:
    server.app.state.faults = FaultSpec.parse(spec)


def test_latency(server: RunningDemo, api: httpx.Client) -> None:
    api.get(REALTIME)  # warm the connection
    set_faults(server, "latency=150ms")
    started = time.perf_counter()
    assert api.get(REALTIME).status_code == 200
    assert time.perf_counter() - started >= 0.14
    server.app.state.faults = None
    started = time.perf_counter()
    assert api.get(REALTIME).status_code == 200
    assert time.perf_counter() - started < 0.14


def test_error_share_and_shapes(server: RunningDemo, api: httpx.Client) -> None:
    set_faults(server, "error=0.5,seed=3")
    statuses = []
    for _ in range(40):
        response = api.get(REALTIME)
        statuses.append(response.status_code)
        if response.status_code == 500:
            assert response.json() == {"error": "Internal server error"}
            assert "x-ratelimit-remaining" in response.headers
        elif response.status_code in (502, 503, 504):
            assert response.headers["content-type"].startswith("text/html")
            assert b"<html>" in response.content
    failed = [s for s in statuses if s >= 500]
    assert 8 <= len(failed) <= 32
    assert set(statuses) <= {200, 500, 502, 503, 504}
    assert len(set(failed)) >= 3
    assert [r.fault is not None for r in server.app.state.requests] == [s >= 500 for s in statuses]


def test_only_some_statuses(server: RunningDemo, api: httpx.Client) -> None:
    set_faults(server, "error=1,status=503")
    assert {api.get(REALTIME).status_code for _ in range(5)} == {503}


def test_ratelimit_burst_lasts_retry_after(server: RunningDemo, api: httpx.Client) -> None:
    set_faults(server, "ratelimit=0.5,retry=1s,seed=5")
    outcomes: list[tuple[float, int]] = []
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        outcomes.append((time.monotonic(), api.get(REALTIME).status_code))
        time.sleep(0.05)
    first = next(t for t, status in outcomes if status == 429)
    assert all(status == 429 for t, status in outcomes if first <= t < first + 0.95)
    assert any(status == 200 for t, status in outcomes if t > first + 1)


@pytest.mark.parametrize("path", [REALTIME, STATS, "/sites"])
def test_malformed_bodies_fail_json_parsing(
    server: RunningDemo, api: httpx.Client, path: str
) -> None:
    set_faults(server, "malformed=1")
    for _ in range(6):
        response = api.get(path)
        assert response.status_code == 200
        with pytest.raises(json.JSONDecodeError):
            json.loads(response.content)


def test_wrong_types_parse_but_are_wrong(server: RunningDemo, api: httpx.Client) -> None:
    set_faults(server, "badtypes=1")
    assert isinstance(api.get(REALTIME).json()["data"]["current_visitors"], str)
    totals = api.get(STATS).json()["data"]["totals"]
    assert all(isinstance(value, str) for value in totals.values())


def test_cut_bodies_fail_json_parsing(server: RunningDemo, api: httpx.Client) -> None:
    whole = api.get(STATS, params={"period": "7d"}).content
    set_faults(server, "cut=1")
    response = api.get(STATS, params={"period": "7d"})
    assert response.status_code == 200
    assert 0 < len(response.content) < len(whole)
    assert whole.startswith(response.content)
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


def test_drop_is_a_connection_error_and_the_server_survives(
    server: RunningDemo, api: httpx.Client
) -> None:
    set_faults(server, "drop=1")
    with pytest.raises(httpx.RemoteProtocolError):
        api.get(REALTIME)
    with pytest.raises(httpx.TransportError):
        httpx.get(server.api_url + REALTIME, headers={"Authorization": f"Bearer {DEMO_TOKEN}"})
    assert [(r.status, r.fault) for r in server.app.state.requests] == [(None, "drop")] * 2
    server.app.state.faults = None
    assert api.get(REALTIME).status_code == 200


def test_revoked_answers_the_documented_401_until_switched_off(
    server: RunningDemo, api: httpx.Client
) -> None:
    set_faults(server, "revoked=1")
    for path in (REALTIME, STATS, "/sites"):
        response = api.get(path)
        assert response.status_code == 401
        assert response.json() == {"error": "Invalid or missing API key"}
    server.app.state.faults = None
    assert api.get(REALTIME).status_code == 200


def test_faults_can_be_limited_to_endpoints(server: RunningDemo, api: httpx.Client) -> None:
    set_faults(server, "error=1,status=502,only=stats")
    assert api.get(REALTIME).status_code == 200
    assert api.get(STATS).status_code == 502


def test_errors_pass_through_unspoiled(server: RunningDemo, api: httpx.Client) -> None:
    set_faults(server, "malformed=1")
    assert api.get("/sites/sk_nope/stats").json() == {"error": "Not found"}


async def test_drop_in_process_raises_the_httpx_error() -> None:
    app = create_demo_app(faults=FaultSpec.parse("drop=1"))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://demo") as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/api/v1/analytics/sites")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("latncy=1s", "did you mean 'latency'"),
        ("error=1.5", "between 0 and 1"),
        ("latency=200", "duration like 200ms"),
        ("status=404", "not one of 500|502|503|504"),
        ("error=0.6,drop=0.5", "add up to 1.1"),
        ("drop", "expected key=value"),
        ("drop=0.1,drop=0.2", "given twice"),
        ("only=home", "not one of sites|stats|realtime|events"),
        ("retry=0s", "whole seconds"),
        ("seed=x", "integer"),
    ],
)
def test_bad_specs_are_explained(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("|", r"\|")):
        FaultSpec.parse(text)


def test_spec_round_trips() -> None:
    text = (
        "latency=100ms..300ms,error=0.1,status=500|502|503,ratelimit=0.05,retry=5s,"
        "malformed=0.05,badtypes=0.01,cut=0.05,drop=0.02,only=stats|events,seed=1"
    )
    spec = FaultSpec.parse(text)
    assert spec.latency == (0.1, 0.3) and spec.statuses == (500, 502, 503)
    assert FaultSpec.parse(str(spec)) == spec
    assert FaultSpec.parse("error=10%").error == pytest.approx(0.1)
    assert not FaultSpec.parse("none").active and not FaultSpec.parse("").active
