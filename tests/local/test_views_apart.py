"""state.json keeps a view per API URL, mode and profile; a file of an earlier version (the
API URL alone) is the desk's view on the default profile."""

from __future__ import annotations

import json
from pathlib import Path

from krafter_tui.api import Period, Site
from krafter_tui.local.remembered import StateStore, view_key

URL = "https://x.example/api/v1/analytics"
SITE = Site("u1", "a.example", "A", "sk_a", False, "2024-01-01T00:00:00Z")
OTHER = Site("u2", "b.example", "B", "sk_b", False, "2024-01-01T00:00:00Z")


def test_the_desk_the_wall_and_a_profile_each_keep_their_own(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    store.save(URL, SITE, Period.parse("7d"))
    store.save(URL, OTHER, Period.parse("today"), kiosk=True)
    store.save(URL, OTHER, Period.parse("30d"), profile="work")
    assert (store.load(URL).site_key, str(store.load(URL).period)) == ("sk_a", "7d")
    wall = store.load(URL, kiosk=True)
    assert (wall.site_key, str(wall.period)) == ("sk_b", "today")
    assert str(store.load(URL, profile="work").period) == "30d"
    assert store.load(URL, kiosk=True, profile="work").site_key is None  # never saved


def test_an_earlier_file_is_the_desks_view(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({URL: {"site": "sk_a", "period": "7d"}}))
    assert view_key(URL) == URL
    assert StateStore(path).load(URL).site_key == "sk_a"
    assert StateStore(path).load(URL, kiosk=True).site_key is None
