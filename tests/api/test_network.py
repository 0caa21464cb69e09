"""Network failures over real loopback TCP become NetworkError, and the client recovers after."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from krafter_tui.api import DEFAULT_DEADLINE, KrafterClient, NetworkError, Period, RateBudget
from tests.support.clock import FakeClock

from .conftest import TOKEN
from .payloads import REALTIME, SITE_KEY, STATS_7D
from .scripted_server import Reply, ScriptedServer, json_reply


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_connection_refused_is_a_network_error_saying_it_could_not_connect() -> None:
    url = f"http://127.0.0.1:{closed_port()}/api/v1/analytics"
    async with KrafterClient(TOKEN, url, timeout=httpx.Timeout(2.0)) as api:
        with pytest.raises(NetworkError) as caught:
            await api.realtime(SITE_KEY)
    assert str(caught.value) == "Network problem: could not connect to the server."
    assert caught.value.status is None


async def test_a_server_that_stalls_past_the_timeout_is_a_network_error(
    server: ScriptedServer, clock: FakeClock
) -> None:
    server.script(Reply(action="stall", stall_seconds=2.0))
    api = KrafterClient(
        TOKEN, server.api_url, timeout=httpx.Timeout(0.3), budget=RateBudget(clock=clock.seconds)
    )
    async with api:
        started = time.monotonic()
        with pytest.raises(NetworkError) as caught:
            await api.realtime(SITE_KEY)
        elapsed = time.monotonic() - started
    assert str(caught.value) == "Network problem: the server did not answer in time."
    assert 0.25 <= elapsed < 1.5, "the client timeout was not honoured"
    assert len(server.requests) == 1


async def test_a_connection_dropped_mid_answer_is_a_network_error(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        Reply(action="drop", headers=(("content-type", "application/json"),), body=STATS_7D)
    )
    with pytest.raises(NetworkError) as caught:
        await client.stats(SITE_KEY, Period.parse("7d"), ["path", "country"])
    assert str(caught.value) == "Network problem: the connection was dropped mid-answer."


async def test_after_a_network_failure_the_next_request_succeeds(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        Reply(action="drop", body=REALTIME),
        Reply(action="stall", stall_seconds=2.0),
        json_reply(REALTIME),
    )
    with pytest.raises(NetworkError):
        await client.realtime(SITE_KEY)
    short = KrafterClient(TOKEN, server.api_url, timeout=httpx.Timeout(0.2))
    async with short:
        with pytest.raises(NetworkError):
            await short.realtime(SITE_KEY)
    assert (await client.realtime(SITE_KEY)).current_visitors == 5
    assert len(server.requests) == 3


async def test_a_network_failure_does_not_pause_requests_like_a_rate_limit(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(Reply(action="drop", body=REALTIME))
    with pytest.raises(NetworkError):
        await client.realtime(SITE_KEY)
    assert client.budget.wait_needed() == 0
    assert client.budget.blocked_until is None


async def test_a_body_drip_fed_a_byte_at_a_time_ends_at_the_overall_deadline(
    server: ScriptedServer,
) -> None:
    # Each byte comes well inside the per-read timeout, so only the deadline can end it: the
    # whole body would take 40 s.
    server.script(
        Reply(
            action="drip",
            stall_seconds=0.2,
            headers=(("content-type", "application/json"),),
            body=b'{"data": {"current_visitors": 5}}' + b" " * 166,
        ),
        json_reply(REALTIME),
    )
    api = KrafterClient(TOKEN, server.api_url, timeout=httpx.Timeout(1.0), deadline=1.5)
    async with api:
        started = time.monotonic()
        with pytest.raises(NetworkError) as caught:
            await api.realtime(SITE_KEY)
        elapsed = time.monotonic() - started
        assert caught.value.timeout
        assert str(caught.value) == (
            "Network problem: the server did not answer in full within 1.5 s."
        )
        assert elapsed < 20, f"the drip held the request {elapsed:.0f} s"
        assert (await api.realtime(SITE_KEY)).current_visitors == 5


async def test_a_slow_connect_and_headers_count_against_the_deadline_too(
    server: ScriptedServer,
) -> None:
    server.script(Reply(action="stall", stall_seconds=30.0))
    api = KrafterClient(TOKEN, server.api_url, timeout=httpx.Timeout(60.0), deadline=0.5)
    async with api:
        with pytest.raises(NetworkError) as caught:
            await api.realtime(SITE_KEY)
    assert caught.value.timeout


def test_the_default_deadline_is_thirty_seconds() -> None:
    assert DEFAULT_DEADLINE == 30.0
    api = KrafterClient(TOKEN, "https://app.krafter.dev/api/v1/analytics")
    assert api.deadline == DEFAULT_DEADLINE
