"""The site list over real loopback HTTP: it fails, comes back empty, changes on the server.

The dashboard must stay up, say what is wrong until it is right (the once-a-second health tick
must not erase it), ask again by itself, and follow the server's list as it changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN, DemoApp, FaultSpec
from krafter_tui.feeds import poller_base
from krafter_tui.local.remembered import StateStore
from krafter_tui.ui.widgets import Pane, StatusBar
from tests.support.demo_server import demo_app
from tests.support.loopback import serving

from .helpers import banner, wait_until
from .helpers import dashboard as screen_of

Sites = list[dict[str, Any]]


class SiteList:
    """An ASGI front of the demo: ``/sites`` fails with ``status``, or answers the demo's list
    passed through ``edit``; every other request is the demo's own."""

    def __init__(self, demo: DemoApp) -> None:
        self.demo = demo
        self.status = 200
        self.edit: Callable[[Sites], Sites] = lambda sites: sites
        self.calls = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/sites"):
            await self.demo(scope, receive, send)
            return
        self.calls += 1
        if self.status != 200:
            await _send(send, self.status, {"error": "Internal server error"})
            return
        parts: list[bytes] = []

        async def keep(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        await self.demo(scope, receive, keep)
        sites = json.loads(b"".join(parts))["data"]
        await _send(send, 200, {"data": self.edit(sites)})


async def _send(send: Any, status: int, payload: object) -> None:
    body = json.dumps(payload).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture
def site_list(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[SiteList, str]]:
    """The front and its API URL; the list is retried and refreshed every second or so."""
    monkeypatch.setattr(poller_base, "SITES_REFRESH", 1.0)  # read as each poller is made
    front = SiteList(demo_app(seed=42))
    with serving(front) as base:
        yield front, f"{base}/api/v1/analytics"


def loopback_app(api_url: str, tmp_path: Path) -> KrafterApp:
    return KrafterApp(
        DashboardOptions(api_url=api_url, realtime_interval=3600, stats_interval=3600),
        token=DEMO_TOKEN,
        clock=lambda: datetime.now(UTC),
        state=StateStore(tmp_path / "state.json"),
    )


async def until(pilot: Pilot[Any], check: Callable[[], bool], what: str) -> None:
    """Wait (30 s at most) until ``check()`` holds."""
    await wait_until(pilot, check, 30, what)


def next_try(text: str) -> bool:
    """The banner says when the next try is (the test's retries come within seconds)."""
    return "Next try in" in text or "Trying again now" in text


def status(app: KrafterApp) -> str:
    return screen_of(app).query_one(StatusBar).render().plain


async def test_a_failing_site_list_says_so_retries_and_recovers(
    site_list: tuple[SiteList, str], tmp_path: Path
) -> None:
    front, api_url = site_list
    front.status = 500
    app = loopback_app(api_url, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: "Could not load the sites" in banner(app), "sites banner")
        screen = screen_of(app)
        assert "HTTP 500" in banner(app) and next_try(banner(app))
        assert "connecting…" not in status(app) and "HTTP 500" in status(app)
        await until(pilot, lambda: front.calls >= 2, "a retry without a key press")
        for _ in range(3):  # what the once-a-second tick does: the banner stays
            screen.update_health()
            assert "Could not load the sites" in banner(app)

        # A RecursionError (or MemoryError, or a bug) is said, logged and retried too.
        client = app.client
        assert client is not None
        real = client.list_sites

        async def deep(**_: Any) -> Any:  # list_sites(max_age=...) as the poller asks
            raise RecursionError("maximum recursion depth exceeded")

        client.list_sites = deep  # type: ignore[method-assign]
        await pilot.press("r")
        await until(pilot, lambda: "RecursionError" in banner(app), "internal error banner")
        assert screen.poller.sites_armed()
        assert app.log_path is not None and "RecursionError" in app.log_path.read_text()

        client.list_sites = real  # type: ignore[method-assign]
        front.status = 200
        await pilot.press("r")
        await until(pilot, lambda: screen.selection is not None, "a site on screen")
        await until(pilot, lambda: banner(app) == "", "the banner gone")
        assert "Pebble CRM" in status(app)


async def test_an_empty_site_list_is_asked_again_until_sites_appear(
    site_list: tuple[SiteList, str], tmp_path: Path
) -> None:
    front, api_url = site_list
    front.edit = lambda sites: []
    app = loopback_app(api_url, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: "no sites yet" in banner(app), "no-sites banner")
        screen = screen_of(app)
        assert "no sites" in status(app)
        screen.update_health()
        assert "no sites yet" in banner(app) and next_try(banner(app))
        front.edit = lambda sites: sites
        await until(pilot, lambda: screen.selection is not None, "sites found by a retry")
        await until(pilot, lambda: banner(app) == "", "the banner gone")
        assert "Pebble CRM" in status(app)


async def test_the_list_is_refreshed_renames_and_deletions_followed(
    site_list: tuple[SiteList, str], tmp_path: Path
) -> None:
    front, api_url = site_list
    app = loopback_app(api_url, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: "Pebble CRM" in status(app), "first site")
        screen = screen_of(app)
        assert screen.selection is not None
        key = screen.selection.site.site_key

        def renamed(sites: Sites) -> Sites:
            return [{**s, "name": "Pebble CRM v2"} if s["site_key"] == key else s for s in sites]

        front.edit = renamed
        await until(pilot, lambda: "Pebble CRM v2" in status(app), "the new name")
        assert not app._notifications  # a rename is no news
        front.edit = lambda sites: [s for s in sites if s["site_key"] != key]
        await until(pilot, lambda: "Pebble CRM" not in status(app), "another site")
        said = [n.message for n in app._notifications]
        assert any("Pebble CRM v2 is no longer on the server; showing" in m for m in said), said
        assert screen.selection is not None and screen.selection.site.site_key != key
        await until(pilot, lambda: all(p.error is None for p in screen.query(Pane)), "data")


async def test_a_site_key_refused_locally_does_not_stay_loading(
    site_list: tuple[SiteList, str], tmp_path: Path
) -> None:
    front, api_url = site_list
    front.edit = lambda sites: [{**sites[0], "site_key": "../x%2F"}, *sites[1:]]
    app = loopback_app(api_url, tmp_path)
    async with app.run_test(size=(200, 60)) as pilot:  # with breakdowns side by side
        # A refused selection says so (the lead's wording), never a "loading…" left behind.
        await until(pilot, lambda: "refused" in status(app), "the status line's note")
        screen = screen_of(app)
        assert "loading…" not in status(app) and "Not found" in banner(app)
        panes = [p for p in screen.query(Pane) if p.display]  # the side breakdowns: hidden
        assert all(p.error is not None and "site not found" in p.error for p in panes), [
            (p.id, p.error) for p in panes
        ]
        assert not any("x%2F" in r.path for r in front.demo.state.requests)  # never sent


async def test_a_first_stats_answer_that_fails_replaces_loading(
    site_list: tuple[SiteList, str], tmp_path: Path
) -> None:
    front, api_url = site_list
    front.demo.state.faults = FaultSpec.parse("error=1,status=503,only=stats")
    app = loopback_app(api_url, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: "HTTP 503" in status(app), "the status line's note")
        assert "loading…" not in status(app)
        front.demo.state.faults = None
        await pilot.press("r")
        await until(pilot, lambda: "HTTP 503" not in status(app), "the note gone")
        await until(pilot, lambda: all(p.error is None for p in screen_of(app).query(Pane)), "ok")
