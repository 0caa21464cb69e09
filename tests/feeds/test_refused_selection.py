"""A site or period the server refuses (400/404/422): said to the sink once per feed, never
asked again by a timer, and no answer drawn under its name; the next selection polls as
usual, and choosing the refused one again asks once more. (What the screen says, and the
selection it goes back to: tests/ui/test_refused_selection.py.)"""

from __future__ import annotations

from datetime import date

import msgspec

from krafter_tui.api import Period
from krafter_tui.feeds import Selection
from krafter_tui.feeds.settle import SETTLE_DELAY

from .conftest import Rig

TOO_LONG = Period.custom(date(2024, 1, 1), date(2026, 11, 26))  # the demo allows 400 days


def armed(rig: Rig) -> set[str]:
    """The poll timers armed (not the paint round's deadline)."""
    return {t.name for t in rig.host.armed() if t.name.startswith("poll-")}


def asked(rig: Rig, what: str, start: str) -> int:
    """Requests of ``what`` (stats, events) for the range starting on ``start``."""
    return sum(1 for path, q in rig.gate.queries if path == what and ("from", start) in q)


def refused(rig: Rig) -> list[tuple[Selection, str]]:
    """The refusals said to the sink: the selection and the feed."""
    return list(rig.sink.shown("refused"))


async def wait_an_hour(rig: Rig) -> None:
    """Let an hour go by on the clock, a minute at a time, every timer due firing."""
    for _ in range(60):
        rig.host.advance(60)
        await rig.host.settle()


async def test_a_refused_range_is_said_once_per_feed_and_never_asked_again(rig: Rig) -> None:
    selection = Selection(rig.sites[0], TOO_LONG)
    rig.poller.start(selection)
    await rig.host.settle()
    assert sorted(feed for _, feed in refused(rig)) == ["events", "stats"]
    assert armed(rig) == {"poll-realtime"}  # the site is fine: its live count goes on
    await wait_an_hour(rig)
    assert asked(rig, "stats", "2024-01-01") == 1
    assert asked(rig, "events", "2024-01-01") == 1
    assert len(refused(rig)) == 2
    assert rig.sink.shown("stats") == [] and rig.sink.shown("events") == []
    assert len(rig.sink.shown("realtime")) > 1


async def test_a_refused_site_is_said_once_per_feed_and_nothing_is_armed_for_it(
    rig: Rig,
) -> None:
    gone = msgspec.structs.replace(rig.sites[1], site_key="sk_deleted000000", name="Deleted")
    rig.poller.start(Selection(gone, Period.parse("30d")))
    await rig.host.settle()
    assert sorted(feed for _, feed in refused(rig)) == ["events", "realtime", "stats"]
    assert armed(rig) == set()
    await wait_an_hour(rig)
    # Each feed asked once (the previous period may go with the stats, or be cancelled first).
    assert sorted(k for k in rig.gate.kinds if k not in ("sites", "previous")) == [
        "events",
        "realtime",
        "stats",
    ]
    assert len(refused(rig)) == 3
    assert [name for name, _, _ in rig.sink.calls] == ["refused"] * 3


async def test_after_a_refusal_the_next_selection_polls_and_the_refused_one_is_asked_again(
    rig: Rig,
) -> None:
    site = rig.sites[0]
    bad, good = Selection(site, TOO_LONG), Selection(site, Period.parse("7d"))
    rig.poller.start(bad)
    await rig.host.settle()
    # The same site, another period: its figures are drawn and polled again at their interval.
    rig.poller.start(good)
    rig.host.advance(SETTLE_DELAY)
    await rig.host.settle()
    assert {"poll-stats", "poll-events", "poll-realtime"} == armed(rig)
    assert [value[0] for value in rig.sink.shown("stats")] == [good]
    # The refused period chosen a second time: asked once more (the server may take it now),
    # refused again, and again not retried.
    rig.poller.start(bad)
    rig.host.advance(SETTLE_DELAY)
    await rig.host.settle()
    assert asked(rig, "stats", "2024-01-01") == 2
    assert len(refused(rig)) == 4
    assert armed(rig) == {"poll-realtime"}
    await wait_an_hour(rig)
    assert asked(rig, "stats", "2024-01-01") == 2
    assert all(value[0] == good for value in rig.sink.shown("stats"))
