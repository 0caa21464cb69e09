"""A hostile server in front of the demo, over real loopback HTTP, for the app's tests.

:class:`HostileProxy` passes requests to the demo app until a test sets ``fault``; then the
endpoints in ``only`` (all by default) get that fault instead of a good answer. Switching
``fault`` back to None makes the server good again, so tests can watch the app heal.

Run as a program (``python -m tests.support.hostile_proxy --port 8787 --mix bomb,deep --share 0.02
--faults error=0.05``) it serves a demo whose own faults are ``--faults``, and gives each
request one of the ``--mix`` faults with probability ``--share`` each: the soak test's server.
"""

from __future__ import annotations

import argparse
import json
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any

from krafter_tui.demo import API_PREFIX, DemoApp, FaultSpec, create_demo_app
from tests.api.scripted_server import Reply, send_reply
from tests.support.demo_server import serving
from tests.support.hostile_answers import deep_json, gzip_bomb, padded_json

__all__ = ["FAULTS", "HostileProxy", "Hit", "running_hostile_proxy"]

JSON = ("content-type", "application/json")
ZWSP = "\u200b"
RATE_LIMITED = json.dumps({"error": "Rate limit exceeded"}).encode()


def _mangled_echo(token: str) -> str:
    """The key as a careless server might quote it: no prefix, other case, zero-width inside."""
    secret = token.removeprefix("kr_live_")
    return f"{secret.lower()} / {ZWSP.join(token)} / {token[:30]}\n{token[30:]}"


def _reply(fault: str, token: str) -> Reply | None:
    """The hostile answer for ``fault``, or None for faults that spoil a real answer."""
    if fault == "bomb":
        return Reply(headers=(JSON, ("content-encoding", "gzip")), body=gzip_bomb())
    if fault == "huge":
        return Reply(headers=(JSON,), stream=lambda: padded_json(b'{"data": []}', 50))
    if fault == "drip":
        return Reply(headers=(JSON,), action="drip", stall_seconds=0.3, body=b"{" + b" " * 200)
    if fault == "deep":
        return Reply(headers=(JSON,), body=deep_json(key="data"))
    if fault == "deep-error":
        return Reply(status=400, headers=(JSON,), body=deep_json())
    if fault == "retry-huge":
        return Reply(status=429, headers=(JSON, ("retry-after", "1e9")), body=RATE_LIMITED)
    if fault == "retry-date":
        when = formatdate(time.time() + 4, usegmt=True)
        return Reply(status=429, headers=(JSON, ("retry-after", when)), body=RATE_LIMITED)
    if fault == "retry-zero":
        return Reply(status=429, headers=(JSON, ("retry-after", "0")), body=RATE_LIMITED)
    if fault == "forbidden":
        body = json.dumps({"error": "Insufficient scope"}).encode()
        return Reply(status=403, headers=(JSON,), body=body)
    if fault == "echo-key":
        body = json.dumps({"error": f"Unknown key {_mangled_echo(token)}"}).encode()
        return Reply(status=422, headers=(JSON,), body=body)
    if fault == "reset-far":
        return None
    raise ValueError(f"unknown fault {fault!r}")


FAULTS = (
    "bomb",
    "huge",
    "drip",
    "deep",
    "deep-error",
    "retry-huge",
    "retry-date",
    "retry-zero",
    "forbidden",
    "echo-key",
    "reset-far",
)


@dataclass(frozen=True)
class Hit:
    """One request as the proxy saw it: arrival (monotonic), endpoint, the fault it got."""

    at: float
    endpoint: str
    fault: str | None


def _endpoint(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class HostileProxy:
    """ASGI app: the demo's answers, or the hostile ones of ``fault`` for ``only``."""

    demo: DemoApp
    fault: str | None = None
    only: tuple[str, ...] = ()
    hits: list[Hit] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    mix: tuple[str, ...] = ()  # while ``fault`` is None: each of these with ``share`` odds
    share: float = 0.0
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def set(self, fault: str | None, *only: str) -> None:
        """Switch to ``fault`` (None: a good server again) for the endpoints ``only``."""
        assert fault is None or fault in FAULTS, fault
        self.fault, self.only = fault, only

    def count(self, since: float = 0.0, endpoint: str | None = None) -> int:
        """Requests that arrived after ``since`` (for ``endpoint``, or any)."""
        return sum(1 for h in self.hits if h.at > since and endpoint in (None, h.endpoint))

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        endpoint, fault = _endpoint(scope["path"]), self.fault
        if fault is not None and self.only and endpoint not in self.only:
            fault = None
        if fault is None and self.mix:
            roll = self.rng.random() / self.share if self.share else len(self.mix)
            fault = self.mix[int(roll)] if roll < len(self.mix) else None
        if len(self.hits) > 100_000:  # a soak runs long: keep the log bounded
            del self.hits[:50_000]
        self.hits.append(Hit(time.monotonic(), endpoint, fault))
        if fault is None:
            await self.demo(scope, receive, send)
            return
        headers = dict(scope["headers"])
        token = headers.get(b"authorization", b"").decode("latin-1").removeprefix("Bearer ")
        reply = _reply(fault, token)
        if reply is not None:
            await send_reply(reply, receive, send, self.stopping)
            return

        async def far_reset(message: dict[str, Any]) -> None:
            # A broken clock: the budget is spent and the reset is a day away.
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message["headers"] if not k.startswith(b"x-ratelimit")]
                reset = str(int(time.time() + 86_400)).encode()
                message = dict(
                    message,
                    headers=[
                        *kept,
                        (b"x-ratelimit-limit", b"100"),
                        (b"x-ratelimit-remaining", b"0"),
                        (b"x-ratelimit-reset", reset),
                    ],
                )
            await send(message)

        await self.demo(scope, receive, far_reset)


@contextmanager
def running_hostile_proxy(demo: DemoApp) -> Iterator[tuple[str, HostileProxy]]:
    """Serve a :class:`HostileProxy` of ``demo``; yields (API root URL, proxy)."""
    proxy = HostileProxy(demo)
    with serving(proxy) as base_url:
        try:
            yield f"{base_url}{API_PREFIX}", proxy
        finally:
            proxy.stopping.set()  # ends drips and streams, so the server can stop


def main() -> None:
    """Serve a hostile proxy of a demo until killed (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m tests.support.hostile_proxy")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--faults", default="", help="the demo's own faults (demo-server syntax)")
    parser.add_argument("--mix", default="", help="hostile faults, comma-separated")
    parser.add_argument("--share", type=float, default=0.0, help="odds of each --mix fault")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    demo = create_demo_app(seed=42, rate_limit=1_000_000, faults=FaultSpec.parse(args.faults))
    assert isinstance(demo, DemoApp)
    mix = tuple(name for name in args.mix.split(",") if name)
    assert all(name in FAULTS for name in mix), mix
    proxy = HostileProxy(demo, mix=mix, share=args.share, rng=random.Random(args.seed))
    with serving(proxy, args.port):
        threading.Event().wait()


if __name__ == "__main__":
    main()
