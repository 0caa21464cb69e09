"""A demo server over loopback (its rate limit raised: simulated minutes pass in seconds),
and a real redis-server per test that needs one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api.shared.redis_server import RedisServer, redis_server  # noqa: F401 (a fixture)
from tests.support.demo_server import RunningDemo, running_demo_server


@pytest.fixture(scope="module")
def demo() -> Iterator[RunningDemo]:
    with running_demo_server(seed=42, rate_limit=100_000) as running:
        yield running


def requests_at(demo: RunningDemo) -> int:
    """Requests the demo server has seen so far."""
    return len(demo.app.state.requests)
