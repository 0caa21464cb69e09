"""The transport is injectable: the same client runs over a MockTransport or an in-process ASGI app.

This is how the demo server and the UI tests drive the client without any network.
"""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from krafter_tui.api import (
    BadRequestError,
    KrafterClient,
    NotFoundError,
    Period,
    UnauthorizedError,
)

from .conftest import TOKEN
from .payloads import EVENTS_30D, REALTIME, SITE_KEY, STATS_7D


async def test_mock_transport_serves_the_published_stats() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            content=STATS_7D,
            headers={"content-type": "application/json", "x-ratelimit-remaining": "41"},
        )

    transport = httpx.MockTransport(handler)
    async with KrafterClient(TOKEN, transport=transport) as api:
        stats = await api.stats(SITE_KEY, Period.parse("7d"), ["path", "country"])
        assert api.budget.remaining == 41
    assert stats.totals.pageviews == 1000
    [request] = seen
    assert str(request.url).startswith(
        f"https://app.krafter.dev/api/v1/analytics/sites/{SITE_KEY}/stats?"
    )
    assert request.url.params["dimensions"] == "path,country"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


def tiny_krafter_app() -> Starlette:
    """Just enough of the Krafter API to answer realtime and events, checking the key."""

    def authorised(request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {TOKEN}"

    async def realtime(request: Request) -> Response:
        if not authorised(request):
            return JSONResponse({"error": "Invalid or missing API key"}, status_code=401)
        if request.path_params["key"] != SITE_KEY:
            return JSONResponse({"error": "Not found"}, status_code=404)
        return Response(REALTIME, media_type="application/json")

    async def events(request: Request) -> Response:
        if request.query_params.get("period") == "custom":
            return JSONResponse(
                {"error": "Validation failed", "details": {"from": ["is before the site existed"]}},
                status_code=422,
            )
        return Response(
            EVENTS_30D, media_type="application/json", headers={"x-ratelimit-limit": "100"}
        )

    return Starlette(
        routes=[
            Route("/api/v1/analytics/sites/{key}/realtime", realtime),
            Route("/api/v1/analytics/sites/{key}/events", events),
        ]
    )


async def test_asgi_transport_runs_the_client_against_an_in_process_app() -> None:
    transport = httpx.ASGITransport(app=tiny_krafter_app())
    async with KrafterClient(
        TOKEN, "http://127.0.0.1/api/v1/analytics", transport=transport
    ) as api:
        realtime = await api.realtime(SITE_KEY)
        events = await api.events(SITE_KEY, Period.parse("30d"))
        assert api.budget.limit == 100
    assert realtime.current_visitors == 5
    assert [e.revenue for e in events] == [None, 4355.0, None]


async def test_asgi_transport_errors_arrive_as_typed_errors() -> None:
    transport = httpx.ASGITransport(app=tiny_krafter_app())
    url = "http://127.0.0.1/api/v1/analytics"
    async with KrafterClient(TOKEN, url, transport=transport) as api:
        with pytest.raises(NotFoundError):
            await api.realtime("sk_someone_else")
        with pytest.raises(BadRequestError) as caught:
            await api.events(SITE_KEY, Period.parse("2020-01-01..2020-01-31"))
        assert caught.value.details == {"from": ["is before the site existed"]}
    async with KrafterClient("kr_live_wrong", url, transport=transport) as api:
        with pytest.raises(UnauthorizedError):
            await api.realtime(SITE_KEY)
