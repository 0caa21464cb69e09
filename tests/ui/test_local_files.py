"""Corrupt local files and crashes at start-up: a damaged state file is ignored (and said in
the log), a damaged settings file is a one-line error with status 2, and a crash inside the app
ends the process with a non-zero status, so a supervisor starts it again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from textual.app import App

from krafter_tui.app import KrafterApp, run_dashboard
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp
from krafter_tui.ui.widgets import StatusBar, TotalsPanel
from tests.local.test_files import unblock

from .conftest import DEMO_URL, settle

DEEP = "[" * 100_000 + "]" * 100_000


def plant(path: Path, kind: str) -> None:
    """Put a FIFO, or a link to /dev/zero, where the app reads a file of its own."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


def unblock_later(path: Path, done: threading.Event) -> threading.Thread:
    """A thread that, from a minute on until ``done`` is set, opens the FIFO at ``path`` for
    writing and closes it again and again, so each read stuck on it (the bug) ends instead
    of hanging the run."""

    def watch() -> None:
        done.wait(60)
        while not done.wait(0.2):
            unblock(path)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize(
    ("kind", "why"),
    [("fifo", "not a regular file but a FIFO"), ("zero", "a symbolic link")],
    ids=["fifo", "link-to-dev-zero"],
)
async def test_a_state_file_that_is_no_small_file_is_ignored_and_logged(
    make_app: Callable[..., KrafterApp], tmp_path: Path, kind: str, why: str
) -> None:
    state = tmp_path / "state" / "state.json"
    plant(state, kind)
    done = threading.Event()
    if kind == "fifo":
        unblock_later(state, done)
    try:
        app = make_app(state_path=state)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert "Pebble CRM" in app.screen.query_one(StatusBar).render().plain
            assert app.log_path is not None
            assert f"ignoring unreadable state: {state}: {why}" in app.log_path.read_text()
    finally:
        done.set()
    # Replaced by a real state file with what was shown; nothing was written into the FIFO
    # or through the link.
    assert not state.is_symlink() and state.is_file()
    assert json.loads(state.read_text())[DEMO_URL]["site"].startswith("sk_")


@pytest.mark.parametrize(
    ("kind", "why"),
    [("fifo", "not a regular file but a FIFO"), ("zero", "not a regular file but a character")],
    ids=["fifo", "link-to-dev-zero"],
)
def test_a_config_file_that_is_no_small_file_is_a_one_line_error(
    tmp_path: Path, kind: str, why: str
) -> None:
    config = tmp_path / "xdg" / "config" / "krafter-tui" / "config.toml"
    plant(config, kind)
    done = subprocess.run(
        [sys.executable, "-m", "krafter_tui", "sites", "--demo"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "xdg" / "config")},
        timeout=60,  # the bug: blocked on the FIFO, or reading /dev/zero, for ever
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"krafter-tui: error: {config}: {why}"), done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


async def test_a_deeply_nested_state_file_is_ignored_and_logged(
    make_app: Callable[..., KrafterApp], tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    state.write_text(DEEP)
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Pebble CRM" in app.screen.query_one(StatusBar).render().plain
        assert app.screen.query_one(TotalsPanel).totals is not None
        assert app.log_path is not None
        assert "ignoring unreadable" in app.log_path.read_text()
    # Rewritten with what was shown: the next start remembers it again.
    assert json.loads(state.read_text())[DEMO_URL]["site"].startswith("sk_")


@pytest.mark.parametrize(
    "text",
    ["site = " + DEEP, "site = " + "{a = " * 100_000 + "1" + "}" * 100_000],
    ids=["arrays", "tables"],
)
def test_a_deeply_nested_config_file_is_a_one_line_error(text: str, tmp_path: Path) -> None:
    config = tmp_path / "xdg" / "config" / "krafter-tui" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text)
    done = subprocess.run(
        [sys.executable, "-m", "krafter_tui", "sites", "--demo"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "xdg" / "config")},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"krafter-tui: error: {config}: ")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_crash_inside_the_app_exits_non_zero(
    demo: DemoApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(self: KrafterApp, client: Any) -> None:
        raise RuntimeError("a bug at start-up")

    def headless(self: KrafterApp, **kwargs: Any) -> Any:
        return App.run(self, headless=True, size=(80, 24))

    monkeypatch.setattr(KrafterApp, "_open_dashboard", crash)
    monkeypatch.setattr(KrafterApp, "run", headless)
    options = DashboardOptions(api_url=DEMO_URL, demo=True)
    status = run_dashboard(options, token=DEMO_TOKEN, transport=httpx.ASGITransport(app=demo))
    assert status == 1
