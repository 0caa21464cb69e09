"""``krafter-tui status``: one line for a status bar, read from a dashboard's shared cache."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
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
            query = scope.get("query_string", b"").decode()
            self.requests.append(scope["path"] + (f"?{query}" if query else ""))
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
        paths = sorted(p.partition("?")[0].rsplit("/", 1)[-1] for p in demo.requests)
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


def test_the_change_is_against_the_record_at_the_same_time_yesterday(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The one "so far" rule, as the dashboard applies it: with yesterday recorded up to this
    time of day, today so far is compared with exactly that (not with a share of the day)."""
    import krafter_tui.cli.status_cmd as status_cmd
    from krafter_tui.cli.sites_cmd import DEMO_API_URL
    from krafter_tui.record import Record
    from krafter_tui.text.numbers import change_text
    from tests.record.conftest import made_stats

    moment = (datetime.now(UTC) - timedelta(days=3)).replace(hour=15, minute=0, second=0)
    monkeypatch.setattr(status_cmd, "now", lambda: moment)
    monkeypatch.setenv("KRAFTER_SHARED_CACHE", f"sqlite://{tmp_path / 'c.sqlite3'}")
    monkeypatch.setenv("KRAFTER_RECORD_PATH", str(tmp_path / "record.sqlite3"))
    key = _site_key(capsys)
    record = Record(DEMO_TOKEN, DEMO_API_URL, tmp_path / "record.sqlite3")
    then = moment - timedelta(days=1)
    for minutes, visitors in ((10, 100), (600, 400), (900, 500)):  # 00:10, 10:00, 15:00
        at = then.replace(hour=0) + timedelta(minutes=minutes)
        assert record.add_stats(key, made_stats(at, (visitors * 3, visitors, visitors)), at)
    record.close()
    assert main(["status", "--demo", "--site", key, "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["vs"] == "so far · vs same time yesterday"
    assert shown["change"] == change_text(shown["visitors_today"], 500)[0]
    monkeypatch.setenv("KRAFTER_RECORD", "0")  # no record: the share of yesterday
    assert main(["status", "--demo", "--site", key, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["vs"] == "so far · vs same share of yesterday"


def test_today_is_the_utc_day_in_any_time_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """At 15:00 UTC it is already tomorrow in Kiritimati (UTC+14): "today" is still the UTC
    day, as Krafter counts days, and yesterday is the UTC day before it."""
    import time

    import krafter_tui.cli.status_cmd as status_cmd

    moment = (datetime.now(UTC) - timedelta(days=3)).replace(hour=15, minute=0, second=0)
    monkeypatch.setattr(status_cmd, "now", lambda: moment)
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        key = _site_key(capsys)
        with counted_demo() as (api_url, demo):
            _env(monkeypatch, api_url, tmp_path / "shared.sqlite3")
            assert main(["status", "--site", key]) == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    day, before = moment.date(), moment.date() - timedelta(days=1)
    asked = sorted(
        p.partition("?")[2] for p in demo.requests if p.partition("?")[0].endswith("/stats")
    )
    assert asked[0] == f"period=custom&from={before}&to={before}"
    assert asked[1].startswith(f"period=custom&from={day}&to={day}&dimensions=")
    assert len(asked) == 2
    assert " today" in capsys.readouterr().out


def test_an_unusable_shared_cache_is_one_warning_and_the_line_still_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("KRAFTER_SHARED_CACHE", f"sqlite://{tmp_path / 'a-file' / 'c.sqlite3'}")
    assert main(["status", "--demo"]) == 0
    out, err = capsys.readouterr()
    assert out.count("\n") == 1 and " now · " in out
    assert err.count("\n") == 1 and err.startswith("krafter-tui: warning: shared cache unusable")
