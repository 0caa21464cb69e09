"""Losing the shared cache (Redis stopped, the SQLite file locked or damaged) falls back to
direct polling with a mark in the status line's budget, and recovers by itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from krafter_tui.feeds.words import SHARED_DOWN, budget_line
from tests.api.shared.conftest import requests_at
from tests.api.shared.redis_server import RedisServer
from tests.api.shared.wall import Screen, close, make_screen, run_for, start
from tests.support.clock import FakeClock
from tests.support.demo_server import RunningDemo


def marked(screen: Screen) -> bool:
    return SHARED_DOWN in budget_line(screen.poller.report())


async def test_redis_stopped_mid_run_then_started_again(
    demo: RunningDemo, redis_server: RedisServer
) -> None:
    clock = FakeClock()
    screens = [make_screen(demo.api_url, clock, redis_server.url) for _ in range(2)]
    try:
        for screen in screens:
            await start(screen)
        await run_for(screens, clock, 60)
        assert not any(marked(screen) for screen in screens)
        shown = [len(screen.sink.shown("realtime")) for screen in screens]

        redis_server.stop()
        before = requests_at(demo)
        await run_for(screens, clock, 60)
        for screen, earlier in zip(screens, shown, strict=True):
            assert marked(screen), budget_line(screen.poller.report())
            assert "req left" in budget_line(screen.poller.report())  # the budget is still said
            assert len(screen.sink.shown("realtime")) >= earlier + 5  # polling went on
        # Each screen polled for itself meanwhile: about twice what one screen costs.
        direct = requests_at(demo) - before
        assert direct >= 2 * 6

        redis_server.start()
        await run_for(screens, clock, 30)  # the cache is tried again every 15 s
        assert not any(marked(screen) for screen in screens)
        hits = [screen.shared.hits for screen in screens if screen.shared]
        before = requests_at(demo)
        await run_for(screens, clock, 120)
        assert requests_at(demo) - before <= 1.5 * direct  # shared again: 2 min cost ~1 min
        assert sum(s.shared.hits for s in screens if s.shared) > sum(hits)
    finally:
        await close(screens)


async def test_a_locked_sqlite_file_falls_back_and_recovers(
    demo: RunningDemo, tmp_path: Path
) -> None:
    path = tmp_path / "cache.sqlite3"
    clock = FakeClock()
    screen = make_screen(demo.api_url, clock, f"sqlite://{path}")
    try:
        await start(screen)
        assert not marked(screen)
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another process writing, for too long
        try:
            await run_for([screen], clock, 20)
            assert marked(screen)
            shown = len(screen.sink.shown("realtime"))
            assert shown >= 2
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        await run_for([screen], clock, 30)
        assert not marked(screen)
        assert len(screen.sink.shown("realtime")) >= shown + 2
    finally:
        await close([screen])


async def test_a_damaged_sqlite_file_falls_back_and_recovers_once_replaced(
    demo: RunningDemo, tmp_path: Path
) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    clock = FakeClock()
    screen = make_screen(demo.api_url, clock, f"sqlite://{path}")
    try:
        await start(screen)
        await run_for([screen], clock, 20)
        assert marked(screen)
        assert len(screen.sink.shown("realtime")) >= 2  # polled directly
        path.unlink()
        await run_for([screen], clock, 30)
        assert not marked(screen)
        assert screen.shared is not None and not screen.shared.down
    finally:
        await close([screen])


async def test_an_unreadable_entry_is_a_miss_not_a_crash(demo: RunningDemo, tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    clock = FakeClock()
    screen = make_screen(demo.api_url, clock, f"sqlite://{path}")
    try:
        await start(screen)
        with sqlite3.connect(path) as db:
            db.execute("UPDATE answers SET value = x'c1ffee'")
        other = make_screen(demo.api_url, clock, f"sqlite://{path}")
        await start(other)
        await close([other])
        assert other.shared is not None and other.shared.hits == 0 and not other.shared.down
        assert other.sink.shown("realtime") and other.sink.shown("stats")
    finally:
        await close([screen])
