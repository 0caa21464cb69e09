"""``krafter-tui serve`` up to the point where it would serve: hosts, ports, the key, the
command each tab runs (the serving itself is driven in a real browser in tests/web/)."""

from __future__ import annotations

import os
import shlex
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from krafter_tui.__main__ import main
from krafter_tui.web import DashboardWebServer
from tests.support.keyrings import MemoryKeyring, store_key

from .conftest import GOOD_TOKEN, SCOPED_TOKEN


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """Record what ``serve`` would run (command, listening address, the key in the environment
    the tabs inherit) instead of serving."""
    calls: list[dict[str, Any]] = []
    # Registers the variable for restoring: serve sets it for its tabs.
    monkeypatch.setenv("KRAFTER_API_TOKEN", "placeholder")
    monkeypatch.delenv("KRAFTER_API_TOKEN")

    def run(self: DashboardWebServer) -> None:
        calls.append(
            {
                "command": self.command,
                "address": self._sock.getsockname()[:2],
                "token": os.environ.get("KRAFTER_API_TOKEN"),
                "max_sessions": self.max_sessions,
                "allowed": self._allowed,
            }
        )

    monkeypatch.setattr(DashboardWebServer, "run", run)
    yield calls


def test_a_logged_in_serve_hands_tabs_the_flags_and_the_key_off_the_command_line(
    served: list[dict[str, Any]],
    isolated: MemoryKeyring,
    api_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store_key(isolated, GOOD_TOKEN, api_url)
    argv = ["serve", "--port", "0", "--site", "Blog", "--period", "7d", "--no-kiosk"]
    assert main(argv) == 0
    (call,) = served
    words = shlex.split(call["command"])
    assert words[1:3] == ["-m", "krafter_tui"]
    flags = ["--site", "Blog", "--period", "7d", "--no-kiosk", "--api-url", api_url]
    # Every tab a dashboard process of its own: they share their polling (one SQLite cache in
    # the user's cache folder) unless a shared cache is set elsewhere.
    assert words[3:-2] == flags
    assert words[-2] == "--shared-cache" and words[-1].startswith("sqlite://")
    assert words[-1].endswith("answers.sqlite3")
    assert GOOD_TOKEN not in call["command"]
    assert call["token"] == GOOD_TOKEN
    assert call["address"][0] == "127.0.0.1"
    out = capsys.readouterr().out
    assert f"http://127.0.0.1:{call['address'][1]}/" in out
    assert GOOD_TOKEN not in out


def test_a_refused_key_stops_serve_before_it_listens(
    served: list[dict[str, Any]],
    isolated: MemoryKeyring,
    api_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store_key(isolated, SCOPED_TOKEN, api_url)
    assert main(["serve", "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot serve" in err and "scope" in err.lower()
    assert served == []


def test_an_api_down_now_is_a_warning_and_serve_goes_on(
    served: list[dict[str, Any]],
    isolated: MemoryKeyring,
    closed_port_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store_key(isolated, GOOD_TOKEN, closed_port_url)
    assert main(["serve", "--port", "0"]) == 0
    assert "warning" in capsys.readouterr().err
    assert len(served) == 1


def test_not_logged_in_is_one_error_line(
    served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not logged in" in err and "auth login" in err
    assert served == []


def test_a_host_beyond_loopback_needs_public(
    served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--demo", "--host", "192.0.2.10", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--public" in err and "team's analytics" in err
    assert served == []


def test_public_warns_that_whoever_reaches_it_sees_the_data(
    served: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from krafter_tui.demo import serving as server

    real_bind = server.bind
    bound: list[str] = []

    def loopback_instead(host: str, port: int) -> socket.socket:
        bound.append(host)  # the tests listen on loopback only
        return real_bind("127.0.0.1", 0)

    monkeypatch.setattr(server, "bind", loopback_instead)
    assert main(["serve", "--demo", "--public", "--host", "192.0.2.10", "--port", "0"]) == 0
    assert bound == ["192.0.2.10"]
    err = capsys.readouterr().err
    assert "warning" in err and "whoever can reach it sees the team's analytics" in err
    assert len(served) == 1


def test_public_on_loopback_does_not_claim_to_serve_beyond_this_machine(
    served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--demo", "--public", "--port", "0"]) == 0
    err = capsys.readouterr().err
    assert "beyond this machine" not in err
    assert "--public changes nothing here" in err and "this machine only" in err
    (call,) = served
    # Still loopback names only: --public widens where it listens, never whom it answers.
    assert not call["allowed"].allows("evil.example")
    assert not call["allowed"].allows("192.0.2.10")


def test_allowed_names_and_the_tab_cap_reach_the_server(
    served: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KRAFTER_SERVE_MAX_SESSIONS", "2")
    argv = ["serve", "--demo", "--port", "0", "--allow-host", "Dash.Example"]
    assert main([*argv, "--allow-host", "wall.example"]) == 0
    (call,) = served
    assert call["max_sessions"] == 2
    assert call["allowed"].allows("dash.example") and call["allowed"].allows("wall.example")
    assert not call["allowed"].allows("evil.example")
    out = capsys.readouterr().out
    assert "Answers under: dash.example, wall.example" in out
    assert "at most 2 tabs at once" in out


def test_a_bad_allowed_name_is_one_error_line(
    served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--demo", "--port", "0", "--allow-host", "http://dash.example"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--allow-host" in err and "host name" in err
    assert served == []


def test_a_port_in_use_is_one_error_line(
    served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--demo", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"cannot listen on 127.0.0.1 port {port}" in err and "--port" in err
    assert served == []


def test_bad_dashboard_flags_stop_serve_before_it_listens(
    served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--demo", "--port", "0", "--refresh", "1"]) == 2
    assert served == []


def test_a_shared_cache_set_for_serve_reaches_the_tabs_as_it_is(
    served: list[dict[str, Any]],
    isolated: MemoryKeyring,
    api_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store_key(isolated, GOOD_TOKEN, api_url)
    monkeypatch.setenv("KRAFTER_SHARED_CACHE", "redis://127.0.0.1:6390/2")
    assert main(["serve", "--port", "0"]) == 0
    (call,) = served
    # Set in the environment, which every tab inherits: no default added on top.
    assert "--shared-cache" not in shlex.split(call["command"])
