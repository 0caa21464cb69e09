"""A SQLite cache file others could change is refused: a folder writable by others or not
the user's, a file open to others or not the user's, a link (dangling or not) for the file or
the folder. The dashboard polls directly meanwhile, with the mark in the status line and one
line in the log naming the path and the fix; once fixed, the cache is used again."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from krafter_tui.api.shared import private_path
from tests.api.shared.test_fallback import marked
from tests.api.shared.wall import close, make_screen, run_for, start
from tests.support.clock import FakeClock
from tests.support.demo_server import RunningDemo


async def assert_refused(
    demo: RunningDemo,
    path: Path,
    caplog: pytest.LogCaptureFixture,
    says: str,
    fix: Callable[[], None] | None = None,
) -> None:
    """A screen on ``path`` polls directly, saying ``says`` once in the log; after ``fix``
    it shares again."""
    clock = FakeClock()
    screen = make_screen(demo.api_url, clock, f"sqlite://{path}")
    try:
        with caplog.at_level(logging.WARNING, logger="krafter_tui"):
            await start(screen)
            await run_for([screen], clock, 20)
        assert marked(screen)
        assert len(screen.sink.shown("realtime")) >= 2  # polled directly meanwhile
        said = [r.getMessage() for r in caplog.records if "shared cache unusable" in r.message]
        assert len(said) == 1 and says in said[0] and "\n" not in said[0], said
        if fix is not None:
            fix()
            await run_for([screen], clock, 20)  # tried again every 15 s
            assert not marked(screen)
    finally:
        await close([screen])


async def test_a_folder_others_can_write_is_refused(
    demo: RunningDemo, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "wall"
    folder.mkdir()
    folder.chmod(0o777)
    await assert_refused(
        demo,
        folder / "cache.sqlite3",
        caplog,
        f"the folder {folder} is writable by other users: run chmod 700 {folder}",
        fix=lambda: folder.chmod(0o700),
    )
    assert [path.name for path in folder.iterdir()] == ["cache.sqlite3"]


async def test_a_file_open_to_others_is_refused_and_left_alone(
    demo: RunningDemo, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"")
    path.chmod(0o644)  # the team's figures, readable by everyone
    await assert_refused(demo, path, caplog, f"{path} is open to other users: run chmod 600")
    assert path.read_bytes() == b""
    assert not path.with_name("cache.sqlite3-wal").exists()


@pytest.mark.parametrize("dangling", [True, False])
async def test_a_link_for_the_file_is_refused_and_nothing_is_written_where_it_points(
    demo: RunningDemo, tmp_path: Path, caplog: pytest.LogCaptureFixture, dangling: bool
) -> None:
    elsewhere = tmp_path / "elsewhere" / "target.sqlite3"
    elsewhere.parent.mkdir()
    if not dangling:
        elsewhere.write_bytes(b"")
        elsewhere.chmod(0o600)
    path = tmp_path / "cache.sqlite3"
    path.symlink_to(elsewhere)
    await assert_refused(demo, path, caplog, f"{path} is a symbolic link")
    assert elsewhere.exists() is not dangling
    assert dangling or elsewhere.read_bytes() == b""
    assert sorted(p.name for p in elsewhere.parent.iterdir()) == (
        [] if dangling else [elsewhere.name]
    )


async def test_a_link_for_the_folder_is_refused(
    demo: RunningDemo, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "wall").symlink_to(real)
    folder = tmp_path / "wall"
    await assert_refused(
        demo, folder / "cache.sqlite3", caplog, f"the folder {folder} is a symbolic link"
    )
    assert list(real.iterdir()) == []


@pytest.mark.parametrize("whose", ["folder", "file"])
async def test_a_folder_or_file_of_another_user_is_refused(
    demo: RunningDemo,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    whose: str,
) -> None:
    folder = tmp_path / "wall"
    folder.mkdir(mode=0o700)
    path = folder / "cache.sqlite3"
    path.write_bytes(b"")
    path.chmod(0o600)
    owner = os.getuid()
    other = {"folder": folder, "file": path}[whose]
    real_lstat, real_fstat = os.lstat, os.fstat

    def as_if_another_users(info: os.stat_result) -> os.stat_result:
        fields = list(info)
        fields[4] = owner + 1  # st_uid
        return os.stat_result(fields)

    # Files of another user cannot be made without root: the stat says so instead.
    def lstat(target: str | Path) -> os.stat_result:
        info = real_lstat(target)
        return as_if_another_users(info) if Path(target) == other else info

    def fstat(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        return as_if_another_users(info) if whose == "file" else info

    monkeypatch.setattr(private_path.os, "lstat", lstat)
    monkeypatch.setattr(private_path.os, "fstat", fstat)
    await assert_refused(demo, path, caplog, f"the {whose} {other} belongs to another user")
    assert path.read_bytes() == b""
