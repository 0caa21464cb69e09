"""Waits a server can make endless are capped and said: a reset a day (or a millennium) ahead,
``retry-after: 1e9``, the HTTP-date form, and 429s in a row that ask for no wait at all."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from krafter_tui.api import KrafterClient, RateBudget, RateLimitedError
from tests.support.clock import FakeClock

from .conftest import NOW
from .payloads import REALTIME, SITE_KEY
from .scripted_server import ScriptedServer, json_reply, rate_headers

DAY = 86_400.0


def make_budget() -> tuple[RateBudget, FakeClock]:
    clock = FakeClock(NOW)
    return RateBudget(clock=clock.seconds), clock


class Records(logging.Handler):
    """Keeps what the app's logger writes (it does not propagate to pytest's caplog once
    the log file has been started by an earlier test)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def logged() -> Iterator[Records]:
    logger, handler = logging.getLogger("krafter_tui"), Records()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


@pytest.mark.parametrize("ahead", [DAY, 1000 * 365 * DAY, 1e300])
def test_a_reset_beyond_the_window_is_capped_said_and_logged(ahead: float, logged: Records) -> None:
    budget, clock = make_budget()
    headers = {"x-ratelimit-limit": "100", "x-ratelimit-remaining": "0"}
    budget.update({**headers, "x-ratelimit-reset": repr(NOW + ahead)})
    budget.update({**headers, "x-ratelimit-reset": repr(NOW + ahead)})
    assert budget.seconds_to_reset() == 60
    assert budget.describe() == "0/100 req left, reset 1m 00s (server clock off)"
    [record] = logged.records  # once, not once per answer
    assert "clock is wrong" in record.getMessage() and "60 s" in record.getMessage()
    clock.advance(45)
    assert budget.describe() == "0/100 req left, reset 15s (server clock off)"


def test_a_reset_within_the_window_is_taken_as_it_is_and_the_mark_goes() -> None:
    budget, _ = make_budget()
    budget.update({"x-ratelimit-reset": str(NOW + DAY)})
    budget.update(
        {
            "x-ratelimit-limit": "100",
            "x-ratelimit-remaining": "3",
            "x-ratelimit-reset": str(NOW + 42),
        }
    )
    assert budget.reset_ahead is None
    assert budget.describe() == "3/100 req left, reset 42s"


def test_plenty_left_shows_no_reset() -> None:
    budget, _ = make_budget()
    budget.update(
        {
            "x-ratelimit-limit": "100",
            "x-ratelimit-remaining": "20",
            "x-ratelimit-reset": str(NOW + 9),
        }
    )
    assert budget.describe() == "20/100 req left"


@pytest.mark.parametrize(
    ("header", "body", "said"),
    [
        ("1e9", None, "11,574 days"),
        ("inf", None, "forever"),
        (None, 10**9, "11,574 days"),
        ("301", None, "5 min 1 s"),
    ],
)
def test_an_absurd_retry_after_is_capped_at_five_minutes_and_said(
    header: str | None, body: object, said: str
) -> None:
    budget, clock = make_budget()
    error = budget.refused({"retry-after": header} if header else {}, body)
    assert error.retry_after == 300
    assert error.capped is not None and said in error.capped and "5 min" in error.capped
    assert said in str(error)
    assert budget.describe() == "rate limited, 5m 00s (capped)"
    clock.advance(299.5)
    assert budget.describe() == "rate limited, 1s (capped)"
    clock.advance(0.5)
    assert budget.wait_needed() == 0 and "capped" not in budget.describe()


def test_retry_after_as_an_http_date_is_understood() -> None:
    budget, _ = make_budget()
    when = format_datetime(datetime.fromtimestamp(NOW + 42, UTC), usegmt=True)
    assert when.endswith("GMT")
    assert budget.retry_after({"retry-after": when}, 7) == 42
    past = format_datetime(datetime.fromtimestamp(NOW - 42, UTC), usegmt=True)
    assert budget.retry_after({"retry-after": past}, 7) == 0
    far = format_datetime(datetime(2999, 1, 1, tzinfo=UTC), usegmt=True)
    assert budget.retry_after({"retry-after": far}, 7) == 300
    assert budget.retry_after({"retry-after": "Tomorrow, maybe"}, 7) == 7


async def test_429s_in_a_row_asking_for_no_wait_back_off_exponentially(
    server: ScriptedServer, client: KrafterClient, clock: FakeClock
) -> None:
    """``retry-after: 0`` with no rate-limit headers, again and again: the client waits 0, then
    5, 10, 20... s (at most 5 minutes) before it asks again, instead of once a second."""
    refusal = json_reply(
        {"error": "Rate limit exceeded"}, status=429, headers=(("retry-after", "0"),)
    )
    waits = []
    for _ in range(9):
        server.script(refusal)
        with pytest.raises(RateLimitedError) as caught:
            await client.realtime(SITE_KEY)
        waits.append(caught.value.retry_after)
        clock.advance(caught.value.retry_after)
    assert waits == [0, 5, 10, 20, 40, 80, 160, 300, 300]
    assert len(server.requests) == 9
    # In the first minute: 5 requests (at 0, 0, 5, 15 and 35 s), not 60.
    assert sum(1 for t in _times(waits) if t < 60) == 5
    server.script(json_reply(REALTIME), refusal)
    await client.realtime(SITE_KEY)
    with pytest.raises(RateLimitedError) as caught:  # a good answer ends the run
        await client.realtime(SITE_KEY)
    assert caught.value.retry_after == 0


def _times(waits: list[float]) -> list[float]:
    at, times = 0.0, []
    for wait in waits:
        times.append(at)
        at += wait
    return times


async def test_the_backoff_never_shortens_what_the_server_asked(
    server: ScriptedServer, client: KrafterClient, clock: FakeClock
) -> None:
    for asked in ("30", "1"):
        server.script(
            json_reply(
                {"error": "Rate limit exceeded"},
                status=429,
                headers=(("retry-after", asked), *rate_headers(100, 0, None)),
            )
        )
        with pytest.raises(RateLimitedError) as caught:
            await client.realtime(SITE_KEY)
        clock.advance(caught.value.retry_after)
    assert caught.value.retry_after == 5  # the second in a row: 1 s asked, 5 s backoff
    server.script(json_reply({"error": "x"}, status=429, headers=(("retry-after", "90"),)))
    with pytest.raises(RateLimitedError) as caught:
        await client.realtime(SITE_KEY)
    assert caught.value.retry_after == 90  # more than the backoff (10 s): as asked


async def test_429s_to_requests_sent_together_count_as_one(
    server: ScriptedServer, client: KrafterClient
) -> None:
    import asyncio

    refusal = json_reply({"error": "x"}, status=429, headers=(("retry-after", "3"),))
    server.script(refusal, refusal, refusal)
    results = await asyncio.gather(
        *(client.realtime(SITE_KEY) for _ in range(3)), return_exceptions=True
    )
    assert all(isinstance(r, RateLimitedError) for r in results)
    assert client.budget.refusals == 1
    assert client.budget.wait_needed() == 3
