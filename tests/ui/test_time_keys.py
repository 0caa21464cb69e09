"""Moving through time from the keyboard, as in Plausible: every period key against the demo,
the exact range asked for, and what the status line then says (the demo's clock is frozen on
Thursday 2026-11-26, 14:30 UTC)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from textual.widgets import Input

from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp, create_demo_app
from krafter_tui.local.remembered import StateStore

from .conftest import DEMO_URL, settle
from .screen_text import screen_lines

MakeApp = Callable[..., KrafterApp]
FROZEN_DAY = date(2026, 11, 26)  # the UTC day of the tests' frozen clock


class Recorder(httpx.AsyncBaseTransport):
    """Forwards to the demo; keeps each stats request's query."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.stats: list[dict[str, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/stats") and "dimensions" in request.url.params:
            self.stats.append(dict(request.url.params))
        return await self.inner.handle_async_request(request)

    def last(self) -> tuple[str, ...]:
        query = self.stats[-1]
        before = self.stats[-2] if len(self.stats) > 1 else {}
        if query["period"] == "7d" and before.get("from", "") == before.get("to"):
            query = before  # the last 7 days a today asks for beside it (its chart's week)
        if query["period"] != "custom":
            return (query["period"],)
        return (query["from"], query["to"])


def status(app: KrafterApp) -> str:
    return screen_lines(app)[0]


@pytest.fixture
def recorder(demo: DemoApp) -> Recorder:
    return Recorder(httpx.ASGITransport(app=demo))


KEYS = [
    ("n", ("2026-11-26", "2026-11-26"), "Today"),
    ("e", ("2026-11-25", "2026-11-25"), "Yesterday"),
    ("M", ("2026-11-01", "2026-11-26"), "Month to date"),
    ("p", ("2026-10-01", "2026-10-31"), "Last month"),
    ("y", ("2026-01-01", "2026-11-26"), "Year to date"),
    ("w", ("7d",), "Last 7 days"),
    ("l", ("12mo",), "Last 12 months"),
]


@pytest.mark.parametrize(("key", "asked", "label"), KEYS, ids=[k for k, _, _ in KEYS])
async def test_each_period_key_asks_for_its_range_and_names_it(
    make_app: MakeApp, recorder: Recorder, key: str, asked: tuple[str, ...], label: str
) -> None:
    app = make_app(transport=recorder, period=None)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert recorder.last() == asked
        assert label in status(app)


@pytest.mark.parametrize(("limit", "size"), [(400, (120, 30)), (200, (80, 24))])
async def test_all_time_asks_for_the_longest_range_the_server_states_and_says_it_is_capped(
    make_app: MakeApp,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    limit: int,
    size: tuple[int, int],
) -> None:
    import krafter_tui.demo.periods as demo_periods

    # The demo refuses a longer range with "range must not exceed <limit> days".
    monkeypatch.setattr(demo_periods, "MAX_CUSTOM_DAYS", limit)
    app = make_app(transport=recorder)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        site = app.screen.selection.site  # type: ignore[attr-defined]
        asked = [(q["from"], q["to"]) for q in recorder.stats if q.get("period") == "custom"]
        assert asked[0] == (site.created_at[:10], "2026-11-26")
        # The site is older than the limit: all time is the last <limit> days, said so.
        first = str(FROZEN_DAY - timedelta(days=limit - 1))
        assert recorder.last() == (first, "2026-11-26")
        line = status(app)
        assert f"All time, last {limit} days" in line, line
        if size[0] >= 120:
            assert "(the server's limit)" in line and first in line, line
        assert "refused" not in " ".join(screen_lines(app))
        # The second time (after another period), the limit is known: no refused request.
        await pilot.press("w")
        await settle(pilot)
        before = len(recorder.stats)
        await pilot.press("a")
        await settle(pilot)
        assert [(q["from"], q["to"]) for q in recorder.stats[before:]] == [(first, "2026-11-26")]
        assert f"All time, last {limit} days" in status(app)


async def test_all_time_of_a_site_younger_than_the_limit_is_not_said_capped(
    make_app: MakeApp, recorder: Recorder
) -> None:
    app = make_app(transport=recorder, site="pebble docs")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        site = app.screen.selection.site  # type: ignore[attr-defined]
        assert recorder.last() == (site.created_at[:10], "2026-11-26")
        line = status(app)
        assert "All time" in line and "last" not in line and "limit" not in line, line


async def test_arrows_step_by_the_period_and_shift_right_comes_back_to_today(
    make_app: MakeApp, recorder: Recorder
) -> None:
    app = make_app(transport=recorder)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("M")  # month to date: Nov 1–26
        await settle(pilot)
        await pilot.press("left")
        await settle(pilot)
        assert recorder.last() == ("2026-10-01", "2026-10-31")
        assert "Oct 2026" in status(app)
        await pilot.press("left")
        await settle(pilot)
        assert recorder.last() == ("2026-09-01", "2026-09-30")
        await pilot.press("right")
        await settle(pilot)
        assert recorder.last() == ("2026-10-01", "2026-10-31")
        await pilot.press("shift+right")
        await settle(pilot)
        assert recorder.last() == ("2026-11-01", "2026-11-26")
        assert "Month to date" in status(app)
        asked = len(recorder.stats)
        await pilot.press("right")  # already reaches today: nothing asked, and said
        await settle(pilot)
        assert len(recorder.stats) == asked
        assert any("already reaches today" in n.message for n in app._notifications)


async def test_thirty_days_step_back_to_the_thirty_days_before_and_return(
    make_app: MakeApp, recorder: Recorder
) -> None:
    app = make_app(transport=recorder)  # the default period: 30d, Oct 27–Nov 26 (31 days)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("left")
        await settle(pilot)
        assert recorder.last() == ("2026-09-27", "2026-10-26")
        assert "30 days 2026-09-27 – 2026-10-26" in status(app)
        assert "31 days" not in status(app)
        await pilot.press("right")
        await settle(pilot)
        assert recorder.last() == ("30d",)
        assert "Last 30 days" in status(app)


async def test_the_arrows_move_the_filter_fields_cursor_not_the_period(
    make_app: MakeApp, recorder: Recorder
) -> None:
    app = make_app(transport=recorder)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        asked = len(recorder.stats)
        await pilot.press("slash", "a", "b", "left")
        await settle(pilot)
        field = app.screen.query_one(Input)
        assert field.has_focus and field.cursor_position == 1
        assert len(recorder.stats) == asked


async def test_today_is_the_utc_day_wherever_the_user_is(tmp_path: Path) -> None:
    # 03:56 on Dec 2 in Tokyo is 18:56 on Dec 1 in UTC: "today" is Dec 1 for the API.
    moment = datetime(2026, 12, 1, 18, 56, tzinfo=UTC)
    demo = create_demo_app(seed=42, now=lambda: moment)
    recorder = Recorder(httpx.ASGITransport(app=demo))
    options = DashboardOptions(
        api_url=DEMO_URL, demo=True, realtime_interval=3600.0, stats_interval=3600.0
    )
    app = KrafterApp(
        options,
        token=DEMO_TOKEN,
        transport=recorder,
        clock=lambda: moment.astimezone(ZoneInfo("Asia/Tokyo")),
        state=StateStore(tmp_path / "state.json"),
    )
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert recorder.last() == ("2026-12-01", "2026-12-01")
        await pilot.press("M")  # month to date on Dec 1 (UTC): one day
        await settle(pilot)
        assert recorder.last() == ("2026-12-01", "2026-12-01")
        await pilot.press("left")  # the whole of November
        await settle(pilot)
        assert recorder.last() == ("2026-11-01", "2026-11-30")
        assert "Nov 2026" in status(app) and "UTC" in status(app)
