"""Helpers the pilot tests share: the dashboard on top, its banner, waiting for a condition,
and what kind of request a transport saw. (Reading the screen's text is in screen_text.py;
fixtures and ``settle`` are in conftest.py.)"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from krafter_tui.app import KrafterApp
from krafter_tui.ui.screens import DashboardScreen
from krafter_tui.ui.widgets import Pane, TotalsPanel
from tests.support.requests import SAFETY_WAIT, kind, until

__all__ = ["SAFETY_WAIT", "all_fresh", "banner", "dashboard", "kind", "until", "wait_until"]


def dashboard(app: KrafterApp) -> DashboardScreen:
    """The screen on top, which must be the dashboard."""
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    return screen


def banner(app: KrafterApp) -> str:
    """The banner's text while it is shown, else ``""``."""
    widget = app.screen.query_one("#banner", Static)
    return str(widget.render()) if widget.has_class("-visible") else ""


def all_fresh(app: KrafterApp) -> bool:
    """The dashboard is up with data in every pane, no pane or feed in error, no banner."""
    if not isinstance(app.screen, DashboardScreen):
        return False
    screen = app.screen
    return (
        screen.query_one(TotalsPanel).totals is not None
        and all(p.error is None for p in screen.query(Pane))
        and all(h.error is None and h.last_ok is not None for h in screen.poller.health.values())
        and banner(app) == ""
    )


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], timeout: float, what: str
) -> None:
    """Wait until ``condition()`` holds, letting the app run between looks; fail the test
    saying ``what`` did not happen within ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        await pilot.pause(0.05)
