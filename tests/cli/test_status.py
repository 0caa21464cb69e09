"""``krafter-tui status``: one line for a status bar, read from a dashboard's shared cache."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from krafter_tui.api import KrafterClient, Period
from krafter_tui.api.shared import open_shared_cache
from krafter_tui.cli import main
from krafter_tui.demo import API_PREFIX, DEMO_TOKEN
from krafter_tui.feeds.head_start import Ages, first_requests
from krafter_tui.feeds.poller import SITES_REFRESH
from tests.support.demo_server import demo_app
from tests.support.loopback import serving

from .conftest import GOOD_TOKEN


class Counting:
    """The demo behind a counter of the HTTP requests it was sent."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.requests.append(scope["path"])
        await self.app(scope, receive, send)


@contextmanager
def counted_demo() -> Iterator[tuple[str, Counting]]:
    counting = Counting(demo_app(rate_limit=10_000))
    with serving(counting) as base:
        yield f"{base}{API_PREFIX}", counting


def _env(monkeypatch: pytest.MonkeyPatch, api_url: str, cache: Path) -> None:
    monkeypatch.setenv("KRAFTER_API_TOKEN", DEMO_TOKEN)
    monkeypatch.setenv("KRAFTER_API_URL", api_url)
    monkeypatch.setenv("KRAFTER_SHARED_CACHE", f"sqlite://{cache}")
    # The dashboard's live count every 60 s: 60 bar refreshes fit in its window on a slow box.
    monkeypatch.setenv("KRAFTER_REALTIME_INTERVAL", "60")


def _dashboard_polls(api_url: str, cache: Path, site_key: str) -> None:
    """What a dashboard on ``today`` sends first (the head start's very requests), through
    the shared cache."""

    async def poll() -> None:
        shared = open_shared_cache(f"sqlite://{cache}")
        async with KrafterClient(DEMO_TOKEN, api_url, shared=shared) as client:
            sites = await client.list_sites(max_age=SITES_REFRESH)
            [site] = [s for s in sites if s.site_key == site_key]
            await first_requests(
                client,
                site,
                Period("today"),
                datetime.now(UTC).date(),
                Ages(realtime=60.0, stats=60.0),
            )

    asyncio.run(poll())


def _site_key(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["sites", "--demo", "--json"]) == 0
    return str(json.loads(capsys.readouterr().out)[0]["site_key"])


def test_sixty_bar_refreshes_beside_a_dashboard_send_no_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "shared.sqlite3"
    key = _site_key(capsys)
    with counted_demo() as (api_url, demo):
        _env(monkeypatch, api_url, cache)
        _dashboard_polls(api_url, cache, key)
        assert demo.requests  # the dashboard asked the server
        demo.requests.clear()
        lines = []
        for _ in range(60):
            assert main(["status", "--site", key]) == 0
            out, err = capsys.readouterr()
            assert err == ""
            lines.append(out)
        assert demo.requests == []
    line = lines[-1]
    assert line.count("\n") == 1
    assert " now · " in line and " today" in line
    assert DEMO_TOKEN not in "".join(lines)


def test_without_a_dashboard_it_fetches_once_then_shares_with_the_next_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "shared.sqlite3"
    key = _site_key(capsys)
    with counted_demo() as (api_url, demo):
        _env(monkeypatch, api_url, cache)
        assert main(["status", "--site", key, "--format", "json"]) == 0
        first = json.loads(capsys.readouterr().out)
        paths = sorted(p.rsplit("/", 1)[-1] for p in demo.requests)
        assert paths == ["realtime", "sites", "stats", "stats"]  # today's and yesterday's
        demo.requests.clear()
        assert main(["status", "--site", key, "--format", "waybar"]) == 0
        bar = json.loads(capsys.readouterr().out)
        assert demo.requests == []
    assert set(first) >= {"site", "domain", "visitors_now", "visitors_today", "change"}
    assert isinstance(first["visitors_now"], int) and first["visitors_today"] >= 0
    assert set(bar) == {"text", "tooltip", "class"}
    assert bar["class"] in ("up", "down", "flat")
    assert bar["text"].startswith(f"{first['site']} · {first['visitors_now']:,} now · ")
    assert first["domain"] in bar["tooltip"]


def test_errors_are_one_line_and_exit_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with counted_demo() as (api_url, _demo):
        _env(monkeypatch, api_url, tmp_path / "shared.sqlite3")
        assert main(["status", "--site", "no-such-site"]) == 1
        out, err = capsys.readouterr()
        assert out == "" and err == "krafter-tui: error: no site matches 'no-such-site'\n"
        monkeypatch.setenv("KRAFTER_API_TOKEN", GOOD_TOKEN)  # a key the demo does not know
        assert main(["status"]) == 1
        out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("krafter-tui: error: ")
    assert "Traceback" not in err and GOOD_TOKEN not in err and GOOD_TOKEN[8:20] not in err


def test_the_demo_needs_no_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KRAFTER_SHARED_CACHE", f"sqlite://{tmp_path / 'c.sqlite3'}")
    assert main(["status", "--demo"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and " now · " in out
