"""The All sites core on the demo server in-process, on a manual clock: as many sites as a test
wants (clones of the demo's, each request still counted and limited by the demo itself)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import msgspec
import pytest

from krafter_tui.api import KrafterClient, RateBudget, Site
from krafter_tui.demo import DEMO_TOKEN, DemoApp, create_demo_app
from tests.feeds.conftest import DEMO_URL
from tests.support.clock import NOW, FakeClock

CLONE = re.compile(r"/sites/(sk_[A-Za-z0-9]+)x\d+/")


class ManySites:
    """The demo behind a shim that serves ``sk_…x7`` as its site ``sk_…``: as many sites as
    a test wants, every request still counted and limited by the demo itself."""

    def __init__(self, demo: DemoApp) -> None:
        self.demo = demo

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            path = CLONE.sub(r"/sites/\1/", scope["path"])
            scope = {**scope, "path": path, "raw_path": path.encode()}
        await self.demo(scope, receive, send)


def clones(sites: list[Site], count: int) -> list[Site]:
    """``count`` sites made of the demo's, each with a key of its own."""
    return [
        msgspec.structs.replace(
            sites[i % len(sites)],
            site_key=f"{sites[i % len(sites)].site_key}x{i}",
            name=f"{sites[i % len(sites)].name} {i}",
        )
        for i in range(count)
    ]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def demo(clock: FakeClock) -> DemoApp:
    app = create_demo_app(seed=42, now=clock)
    assert isinstance(app, DemoApp)
    return app


@pytest.fixture
async def client(demo: DemoApp, clock: FakeClock) -> AsyncIterator[KrafterClient]:
    budget = RateBudget(clock=lambda: clock().timestamp())
    transport = httpx.ASGITransport(app=ManySites(demo))
    async with KrafterClient(DEMO_TOKEN, DEMO_URL, transport=transport, budget=budget) as c:
        yield c
