"""``krafter-tui serve``'s web app (:class:`DashboardWebServer`) on a real loopback port in the
test's own event loop, each tab running ``tests/web/stub_tab.py`` (it records what it was
asked in a file), and what the tests read back from that file."""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from krafter_tui.demo.serving import bind
from krafter_tui.web import AllowedHosts, DashboardWebServer

STUB = Path(__file__).with_name("stub_tab.py")


def stub_command(records: Path, *flags: str) -> str:
    """The tab command running the stub, recording into ``records``."""
    return shlex.join([sys.executable, str(STUB), str(records), *flags])


def records(path: Path) -> list[dict[str, Any]]:
    """What every tab recorded so far, in order."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (a zombie, ended but not yet reaped, is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@dataclass
class Served:
    """The running server: its URL (``http://127.0.0.1:PORT``) and its object."""

    url: str
    server: DashboardWebServer


@asynccontextmanager
async def serve_app(
    command: str,
    *,
    allowed: AllowedHosts | None = None,
    max_sessions: int = 4,
    tab_grace: float = 3.0,
) -> AsyncIterator[Served]:
    """The web app on a free loopback port until the block ends."""
    sock = bind("127.0.0.1", 0)
    server = DashboardWebServer(
        command,
        sock,
        allowed=allowed or AllowedHosts(),
        max_sessions=max_sessions,
        title="Krafter dashboard",
    )
    server.tab_grace = tab_grace
    runner = web.AppRunner(await server._make_app(), handle_signals=False)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    try:
        yield Served(f"http://127.0.0.1:{sock.getsockname()[1]}", server)
    finally:
        await runner.cleanup()
        sock.close()
