"""The head start's handover (api/head_start_ready.py): an answer sent at launch and taken by
a ``*_ready`` method is the very answer the async method gives for the same bytes, with the
same checks (a missing breakdown is refused, points come in date order) and the same count in
the team's budget."""

from __future__ import annotations

import httpx
import pytest

from krafter_tui.api import BadResponseError, KrafterClient, Period
from krafter_tui.api.head_start_answers import HeadStartAnswers

from .conftest import TOKEN
from .payloads import REALTIME, SITE_KEY, SITES, STATS_7D

URL = "http://127.0.0.1:9/api/v1/analytics"
HEADERS = httpx.Headers({"x-ratelimit-limit": "100", "x-ratelimit-remaining": "97"})
SHUFFLED = STATS_7D.replace(b'"2025-02-12"', b'"2025-02-19"')  # a point out of date order


def answering(body: bytes) -> httpx.MockTransport:
    """A server that answers every request with ``body`` and the budget's headers."""
    return httpx.MockTransport(lambda request: httpx.Response(200, headers=HEADERS, content=body))


def handing_over(path: str, params: dict[str, str], body: bytes) -> KrafterClient:
    """A client whose launch already brought ``body`` for ``path`` and ``params``; it sends
    nothing (the transport refuses every request)."""
    early = HeadStartAnswers()
    early.put(path, params, (200, HEADERS, body))

    def no_request(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"asked the server: {request.url}")

    return KrafterClient(TOKEN, URL, transport=httpx.MockTransport(no_request), early=early)


@pytest.mark.parametrize("body", [STATS_7D, SHUFFLED], ids=["in-order", "out-of-order"])
async def test_a_stats_answer_handed_over_is_the_one_the_request_gives(body: bytes) -> None:
    period = Period.parse("7d")
    params = {"period": "7d", "dimensions": "path,country"}
    client = handing_over(f"sites/{SITE_KEY}/stats", params, body)
    ready = client.stats_ready(SITE_KEY, period, ["path", "country"])
    async with KrafterClient(TOKEN, URL, transport=answering(body)) as asked:
        assert ready == await asked.stats(SITE_KEY, period, ["path", "country"])
        assert ready is not None
        dates = [point.date for point in ready.timeseries]
        assert dates == sorted(dates)
        assert client.budget.requests_sent == asked.budget.requests_sent == 1
        assert client.budget.remaining == asked.budget.remaining == 97
    await client.aclose()


async def test_a_handed_over_stats_answer_missing_a_breakdown_is_not_taken() -> None:
    period = Period.parse("7d")
    params = {"period": "7d", "dimensions": "path,browser"}
    client = handing_over(f"sites/{SITE_KEY}/stats", params, STATS_7D)
    assert client.stats_ready(SITE_KEY, period, ["path", "browser"]) is None
    async with KrafterClient(TOKEN, URL, transport=answering(STATS_7D)) as asked:
        with pytest.raises(BadResponseError):
            await asked.stats(SITE_KEY, period, ["path", "browser"])
    await client.aclose()


async def test_sites_and_realtime_handed_over_are_the_ones_the_requests_give() -> None:
    sites = handing_over("sites", {}, SITES)
    realtime = handing_over(f"sites/{SITE_KEY}/realtime", {}, REALTIME)
    async with (
        KrafterClient(TOKEN, URL, transport=answering(SITES)) as asked_sites,
        KrafterClient(TOKEN, URL, transport=answering(REALTIME)) as asked_realtime,
    ):
        assert sites.sites_ready() == await asked_sites.list_sites()
        assert realtime.realtime_ready(SITE_KEY) == await asked_realtime.realtime(SITE_KEY)
    assert sites.sites_ready() is None, "handed over once"
    await sites.aclose()
    await realtime.aclose()
