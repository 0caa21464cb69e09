"""Three screens sharing a cache cost about what one costs, through SQLite and through a real
redis-server; two keys never see each other's answers. Requests are counted at the demo
server, over the same five simulated minutes for one screen alone and for three."""

from __future__ import annotations

from pathlib import Path

import pytest

from krafter_tui.api import SITES_LIMIT, ForbiddenError
from krafter_tui.api.shared import EntrySeal
from krafter_tui.demo import DEMO_SANDBOX_TOKEN, DEMO_TOKEN
from tests.api.shared.conftest import requests_at
from tests.api.shared.raw_cache import RawCache
from tests.api.shared.redis_server import RedisServer
from tests.api.shared.wall import close, make_screen, run_for, start
from tests.support.clock import FakeClock
from tests.support.demo_server import RunningDemo

MINUTES = 5


async def requests_of_a_wall(demo: RunningDemo, cache_url: str | None, count: int) -> int:
    """Requests ``count`` screens make over MINUTES simulated minutes (the third one starts
    4 s after the others, as screens switched on by hand do)."""
    clock = FakeClock()
    before = requests_at(demo)
    screens = [make_screen(demo.api_url, clock, cache_url) for _ in range(count)]
    try:
        for index, screen in enumerate(screens):
            if index == 2:
                await run_for(screens[:2], clock, 4)
            await start(screen)
        await run_for(screens, clock, MINUTES * 60)
        for screen in screens:  # every screen kept its figures coming
            assert len(screen.sink.shown("realtime")) >= MINUTES * 6 - 1
            assert len(screen.sink.shown("stats")) >= MINUTES
            assert screen.shared is None or not screen.shared.down
        if cache_url is not None:
            assert sum(screen.shared.hits for screen in screens if screen.shared) > 0
    finally:
        await close(screens)
    return requests_at(demo) - before


async def assert_wall_costs_about_one_screen(demo: RunningDemo, cache_url: str) -> None:
    one = await requests_of_a_wall(demo, None, 1)
    three = await requests_of_a_wall(demo, cache_url, 3)
    alone = await requests_of_a_wall(demo, None, 3)
    assert one >= MINUTES * 8  # realtime 6/min, stats and events 1/min each, and more
    assert alone >= 2.5 * one  # without the cache, three screens cost three times one
    print(
        f"requests over {MINUTES} min: one screen {one}, three sharing {three}, three not {alone}"
    )
    assert three <= 1.5 * one, (one, three)
    # ... and no fewer: an answer older than the asking feed's interval is never used, so the
    # wall's figures are as fresh as one screen's.
    assert three >= 0.9 * one, (one, three)


async def test_three_screens_through_sqlite_cost_about_one(
    demo: RunningDemo, tmp_path: Path
) -> None:
    await assert_wall_costs_about_one_screen(demo, f"sqlite://{tmp_path}/wall/cache.sqlite3")


async def test_three_screens_through_redis_cost_about_one(
    demo: RunningDemo, redis_server: RedisServer
) -> None:
    await assert_wall_costs_about_one_screen(demo, redis_server.url)


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
async def test_another_key_never_sees_the_answers_and_the_key_is_nowhere_in_the_cache(
    demo: RunningDemo, tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    if backend == "sqlite":
        url = f"sqlite://{tmp_path}/keys.sqlite3"
    else:
        url = request.getfixturevalue("redis_server").url
    clock = FakeClock()
    readers = make_screen(demo.api_url, clock, url)
    sandbox = make_screen(demo.api_url, clock, url, token=DEMO_SANDBOX_TOKEN)
    try:
        await start(readers)
        sites = readers.sink.shown("sites")[-1]
        # Every answer of the reading key is in the cache now; the mail-only key asks for the
        # very same requests and must be refused by the server, not served them.
        site_key = sites[0].site_key
        before = requests_at(demo)
        with pytest.raises(ForbiddenError):
            await sandbox.client.list_sites(max_age=300)
        with pytest.raises(ForbiddenError):
            await sandbox.client.realtime(site_key, max_age=10)
        assert requests_at(demo) - before == 2
        assert sandbox.shared is not None and sandbox.shared.hits == 0
        stored = await stored_bytes(url, tmp_path)
    finally:
        await close([readers, sandbox])
    assert stored, "the cache holds the answers"
    for token in (DEMO_TOKEN, DEMO_SANDBOX_TOKEN):
        for secret in (token, token[8:], token[:12]):  # the key, its secret part, its prefix
            assert secret.encode() not in stored


async def stored_bytes(url: str, tmp_path: Path) -> bytes:
    """Everything the cache keeps: the SQLite file (and its WAL), or Redis's keys and values."""
    if url.startswith("sqlite"):
        files = sorted(tmp_path.glob("keys.sqlite3*"))
        return b"".join(path.read_bytes() for path in files)
    from redis.asyncio import Redis

    redis = Redis.from_url(url)
    try:
        found = b""
        async for key in redis.scan_iter():
            found += key + (await redis.get(key) or b"")
        return found
    finally:
        await redis.aclose()


async def test_a_screen_served_from_the_cache_shows_the_teams_real_budget(
    demo: RunningDemo, tmp_path: Path
) -> None:
    url = f"sqlite://{tmp_path}/budget.sqlite3"
    clock = FakeClock()
    first, second = (make_screen(demo.api_url, clock, url) for _ in range(2))
    try:
        await start(first)
        await start(second)  # every answer it needs is in the cache already
        assert second.client.budget.requests_sent == 0
        assert second.shared is not None and second.shared.hits >= 3
        # The team's real budget is the newest count the server gave: the fewest left in the
        # latest window among the answers kept (whichever of them reached a screen last).
        seal, kept = EntrySeal(DEMO_TOKEN), RawCache(url).entries()
        counts = []
        for name, value in kept.items():
            answer = seal.open(name, value, SITES_LIMIT)
            assert answer is not None
            headers = answer.headers
            reset, left = headers["x-ratelimit-reset"], headers["x-ratelimit-remaining"]
            counts.append((-int(reset), int(left)))
        newest = min(counts)[1]
        assert second.client.budget.describe() == f"{newest}/100000 req left"
        assert first.client.budget.describe() == f"{newest}/100000 req left"
    finally:
        await close([first, second])


async def test_a_manual_refresh_asks_the_server_even_with_a_fresh_answer_in_the_cache(
    demo: RunningDemo, tmp_path: Path
) -> None:
    url = f"sqlite://{tmp_path}/refresh.sqlite3"
    clock = FakeClock()
    first, second = (make_screen(demo.api_url, clock, url) for _ in range(2))
    try:
        await start(first)
        await start(second)
        assert second.client.budget.requests_sent == 0
        selection = second.poller.selection
        assert selection is not None
        second.poller.forget(selection)  # what `r` does, then it selects the same again
        second.poller.start(selection)
        await second.host.settle()
        assert second.client.budget.requests_sent >= 3  # stats, events and realtime
        before = first.client.budget.requests_sent
        first.poller.start(selection)  # the refreshed answers serve the other screen
        await first.host.settle()
        assert first.client.budget.requests_sent == before
    finally:
        await close([first, second])


async def test_the_sqlite_file_is_the_users_alone(demo: RunningDemo, tmp_path: Path) -> None:
    folder = tmp_path / "new" / "wall"
    clock = FakeClock()
    screen = make_screen(demo.api_url, clock, f"sqlite://{folder}/cache.sqlite3")
    try:
        await start(screen)
        files = sorted(folder.iterdir())
        assert files and all(path.stat().st_mode & 0o777 == 0o600 for path in files), files
        assert folder.stat().st_mode & 0o777 == 0o700
    finally:
        await close([screen])
