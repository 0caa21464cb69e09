"""What a test transport needs to know of a request: its kind, and waiting for a condition."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx

__all__ = ["SAFETY_WAIT", "kind", "until"]

# Only reached when what is awaited never happens (the bug under test).
SAFETY_WAIT = 10.0


def kind(request: httpx.Request) -> str:
    """``sites``, ``stats``, ``previous`` (stats without dimensions), ``events``, ``realtime``."""
    last = request.url.path.rsplit("/", 1)[-1]
    if last == "stats" and "dimensions" not in request.url.params:
        return "previous"
    return last


async def until(condition: Callable[[], bool], timeout: float = SAFETY_WAIT) -> None:
    """Wait until ``condition()`` holds, looking every 5 ms (``TimeoutError`` after
    ``timeout`` s)."""
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.005)
