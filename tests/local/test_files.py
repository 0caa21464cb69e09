"""The files the app makes and reads, on a real file system: a new file is never written
through a link nor over another file; a file read is a regular one below its cap, never a
FIFO (which would block) or a device (which never ends)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from krafter_tui.local.safe_files import NotASmallFile, create_new, read_small, save_unique


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A FIFO nobody writes to; unblocked at the end should a reader still wait on it."""
    path = tmp_path / "fifo"
    os.mkfifo(path)
    yield path
    unblock(path)


def unblock(path: Path) -> None:
    """Open ``path`` (a FIFO) for writing and close it: a reader stuck on it sees its end."""
    with contextlib.suppress(OSError):  # no reader waiting (ENXIO): nothing to unblock
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def within(seconds: float, work: Callable[[], object], stuck: Path | None = None) -> object:
    """``work()``'s result or exception, run on a thread; AssertionError if it is still
    running after ``seconds`` (then ``stuck``, a FIFO, is unblocked so the thread can end)."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as error:
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if stuck is not None:
            unblock(stuck)
        raise AssertionError(f"still blocked after {seconds} s")
    return outcome[0]


def test_a_new_file_is_never_made_through_a_dangling_link(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    (tmp_path / "out.csv").symlink_to(target)
    saved = save_unique(tmp_path, "out.csv", b"data")
    assert saved == tmp_path / "out-2.csv" and saved.read_bytes() == b"data"
    assert not target.exists() and not os.path.exists(target)
    with pytest.raises(FileExistsError):
        create_new(tmp_path / "out.csv", b"data")
    assert not target.exists()


def test_nothing_is_overwritten_and_numbers_go_past_1000(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("first")
    for number in range(2, 1001):
        (tmp_path / f"a-{number}.json").write_text(str(number))
    assert save_unique(tmp_path, "a.json", b"new") == tmp_path / "a-1001.json"
    assert (tmp_path / "a.json").read_text() == "first"
    assert all((tmp_path / f"a-{n}.json").read_text() == str(n) for n in range(2, 1001))


def test_a_fifo_is_refused_without_waiting(fifo: Path) -> None:
    error = within(30, lambda: read_small(fifo, 1000, follow_link=True), stuck=fifo)
    assert isinstance(error, NotASmallFile) and "a FIFO" in str(error)


def test_a_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "state.json"
    link.symlink_to("/dev/zero")
    refused = within(30, lambda: read_small(link, 1000))
    assert isinstance(refused, NotASmallFile) and "symbolic link" in str(refused)
    followed = within(30, lambda: read_small(link, 1000, follow_link=True))
    assert isinstance(followed, NotASmallFile) and "character device" in str(followed)


def test_a_file_over_the_cap_is_refused_and_one_at_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(NotASmallFile, match="larger than"):
        read_small(path, 1000)
    path.write_bytes(b"x" * 1000)
    assert read_small(path, 1000) == b"x" * 1000
    with pytest.raises(FileNotFoundError):
        read_small(tmp_path / "missing", 1000)
    with pytest.raises(NotASmallFile, match="a folder"):
        read_small(tmp_path, 1000)


def test_the_state_file_is_not_written_through_a_link_at_its_temporary_name(
    tmp_path: Path,
) -> None:
    from krafter_tui.api import Period, Site
    from krafter_tui.local.remembered import StateStore

    victim = tmp_path / "victim"
    state = tmp_path / "state" / "state.json"
    state.parent.mkdir()
    state.with_suffix(".tmp").symlink_to(victim)
    site = Site("id", "blog.example", "Blog", "sk_blog", False, "2026-01-01T00:00:00Z")
    StateStore(state).save("http://x", site, Period.parse("7d"))
    assert not victim.exists()
    assert not state.is_symlink() and StateStore(state).load("http://x").site_key == "sk_blog"
