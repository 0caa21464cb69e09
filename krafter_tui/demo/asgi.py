"""Assembles the demo ASGI app: routes under the API root, rate limits, errors, faults."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from krafter_tui.demo.chaos import FaultInjector
from krafter_tui.demo.faults import FaultSpec
from krafter_tui.demo.live import TRAFFIC_SHAPES, traffic_words
from krafter_tui.demo.ratelimit import FixedWindowLimiter, RateLimitMiddleware
from krafter_tui.demo.refusals import ApiError, error_response
from krafter_tui.demo.routes import DemoApi
from krafter_tui.demo.sites import SITES
from krafter_tui.demo.traffic_store import TrafficStore

__all__ = ["API_PREFIX", "DemoApp", "create_demo_app"]

API_PREFIX = "/api/v1/analytics"

_HTTP_ERRORS = {404: "Not found", 405: "Method not allowed"}


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = _HTTP_ERRORS.get(exc.status_code, exc.detail)
    return JSONResponse({"error": message}, status_code=exc.status_code, headers=exc.headers)


class DemoApp(Starlette):
    """The Krafter-compatible demo app.

    Live knobs for tests: ``app.state.faults`` (a :class:`FaultSpec` or None, read on every
    request), ``app.state.requests`` (the :class:`~.chaos.RequestLog`), ``app.state.limiter``,
    ``app.state.store`` and :meth:`set_traffic`.
    """

    injector: FaultInjector

    def set_traffic(self, site_key: str, factor: float) -> None:
        """Multiply the live visitors of the site ``site_key`` by ``factor`` from the next
        simulated minute (0: none at all; 1: as simulated): a surge or an outage to watch."""
        for index, profile in enumerate(SITES):
            if profile.site_key == site_key:
                self.state.store.live.set_multiplier(index, factor)
                return
        raise KeyError(f"no demo site has the key {site_key!r}")

    def set_traffic_shape(self, shape: str) -> None:
        """Shape every site's live traffic: ``normal``, ``spike``, ``drop`` or ``quiet``
        (:data:`~.live.TRAFFIC_SHAPES`), from the next simulated minute."""
        self.state.store.live.set_shape(shape)

    def cycle_traffic(self) -> str:
        """Move every site's live traffic to the next shape (normal → spike → drop → quiet →
        normal); the new one in words, for the person who asked."""
        shapes = list(TRAFFIC_SHAPES)
        shape = shapes[(shapes.index(self.state.store.live.shape) + 1) % len(shapes)]
        self.set_traffic_shape(shape)
        return traffic_words(shape)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve a request; HTTP requests pass through the fault injector first."""
        if scope["type"] == "http":
            await self.injector(scope, receive, send, super().__call__)
        else:
            await super().__call__(scope, receive, send)


def _timestamp_clock(now: Callable[[], datetime]) -> Callable[[], float]:
    def clock() -> float:
        moment = now()
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.timestamp()

    return clock


def create_demo_app(
    *,
    seed: int = 42,
    now: Callable[[], datetime] | None = None,
    faults: FaultSpec | None = None,
    cache_dir: Path | None = None,
    rate_limit: int = 100,
) -> Starlette:
    """Build the demo server app.

    ``seed`` fixes the traffic; ``now`` is the clock (naive datetimes are taken as UTC), read
    on every request, so tests can freeze or advance it; ``faults`` is the initial fault spec;
    ``cache_dir`` keeps the generated history in a file reused on the next start (None builds
    it in memory, which takes about half a second); ``rate_limit`` is the team's requests per
    minute (100 as documented; soak tests and benchmarks raise it).
    """
    clock = _timestamp_clock(now or (lambda: datetime.now(UTC)))
    anchor = TrafficStore.today(clock())
    store = TrafficStore(seed, anchor, cache_dir)
    for site in range(len(SITES)):
        store.live.advance(site, clock())
    limiter = FixedWindowLimiter(clock, limit=rate_limit)
    handlers: dict[Any, Any] = {ApiError: _api_error, HTTPException: _http_error}
    app = DemoApp(
        routes=[Mount(API_PREFIX, routes=DemoApi(store, clock, anchor).routes())],
        middleware=[Middleware(RateLimitMiddleware, limiter=limiter)],
        exception_handlers=handlers,
    )
    app.injector = FaultInjector(lambda: app.state.faults, clock)
    app.state.faults = faults
    app.state.requests = app.injector.log
    app.state.limiter = limiter
    app.state.store = store
    app.state.seed = seed
    return app
