"""``sites`` (table, JSON, demo), the dashboard launch path and ``demo-server`` delegation."""

from __future__ import annotations

import json
import sys
import types
from datetime import date
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from krafter_tui.__main__ import main
from krafter_tui.api import Period
from krafter_tui.config.options import DashboardOptions
from tests.support.keyrings import MemoryKeyring, store_key

from .conftest import GOOD_TOKEN, SITES

DEMO_TOKEN = "kr_live_" + "D" * 43


@pytest.fixture
def fake_demo(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """A stand-in ``krafter_tui.demo`` with the agreed interface."""
    module = types.ModuleType("krafter_tui.demo")

    async def sites(request: Request) -> JSONResponse:
        if request.headers.get("authorization") != f"Bearer {DEMO_TOKEN}":
            return JSONResponse({"error": "Invalid or missing API key"}, status_code=401)
        return JSONResponse({"data": [{**SITES[0], "name": "Demo shop"}]})

    def create_demo_app(**kwargs: Any) -> Starlette:
        return Starlette(routes=[Route("/api/v1/analytics/sites", sites)])

    module.DEMO_TOKEN = DEMO_TOKEN  # type: ignore[attr-defined]
    module.create_demo_app = create_demo_app  # type: ignore[attr-defined]
    module.server_argv = []  # type: ignore[attr-defined]

    def demo_server_main(argv: list[str]) -> int:
        module.server_argv.append(argv)
        return 0

    module.demo_server_main = demo_server_main  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "krafter_tui.demo", module)
    return module


def test_sites_table(
    capsys: pytest.CaptureFixture[str], api_url: str, isolated: MemoryKeyring
) -> None:
    store_key(isolated, GOOD_TOKEN, api_url)
    assert main(["sites", "--api-url", api_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "DOMAIN", "SITE", "KEY"]
    assert lines[1].split() == ["Example", "example.com", "sk_example"]
    assert "\x1b" not in lines[2] and lines[2].endswith("sk_blog")


def test_sites_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], api_url: str
) -> None:
    monkeypatch.setenv("KRAFTER_API_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("KRAFTER_API_URL", api_url)
    assert main(["sites", "--json"]) == 0
    out = capsys.readouterr().out
    # The values as the server sent them, less what would drive a terminal (`jq -r` prints
    # the JSON's strings raw): the escape in the second name arrives as U+FFFD.
    expected = [{**SITES[0]}, {**SITES[1], "name": "Blog [bold]\ufffd[31m"}]
    assert json.loads(out) == expected
    assert GOOD_TOKEN not in out


def test_sites_needs_a_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sites"]) == 1
    assert "not logged in" in capsys.readouterr().err


def test_sites_refused_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], api_url: str
) -> None:
    monkeypatch.setenv("KRAFTER_API_TOKEN", "kr_live_" + "n" * 43)
    assert main(["sites", "--api-url", api_url]) == 1
    assert "refused" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["sites", "--demo", "--json"], ["--demo", "sites", "--json"]])
def test_sites_demo(
    fake_demo: types.ModuleType, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)[0]["name"] == "Demo shop"


def test_launch_builds_the_dashboard_options(
    launched: list[dict[str, Any]],
    write_config: Any,
    monkeypatch: pytest.MonkeyPatch,
    isolated: MemoryKeyring,
) -> None:
    write_config('realtime_interval = 20\n[profiles.work]\napi_url = "https://w.example/api"\n')
    store_key(isolated, GOOD_TOKEN, "https://w.example/api", profile="work")
    monkeypatch.setenv("KRAFTER_THEME", "nord")
    argv = [
        "--profile",
        "work",
        "--site",
        "Blog",
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-31",
        "--refresh",
        "30",
    ]
    assert main(argv) == 0
    (call,) = launched
    assert call["options"] == DashboardOptions(
        api_url="https://w.example/api",
        site="Blog",
        period=Period.custom(date(2025, 1, 1), date(2025, 1, 31)),
        realtime_interval=20.0,
        stats_interval=30.0,
        theme="nord",
        profile="work",
        demo=False,
    )
    assert call["token"] == GOOD_TOKEN and call["transport"] is None
    assert call["store_token"]("kr_live_" + "N" * 43) is None
    assert isolated.passwords[("krafter-tui", "work")] == "kr_live_" + "N" * 43
    assert isolated.passwords[("krafter-tui", "work:api_url")] == "https://w.example/api"


def test_launch_without_a_key_lets_the_app_log_in(launched: list[dict[str, Any]]) -> None:
    assert main(["--period", "7d"]) == 0
    (call,) = launched
    assert call["token"] is None and callable(call["store_token"])
    assert call["options"] == DashboardOptions(period=Period("7d"))


def test_launch_demo(launched: list[dict[str, Any]], fake_demo: types.ModuleType) -> None:
    import httpx

    assert main(["--demo", "--period", "12mo"]) == 0
    (call,) = launched
    options = call["options"]
    assert options.demo and options.api_url == "http://demo.localhost/api/v1/analytics"
    assert options.period == Period("12mo")
    assert call["token"] == DEMO_TOKEN and isinstance(call["transport"], httpx.ASGITransport)


def test_launch_returns_the_app_status(
    launched: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.modules["krafter_tui.app"], "run_dashboard", lambda o, **k: 3)
    assert main([]) == 3


@pytest.mark.parametrize("argv", [["--demo"], ["sites", "--demo"], ["demo-server"]])
def test_missing_demo_is_one_line_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    monkeypatch.setitem(sys.modules, "krafter_tui.demo", None)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not available" in err and "Traceback" not in err


def test_missing_app_is_one_line_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "krafter_tui.app", None)
    assert main([]) == 1
    assert "cannot start the dashboard" in capsys.readouterr().err


def test_demo_server_gets_the_remaining_arguments(fake_demo: types.ModuleType) -> None:
    assert main(["demo-server", "--port", "8765", "--help"]) == 0
    assert main(["demo-server"]) == 0
    assert fake_demo.server_argv == [["--port", "8765", "--help"], []]
