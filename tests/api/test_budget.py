"""RateBudget: the team's shared 100-per-minute budget as the x-ratelimit-* headers report it."""

from __future__ import annotations

import pytest

from krafter_tui.api import RateBudget
from tests.support.clock import FakeClock

from .conftest import NOW


def make_budget(now: float = NOW) -> tuple[RateBudget, FakeClock]:
    clock = FakeClock(now)
    return RateBudget(clock=clock.seconds), clock


def test_budget_headers_are_read_into_limit_remaining_and_reset() -> None:
    budget, _ = make_budget()
    budget.update(
        {
            "x-ratelimit-limit": "100",
            "x-ratelimit-remaining": "87",
            "x-ratelimit-reset": str(int(NOW) + 42),
        }
    )
    assert (budget.limit, budget.remaining, budget.reset_at) == (100, 87, NOW + 42)
    assert budget.seconds_to_reset() == 42
    assert budget.describe() == "87/100 req left"


def test_missing_budget_headers_mean_unknown_not_zero() -> None:
    budget, _ = make_budget()
    budget.update({})
    assert budget.limit is None
    assert budget.remaining is None
    assert budget.reset_at is None
    assert budget.seconds_to_reset() is None
    assert budget.describe() == "budget ?"
    # Unknown is not "spent": nothing stops the next request.
    assert budget.wait_needed() == 0


def test_zero_remaining_is_reported_as_zero_not_unknown() -> None:
    budget, _ = make_budget()
    budget.update({"x-ratelimit-limit": "100", "x-ratelimit-remaining": "0"})
    assert budget.remaining == 0
    assert budget.describe() == "0/100 req left"


@pytest.mark.parametrize("garbage", ["", "abc", "-5", "1.5e3x", "NaN"])
def test_unreadable_remaining_header_is_unknown(garbage: str) -> None:
    budget, _ = make_budget()
    budget.update({"x-ratelimit-remaining": garbage, "x-ratelimit-limit": "100"})
    assert budget.remaining is None
    assert budget.describe() == "budget ?"


def test_a_later_response_without_headers_forgets_the_old_numbers() -> None:
    budget, _ = make_budget()
    budget.update({"x-ratelimit-limit": "100", "x-ratelimit-remaining": "50"})
    budget.update({})
    assert budget.remaining is None


def test_remaining_without_limit_is_still_shown() -> None:
    budget, _ = make_budget()
    budget.update({"x-ratelimit-remaining": "12"})
    assert budget.describe() == "12 req left"


def test_retry_after_header_wins_over_body_and_reset() -> None:
    budget, _ = make_budget()
    budget.update({"x-ratelimit-reset": str(int(NOW) + 50)})
    assert budget.retry_after({"retry-after": "7"}, 30) == 7


def test_body_retry_after_is_used_when_the_header_is_missing() -> None:
    budget, _ = make_budget()
    budget.update({"x-ratelimit-reset": str(int(NOW) + 50)})
    assert budget.retry_after({}, 30) == 30


def test_unreadable_retry_after_header_falls_back_to_the_body() -> None:
    budget, _ = make_budget()
    assert budget.retry_after({"retry-after": "soon"}, 12) == 12


def test_reset_minus_now_is_used_when_header_and_body_are_silent() -> None:
    budget, clock = make_budget()
    budget.update({"x-ratelimit-reset": str(int(NOW) + 50)})
    assert budget.retry_after({}, None) == 50
    clock.advance(20)
    assert budget.retry_after({}, None) == 30


def test_reset_in_the_past_means_no_wait_rather_than_a_negative_one() -> None:
    budget, _ = make_budget()
    budget.update({"x-ratelimit-reset": str(int(NOW) - 10)})
    assert budget.retry_after({}, None) == 0


def test_with_no_hint_at_all_the_wait_is_one_full_window() -> None:
    budget, _ = make_budget()
    budget.update({})
    assert budget.retry_after({}, None) == 60


@pytest.mark.parametrize("body_value", ["30", True, -5, None, [30]])
def test_body_retry_after_that_is_not_a_sane_number_is_ignored(body_value: object) -> None:
    budget, _ = make_budget()
    assert budget.retry_after({}, body_value) == 60


def test_an_absurd_wait_is_capped_at_five_minutes() -> None:
    budget, _ = make_budget()
    assert budget.retry_after({"retry-after": "999999"}, None) == 300


def test_blocking_holds_requests_until_the_wait_has_passed() -> None:
    budget, clock = make_budget()
    budget.block_for(30)
    assert budget.wait_needed() == 30
    assert budget.describe() == "rate limited, 30s"
    clock.advance(29)
    assert budget.wait_needed() == 1
    clock.advance(1)
    assert budget.wait_needed() == 0
    assert budget.blocked_until is None


def test_the_default_clock_is_wall_time() -> None:
    import time

    budget = RateBudget()
    budget.update({"x-ratelimit-reset": str(int(time.time()) + 40)})
    left = budget.seconds_to_reset()
    assert left is not None and 38 <= left <= 40


def said(remaining: int, reset: float) -> dict[str, str]:
    return {
        "x-ratelimit-limit": "100",
        "x-ratelimit-remaining": str(remaining),
        "x-ratelimit-reset": str(int(reset)),
    }


@pytest.mark.parametrize("at", [None, NOW, NOW + 1])
def test_more_left_in_the_same_window_is_an_older_answer_whoever_read_it(
    at: float | None,
) -> None:
    budget, _ = make_budget()
    budget.update(said(50, NOW + 30))
    budget.update(said(60, NOW + 30), at=at)  # counted before the 50: read late, or ahead
    assert budget.describe() == "50/100 req left"
    budget.update(said(49, NOW + 30), at=NOW - 5)  # counted after, though its clock is behind
    assert budget.describe() == "49/100 req left"


def test_a_late_answer_from_the_window_before_is_older_and_the_next_window_is_newer() -> None:
    budget, clock = make_budget()
    budget.update(said(97, NOW + 50))
    budget.update(said(3, NOW - 10))  # the previous minute's, arriving late
    assert budget.describe() == "97/100 req left"
    clock.advance(60)
    budget.update(said(99, NOW + 110), at=NOW + 55)  # the next window: the count starts again
    assert budget.describe() == "99/100 req left"


def test_a_server_clock_put_right_is_followed_not_ignored() -> None:
    budget, _ = make_budget()
    budget.update(said(40, NOW + 86_400 * 11))  # eleven days ahead
    budget.update(said(90, NOW + 30))  # its clock put right: a window long before
    assert budget.remaining == 90


def test_an_answer_read_at_no_time_is_ignored() -> None:
    budget, _ = make_budget()
    budget.update(said(50, NOW + 30))
    budget.update(said(40, NOW + 30), at=float("nan"))
    assert budget.remaining == 50 and budget.read_at == NOW
