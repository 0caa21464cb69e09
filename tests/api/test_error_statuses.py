"""Every documented error status, served over loopback HTTP, becomes the right typed error.

Also: after a 429 the client sends nothing until the wait has passed (the server's request log is
the proof), and the rate budget follows the headers of every response, errors included.
"""

from __future__ import annotations

import pytest

from krafter_tui.api import (
    ApiError,
    BadRequestError,
    BadResponseError,
    ForbiddenError,
    KrafterClient,
    NotFoundError,
    Period,
    RateLimitedError,
    ServerError,
    UnauthorizedError,
)
from tests.support.clock import FakeClock

from .conftest import NOW
from .payloads import REALTIME, SITE_KEY
from .scripted_server import Reply, ScriptedServer, json_reply, rate_headers

PROXY_HTML = (
    b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
    b"</h1></center><hr><center>nginx</center></body></html>"
)


async def test_400_shows_the_servers_reason(server: ScriptedServer, client: KrafterClient) -> None:
    server.script(json_reply({"error": "Invalid period: 9d"}, status=400))
    with pytest.raises(BadRequestError) as caught:
        await client.stats(SITE_KEY, Period.parse("7d"))
    assert caught.value.status == 400
    assert str(caught.value) == "Invalid period: 9d"


async def test_400_without_a_readable_body_still_says_bad_request(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(Reply(status=400, body=b"nope", headers=(("content-type", "text/plain"),)))
    with pytest.raises(BadRequestError) as caught:
        await client.realtime(SITE_KEY)
    assert str(caught.value) == "Bad request"


async def test_401_tells_the_user_the_key_was_refused(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply({"error": "Invalid or missing API key"}, status=401))
    with pytest.raises(UnauthorizedError) as caught:
        await client.list_sites()
    assert caught.value.status == 401
    assert "API key was refused" in str(caught.value)
    assert "log in again" in str(caught.value)


async def test_403_for_a_sandbox_key_explains_the_missing_scope(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply({"error": "Insufficient scope"}, status=403))
    with pytest.raises(ForbiddenError) as caught:
        await client.stats(SITE_KEY, Period.parse("30d"))
    assert caught.value.status == 403
    assert "analytics:read" in str(caught.value)
    assert "sandbox" in str(caught.value)


async def test_404_says_there_is_no_such_site(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply({"error": "Not found"}, status=404))
    with pytest.raises(NotFoundError) as caught:
        await client.realtime("sk_nosuchsite")
    assert caught.value.status == 404
    assert "no such site" in str(caught.value)


async def test_422_lists_each_failed_field_with_its_messages(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        json_reply(
            {
                "error": "Validation failed",
                "details": {"from": ["is required", "must be a date"], "to": ["is required"]},
            },
            status=422,
        )
    )
    with pytest.raises(BadRequestError) as caught:
        await client.events(SITE_KEY, Period.parse("2025-01-01..2025-01-31"))
    error = caught.value
    assert error.status == 422
    assert error.details == {"from": ["is required", "must be a date"], "to": ["is required"]}
    assert str(error) == ("Validation failed — from: is required; must be a date — to: is required")


async def test_422_server_text_with_escape_codes_is_cleaned_before_display(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        json_reply(
            {"error": "Validation\x1b[31m failed", "details": {"to\u202e": ["bad\x07"]}},
            status=422,
        )
    )
    with pytest.raises(BadRequestError) as caught:
        await client.realtime(SITE_KEY)
    message = str(caught.value)
    assert "\x1b" not in message and "\u202e" not in message and "\x07" not in message


async def test_429_waits_for_the_retry_after_header(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        json_reply(
            {"error": "Rate limit exceeded", "retry_after": 30},
            status=429,
            headers=(("retry-after", "17"), *rate_headers(100, 0, NOW + 50)),
        )
    )
    with pytest.raises(RateLimitedError) as caught:
        await client.realtime(SITE_KEY)
    assert caught.value.status == 429
    assert caught.value.retry_after == 17
    assert str(caught.value) == "Rate limited by the API: next request in 17 s."


async def test_429_without_header_waits_for_the_body_retry_after(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        json_reply(
            {"error": "Rate limit exceeded", "retry_after": 23},
            status=429,
            headers=rate_headers(100, 0, NOW + 50),
        )
    )
    with pytest.raises(RateLimitedError) as caught:
        await client.realtime(SITE_KEY)
    assert caught.value.retry_after == 23


async def test_429_with_only_the_reset_header_waits_until_the_reset(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        json_reply(
            {"error": "Rate limit exceeded"}, status=429, headers=rate_headers(100, 0, NOW + 45)
        )
    )
    with pytest.raises(RateLimitedError) as caught:
        await client.realtime(SITE_KEY)
    assert caught.value.retry_after == 45


async def test_429_with_no_hint_at_all_waits_a_full_minute(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(Reply(status=429, body=b"Too Many Requests"))
    with pytest.raises(RateLimitedError) as caught:
        await client.realtime(SITE_KEY)
    assert caught.value.retry_after == 60


async def test_after_a_429_nothing_is_sent_until_the_wait_has_passed(
    server: ScriptedServer, client: KrafterClient, clock: FakeClock
) -> None:
    server.script(
        json_reply(
            {"error": "Rate limit exceeded", "retry_after": 30},
            status=429,
            headers=(("retry-after", "30"),),
        ),
        json_reply(REALTIME),
    )
    with pytest.raises(RateLimitedError):
        await client.realtime(SITE_KEY)
    assert len(server.requests) == 1

    # Every endpoint is held back, and the error says how long is left.
    clock.advance(10)
    for call in (
        client.realtime(SITE_KEY),
        client.stats(SITE_KEY, Period.parse("7d"), ["path"]),
        client.events(SITE_KEY, Period.parse("7d")),
        client.list_sites(),
    ):
        with pytest.raises(RateLimitedError) as caught:
            await call
        assert caught.value.retry_after == 20
    clock.advance(19.5)
    with pytest.raises(RateLimitedError):
        await client.realtime(SITE_KEY)
    assert len(server.requests) == 1, "a request was sent while rate limited"

    clock.advance(0.5)
    realtime = await client.realtime(SITE_KEY)
    assert realtime.current_visitors == 5
    assert len(server.requests) == 2


async def test_while_rate_limited_the_wait_shown_never_rounds_down_to_zero(
    server: ScriptedServer, client: KrafterClient, clock: FakeClock
) -> None:
    server.script(
        json_reply({"error": "Rate limit exceeded"}, status=429, headers=(("retry-after", "30"),))
    )
    with pytest.raises(RateLimitedError):
        await client.realtime(SITE_KEY)
    clock.advance(29.6)
    with pytest.raises(RateLimitedError) as caught:
        await client.realtime(SITE_KEY)
    assert str(caught.value) == "Rate limited by the API: next request in 1 s."
    assert client.budget.describe() == "rate limited, 1s"


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_failures_become_server_errors_that_will_be_retried(
    server: ScriptedServer, client: KrafterClient, status: int
) -> None:
    server.script(json_reply({"error": "Internal server error"}, status=status))
    with pytest.raises(ServerError) as caught:
        await client.stats(SITE_KEY, Period.parse("7d"))
    assert caught.value.status == status
    assert str(caught.value) == f"The Krafter server failed (HTTP {status}); it will be retried."


@pytest.mark.parametrize("status", [502, 503, 504])
async def test_html_from_a_proxy_on_a_gateway_error_is_a_server_error_not_a_parse_error(
    server: ScriptedServer, client: KrafterClient, status: int
) -> None:
    server.script(Reply(status=status, headers=(("content-type", "text/html"),), body=PROXY_HTML))
    with pytest.raises(ServerError) as caught:
        await client.realtime(SITE_KEY)
    assert caught.value.status == status
    assert "<html" not in str(caught.value)


async def test_an_unexpected_status_is_reported_with_its_number(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply({"error": "I'm a teapot"}, status=418))
    with pytest.raises(BadResponseError) as caught:
        await client.realtime(SITE_KEY)
    assert caught.value.status == 418
    assert "unexpected HTTP status 418" in str(caught.value)


async def test_a_redirect_is_not_followed_so_the_token_stays_put(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(Reply(status=302, headers=(("location", "https://elsewhere.example/"),)))
    with pytest.raises(BadResponseError, match="unexpected HTTP status 302"):
        await client.realtime(SITE_KEY)
    assert len(server.requests) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 418, 422, 429, 500, 502])
async def test_every_error_is_an_api_error_with_a_displayable_message(
    server: ScriptedServer, client: KrafterClient, status: int
) -> None:
    server.script(json_reply({"error": "x", "retry_after": 5}, status=status))
    with pytest.raises(ApiError) as caught:
        await client.realtime(SITE_KEY)
    assert caught.value.message
    assert caught.value.message == str(caught.value)
    assert caught.value.status == status


async def test_the_budget_follows_the_headers_of_every_response(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        json_reply(REALTIME, headers=rate_headers(100, 99, NOW + 60)),
        json_reply({"error": "boom"}, status=500, headers=rate_headers(100, 98, NOW + 60)),
        json_reply({"error": "Not found"}, status=404, headers=rate_headers(100, 97, NOW + 60)),
        json_reply(REALTIME),
        json_reply(REALTIME, headers=rate_headers(100, 96, NOW + 60)),
    )
    budget = client.budget
    await client.realtime(SITE_KEY)
    assert (budget.limit, budget.remaining, budget.reset_at) == (100, 99, NOW + 60)
    assert budget.describe() == "99/100 req left"
    with pytest.raises(ServerError):
        await client.realtime(SITE_KEY)
    assert budget.remaining == 98
    with pytest.raises(NotFoundError):
        await client.realtime(SITE_KEY)
    assert budget.remaining == 97
    await client.realtime(SITE_KEY)
    assert budget.remaining is None, "missing headers must read as unknown, not as the old value"
    assert budget.describe() == "budget ?"
    await client.realtime(SITE_KEY)
    assert budget.remaining == 96
    assert budget.requests_sent == 5


async def test_a_429_leaves_the_budget_showing_zero_left_and_the_pause(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        json_reply(
            {"error": "Rate limit exceeded", "retry_after": 12},
            status=429,
            headers=(("retry-after", "12"), *rate_headers(100, 0, NOW + 12)),
        )
    )
    with pytest.raises(RateLimitedError):
        await client.realtime(SITE_KEY)
    assert client.budget.remaining == 0
    assert client.budget.describe() == "rate limited, 12s"
