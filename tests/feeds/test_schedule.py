"""Unit tests for the polling policy: intervals, backoff with jitter, the shared budget."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from krafter_tui.api import (
    BadResponseError,
    NetworkError,
    RateBudget,
    RateLimitedError,
    ServerError,
)
from krafter_tui.feeds.schedule import (
    MAX_BACKOFF,
    FeedHealth,
    backoff,
    next_delay,
    pane_problem,
    problem_text,
)

NOW = 1_800_000_000.0


def budget(
    limit: int | None = None, remaining: int | None = None, reset_in: float = 30.0
) -> RateBudget:
    b = RateBudget(clock=lambda: NOW)
    b.limit, b.remaining = limit, remaining
    b.reset_at = NOW + reset_in if limit is not None else None
    return b


def test_a_healthy_feed_waits_its_interval() -> None:
    assert next_delay(FeedHealth(10.0), budget(100, 90), random.Random(1)) == 10.0


def test_failures_back_off_exponentially_with_jitter_up_to_five_minutes() -> None:
    rng = random.Random(7)
    waits = [backoff(60.0, n, rng) for n in range(1, 12)]
    assert 4.0 <= waits[0] <= 6.0  # a first retry comes soon (5 s ±20 %)
    assert all(w <= MAX_BACKOFF for w in waits)
    assert waits[-1] >= 0.8 * MAX_BACKOFF
    medians = [sorted(backoff(60.0, n, random.Random(s)) for s in range(50))[25] for n in (1, 2, 3)]
    assert medians[0] < medians[1] < medians[2]
    assert len({round(backoff(60.0, 3, random.Random(s)), 3) for s in range(20)}) > 10  # jitter


def test_a_short_interval_backs_off_from_itself() -> None:
    health = FeedHealth(0.2)
    health.failed(ServerError(502))
    assert 0.16 <= next_delay(health, budget(), random.Random(1)) <= 0.24


def test_rate_limited_waits_exactly_retry_after() -> None:
    health = FeedHealth(10.0)
    health.failed(RateLimitedError(42.0))
    assert next_delay(health, budget(100, 0), random.Random(1), realtime=True) >= 42.0


def test_a_low_budget_slows_background_feeds_until_the_reset() -> None:
    rng = random.Random(1)
    low = budget(100, 15, reset_in=40.0)
    assert next_delay(FeedHealth(60.0), low, rng) >= 60.0
    assert next_delay(FeedHealth(20.0), low, rng) >= 41.0
    assert next_delay(FeedHealth(10.0), low, rng, realtime=True) == 20.0  # half speed
    empty = budget(100, 2, reset_in=40.0)
    assert next_delay(FeedHealth(10.0), empty, rng, realtime=True) >= 41.0
    unknown = budget()
    assert next_delay(FeedHealth(10.0), unknown, rng, realtime=True) == 10.0


def test_success_clears_the_failures_and_ages_count_from_it() -> None:
    at = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    health = FeedHealth(10.0)
    health.failed(NetworkError("could not connect to the server"))
    health.failed(NetworkError("could not connect to the server"))
    assert health.failures == 2
    health.succeeded(at)
    assert health.failures == 0 and health.error is None
    assert health.age(at + timedelta(seconds=15)) == 15
    assert not health.is_stale(at + timedelta(seconds=20))
    assert health.is_stale(at + timedelta(seconds=21))


def test_problems_are_told_in_plain_words() -> None:
    assert problem_text(NetworkError("could not connect to the server")).startswith("Offline")
    assert "HTTP 503" in problem_text(ServerError(503))
    assert "Rate limited" in problem_text(RateLimitedError(5))
    assert "/tmp/x.log" in problem_text(BadResponseError("bad", "$.data"), "/tmp/x.log")


def test_a_feed_nobody_can_see_waits_five_intervals_at_most_five_minutes() -> None:
    rng = random.Random(1)
    assert next_delay(FeedHealth(10.0), budget(100, 90), rng, on_screen=False) == 50.0
    assert next_delay(FeedHealth(120.0), budget(100, 90), rng, on_screen=False) == MAX_BACKOFF
    assert next_delay(FeedHealth(600.0), budget(100, 90), rng, on_screen=False) == 600.0


def test_panes_name_the_problem_in_a_few_words_and_the_banner_in_a_sentence() -> None:
    timeout = NetworkError("the server did not answer in time", timeout=True)
    refused = NetworkError("could not connect to the server")
    assert pane_problem(timeout) == "no answer (timeout)"
    assert problem_text(timeout).startswith("No answer")
    assert pane_problem(refused) == "offline"
    assert problem_text(refused) == "Offline — could not connect to the server."
    assert pane_problem(ServerError(502)) == "server error · HTTP 502"
    assert pane_problem(RateLimitedError(5)) == "rate limited"
    assert pane_problem(BadResponseError("not JSON")) == "unexpected response"
