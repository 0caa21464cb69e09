"""Kiosk playlist (``kiosk_stops``) as a wall shows it: the first site stop on screen, the
countdown naming the stop and the next, bad stops said once on screen and skipped."""

from __future__ import annotations

import re
from collections.abc import Callable

from krafter_tui.app import KrafterApp

from .conftest import settle
from .helpers import dashboard, wait_until
from .screen_text import screen_rows

MakeApp = Callable[..., KrafterApp]
LINE = re.compile(r"stop (\d) of (\d) · next in (\d+)s: (.+?)\s*$")


async def test_the_playlist_starts_on_its_first_site_and_says_the_bad_stops(
    make_app: MakeApp,
) -> None:
    stops = ("Nope:20", "Slow Brew Notes:40", "Pebble CRM:x", "overview:30", "Pebble Docs")
    app = make_app(kiosk=True, rotate_sites=60.0, kiosk_stops=stops)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        assert screen.selection is not None and screen.selection.site.name == "Slow Brew Notes"
        await wait_until(pilot, lambda: LINE.search(screen_rows(app)[-1]) is not None, 5, "line")
        match = LINE.search(screen_rows(app)[-1])
        assert match is not None
        # Nope and the bad duration are not stops: Slow Brew Notes, All sites, Pebble Docs.
        assert (match[1], match[2], match[4]) == ("1", "3", "All sites")
        assert 35 <= int(match[3]) <= 40  # its own 40 s, not the 60 s of the rotation
        said = [n.message for n in app._notifications]  # the toasts
        assert "Kiosk: no site matches 'Nope'; skipped." in said
        assert any(m.startswith("Kiosk: kiosk_stops: 'Pebble CRM:x' has no valid") for m in said)
        assert app.is_running
