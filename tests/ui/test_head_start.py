"""The launch's first requests leave before the dashboard exists, and are used, each once.

``start_head_start`` is what ``krafter-tui`` runs before it imports Textual; these tests run it
against the demo server on loopback, then open the dashboard with its answers, and read the
server's own request log: every request of the dashboard's first round was answered early,
none was sent twice, and the panes show the figures. Nothing is timed. (The poller taking the
early answers, a remembered site, a compared period missing, another period: with the fakes
in tests/feeds/test_head_start.py.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx
import msgspec
import pytest
from textual.app import App
from textual.drivers import headless_driver
from textual.screen import Screen

from krafter_tui.api import Site
from krafter_tui.api.head_start_answers import HeadStartAnswers
from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions, opening_of, state_of
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.feeds.head_start import start_head_start
from krafter_tui.local.remembered import StateStore
from krafter_tui.ui.screens import DashboardScreen
from krafter_tui.ui.widgets import BreakdownTable, EventsTable, RealtimeCounter, TotalsPanel
from tests.support.demo_server import RunningDemo

from .helpers import SAFETY_WAIT, dashboard, until
from .screen_text import screen_lines

Requests = list[tuple[str, str]]


def listed_sites(server: RunningDemo) -> list[Site]:
    """The demo's sites as ``/sites`` lists them (the request is then forgotten)."""
    answer = httpx.get(f"{server.api_url}/sites", headers={"Authorization": f"Bearer {DEMO_TOKEN}"})
    sites = msgspec.convert(answer.json()["data"], list[Site])
    server.app.state.requests.clear()
    return sites


def requests(server: RunningDemo) -> Requests:
    """Path and query of every request the server saw, in order."""
    return [(r.path, r.query) for r in server.app.state.requests]


def head_start(options: DashboardOptions, token: str = DEMO_TOKEN) -> HeadStartAnswers:
    """What the CLI does before importing Textual; returns once the thread has finished."""
    early = start_head_start(token, options.api_url, lambda: opening_of(options, state_of(options)))
    assert early.finished.wait(SAFETY_WAIT), "the early requests did not end"
    return early


def every_pane_shows_data(app: KrafterApp) -> Callable[[], bool]:
    def shown() -> bool:
        screen = app.screen
        return bool(
            screen.query_one(TotalsPanel).totals
            and screen.query_one(TotalsPanel).previous
            and screen.query_one(BreakdownTable).breakdown
            and screen.query_one(EventsTable).events
            and screen.query_one(RealtimeCounter).readings
        )

    return shown


async def open_with(
    options: DashboardOptions, early: HeadStartAnswers, server: RunningDemo
) -> tuple[Requests, list[str], int, str]:
    """Open the dashboard with ``early``'s answers; the requests the server saw once every
    pane shows data, the screen's lines, the answers taken, and the site shown."""
    app = KrafterApp(options, token=DEMO_TOKEN, early=early)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(lambda: _ready(app))
        await until(every_pane_shows_data(app))
        await pilot.pause()
        seen = requests(server)
        screen = dashboard(app)
        assert screen.selection is not None
        return seen, screen_lines(app), early.taken, screen.selection.site.name


def _ready(app: KrafterApp) -> bool:
    try:
        dashboard(app)
    except AssertionError:
        return False
    return True


async def test_a_first_launch_asks_for_the_sites_then_the_first_site_and_uses_every_answer(
    fresh_budget: RunningDemo,
) -> None:
    server = fresh_budget
    first_site = listed_sites(server)[0].name
    options = DashboardOptions(api_url=server.api_url)
    early = head_start(options)
    sent_early = requests(server)
    paths = [path.rsplit("/", 1)[-1] for path, _ in sent_early]
    assert paths[0] == "sites" and sorted(paths[1:]) == ["events", "realtime", "stats", "stats"]

    seen, lines, taken, site = await open_with(options, early, server)

    # The dashboard's first round was answered entirely by the early requests: the server
    # saw nothing more, and nothing twice.
    assert seen == sent_early
    assert taken == 5
    assert site == first_site
    assert any(first_site in line for line in lines)
    assert any("Last 30 days" in line for line in lines)


async def test_a_kiosk_asks_for_the_first_site_of_its_own_list(fresh_budget: RunningDemo) -> None:
    server = fresh_budget
    third = listed_sites(server)[2]
    options = DashboardOptions(
        api_url=server.api_url, kiosk=True, kiosk_sites=(third.name,), rotate_sites=0
    )
    early = head_start(options)
    sent_early = requests(server)
    assert any(p.endswith(f"{third.site_key}/realtime") for p, _ in sent_early)

    seen, _, taken, site = await open_with(options, early, server)
    assert seen == sent_early
    assert (taken, site) == (5, third.name)


async def test_a_refused_key_is_asked_once_and_the_dashboard_says_so(
    fresh_budget: RunningDemo,
) -> None:
    server = fresh_budget
    server.app.state.requests.clear()
    options = DashboardOptions(api_url=server.api_url)
    early = start_head_start(
        "not-the-demo-key", options.api_url, lambda: opening_of(options, StateStore(None))
    )
    assert early.finished.wait(SAFETY_WAIT)
    app = KrafterApp(options, token="not-the-demo-key", early=early)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: any("refused" in line.lower() for line in screen_lines(app)))
        await pilot.pause()
        await asyncio.sleep(0.2)
        # The early /sites answer (401) was the dashboard's: not asked for a second time.
        assert [p for p, _ in requests(server)] == [requests(server)[0][0]]
        assert early.taken == 1


class FrameDriver(headless_driver.HeadlessDriver):
    """A headless driver that renders as a terminal would, keeping each write."""

    writes: list[bytes] = []

    @property
    def is_headless(self) -> bool:
        return False  # so the app renders its frames into terminal sequences

    def write(self, data: str) -> None:
        self.writes.append(data.encode("utf-8"))

    def flush(self) -> None:
        pass


async def test_the_first_frame_the_terminal_gets_shows_the_figures(
    fresh_budget: RunningDemo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answered while Textual was imported, the figures are in the panes before the screen's
    first frame is written: no empty dashboard, no loading marks, then the data."""
    server = fresh_budget
    options = DashboardOptions(api_url=server.api_url)
    early = head_start(options)
    frames: list[bytes] = []
    write = App._display

    def display(self: App[object], screen: Screen[object], renderable: object) -> None:
        FrameDriver.writes.clear()
        write(self, screen, renderable)  # type: ignore[arg-type]
        if FrameDriver.writes and isinstance(screen, DashboardScreen):
            frames.append(b"".join(FrameDriver.writes))

    # No frame can be written before the screen's on_mount has returned: the figures must be
    # in the panes by then (not a loop turn later, which a loaded machine's Textual may spend
    # writing an empty dashboard first).
    in_panes_after_mount: list[bool] = []
    mounted = DashboardScreen.on_mount

    async def on_mount(self: DashboardScreen) -> None:
        await mounted(self)
        in_panes_after_mount.append(every_pane_shows_data(app)())

    monkeypatch.setattr(headless_driver, "HeadlessDriver", FrameDriver)
    monkeypatch.setattr(App, "_display", display)
    monkeypatch.setattr(DashboardScreen, "on_mount", on_mount)
    app = KrafterApp(options, token=DEMO_TOKEN, early=early)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(lambda: _ready(app) and every_pane_shows_data(app)())
        await pilot.pause()
        top = app.screen.query_one(BreakdownTable).shown_rows[0]
        event = app.screen.query_one(EventsTable).events[0]
    assert in_panes_after_mount == [True]
    first = frames[0]
    assert top.value.encode() in first and f"{top.count:,}".encode() in first
    assert event.event_name.encode() in first
    assert b"loading" not in first and b"connecting" not in first


async def test_with_a_shared_cache_a_second_launch_sends_nothing_the_first_just_fetched(
    fresh_budget: RunningDemo, tmp_path: Path
) -> None:
    server = fresh_budget
    server.app.state.requests.clear()
    cache = f"sqlite://{tmp_path}/wall/cache.sqlite3"
    options = DashboardOptions(
        api_url=server.api_url, shared_cache=cache, site=listed_sites(server)[0].site_key
    )

    def launch() -> HeadStartAnswers:
        early = start_head_start(
            DEMO_TOKEN,
            options.api_url,
            lambda: opening_of(options, StateStore(None)),
            shared_cache=cache,
        )
        assert early.finished.wait(SAFETY_WAIT), "the early requests did not end"
        return early

    launch()
    first = requests(server)
    assert len(first) >= 4  # the site list, stats, previous stats, events, live count
    launch()  # another screen of the wall, a moment later: all of it is in the cache
    assert requests(server) == first
    seen, lines, _, _ = await open_with(options, launch(), server)
    assert seen == first  # the dashboard itself found its first answers there too
    assert any("req left" in line for line in lines)
