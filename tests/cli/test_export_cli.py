"""``krafter-tui export`` against the in-process demo: the figures are the demo API's own."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import UTC, datetime

import httpx
import pytest

from krafter_tui.__main__ import main
from krafter_tui.api import Dimension, Event, KrafterClient, Period, Stats
from krafter_tui.cli.sites_cmd import DEMO_API_URL
from krafter_tui.demo import DEMO_TOKEN, create_demo_app
from krafter_tui.demo.periods import MAX_CUSTOM_DAYS
from krafter_tui.feeds.poller import site_since

SITE = "Pebble CRM"


def _api(period: Period, dimension: Dimension | None) -> tuple[Stats, list[Event]]:
    """What the demo API answers for ``period`` resolved as the command resolves it."""

    async def fetch() -> tuple[Stats, list[Event]]:
        transport = httpx.ASGITransport(app=create_demo_app())
        async with KrafterClient(DEMO_TOKEN, DEMO_API_URL, transport=transport) as client:
            site = next(s for s in await client.list_sites() if s.name == SITE)
            longest = MAX_CUSTOM_DAYS if period.name == "all" else None
            sent = period.resolve(datetime.now(UTC).date(), since=site_since(site), longest=longest)
            dims: tuple[Dimension, ...] = (dimension,) if dimension else ()
            stats = await client.stats(site.site_key, sent, dims)
            return stats, list(await client.events(site.site_key, sent))

    return asyncio.run(fetch())


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["export", "--demo", "--site", SITE, *argv]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def test_breakdown_csv_is_the_apis(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "--period", "lastmonth", "--dimension", "country")
    stats, _ = _api(Period("lastmonth"), "country")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["value", "count", "percent"]
    expected = [(r.value, r.count, r.percent) for r in (stats.breakdown or {})["country"]]
    assert expected
    assert [(v, int(c), float(p)) for v, c, p in rows[1:]] == expected


def test_timeseries_json_has_the_resolved_period(capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(
        _run(capsys, "--period", "lastmonth", "--what", "timeseries", "--format", "json")
    )
    stats, _ = _api(Period("lastmonth"), None)
    assert doc["site"] == SITE
    assert doc["period"] == {"from": str(stats.period.start), "to": str(stats.period.end)}
    # lastmonth resolved here: a whole calendar month, not the API's default 30d.
    assert stats.period.start.day == 1
    assert doc["rows"] == [
        {"date": str(p.date), "pageviews": p.pageviews, "visitors": p.visitors, "visits": p.visits}
        for p in stats.timeseries
    ]


def test_events_json_with_conversion(capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(
        _run(
            capsys,
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
            "--what",
            "events",
            "--format",
            "json",
        )
    )
    stats, events = _api(Period.parse("2026-10-01..2026-10-31"), None)
    assert doc["period"] == {"from": "2026-10-01", "to": "2026-10-31"}
    by_name = {row["name"]: row for row in doc["rows"]}
    assert by_name and len(by_name) == len(events)
    for event in events:
        row = by_name[event.event_name]
        assert row["total"] == event.total and row["unique"] == event.unique_count
        want = round(min(100.0, event.unique_count / stats.totals.visitors * 100), 2)
        assert row["conversion"] == want


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["--site", "no such site"], 1, "no site matches"),
        (["--site", SITE, "--dimension", "colour"], 2, "unknown dimension"),
        ([], 2, "needs --site"),
        (["--site", SITE, "--from", "2026-01-01"], 2, "--to"),
    ],
)
def test_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, words: str
) -> None:
    assert main(["export", "--demo", *argv]) == code
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err and captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


def test_not_logged_in(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--site", SITE]) == 1
    assert "not logged in" in capsys.readouterr().err


def test_refused_key(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import krafter_tui.cli.sites_cmd as sites_cmd

    def wrong_key() -> tuple[str, httpx.AsyncBaseTransport]:
        return "kr_live_" + "n" * 43, httpx.ASGITransport(app=create_demo_app())

    monkeypatch.setattr(sites_cmd, "demo_transport", wrong_key)
    assert main(["export", "--demo", "--site", SITE]) == 1
    err = capsys.readouterr().err
    assert err.startswith("krafter-tui: error: cannot export") and err.count("\n") == 1


def test_help_describes_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--help"]) == 0
    out = capsys.readouterr().out
    for word in ("--format", "--what", "--dimension", "--period", "--demo", "formula"):
        assert word in out


def test_all_is_the_longest_range_the_server_takes_and_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["export", "--demo", "--site", SITE, "--period", "all", "--what", "timeseries"]
    assert main([*argv, "--format", "json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)  # the table alone on stdout
    stats, _ = _api(Period("all"), None)
    assert doc["period"] == {"from": str(stats.period.start), "to": str(stats.period.end)}
    # The demo refuses more than 400 days ("range must not exceed 400 days"), and the site
    # is older: all time is the last 400 days, and stderr says so in one line.
    assert (stats.period.end - stats.period.start).days == MAX_CUSTOM_DAYS - 1
    assert captured.err.count("\n") == 1
    assert f"all time is capped to the last {MAX_CUSTOM_DAYS} days (the server's limit)" in (
        captured.err
    )
    assert str(stats.period.start) in captured.err and "Pebble CRM was added 20" in captured.err


def test_all_of_a_site_younger_than_the_limit_is_whole_and_says_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["export", "--demo", "--site", "Pebble Docs", "--period", "all"]
    assert main([*argv, "--what", "timeseries", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert json.loads(captured.out)["rows"]


def test_a_site_text_matching_several_sites_names_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(["export", "--demo", "--site", "pebble", "--period", "7d", "--format", "csv"])
    err = capsys.readouterr().err
    assert status == 1
    assert "'pebble' matches 2 sites (Pebble CRM, Pebble Docs)" in err
