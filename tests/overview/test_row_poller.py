"""The All sites poller (overview/row_poller.py) without Textual, through the fake host of the
dashboard's poller tests: each row is refreshed in turn at the budget's pace, round after
round; failures back off the way the dashboard's feeds do and one good answer ends it; a
refused key stops it; a bug in drawing does not; opened again, it waits what is left of its
step. And the screen only hosts it (no loop of its own)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from krafter_tui.api import KrafterClient, Site
from krafter_tui.demo import DemoApp, FaultSpec
from krafter_tui.feeds.schedule import backoff
from krafter_tui.overview.feed import OverviewFeed
from krafter_tui.overview.pace import FASTEST_ROW
from krafter_tui.overview.row import SiteRow
from krafter_tui.overview.row_poller import OVERVIEW_GROUP, RowPoller
from tests.feeds.conftest import FakeHost, FakeTimer
from tests.support.clock import FakeClock

SCREEN = Path(__file__).resolve().parents[2] / "krafter_tui" / "ui" / "screens" / "overview.py"


@dataclass
class RecordingRows:
    """What the poller told the screen, in order."""

    calls: list[str] = field(default_factory=list)
    refreshed: list[SiteRow] = field(default_factory=list)
    broken: bool = False  # drawing a row raises, as a bug in the screen would

    def rows_changed(self) -> None:
        self.calls.append("rows")

    def row_refreshed(self, row: SiteRow) -> None:
        self.calls.append("row")
        if self.broken:
            raise RuntimeError("a bug while drawing a row")
        self.refreshed.append(row)

    def step_ended(self) -> None:
        self.calls.append("ended")


@dataclass
class Rig:
    clock: FakeClock
    host: FakeHost
    sink: RecordingRows
    feed: OverviewFeed
    poller: RowPoller
    sites: list[Site]


@pytest.fixture
async def rig(client: KrafterClient, clock: FakeClock) -> Rig:
    sites = await client.list_sites()
    host = FakeHost(clock)
    sink = RecordingRows()
    feed = OverviewFeed(client, clock=clock, background=2.0)
    feed.rng = random.Random(0)
    poller = RowPoller(feed, sites=lambda: sites, host=host, sink=sink)
    return Rig(clock, host, sink, feed, poller, sites)


def armed(rig: Rig) -> FakeTimer:
    """The one step armed on the host."""
    timers = rig.host.armed()
    assert len(timers) == 1, timers
    assert timers[0].name == OVERVIEW_GROUP
    return timers[0]


def wait_of(rig: Rig) -> float:
    """Seconds from now until the armed step."""
    return (armed(rig).due - rig.clock()).total_seconds()


async def next_step(rig: Rig) -> None:
    """Move the clock to the armed step, fire it, let its refresh end."""
    assert rig.host.advance(wait_of(rig)) == [OVERVIEW_GROUP]
    await rig.host.settle()


async def opened(rig: Rig) -> None:
    """The screen opens: rows for the site list, the first refresh at once."""
    rig.poller.take_sites()
    rig.poller.start()
    await rig.host.settle()


async def test_rows_refresh_in_turn_within_the_pace_and_the_second_round_too(rig: Rig) -> None:
    await opened(rig)
    count = len(rig.sites)
    for _ in range(count - 1):  # the first round: as fast as the share allows
        assert wait_of(rig) == pytest.approx(rig.feed.pace().step)
        assert wait_of(rig) < FASTEST_ROW / count
        await next_step(rig)
    first = [row.fetched_at for row in rig.feed.rows]
    assert [row.site for row in rig.sink.refreshed] == rig.sites
    assert all(first) and rig.sink.calls == ["row", "ended"] * count
    # Then round after round: each row again, oldest first, every FASTEST_ROW at the most
    # (the second round makes up for the fast first one; from the third, exactly).
    for late in (False, True):
        for _ in range(count):
            assert wait_of(rig) == pytest.approx(FASTEST_ROW / count)
            await next_step(rig)
        again = [row.fetched_at for row in rig.feed.rows]
        for at, before in zip(again, first, strict=True):
            assert at is not None and before is not None
            gap = (at - before).total_seconds()
            assert gap == pytest.approx(FASTEST_ROW) if late else 0 < gap <= FASTEST_ROW
        first = again
    assert [row.site for row in rig.sink.refreshed] == rig.sites * 3
    assert len(rig.host.armed()) == 1 and not rig.host.running()


async def test_failures_back_off_and_one_good_answer_resets_the_pace(
    rig: Rig, demo: DemoApp
) -> None:
    await opened(rig)
    for _ in rig.sites[1:]:
        await next_step(rig)
    normal = wait_of(rig)
    demo.state.faults = FaultSpec.parse("error=1,status=503,only=realtime")
    waits = []
    for failures in range(1, 6):
        await next_step(rig)
        assert rig.feed.health.failures == failures
        waits.append(wait_of(rig))
    assert waits == sorted(waits) and waits[-1] > 4 * normal, waits
    # The dashboard's backoff (feeds/schedule.py), from the pace's step: no twin of it here.
    replay = random.Random(0)
    expected = [max(normal, backoff(normal, n, replay)) for n in range(1, 6)]
    assert waits == pytest.approx(expected)
    assert all(row.problem == "server error · HTTP 503" for row in rig.feed.rows)
    demo.state.faults = None
    await next_step(rig)
    assert rig.feed.health.failures == 0 and rig.feed.health.error is None
    assert wait_of(rig) == pytest.approx(normal)


async def test_a_refused_key_stops_the_steps(rig: Rig, demo: DemoApp) -> None:
    await opened(rig)
    demo.state.faults = FaultSpec.parse("revoked=1")
    await next_step(rig)
    assert rig.feed.refused is not None
    assert rig.host.armed() == [] and rig.sink.calls[-1] == "ended"


async def test_a_bug_while_drawing_is_logged_and_the_next_step_still_comes(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    rig.sink.broken = True
    await opened(rig)
    assert "overview refresh failed" in caplog.text
    assert rig.sink.calls == ["row", "ended"]
    assert wait_of(rig) == pytest.approx(rig.feed.pace().step)


async def test_the_rows_follow_the_site_list_at_the_next_step(rig: Rig) -> None:
    await opened(rig)
    gone = rig.sites.pop(1)
    await next_step(rig)
    assert rig.sink.calls[-3:] == ["rows", "row", "ended"]
    assert gone not in [row.site for row in rig.feed.rows]


async def test_opened_again_it_waits_what_is_left_of_its_step(rig: Rig) -> None:
    await opened(rig)
    step = wait_of(rig)
    armed(rig).stop()  # the screen shut: its timers went with it
    rig.clock.advance(step / 4)
    rig.poller.start()
    assert wait_of(rig) == pytest.approx(step * 3 / 4)
    assert not rig.host.running(), "nothing asked before the step is due"


async def test_step_now_replaces_the_armed_step(rig: Rig) -> None:
    await opened(rig)
    before = armed(rig)
    rig.poller.step()
    assert before.stopped, "two chains of steps would double the pace"
    await rig.host.settle()
    assert armed(rig) is not before


def test_the_all_sites_screen_hosts_the_poller_and_has_no_loop_of_its_own() -> None:
    source = SCREEN.read_text(encoding="utf-8")
    for loop in ("refresh_next(", "first_wait(", "set_timer(", "run_worker(", "failures"):
        assert loop not in source, f"the All sites screen polls on its own again: {loop}"
    assert "RowPoller(feed, sites=sites, host=self, sink=self)" in source
