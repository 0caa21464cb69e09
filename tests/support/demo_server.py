"""Run the demo app under uvicorn on a free loopback port in a background thread."""

from __future__ import annotations

import atexit
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import uvicorn

from krafter_tui.demo import API_PREFIX, DemoApp, create_demo_app

__all__ = ["RunningDemo", "demo_app", "running_demo_server", "serving"]


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
def serving(app: Any, port: int = 0) -> Iterator[str]:
    """Serve the ASGI ``app`` on 127.0.0.1 (``port``, or a free one) until the block ends;
    yields ``http://127.0.0.1:<port>``."""
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets whose proto says TCP,
    # and without it every keep-alive answer waits 40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="critical", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("loopback server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextmanager
def running_demo_server(
    app: DemoApp | None = None, port: int = 0, **options: Any
) -> Iterator[RunningDemo]:
    """Serve ``app`` (or ``create_demo_app(**options)``) on 127.0.0.1 (``port``, or a free one)
    until the block ends."""
    demo = app if app is not None else demo_app(**options)
    with serving(demo, port) as base:
        yield RunningDemo(f"{base}{API_PREFIX}", demo)
