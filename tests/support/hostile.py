"""One hostile corpus, a loopback API that serves it in every text field, and the byte check.

Each corpus string starts with a tag (``M1`` … ``MB``) so a test can see that a way out really
drew it (the tag and the harmless rest of the payload are shown literally), while
:func:`assert_no_payload` proves that none of the payloads' own control bytes reached the
output. Textual's own escape sequences are allowed: the checks look for the payloads' bytes
(``ESC ]0;``, ``ESC ]52;``, ``ESC [2JWIPE``, C1 controls in UTF-8, bidi, zero-width, U+2028),
which Textual never writes.
"""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

__all__ = ["CORPUS", "FORBIDDEN", "assert_no_payload", "hostile_api"]

CORPUS = (
    "M1[bold]x[/] [link=https://evil.example]y[/link]",
    "M2\x1b]0;PWNED\x07",  # OSC 0: set the window title, BEL-terminated
    "M3\x1b]2;PWNED\x1b\\",  # OSC 2, ST-terminated
    "M4\x1b]52;c;UFdORUQ=\x07",  # OSC 52: write the clipboard
    "M5\x1b[2JWIPE",  # CSI: clear the screen
    "M6\x9b2J\x9d0;PWNED\x9c",  # the same as C1 controls
    "M7\u202eDESREVER\u202c\u2066ISO\u2069",  # bidi override, isolate
    "M8Z\u200bW\u200c\u200dS\u2060P\ufeff",  # zero-width characters
    "M9LS\u2028PS\u2029NEL\x85",  # line and paragraph separators
    "MA東京🚀👍🏽",  # wide characters: kept
    "MB" + "x" * 10_000,
)

#: What must never be written: the payloads' own bytes (UTF-8 for the non-ASCII ones).
FORBIDDEN = (
    b"\x1b]0;",
    b"\x1b]2;",
    b"\x1b]52;",
    b"\x1b[2JWIPE",
    b"PWNED\x07",
    b"PWNED\x1b\\",
    b"=\x07",
    *(ch.encode() for ch in "\x9b\x9c\x9d\x85"),
    *(ch.encode() for ch in "\u202e\u202c\u2066\u2069\u200b\u200c\u200d\u2060\ufeff"),
    *(ch.encode() for ch in "\u2028\u2029"),
)


def assert_no_payload(data: bytes, where: str) -> None:
    """Fail if any payload byte sequence of the corpus is in ``data``."""
    for bad in FORBIDDEN:
        assert bad not in data, f"{where}: {bad!r} reached the output"


def _site(index: int, text: str) -> dict[str, Any]:
    return {
        "id": f"{index}{text[:40]}",
        "domain": f"{text[:40]}.example",
        "name": text,
        # The first site's key is plain, so its figures load; the others carry the payloads
        # (the client refuses them as keys, but the picker, palette and CLI show them).
        "site_key": f"sk_{index}{text[:40]}" if index else "sk_0",
        "public_stats": False,
        "created_at": text[:40],
    }


async def _sites(request: Request) -> JSONResponse:
    return JSONResponse({"data": [_site(i, text) for i, text in enumerate(CORPUS)]})


async def _stats(request: Request) -> JSONResponse:
    rows = [{"value": text, "count": 100 - i, "percent": 5.0} for i, text in enumerate(CORPUS)]
    dims = "path referrer country device browser os utm_source utm_medium utm_campaign"
    day = {"pageviews": 10, "visitors": 5, "visits": 6}
    return JSONResponse(
        {
            "data": {
                "period": {"from": "2026-10-28", "to": "2026-11-26"},
                "totals": {"pageviews": 300, "visitors": 150, "visits": 180},
                "timeseries": [{"date": f"2026-11-{d:02d}", **day} for d in range(20, 27)],
                "breakdown": {dim: rows for dim in dims.split()},
            }
        }
    )


async def _events(request: Request) -> JSONResponse:
    events = [
        {"event_name": text, "total": 9, "unique_count": 4, "revenue": None} for text in CORPUS
    ]
    return JSONResponse({"data": events})


async def _realtime(request: Request) -> JSONResponse:
    return JSONResponse({"data": {"current_visitors": 7}})


def hostile_api() -> Starlette:
    """The four endpoints (any key accepted), with the corpus in every text field."""
    root = "/api/v1/analytics"
    return Starlette(
        routes=[
            Route(f"{root}/sites", _sites),
            Route(f"{root}/sites/{{key:path}}/stats", _stats),
            Route(f"{root}/sites/{{key:path}}/events", _events),
            Route(f"{root}/sites/{{key:path}}/realtime", _realtime),
        ]
    )
