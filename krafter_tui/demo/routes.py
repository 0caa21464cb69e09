"""The four documented endpoints, in the ``{"data": ...}`` envelope, behind Bearer auth."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from krafter_tui.demo.auth import authenticate
from krafter_tui.demo.periods import parse_dimensions, parse_period
from krafter_tui.demo.profiles import SiteProfile
from krafter_tui.demo.refusals import ApiError
from krafter_tui.demo.sites import SITES
from krafter_tui.demo.traffic import created_at
from krafter_tui.demo.traffic_store import TrafficStore

__all__ = ["DemoApi", "site_json"]

_NAMESPACE = uuid.UUID("5b0c1a52-8d3e-4c7a-9f1e-6a2d4b8c0e17")


def site_json(profile: SiteProfile, anchor: date) -> dict[str, Any]:
    """A Site object as the API lists it (the UUID is derived from the domain)."""
    return {
        "id": str(uuid.uuid5(_NAMESPACE, profile.domain)),
        "domain": profile.domain,
        "name": profile.name,
        "site_key": profile.site_key,
        "public_stats": profile.public_stats,
        "created_at": created_at(profile, anchor).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def _authorize(request: Request) -> None:
    key = authenticate(request.headers.get("authorization"))
    if key is None:
        raise ApiError.unauthorized()
    if not key.can_read_analytics():
        raise ApiError.forbidden()


def _site_index(request: Request) -> int:
    _authorize(request)
    wanted = request.path_params["key"]
    for index, profile in enumerate(SITES):
        if profile.site_key == wanted:
            return index
    raise ApiError.not_found()


def _envelope(data: Any) -> JSONResponse:
    return JSONResponse({"data": data})


class DemoApi:
    """Request handlers over a :class:`TrafficStore`, reading time from ``clock`` (Unix s)."""

    def __init__(self, store: TrafficStore, clock: Callable[[], float], anchor: date) -> None:
        self.store = store
        self.clock = clock
        self.anchor = anchor

    def routes(self) -> list[Route]:
        """The routes, relative to the API root."""
        return [
            Route("/sites", self.sites, methods=["GET"]),
            Route("/sites/{key}/stats", self.stats, methods=["GET"]),
            Route("/sites/{key}/realtime", self.realtime, methods=["GET"]),
            Route("/sites/{key}/events", self.events, methods=["GET"]),
        ]

    async def sites(self, request: Request) -> JSONResponse:
        """``GET /sites``: every site of the team, by name."""
        _authorize(request)
        listed = [site_json(profile, self.anchor) for profile in SITES]
        return _envelope(sorted(listed, key=lambda site: site["name"]))

    async def stats(self, request: Request) -> JSONResponse:
        """``GET /sites/{key}/stats``: totals, timeseries and the asked breakdowns."""
        site = _site_index(request)
        now = self.clock()
        period = parse_period(request.query_params, self.store.today(now))
        dims = parse_dimensions(request.query_params.get("dimensions"))
        return _envelope(self.store.stats(site, period, dims, now))

    async def realtime(self, request: Request) -> JSONResponse:
        """``GET /sites/{key}/realtime``: visitors active in the last five minutes."""
        site = _site_index(request)
        return _envelope({"current_visitors": self.store.realtime(site, self.clock())})

    async def events(self, request: Request) -> JSONResponse:
        """``GET /sites/{key}/events``: custom events of the period, most frequent first."""
        site = _site_index(request)
        now = self.clock()
        period = parse_period(request.query_params, self.store.today(now))
        return _envelope(self.store.events(site, period, now))
