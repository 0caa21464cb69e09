"""The poller is joined from parts by subject (the sizes of every module, class and function
are held in tests/test_layering.py): its public API is the same across them."""

from __future__ import annotations


def test_the_poller_keeps_its_public_api_across_its_parts() -> None:
    from krafter_tui.feeds.poller import Poller

    for name in (
        "start",
        "stop",
        "load_sites",
        "sites_armed",
        "set_compare",
        "compared",
        "check_period",
        "cached_feeds",
        "forget",
        "wake",
        "poll_now",
        "api_period",
        "report",
        "is_current",
    ):
        assert callable(getattr(Poller, name)), name
