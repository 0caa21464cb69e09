"""Fixtures for the API client tests: the scripted loopback server, a fake clock, a client."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

# The package is not installed in the venv: make the checkout importable when pytest is run as
# ``pytest`` (not ``python -m pytest``) and no pyproject ``pythonpath`` setting does it.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from krafter_tui.api import KrafterClient, RateBudget  # noqa: E402
from tests.support.clock import FakeClock  # noqa: E402

from .scripted_server import ScriptedServer  # noqa: E402

# Distinctive enough that finding it anywhere (message, repr, traceback) is certainly a leak;
# shaped like a real key: "kr_live_" + 43 url-safe characters.
TOKEN = "kr_live_LEAKCANARY0123456789abcdefghijklmnopqrstuvw"
assert len(TOKEN) == 51

# A fixed "now" for the injected clock: 2025-02-18T12:00:00Z.
NOW = 1_739_880_000.0


@pytest.fixture(scope="session")
def _scripted_server() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server(_scripted_server: ScriptedServer) -> Iterator[ScriptedServer]:
    """The loopback server, with no scripted replies and an empty request log."""
    _scripted_server.reset()
    yield _scripted_server
    _scripted_server.reset()


@pytest.fixture
def clock() -> FakeClock:
    """The clock injected into the client's rate budget (its ``seconds``), at :data:`NOW`."""
    return FakeClock(NOW)


@pytest.fixture
async def client(server: ScriptedServer, clock: FakeClock) -> AsyncIterator[KrafterClient]:
    """A client talking to the scripted server over real HTTP, with a short timeout."""
    api = KrafterClient(
        TOKEN,
        server.api_url,
        timeout=httpx.Timeout(2.0, connect=2.0),
        budget=RateBudget(clock=clock.seconds),
    )
    async with api:
        yield api
