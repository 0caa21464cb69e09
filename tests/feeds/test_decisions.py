"""The pure decisions of the dashboard, without an app: which site to show, the kiosk's
rotation, and the words of the banner and the pane marks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from krafter_tui.api import NetworkError, Period, ServerError, Site
from krafter_tui.feeds import Kiosk, NoSitesError, Selection
from krafter_tui.feeds.schedule import FeedHealth
from krafter_tui.feeds.site_choice import (
    choose_site,
    kiosk_sites,
    rotation_next,
    rotation_step,
    site_to_open,
)
from krafter_tui.feeds.words import banner_message, pane_mark

NOW = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)


def site(key: str, name: str | None = None) -> Site:
    return Site(
        id=key,
        site_key=key,
        name=name or key.title(),
        domain=f"{key}.example",
        public_stats=False,
        created_at="2024-01-01T00:00:00Z",
    )


SITES = [site("acme"), site("blog"), site("shop")]


def choose(current: Selection | None = None, **kw: object) -> object:
    args: dict[str, object] = {
        "first": False,
        "wanted": None,
        "rotation": [],
        "kiosk": None,
        "stopped": False,
    }
    args.update(kw)
    return choose_site(SITES, current, **args)  # type: ignore[arg-type]


def test_the_site_on_screen_stays_and_a_renamed_one_is_shown_again() -> None:
    on_screen = Selection(SITES[1], Period.parse("7d"))
    assert choose(on_screen).site is None  # nothing to do
    renamed = Selection(site("blog", "Old name"), Period.parse("7d"))
    assert choose(renamed).site == SITES[1]


def test_a_site_deleted_on_the_server_is_replaced_with_a_lasting_warning() -> None:
    gone = Selection(site("gone"), Period.parse("7d"))
    choice = choose(gone)
    assert choice.site == SITES[0]
    assert choice.lasting
    assert choice.warnings == ["Gone is no longer on the server; showing Acme."]


def test_at_start_the_wanted_site_is_chosen_or_the_miss_said() -> None:
    assert choose(first=True, wanted="shop.example").site == SITES[2]
    missing = choose(first=True, wanted="nothing-like-it")
    assert missing.site == SITES[0]
    assert missing.warnings == ["No site matches 'nothing-like-it'; showing Acme."]


def test_a_kiosk_with_its_own_sites_shows_only_those() -> None:
    told: set[str] = set()
    kiosk = Kiosk(sites=("shop", "nope", "blog"))
    rotation, warnings = kiosk_sites(SITES, kiosk, told)
    assert rotation == [SITES[2], SITES[1]]
    assert warnings == ["Kiosk: no site matches 'nope'; skipped."]
    assert kiosk_sites(SITES, kiosk, told)[1] == []  # said once, not at every refresh
    assert choose(first=True, wanted="acme", rotation=rotation, kiosk=kiosk).site == SITES[2]


def test_the_rotation_goes_round_and_says_where_it_is() -> None:
    assert rotation_step(SITES, SITES[0]) == (1, SITES[1])
    assert rotation_step(SITES, SITES[2]) == (3, SITES[0])
    assert rotation_step(SITES, site("other")) == (None, SITES[0])


def test_with_the_overview_in_the_rotation_it_comes_after_the_last_site() -> None:
    def after(current: Site | None, *, overview: bool = True, on: bool = False) -> Site | None:
        return rotation_next(SITES, current, overview=overview, on_overview=on)

    assert after(SITES[0]) == SITES[1]
    assert after(SITES[2]) is None  # the overview
    assert after(SITES[2], on=True) == SITES[0]  # and round again
    assert after(SITES[2], overview=False) == SITES[0]
    assert after(site("other")) == SITES[0]


def test_the_banner_says_the_data_feeds_before_realtime_and_when_the_next_try_is() -> None:
    stats, events, realtime = FeedHealth(60), FeedHealth(60), FeedHealth(10)
    sites = FeedHealth(300)
    feeds = {"stats": stats, "events": events, "realtime": realtime}
    assert banner_message(feeds, sites, NOW, api_url="http://x") is None
    realtime.failed(NetworkError("connection refused"))
    stats.last_ok = NOW - timedelta(seconds=150)
    stats.failed(ServerError(503))
    stats.next_try = NOW + timedelta(seconds=7)
    assert banner_message(feeds, sites, NOW, api_url="http://x") == (
        "Server trouble — the Krafter API answered HTTP 503. Showing data from 2m ago. "
        "Next try in 7s."
    )
    mark = pane_mark(stats, NOW)
    assert mark.stale and mark.error == "server error · HTTP 503 · 2m old"


def test_an_empty_site_list_is_said_until_it_loads() -> None:
    feeds = {"stats": FeedHealth(60), "events": FeedHealth(60), "realtime": FeedHealth(10)}
    sites = FeedHealth(300)
    sites.failed(NoSitesError())
    sites.next_try = NOW + timedelta(seconds=5)
    assert banner_message(feeds, sites, NOW, api_url="http://x") == (
        "This API key's team has no sites yet: add one in Krafter first. "
        "Next try in 5s (or press r)."
    )


def test_the_site_shown_last_is_opened_at_once_unless_another_is_wanted() -> None:
    last = SITES[1]
    assert site_to_open(last, None) == last
    assert site_to_open(last, " BLOG.example ") == last  # its domain, as typed
    assert site_to_open(last, "shop") is None  # --site names another: wait for the list
    assert site_to_open(None, "blog") is None
