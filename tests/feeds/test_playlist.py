"""The kiosk playlist on a fake clock: stops in order, each for its own seconds, names that
match no site passed over, the first stop a site, and the stop's place in the countdown."""

from __future__ import annotations

from krafter_tui.api import Site
from krafter_tui.feeds.playlist import Playlist
from tests.support.clock import FakeClock

SITES = [
    Site("u1", "pebblecrm.com", "Pebble CRM", "sk_pebble", False, "2024-01-01"),
    Site("u2", "slowbrew.blog", "Slow Brew Notes", "sk_brew", False, "2024-01-01"),
    Site("u3", "docs.pebblecrm.com", "Pebble Docs", "sk_docs", False, "2024-01-01"),
]


def run(playlist: Playlist, clock: FakeClock, seconds: float) -> list[tuple[str, float]]:
    """What a wall shows for ``seconds`` of the clock: (stop, when it came on screen)."""
    start = clock.seconds()
    first = playlist.start(SITES, clock.seconds())
    assert first is not None
    seen = [(first.name, 0.0)]
    end = start + seconds
    while playlist.due is not None and playlist.due <= end:
        clock.advance(playlist.due - clock.seconds())
        stop = playlist.advance(SITES, clock.seconds())
        assert stop is not None
        seen.append((stop.name, clock.seconds() - start))
    return seen


def test_each_stop_comes_in_order_for_its_own_seconds() -> None:
    clock = FakeClock()
    playlist = Playlist([("Pebble CRM", 90.0), ("overview", 30.0), ("sk_brew", 60.0)])
    assert run(playlist, clock, 360) == [
        ("Pebble CRM", 0.0),
        ("All sites", 90.0),
        ("Slow Brew Notes", 120.0),
        ("Pebble CRM", 180.0),
        ("All sites", 270.0),
        ("Slow Brew Notes", 300.0),
        ("Pebble CRM", 360.0),
    ]


def test_a_name_that_matches_no_site_is_passed_over() -> None:
    clock = FakeClock()
    playlist = Playlist([("Nope", 10.0), ("Pebble Docs", 20.0), ("overview", 5.0)])
    assert run(playlist, clock, 50) == [
        ("Pebble Docs", 0.0),
        ("All sites", 20.0),
        ("Pebble Docs", 25.0),
        ("All sites", 45.0),
        ("Pebble Docs", 50.0),
    ]
    assert playlist.position(SITES) == (1, 2)


def test_the_countdown_counts_to_the_next_stop() -> None:
    clock = FakeClock()
    playlist = Playlist([("overview", 30.0), ("Slow Brew Notes", 45.0)])
    first = playlist.start(SITES, clock.seconds())
    assert first is not None and first.name == "Slow Brew Notes"  # the dashboard opens on a site
    clock.advance(15)
    assert playlist.left(clock.seconds()) == 30.0
    upcoming = playlist.upcoming(SITES)
    assert upcoming is not None and upcoming.name == "All sites"
    assert playlist.position(SITES) == (2, 2)
