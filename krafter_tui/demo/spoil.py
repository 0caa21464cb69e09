"""How faults spoil an answer: proxy error pages, broken bodies, dropped connections."""

from __future__ import annotations

import asyncio
import json
import random
from typing import Any

from starlette.types import Receive, Send

__all__ = ["PROXY_PAGES", "drop_connection", "spoil_body"]


def _page(status: int, reason: str) -> bytes:
    return (
        f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
        "</body>\r\n</html>\r\n"
    ).encode()


PROXY_PAGES = {
    502: _page(502, "Bad Gateway"),
    503: _page(503, "Service Temporarily Unavailable"),
    504: _page(504, "Gateway Time-out"),
}


def _stringly(value: Any) -> Any:
    """Every number and boolean turned into a string, recursively: valid JSON, wrong types."""
    if isinstance(value, dict):
        return {key: _stringly(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_stringly(item) for item in value]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    return value


def spoil_body(body: bytes, kind: str, rng: random.Random) -> bytes:
    """A ``malformed`` (not JSON at all) or ``badtypes`` (valid, wrong types) version of body."""
    if kind == "badtypes":
        return json.dumps(_stringly(json.loads(body))).encode()
    variant = rng.randrange(3)
    if variant == 0:
        return body.replace(b'"', b"'")
    if variant == 1:
        return body + b'\n{"data": null}'
    return b"<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>"


async def drop_connection(send: Send, receive: Receive) -> None:
    """Close the connection without sending a single byte of response.

    ASGI has no message for this, and uvicorn answers 500 to an app that returns or raises
    without responding. Its ``send`` is a bound method of the request cycle that owns the
    transport, so closing that transport is what a crashed upstream looks like to the client:
    httpx raises ``RemoteProtocolError("Server disconnected without sending a response.")``.
    Under an in-process transport (httpx ``ASGITransport``) there is no connection, so the
    same httpx error is raised to the caller instead.
    """
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if not isinstance(transport, asyncio.BaseTransport):
        import httpx  # the client library of this project; only needed in-process

        raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
    transport.close()
    # Wait until the server has noticed, so it does not try to answer 500 on a closed socket.
    async with asyncio.timeout(2):
        while (await receive())["type"] != "http.disconnect":
            pass
