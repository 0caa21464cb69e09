"""A real ``krafter-tui serve --demo`` process on loopback: served ``--public``, it still
answers only under the names it is given (a rebound name gets nothing, page or websocket), it
says truly where it listens, and a malformed request costs one clean line on stderr at most."""

from __future__ import annotations

import asyncio
import re
import socket
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import httpx

from krafter_tui.web.tab import MAX_COLUMNS, MAX_ROWS

from .browser import serving
from .serve_app import alive

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


def children(pid: int) -> list[int]:
    """The running processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, parent = stat.rsplit(")", 1)[1].split()[:2]
            if int(parent) == pid and state != "Z":
                found.append(int(entry.name))
    return found


def environment(pid: int) -> dict[str, str]:
    """The environment process ``pid`` started with."""
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


async def test_a_real_tab_is_one_bounded_process_gone_once_the_tab_closes() -> None:
    with serving("--demo") as served:
        server = served.process.pid
        async with aiohttp.ClientSession() as http:
            # A tab asking for a 3000 x 3000 terminal (446 MB of dashboard before the clamp).
            tab = await http.ws_connect(served.url + "ws?width=3000&height=3000")
            async with asyncio.timeout(60):
                while not children(server):
                    await asyncio.sleep(0.1)
            (dashboard,) = children(server)  # the dashboard itself, no shell in between
            assert not children(dashboard)
            seen = environment(dashboard)
            assert (seen["COLUMNS"], seen["ROWS"]) == (str(MAX_COLUMNS), str(MAX_ROWS))
            async with asyncio.timeout(60):  # the dashboard draws its first screen
                while (await tab.receive()).type != aiohttp.WSMsgType.BINARY:
                    pass
            await tab.close()
        async with asyncio.timeout(60):
            while children(server):
                await asyncio.sleep(0.1)
        assert not alive(dashboard)
