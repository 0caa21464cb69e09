"""The browser view: what a tab costs (RSS) and how many requests N tabs send.

``krafter-tui serve`` runs in its own process against the harness's demo server (the demo is
not in-process, so the server counts every request), with N = 1, 5, 10 tabs, one after the
other. Each tab is a websocket speaking textual-serve's protocol, as the page does (no
browser; ``tests/web/tab_reader.py``): it asks for a 160×48 terminal and reads the frames;
the tab shows data once its budget line (``req left``, written after the first answer) has
arrived. Then, over a window of ``seconds``: the requests the demo server got, per minute,
and at the end the RSS (``VmRSS``) of every tab's process. The baseline of the RSS is three
terminal dashboards side by side (``python -m krafter_tui``, each on a 160×48 pty, default
settings, no shared cache) over the same window, in the same run; the baseline of the
requests is one tab.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import aiohttp
from demo_process import DemoServer
from figures import Row, median
from pty_child import SIZE, PtyChild, isolated_env

from krafter_tui.demo import DEMO_TOKEN

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.web.tab_reader import TabReader  # noqa: E402

TABS = (1, 5, 10)
#: A tab (or the terminal dashboard) has this long to show its data.
START_TIMEOUT = 180.0


def rss_mib(pid: int) -> float:
    """Resident memory of process ``pid`` in MiB (``VmRSS`` of /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def children(pid: int) -> list[int]:
    """The running processes whose parent is ``pid`` (a tab's dashboard is serve's child)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state, parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
        except OSError:
            continue
        if int(parent) == pid and state != "Z":
            found.append(int(entry.name))
    return found


def per_minute(server: DemoServer, since: float, seconds: float) -> float:
    """Requests the demo server got from ``since`` over ``seconds``, per minute."""
    got = [at for at, _, _ in server.requests_since(since) if at < since + seconds]
    return len(got) * 60 / seconds


def terminal_rss(server: DemoServer, seconds: float, count: int = 3) -> list[float]:
    """RSS (MiB) of ``count`` terminal dashboards side by side, each on its own pty, after
    they showed their data (each asked for its events) and ran ``seconds``."""
    since = time.time()
    argv = ["-m", "krafter_tui", "--api-url", server.api_url]
    token = {"KRAFTER_API_TOKEN": DEMO_TOKEN}
    with ExitStack() as stack:
        # Each with scratch state of its own (isolated_env makes a new one each time).
        shown = [stack.enter_context(PtyChild(argv, isolated_env(token))) for _ in range(count)]
        deadline = time.monotonic() + START_TIMEOUT
        while sum(p.endswith("/events") for _, p, _ in server.requests_since(since)) < count:
            if time.monotonic() > deadline or any(c.process.poll() is not None for c in shown):
                raise RuntimeError("a terminal dashboard showed no data")
            time.sleep(0.2)
        time.sleep(seconds)
        return [rss_mib(child.process.pid) for child in shown]


async def _tabs(url: str, count: int, seconds: float, serve_pid: int, server: DemoServer) -> dict:
    """Open ``count`` tabs, wait for their data, then count a window's requests and RSS."""
    async with aiohttp.ClientSession() as http:
        columns, rows = SIZE
        tabs = [TabReader(http, url, columns, rows) for _ in range(count)]
        try:
            async with asyncio.timeout(START_TIMEOUT):
                await asyncio.gather(*(tab.wait_shown() for tab in tabs))
            since = time.time()
            await asyncio.sleep(seconds)
            rates = per_minute(server, since, seconds)
            pids = children(serve_pid)
            return {
                "per_minute": rates,
                "rss": [rss_mib(pid) for pid in pids],
                "tabs": len(pids),
                "serve_rss": rss_mib(serve_pid),
            }
        finally:
            await asyncio.gather(*(tab.close() for tab in tabs))


def serve_tabs(server: DemoServer, count: int, seconds: float) -> dict:
    """``krafter-tui serve`` (its own scratch state, so its shared cache starts empty) with
    ``count`` tabs: requests per minute over the window and each tab's RSS at its end."""
    env = isolated_env(
        {
            "KRAFTER_API_TOKEN": DEMO_TOKEN,
            "KRAFTER_SERVE_MAX_SESSIONS": str(max(TABS)),
            "PYTHONUNBUFFERED": "1",
        }
    )
    argv = [sys.executable, "-m", "krafter_tui", "serve", "--port", "0"]
    process = subprocess.Popen(
        [*argv, "--api-url", server.api_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        while not (found := re.search(r"(http://\S+/)\s", line := process.stdout.readline())):
            if not line:
                raise RuntimeError("krafter-tui serve ended before serving")
        return asyncio.run(_tabs(found.group(1), count, seconds, process.pid, server))
    finally:
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl+C: serve and every tab's process
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run(server: DemoServer, seconds: float) -> list[Row]:
    """The terminal dashboard's RSS, then serve with 1, 5 and 10 tabs; one RSS row per N and
    one requests row per N beyond 1."""
    server.set_limit(100_000)
    terminal = terminal_rss(server, seconds)
    found = {count: serve_tabs(server, count, seconds) for count in TABS}
    rows = [
        Row(
            f"serve: RSS of a tab's process, {count} tab{'s' if count > 1 else ''} open",
            "MB",
            found[count]["rss"],
            terminal,
            "terminal dashboards",
            ratio_limit=1.0,
            note=f"{found[count]['tabs']} tab processes, RSS "
            + ", ".join(f"{mib:.1f}" for mib in sorted(found[count]["rss"]))
            + f" MB; serve's own process {found[count]['serve_rss']:.1f} MB",
        )
        for count in TABS
    ]
    one = found[1]["per_minute"]
    rows += [
        Row(
            f"serve: requests per minute, {count} tabs",
            "/min",
            [round(found[count]["per_minute"], 1)],
            [round(one, 1)],
            "1 tab",
            # At most one tab's: a window's count moves by a request with the polls' phase.
            ratio_limit=1.1,
            note=f"{count} tabs: {found[count]['per_minute']:.1f} requests a minute over "
            f"{seconds:g} s, one tab {one:.1f} (median tab RSS "
            f"{median(found[count]['rss']):.1f} MB)",
        )
        for count in TABS[1:]
    ]
    return rows
