"""Shared fixtures: isolated XDG dirs for every test, and a loopback demo server."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The package is not installed in the venv: make the checkout importable.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from tests.support.demo_server import RunningDemo, running_demo_server  # noqa: E402

#: Markers of the tests that start first.
EARLY = ("browser", "slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The slow tests and the browser test first (otherwise in the order collected): under
    pytest-xdist each starts at once beside the rest instead of running alone at the end. No
    test depends on another's order.

    With ``KRAFTER_TESTS_ONE_CASE=1`` (CI's run on the lowest releases) a test run over several
    cases (sizes, periods, zones) runs its first case only: each behaviour is checked once on
    the floors, and in every case on the newest releases."""
    if os.environ.get("KRAFTER_TESTS_ONE_CASE") == "1":
        seen: set[str] = set()
        kept, dropped = [], []
        for item in items:
            function = item.nodeid.split("[", 1)[0]
            (dropped if function in seen else kept).append(item)
            seen.add(function)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = kept
    items.sort(key=lambda item: not any(item.get_closest_marker(name) for name in EARLY))


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every XDG base dir at a temporary folder, so no test writes to the real home."""
    for name in ("CACHE", "CONFIG", "DATA", "STATE"):
        folder = tmp_path / "xdg" / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(f"XDG_{name}_HOME", str(folder))


@pytest.fixture(autouse=True)
def _app_logger_restored() -> Iterator[None]:
    """The app's logger as it was before the test: a launch run in-process holds its records
    for the log file and stops them propagating (krafter_tui.local.logfile), which would keep them
    from a later test's ``caplog``."""
    logger = logging.getLogger("krafter_tui")
    handlers, level, propagate = list(logger.handlers), logger.level, logger.propagate
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)
    logger.propagate = propagate


@pytest.fixture(scope="module")
def demo_server() -> Iterator[RunningDemo]:
    """A demo server shared by a test module (do not exhaust its rate limit or leave faults on)."""
    with running_demo_server(seed=42) as server:
        yield server


@pytest.fixture
def fresh_budget(demo_server: RunningDemo) -> RunningDemo:
    """The module's demo server with its rate-limit buckets emptied and no faults."""
    demo_server.app.state.limiter.reset()
    demo_server.app.state.faults = None
    return demo_server
