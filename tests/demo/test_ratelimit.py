"""The shared budget: 100 requests per team per minute window, then the documented 429."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from krafter_tui.demo import DEMO_SANDBOX_TOKEN, DEMO_TOKEN, FaultSpec
from tests.support.clock import FakeClock
from tests.support.demo_server import running_demo_server

START = datetime(2025, 2, 18, 12, 0, 30, tzinfo=UTC)
WINDOW_END = int(datetime(2025, 2, 18, 12, 1, tzinfo=UTC).timestamp())


def test_bucket_exhausts_and_recovers_after_the_window() -> None:
    clock = FakeClock(START)
    with (
        running_demo_server(now=clock) as server,
        httpx.Client(
            base_url=server.api_url, headers={"Authorization": f"Bearer {DEMO_TOKEN}"}
        ) as api,
    ):
        remaining = []
        for n in range(100):
            # Every endpoint and every outcome draws from the same team bucket.
            path = ("/sites", "/sites/sk_pbl7c2m9x4qa/realtime", "/sites/sk_nope/stats")[n % 3]
            response = api.get(path)
            assert response.status_code in (200, 404)
            assert int(response.headers["x-ratelimit-reset"]) == WINDOW_END
            remaining.append(int(response.headers["x-ratelimit-remaining"]))
        assert remaining == list(range(99, -1, -1))

        refused = api.get("/sites")
        assert refused.status_code == 429
        assert refused.json() == {"error": "Rate limit exceeded", "retry_after": 30}
        assert refused.headers["retry-after"] == "30"
        assert refused.headers["x-ratelimit-remaining"] == "0"
        assert refused.headers["x-ratelimit-limit"] == "100"
        assert int(refused.headers["x-ratelimit-reset"]) == WINDOW_END

        # The sandbox key belongs to the same team: it is refused too.
        sandbox = httpx.get(
            server.api_url + "/sites", headers={"Authorization": f"Bearer {DEMO_SANDBOX_TOKEN}"}
        )
        assert sandbox.status_code == 429

        clock.advance(seconds=29)
        assert api.get("/sites").json()["retry_after"] == 1
        clock.advance(seconds=1)
        recovered = api.get("/sites")
        assert recovered.status_code == 200
        assert recovered.headers["x-ratelimit-remaining"] == "99"
        assert int(recovered.headers["x-ratelimit-reset"]) == WINDOW_END + 60


def test_anonymous_requests_have_their_own_bucket() -> None:
    clock = FakeClock(START)
    with running_demo_server(now=clock) as server:
        for _ in range(100):
            assert httpx.get(server.api_url + "/sites").status_code == 401
        assert httpx.get(server.api_url + "/sites").status_code == 429
        authorised = httpx.get(
            server.api_url + "/sites", headers={"Authorization": f"Bearer {DEMO_TOKEN}"}
        )
        assert authorised.status_code == 200
        assert authorised.headers["x-ratelimit-remaining"] == "99"


def test_injected_429_bursts_carry_headers_and_are_logged() -> None:
    with running_demo_server(faults=FaultSpec.parse("ratelimit=1,retry=3s")) as server:
        response = httpx.get(
            server.api_url + "/sites", headers={"Authorization": f"Bearer {DEMO_TOKEN}"}
        )
        assert response.status_code == 429
        assert response.json() == {"error": "Rate limit exceeded", "retry_after": 3}
        assert response.headers["retry-after"] == "3"
        assert response.headers["x-ratelimit-remaining"] == "0"
        (record,) = server.app.state.requests
        assert (record.status, record.fault, record.path) == (
            429,
            "ratelimit",
            "/api/v1/analytics/sites",
        )
