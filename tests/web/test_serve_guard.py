"""``krafter-tui serve``'s page against other sites: a rebound name gets nothing on any route,
a websocket from another site is refused, and no site may frame the page."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from krafter_tui.web import AllowedHosts, refusal

from .serve_app import records, serve_app, stub_command

#: Every route the server has, and a path it has not.
ROUTES = ["/", "/ws", "/static/css/xterm.css", "/static/", "/download/somekey", "/nothing"]


@pytest.mark.parametrize("path", ROUTES)
async def test_a_rebound_name_gets_nothing_on_any_route(path: str, tmp_path: Path) -> None:
    tabs = tmp_path / "tabs.jsonl"
    async with serve_app(stub_command(tabs)) as served, aiohttp.ClientSession() as http:
        # The request a page on evil.example makes once its name resolves to 127.0.0.1.
        headers = {"Host": "evil.example"}
        if path == "/ws":
            headers |= {"Connection": "Upgrade", "Upgrade": "websocket"}
            headers |= {"Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZQ=="}
        async with http.get(served.url + path, headers=headers) as response:
            assert response.status == 403
            assert "does not answer under the name 'evil.example'" in await response.text()
        # The same request under the loopback name it is served on is answered.
        async with http.get(served.url + "/static/css/xterm.css") as response:
            assert response.status == 200
    assert records(tabs) == []  # no tab process was started for the rebound name


async def test_an_allowed_name_is_answered_and_another_site_still_refused(
    tmp_path: Path,
) -> None:
    tabs = tmp_path / "tabs.jsonl"
    allowed = AllowedHosts.of(["Dash.Example."])
    async with (
        serve_app(stub_command(tabs), allowed=allowed) as served,
        aiohttp.ClientSession() as http,
    ):
        async with http.get(served.url, headers={"Host": "dash.example:8000"}) as response:
            assert response.status == 200
            assert "ws://dash.example:8000/ws" in await response.text()
        # A websocket opened by a page of another site, under the allowed name.
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(
                served.url + "/ws",
                headers={"Host": "dash.example:8000", "Origin": "http://evil.example"},
            )
        assert refused.value.status == 403
    assert records(tabs) == []


@pytest.mark.parametrize("path", ["/", "/static/css/xterm.css", "/nothing"])
async def test_no_site_may_frame_the_page(path: str, tmp_path: Path) -> None:
    async with serve_app(stub_command(tmp_path / "t")) as served, aiohttp.ClientSession() as s:
        for host in ("127.0.0.1", "evil.example"):  # answered and refused alike
            async with s.get(served.url + path, headers={"Host": host}) as response:
                assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
                assert response.headers["X-Frame-Options"] == "DENY"
                assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("host", "origin", "allowed", "refused"),
    [
        ("127.0.0.1:8000", None, AllowedHosts(), False),
        ("localhost:8000", "http://localhost:8000", AllowedHosts(), False),
        ("[::1]:8000", "http://[::1]:8000", AllowedHosts(), False),
        # A name rebound to 127.0.0.1 by a page elsewhere: refused, served publicly or not.
        ("attacker.example:8000", "http://attacker.example:8000", AllowedHosts(), True),
        ("attacker.example:8000", None, AllowedHosts(addresses=True), True),
        ("dash.example:8000", "http://dash.example:8000", AllowedHosts.of(["dash.example"]), False),
        # Listening beyond loopback, a browser that came by address.
        ("192.0.2.10:8000", None, AllowedHosts(addresses=True), False),
        ("192.0.2.10:8000", None, AllowedHosts(), True),
        # A page from another site opening the websocket.
        ("127.0.0.1:8000", "http://attacker.example", AllowedHosts(), True),
        ("dash.example:8000", "http://attacker.example", AllowedHosts.of(["dash.example"]), True),
        ("[::1", None, AllowedHosts(), True),  # no valid name at all
    ],
)
def test_refusal(host: str, origin: str | None, allowed: AllowedHosts, refused: bool) -> None:
    assert (refusal(host, origin, allowed) is not None) == refused
