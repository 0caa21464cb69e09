"""A real ``krafter-tui serve --demo`` process on loopback: served ``--public``, it still
answers only under the names it is given (a rebound name gets nothing, page or websocket), it
says truly where it listens, and a malformed request costs one clean line on stderr at most."""

from __future__ import annotations

import re
import socket
from urllib.parse import urlsplit

import httpx

from .browser import serving

UPGRADE = {
    "Connection": "Upgrade",
    "Upgrade": "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZQ==",
}


def raw_request(port: int, request: bytes) -> bytes:
    """Send ``request`` as it is; the status line of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(request)
        return conn.recv(4096).split(b"\r\n", 1)[0]


def test_public_serving_still_refuses_a_rebound_name_and_says_where_it_listens() -> None:
    flags = ["--demo", "--public", "--host", "0.0.0.0", "--allow-host", "dash.example"]
    with serving(*flags) as served:
        port = urlsplit(served.url).port
        assert port is not None
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(timeout=30) as http:
            for path, extra in (("/", {}), ("/ws", UPGRADE), ("/static/css/xterm.css", {})):
                # A page on evil.example whose name now resolves to this machine.
                refused = http.get(base + path, headers={"Host": "evil.example", **extra})
                assert refused.status_code == 403, path
                assert refused.headers["X-Frame-Options"] == "DENY"
            for host in (f"dash.example:{port}", f"127.0.0.1:{port}"):
                page = http.get(base + "/", headers={"Host": host})
                assert page.status_code == 200, host
                assert f"ws://{host}/ws" in page.text
            assert (
                http.get(base + "/", headers={"Host": f"localhost.evil.example:{port}"}).status_code
                == 403
            )
        # Malformed requests: aiohttp answers 400 and used to print an 11-line traceback each.
        assert b" 400 " in raw_request(
            port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n"
        )
        assert b" 400 " in raw_request(
            port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Note: a\x1b[31mb\r\n\r\n"
        )
    printed = "".join(served.printed)
    assert f"warning: serving beyond this machine on 0.0.0.0:{port}" in printed
    assert "Answers under: dash.example" in printed
    assert "Traceback" not in printed and "\x1b" not in printed
    problems = [line for line in printed.splitlines() if "request" in line.lower()]
    assert len(problems) <= 2, printed  # one line per malformed request, or none
    assert all(re.match(r"krafter-tui serve: ", line) for line in problems), problems
