"""Run the demo app on a free loopback port (tests/support/loopback.py) in a background thread."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from krafter_tui.demo import API_PREFIX, DemoApp, create_demo_app
from tests.support.loopback import serving

__all__ = ["RunningDemo", "demo_app", "running_demo_server"]


@cache
def _history_cache() -> Path:
    """One folder per test process for the demo's generated history, removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="krafter-demo-history-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def demo_app(**options: Any) -> DemoApp:
    """``create_demo_app(**options)``; on today's real clock (no ``now`` given), its history is
    built once per test process and read from a file after that, as ``krafter-tui demo-server``
    does with its cache (tests/demo/test_live.py checks that both give the same traffic)."""
    if "now" not in options:
        options.setdefault("cache_dir", _history_cache())
    demo = create_demo_app(**options)
    assert isinstance(demo, DemoApp)
    return demo


@dataclass
class RunningDemo:
    """A demo server reachable at ``api_url`` (the API root); ``app`` is live for fault changes."""

    api_url: str
    app: DemoApp


@contextmanager
def running_demo_server(
    app: DemoApp | None = None, port: int = 0, **options: Any
) -> Iterator[RunningDemo]:
    """Serve ``app`` (or ``create_demo_app(**options)``) on 127.0.0.1 (``port``, or a free one)
    until the block ends."""
    demo = app if app is not None else demo_app(**options)
    with serving(demo, port) as base:
        yield RunningDemo(f"{base}{API_PREFIX}", demo)
