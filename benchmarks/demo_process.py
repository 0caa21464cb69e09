"""The demo server in its own process, plus a small control route for the harness.

Run as ``python benchmarks/demo_process.py`` (the harness does this through :func:`start`): it
serves ``create_demo_app(seed=42)`` under uvicorn on a free loopback port, exactly as
``krafter-tui demo-server`` does, and prints ``READY <port>`` when it listens. A separate
process keeps the server's CPU out of both the app under test and the harness.

Requests under ``/__bench/`` never reach the demo app (so they are not logged or rate-limited):
``POST /__bench/limit?n=N`` sets the per-minute limit and clears the counts,
``POST /__bench/faults?spec=SPEC`` sets the demo's faults (``latency=150ms``; empty: none), and
``GET /__bench/requests?since=T`` lists ``[at, endpoint path]`` for every logged request after
Unix time ``T``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import httpx

API_PREFIX = "/api/v1/analytics"


class ControlledDemo:
    """ASGI wrapper: ``/__bench/*`` answers here, everything else goes to the demo app."""

    def __init__(self, demo: Any) -> None:
        self.demo = demo

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Serve a control request, or pass the request on to the demo app."""
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith("/__bench/"):
            await self.demo(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode())
        state = self.demo.state
        body: Any = {"ok": True}
        if path == "/__bench/limit":
            state.limiter.limit = int(query.get("n", ["100"])[0])
            state.limiter.reset()
        elif path == "/__bench/faults":
            from krafter_tui.demo.faults import FaultSpec

            spec = query.get("spec", [""])[0]
            state.faults = FaultSpec.parse(spec) if spec else None
        elif path == "/__bench/requests":
            since = float(query.get("since", ["0"])[0])
            body = [[r.at, r.path, r.status] for r in state.requests if r.at >= since]
        data = json.dumps(body).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(data))]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": data})


def serve() -> None:
    """Child side: build the demo app, listen on a free loopback port, announce it, serve."""
    import uvicorn

    from krafter_tui.demo import create_demo_app

    app = ControlledDemo(create_demo_app(seed=42))
    # IPPROTO_TCP explicitly, as tests/support/demo_server.py does: without it asyncio leaves
    # Nagle on
    # and keep-alive answers wait 40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    print(f"READY {sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(app, log_level="critical", lifespan="off", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


@dataclass
class DemoServer:
    """A running demo server process: its API URL and control calls."""

    api_url: str
    root: str

    def set_limit(self, n: int) -> None:
        """Set the per-minute request limit and forget the counts so far."""
        httpx.post(f"{self.root}/__bench/limit", params={"n": n}).raise_for_status()

    def set_faults(self, spec: str) -> None:
        """Inject the demo's faults (``latency=150ms``), or none with ``""``."""
        httpx.post(f"{self.root}/__bench/faults", params={"spec": spec}).raise_for_status()

    def requests_since(self, since: float) -> list[tuple[float, str, int | None]]:
        """``(time, path, status)`` of every request the demo logged from ``since`` on."""
        response = httpx.get(f"{self.root}/__bench/requests", params={"since": since})
        response.raise_for_status()
        return [(at, path, status) for at, path, status in response.json()]


@contextmanager
def start() -> Iterator[DemoServer]:
    """Start the demo server process; stop it (and only it) when the block ends."""
    process = subprocess.Popen(
        [sys.executable, __file__],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().split()
        if line[:1] != ["READY"]:
            raise RuntimeError(f"demo server did not start: {line}")
        root = f"http://127.0.0.1:{line[1]}"
        server = DemoServer(api_url=root + API_PREFIX, root=root)
        httpx.get(server.api_url + "/sites")  # wait until uvicorn answers (401 is fine)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


if __name__ == "__main__":
    serve()
