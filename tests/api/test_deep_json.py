"""JSON nested 100,000 deep, in a success body or an error body, over real loopback HTTP: a
typed error, never a RecursionError, and the status keeps its meaning."""

from __future__ import annotations

import pytest

from krafter_tui.api import (
    BadRequestError,
    BadResponseError,
    KrafterClient,
    Period,
    RateLimitedError,
    ServerError,
)
from tests.support.hostile_answers import deep_array, deep_json

from .payloads import REALTIME, SITE_KEY
from .scripted_server import ScriptedServer, json_reply


@pytest.mark.parametrize("key", ["data", "error", "anything"])
async def test_a_deep_success_body_is_a_bad_response(
    server: ScriptedServer, client: KrafterClient, key: str
) -> None:
    server.script(json_reply(deep_json(key=key)), json_reply(REALTIME))
    with pytest.raises(BadResponseError) as caught:
        await client.realtime(SITE_KEY)
    assert "nested too deeply" in str(caught.value) or "Expected" in str(caught.value)
    assert (await client.realtime(SITE_KEY)).current_visitors == 5


async def test_a_deep_value_the_client_would_skip_is_still_a_bad_response(
    server: ScriptedServer, client: KrafterClient
) -> None:
    body = b'{"data": {"current_visitors": 5, "extra": ' + deep_array() + b"}}"
    server.script(json_reply(body))
    with pytest.raises(BadResponseError, match="nested too deeply"):
        await client.realtime(SITE_KEY)


@pytest.mark.parametrize("status", [400, 422])
async def test_a_deep_error_body_still_gives_the_bad_request(
    server: ScriptedServer, client: KrafterClient, status: int
) -> None:
    server.script(json_reply(deep_json(), status=status))
    with pytest.raises(BadRequestError) as caught:
        await client.events(SITE_KEY, Period.parse("7d"))
    assert caught.value.status == status and str(caught.value) == "Bad request"


async def test_a_deep_details_value_gives_the_bad_request_unread(
    server: ScriptedServer, client: KrafterClient
) -> None:
    body = b'{"error": "Validation failed", "details": {"from": ' + deep_array() + b"}}"
    server.script(json_reply(body, status=422))
    with pytest.raises(BadRequestError) as caught:
        await client.events(SITE_KEY, Period.parse("7d"))
    # msgspec cannot skip the deep value either: the body is unread, the status still tells.
    assert caught.value.status == 422 and str(caught.value) == "Bad request"


async def test_a_deep_429_body_still_holds_requests_back(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(deep_json(key="retry_after"), status=429))
    with pytest.raises(RateLimitedError) as caught:
        await client.realtime(SITE_KEY)
    assert caught.value.retry_after == 60  # no hint readable: one full window
    assert client.budget.wait_needed() == 60


async def test_a_deep_500_body_is_a_server_error(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(deep_json(), status=500))
    with pytest.raises(ServerError):
        await client.realtime(SITE_KEY)


async def test_an_error_body_over_a_megabyte_is_left_unread_and_the_status_still_tells(
    server: ScriptedServer, client: KrafterClient
) -> None:
    body = b'{"error": "' + b"x" * (2 * 2**20) + b'", "retry_after": 7}'
    server.script(json_reply(body, status=429), json_reply(REALTIME))
    with pytest.raises(RateLimitedError) as caught:
        await client.realtime(SITE_KEY)
    assert caught.value.retry_after == 60  # the body's retry_after was not read
