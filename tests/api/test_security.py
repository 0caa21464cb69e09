"""The token stays secret: never over plain http to another machine, never in a message.

Also proves that ``krafter_tui.api`` stays free of Textual and Rich.
"""

from __future__ import annotations

import subprocess
import sys
import traceback
from pathlib import Path

import httpx
import pytest

from krafter_tui.api import (
    ApiError,
    BadRequestError,
    InsecureTransportError,
    KrafterClient,
    Period,
    UnauthorizedError,
)

from .conftest import TOKEN
from .payloads import REALTIME, SITE_KEY
from .scripted_server import Reply, ScriptedServer, json_reply

ROOT = Path(__file__).resolve().parents[2]
SECRET_PART = TOKEN[12:]  # beyond the 12-character prefix a UI may show


def must_not_be_called(request: httpx.Request) -> httpx.Response:
    pytest.fail(f"a request was sent to {request.url.host}")


def realtime_answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=REALTIME, headers={"content-type": "application/json"})


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/api/v1/analytics",
        "http://app.krafter.dev/api/v1/analytics",
        "HTTP://APP.KRAFTER.DEV/api/v1/analytics",
        "http://10.0.0.5:8000",
        "http://192.168.1.20/api",
        "http://0.0.0.0:8000",
        "http://localhost.example.com",
        "http://127.0.0.1.nip.io",
        "http://127.0.0.1@evil.example/api",
        "http://[fe80::1]:8000",
    ],
)
def test_token_is_never_sent_over_plain_http_to_another_machine(url: str) -> None:
    transport = httpx.MockTransport(must_not_be_called)
    with pytest.raises(InsecureTransportError) as caught:
        KrafterClient(TOKEN, url, transport=transport)
    message = str(caught.value)
    assert "https://" in message
    assert "plain http" in message
    assert SECRET_PART not in message


def test_insecure_transport_error_names_the_host() -> None:
    with pytest.raises(InsecureTransportError, match="example.com"):
        KrafterClient(TOKEN, "http://example.com")


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://127.0.0.1:8000/api/v1/analytics", "127.0.0.1"),
        ("http://127.5.6.7/api/v1/analytics", "127.5.6.7"),
        ("http://[::1]:8000/api/v1/analytics", "::1"),
        ("http://localhost:8000/api/v1/analytics", "localhost"),
        ("https://app.krafter.dev/api/v1/analytics", "app.krafter.dev"),
        ("https://10.0.0.5/api/v1/analytics", "10.0.0.5"),
        ("https://stats.example.org:8443/api/v1/analytics", "stats.example.org"),
    ],
)
async def test_loopback_http_and_https_anywhere_are_accepted(url: str, host: str) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return realtime_answer(request)

    async with KrafterClient(TOKEN, url, transport=httpx.MockTransport(handler)) as api:
        assert (await api.realtime(SITE_KEY)).current_visitors == 5
    [request] = seen
    assert request.url.host == host
    assert request.url.path == f"/api/v1/analytics/sites/{SITE_KEY}/realtime"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


def test_the_default_api_url_is_the_documented_https_root() -> None:
    api = KrafterClient(TOKEN, transport=httpx.MockTransport(must_not_be_called))
    assert api.api_url == "https://app.krafter.dev/api/v1/analytics"


@pytest.mark.parametrize("url", ["ftp://example.com/api", "not a url", "https://", "", "//x/y"])
def test_an_unusable_api_url_is_refused_with_a_message(url: str) -> None:
    with pytest.raises(ApiError) as caught:
        KrafterClient(TOKEN, url, transport=httpx.MockTransport(must_not_be_called))
    assert "URL" in str(caught.value)


@pytest.mark.parametrize("token", ["", "   ", "kr_live_abc\r\nX-Evil: 1", "kr live abc", "kr_ä"])
def test_an_empty_or_malformed_token_is_refused_before_anything_is_sent(token: str) -> None:
    with pytest.raises(UnauthorizedError):
        KrafterClient(token, transport=httpx.MockTransport(must_not_be_called))


def assert_no_token(error: BaseException) -> None:
    shown = [
        str(error),
        repr(error),
        "".join(traceback.format_exception(error)),
        getattr(error, "message", ""),
    ]
    for text in shown:
        assert SECRET_PART not in text


@pytest.mark.parametrize(
    "reply",
    [
        json_reply({"error": "Invalid or missing API key"}, status=401),
        json_reply({"error": "Insufficient scope"}, status=403),
        json_reply({"error": "Not found"}, status=404),
        json_reply({"error": f"bad token {TOKEN}"}, status=400),
        json_reply({"error": "Validation failed", "details": {"key": [TOKEN]}}, status=422),
        json_reply({"error": "Rate limit exceeded", "retry_after": 3}, status=429),
        json_reply({"error": "boom"}, status=500),
        Reply(status=502, body=b"<html>bad gateway</html>"),
        json_reply({"error": "teapot"}, status=418),
        json_reply(b'{"data": {"current_visitors": "x"}}'),
        Reply(status=200, body=b"<html></html>"),
        Reply(action="drop", body=REALTIME),
    ],
    ids=lambda r: f"{r.action}-{r.status}",
)
async def test_no_error_message_or_repr_contains_the_token(
    server: ScriptedServer, client: KrafterClient, reply: Reply
) -> None:
    server.script(reply)
    with pytest.raises(ApiError) as caught:
        await client.realtime(SITE_KEY)
    assert_no_token(caught.value)


async def test_a_server_echoing_the_token_in_a_400_does_not_put_it_on_screen(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(
        json_reply(
            {"error": f"bad token {TOKEN}", "details": {TOKEN: [f"key {TOKEN} unknown"]}},
            status=422,
        )
    )
    with pytest.raises(BadRequestError) as caught:
        await client.realtime(SITE_KEY)
    assert SECRET_PART not in str(caught.value)
    assert SECRET_PART not in str(caught.value.details)
    # The 12-character prefix (what the Krafter dashboard shows) still identifies the key.
    assert f"bad token {TOKEN[:12]}…" in str(caught.value)


async def test_network_errors_do_not_leak_the_token(server: ScriptedServer) -> None:
    server.script(Reply(action="stall", stall_seconds=1.0))
    async with KrafterClient(TOKEN, server.api_url, timeout=httpx.Timeout(0.2)) as api:
        with pytest.raises(ApiError) as caught:
            await api.realtime(SITE_KEY)
    assert_no_token(caught.value)


def test_the_client_and_its_budget_do_not_show_the_token_in_repr() -> None:
    api = KrafterClient(TOKEN, transport=httpx.MockTransport(must_not_be_called))
    assert SECRET_PART not in repr(api)
    assert SECRET_PART not in repr(api.budget)
    assert SECRET_PART not in str(vars(api.budget))


async def test_the_token_travels_only_in_the_authorization_header(
    server: ScriptedServer, client: KrafterClient
) -> None:
    server.script(json_reply(REALTIME), json_reply(b'{"data": []}'))
    await client.realtime(SITE_KEY)
    await client.events(SITE_KEY, Period.parse("2025-01-01..2025-01-31"))
    for request in server.requests:
        assert SECRET_PART not in request.path + request.query_string
        carrying = [k for k, v in request.headers.items() if SECRET_PART in v]
        assert carrying == ["authorization"]


def run_python(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter from the checkout; return its printed lines."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


UI_MODULES = "sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))"


def test_the_api_package_imports_no_textual() -> None:
    [line] = run_python(f"import sys, krafter_tui.api\nprint(','.join({UI_MODULES}))")
    assert not [m for m in line.split(",") if m.startswith("textual")], line


def test_the_api_package_adds_no_textual_or_rich_beyond_what_httpx_loads() -> None:
    # httpx's own __init__ imports its CLI (httpx._main -> rich.console) whenever rich is
    # installed, which Textual guarantees; that is httpx's doing, so it is the baseline here.
    before, after = run_python(
        "import sys, httpx\n"
        f"print(','.join({UI_MODULES}))\n"
        "import krafter_tui.api\n"
        f"print(','.join({UI_MODULES}))\n"
    )
    added = set(after.split(",")) - set(before.split(","))
    assert added == set(), f"krafter_tui.api itself pulled in: {sorted(added)}"


def test_no_api_module_mentions_textual_or_rich_in_an_import() -> None:
    import ast

    for source in sorted((ROOT / "krafter_tui" / "api").glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in ("textual", "rich"), f"{source.name}: {name}"
