"""Whoever can write the shared cache without the API key (another local user for a loose
SQLite file, anyone who reaches Redis) cannot choose what a dashboard shows: a planted answer
(read "now", in the year 2100, or at NaN), a budget pinned at 0/100, an answer moved onto
another request's key or under another API key's name, is a miss and is fetched again. So is
an entry sealed with the right key whose body is not the request's answer, or whose time is
not yet come or not a number."""

from __future__ import annotations

import logging
import math
from pathlib import Path

import msgspec
import pytest

from krafter_tui.api import ForbiddenError
from krafter_tui.api.shared import EntrySeal, SharedAnswer, cache_key, token_hash
from krafter_tui.demo import DEMO_SANDBOX_TOKEN, DEMO_TOKEN
from tests.api.shared.raw_cache import RawCache, cache_url
from tests.api.shared.wall import Screen, close, make_screen, run_for, start
from tests.support.clock import FakeClock
from tests.support.demo_server import RunningDemo

BACKENDS = ["sqlite", "redis"]
PLANTED = 4242
YEAR_2100 = 4_102_444_800.0


def visitors(screen: Screen) -> list[int]:
    """Every realtime reading the screen showed."""
    return [count for _, count in screen.sink.shown("realtime")]


def forgeries(kept: bytes, planted: SharedAnswer) -> list[bytes]:
    """What an attacker without the key can write: the answer as it is kept unsealed, and
    behind the seal of the value it replaces."""
    payload = msgspec.msgpack.encode(planted)
    return [payload, kept[:32] + payload]


@pytest.mark.parametrize("read_at", ["now", "2100", "nan"])
@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_planted_answer_and_budget_are_never_shown(
    demo: RunningDemo, tmp_path: Path, backend: str, read_at: str, request: pytest.FixtureRequest
) -> None:
    url = cache_url(backend, tmp_path, request)
    clock = FakeClock()
    first = make_screen(demo.api_url, clock, url)
    try:
        await start(first)
        name, kept = RawCache(url).find(b"current_visitors")
        body = b'{"data": {"current_visitors": %d}}' % PLANTED
        for unsealed in (True, False):
            now = clock().timestamp()
            when = {"now": now, "2100": YEAR_2100, "nan": math.nan}[read_at]
            pinned = {  # the whole team's budget spent: every screen would wait for the reset
                "x-ratelimit-limit": "100",
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": str(int(now) + 50),
            }
            plain, behind_seal = forgeries(kept, SharedAnswer(200, body, pinned, when))
            RawCache(url).write(name, plain if unsealed else behind_seal)
            second = make_screen(demo.api_url, clock, url)
            try:
                await start(second)  # a screen switched on now
                await run_for([first, second], clock, 25)  # and realtime polls twice more
                for screen in (first, second):
                    assert PLANTED not in visitors(screen)
                    assert screen.client.budget.limit == 100_000, screen.client.budget.describe()
                    assert "/100000 req left" in screen.client.budget.describe()
                assert len(visitors(second)) >= 3
                assert second.client.budget.requests_sent >= 1  # the planted one: fetched again
            finally:
                await close([second])
    finally:
        await close([first])


@pytest.mark.parametrize("backend", BACKENDS)
async def test_an_answer_moved_onto_another_requests_key_is_fetched_again(
    demo: RunningDemo,
    tmp_path: Path,
    backend: str,
    request: pytest.FixtureRequest,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = cache_url(backend, tmp_path, request)
    clock = FakeClock()
    first = make_screen(demo.api_url, clock, url)
    try:
        await start(first)
        raw = RawCache(url)
        realtime, _ = raw.find(b"current_visitors")
        stats, kept_stats = raw.find(b"timeseries")
        raw.write(realtime, kept_stats)  # the stats answer, seal and all, as realtime's
        second = make_screen(demo.api_url, clock, url)
        try:
            with caplog.at_level(logging.WARNING, logger="krafter_tui"):
                await start(second)
            said = [r.getMessage() for r in caplog.records if "not sealed for it" in r.message]
            assert len(said) == 1, said  # once, though looked at twice (before the lease)
            assert visitors(second), "the realtime reading came, not `unexpected response`"
            assert not second.sink.shown("refused")
            assert second.poller.health["realtime"].error is None
            assert raw.entries()[realtime] != kept_stats  # the fresh answer replaced it
            await run_for([first, second], clock, 25)
            assert len(visitors(second)) >= 3 and len(visitors(first)) >= 3
        finally:
            await close([second])
    finally:
        await close([first])


@pytest.mark.parametrize("backend", BACKENDS)
async def test_one_keys_answers_moved_under_another_keys_name_are_not_served(
    demo: RunningDemo, tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    url = cache_url(backend, tmp_path, request)
    clock = FakeClock()
    readers = make_screen(demo.api_url, clock, url)
    sandbox = make_screen(demo.api_url, clock, url, token=DEMO_SANDBOX_TOKEN)
    try:
        await start(readers)
        site_key = readers.sink.shown("sites")[-1][0].site_key
        path = f"sites/{site_key}/realtime"
        # The names the mail-only key asks under are seen by anyone watching the store (its
        # lease, Redis MONITOR); the test computes the one it will ask for next.
        theirs = cache_key(readers.client.api_url, token_hash(DEMO_SANDBOX_TOKEN), path, {})
        _, kept = RawCache(url).find(b"current_visitors")
        RawCache(url).write(theirs, kept)
        with pytest.raises(ForbiddenError):  # the server was asked, and refused
            await sandbox.client.realtime(site_key, max_age=10)
        assert sandbox.shared is not None and sandbox.shared.hits == 0
    finally:
        await close([readers, sandbox])


@pytest.mark.parametrize("odd", ["not its answer", "read in 2100", "read at NaN"])
@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_sealed_entry_that_is_not_a_fresh_answer_is_fetched_again(
    demo: RunningDemo, tmp_path: Path, backend: str, odd: str, request: pytest.FixtureRequest
) -> None:
    url = cache_url(backend, tmp_path, request)
    clock = FakeClock()
    first = make_screen(demo.api_url, clock, url)
    try:
        await start(first)
        realtime, _ = RawCache(url).find(b"current_visitors")
        # Sealed with the right key (a server that answered 200 with something else, a
        # dashboard whose clock is years ahead): still never shown.
        body = b'{"data": {"current_visitors": %d}}' % PLANTED
        read_at = {"read in 2100": YEAR_2100, "read at NaN": math.nan}.get(odd)
        if read_at is None:
            body, read_at = b'{"data": {"visitors_now": 7}}', clock().timestamp()
        planted = SharedAnswer(200, body, {}, read_at)
        RawCache(url).write(realtime, EntrySeal(DEMO_TOKEN).seal(realtime, planted))
        second = make_screen(demo.api_url, clock, url)
        try:
            await start(second)
            assert visitors(second) and second.poller.health["realtime"].error is None
            assert PLANTED not in visitors(second)
            assert RawCache(url).entries()[realtime].find(body) == -1  # replaced
            third = make_screen(demo.api_url, clock, url)
            try:
                await start(third)  # served the answer the second screen fetched
                assert visitors(third) == visitors(second)[-1:]
                assert third.client.budget.requests_sent == 0
            finally:
                await close([third])
        finally:
            await close([second])
    finally:
        await close([first])
