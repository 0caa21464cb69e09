"""Who may use the served dashboard, checked on every request of every route.

- :class:`AllowedHosts`: the names the page answers under. Loopback names always; the names
  the user serves under (``--allow-host``); and, when listening beyond loopback, any IP
  address (a browser that came by address). Any other ``Host`` is refused, ``--public`` or
  not: a page elsewhere could rebind its own name to this server's address and read the
  dashboard (DNS rebinding), and its requests carry its own name.
- a request whose ``Origin`` is another site is refused (browsers let any page open a
  websocket anywhere);
- :func:`add_page_headers`: no other site may frame the page (keys typed into a frame would
  reach the dashboard), and no response is sniffed into another type.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware

from krafter_tui.api import is_loopback_host

__all__ = ["PAGE_HEADERS", "AllowedHosts", "add_page_headers", "guard_middleware", "refusal"]

#: Sent with every response: the page may not be framed by any site, even this one.
PAGE_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _host_name(name: str) -> str:
    """``name`` as compared: lower case, without a trailing dot or IPv6 brackets."""
    return name.strip().strip("[]").rstrip(".").lower()


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class AllowedHosts:
    """The ``Host`` names the page answers under, beside loopback's."""

    names: frozenset[str] = frozenset()
    #: Any IP address too (listening beyond loopback): an address cannot be rebound.
    addresses: bool = False

    @classmethod
    def of(cls, names: Iterable[str], *, addresses: bool = False) -> AllowedHosts:
        """The allow-list of ``names`` (as given to ``--allow-host``)."""
        return cls(frozenset(_host_name(name) for name in names), addresses)

    def allows(self, name: str) -> bool:
        """Whether a request for the host ``name`` (no port) is answered."""
        name = _host_name(name)
        if is_loopback_host(name) or name in self.names:
            return True
        return self.addresses and _is_address(name)


def refusal(host: str, origin: str | None, allowed: AllowedHosts) -> str | None:
    """Why a request with these ``Host`` and ``Origin`` headers is refused, or None."""
    try:
        name = urlsplit(f"//{host}").hostname or ""
    except ValueError:  # e.g. an unclosed "[" in the header
        name = ""
    if not name or not allowed.allows(name):
        shown = name.encode("ascii", "backslashreplace").decode()[:100]
        return (
            f"this dashboard does not answer under the name {shown!r} (serving under it "
            "needs --allow-host with that name)"
        )
    if origin is not None and origin not in (f"http://{host}", f"https://{host}"):
        return "a page from another site may not open this dashboard"
    return None


def guard_middleware(allowed: AllowedHosts) -> Middleware:
    """An aiohttp middleware refusing (403) every request :func:`refusal` refuses, on every
    route: the page, its websocket, static files, downloads and unknown paths alike."""

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        reason = refusal(request.host, request.headers.get("Origin"), allowed)
        if reason is not None:
            raise web.HTTPForbidden(text=reason)
        return await handler(request)

    return guard


async def add_page_headers(request: web.Request, response: web.StreamResponse) -> None:
    """``on_response_prepare``: :data:`PAGE_HEADERS` on every response, refusals included."""
    for name, value in PAGE_HEADERS.items():
        response.headers[name] = value
