"""Each fact of the dashboard has one owner in the core, and the screen draws what it holds:
the comparison (``x``) lives in the model the panes are drawn from, written by the poller."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date

from krafter_tui.api import Period
from krafter_tui.feeds import FeedsReport, Selection, words
from krafter_tui.feeds.schedule import FeedHealth
from krafter_tui.feeds.settle import SETTLE_DELAY
from krafter_tui.feeds.timeline import next_compare
from krafter_tui.feeds.words import SHARED_DOWN, budget_line, compare_label
from krafter_tui.ui import panes

from .conftest import Rig


async def test_cycling_compare_through_the_core_is_what_the_drawing_reads(rig: Rig) -> None:
    state = rig.poller.state
    rig.poller.start(Selection(rig.sites[0], Period.parse("7d")))
    await rig.host.settle()
    today = date(2026, 11, 26)
    labels = []
    for wanted in ("previous", "year", "off"):
        rig.poller.set_compare(next_compare(state.compare))  # what the screen's x sends
        await rig.host.settle()
        assert state.compare == wanted == rig.poller.compare
        labels.append(compare_label(state, today))
    assert labels[0] is not None and labels[1] is not None and labels[2] is None
    # Not a copy: the poller keeps no compare of its own beside the model's.
    assert "compare" not in vars(rig.poller)


def test_the_budget_line_is_said_from_what_the_core_hands_down() -> None:
    sites = FeedHealth(300)
    report = FeedsReport(
        budget="87/100 req left",
        shared_down=True,
        compare="year",
        feeds={"stats": FeedHealth(60)},
        sites=sites,
        selected=True,
    )
    assert budget_line(report) == (f"87/100 req left · {SHARED_DOWN} · compare +0/min")
    assert budget_line(replace(report, shared_down=False, compare="off")) == "87/100 req left"


async def test_the_report_is_the_pollers_standing_and_the_panes_read_only_it(rig: Rig) -> None:
    rig.poller.start(Selection(rig.sites[0], Period.parse("7d")))
    await rig.host.settle()
    rig.poller.set_compare("previous")
    report = rig.poller.report()
    assert report.budget == rig.client.budget.describe() and not report.shared_down
    assert report.compare == "previous" and report.selected
    assert report.feeds["stats"].last_ok is not None
    assert report.sites is rig.poller.sites_health
    # The words and the panes get the report: neither reaches into the scheduler.
    assert "Poller" not in vars(words) and "Poller" not in vars(panes)


async def test_the_answers_on_screen_are_put_in_the_model_by_the_core(rig: Rig) -> None:
    # The recording sink stores nothing: what the model holds, the poller put there.
    state = rig.poller.state
    rig.poller.start(Selection(rig.sites[0], Period.parse("7d")))
    await rig.host.settle()
    (_, stats, compared), *_ = rig.sink.shown("stats")
    (_, events), *_ = rig.sink.shown("events")
    assert state.stats is stats and state.events is events
    assert state.compared is (compared or rig.sink.shown("compared")[-1][1])
    # Another selection: nothing of the old one is drawn from while its answers come.
    rig.poller.start(Selection(rig.sites[1], Period.parse("7d")))
    assert state.stats is None and state.events is None and state.compared is None


async def test_each_realtime_reading_is_put_in_the_models_readings_by_the_core(rig: Rig) -> None:
    # The pane draws a site's readings and the alert watch judges them: one list, the model's,
    # written by the poller as each reading comes (the recording sink keeps nothing of it).
    site = rig.sites[0]
    rig.poller.start(Selection(site, Period.parse("7d")))
    await rig.host.settle()
    first = rig.poller.state.readings.of(site.site_key)
    assert [reading.visitors for reading in first] == [
        visitors for _, visitors in rig.sink.shown("realtime")
    ]
    assert len(first) == 1 and first[0].at == rig.clock()
    rig.host.advance(10)  # the next realtime poll: a second reading, at its own time
    await rig.host.settle()
    second = rig.poller.state.readings.of(site.site_key)
    assert len(second) == 2 and second[1].at == rig.clock()
    assert rig.poller.state.readings.last(site.site_key) == second[1]


async def test_the_server_accepting_a_selection_is_an_event_of_the_core(rig: Rig) -> None:
    site = rig.sites[0]
    week, month = Selection(site, Period.parse("7d")), Selection(site, Period.parse("30d"))
    rig.poller.start(week)
    await rig.host.settle()
    # Told once the stats are shown, and apart from showing them: the first answers were shown
    # together, in one paint batch; the acceptance comes after it.
    assert rig.sink.batches == 1 and rig.sink.shown("stats")
    assert rig.sink.accepted == [(week, False)]
    rig.poller.start(month)  # the same site, another period
    rig.host.advance(SETTLE_DELAY)
    await rig.host.settle()
    assert [selection for selection, _ in rig.sink.accepted] == [week, month]
    assert rig.poller.state.good == month
    # A stats poll of the selection already accepted is not a new acceptance.
    rig.poller.poll_now("stats")
    await rig.host.settle()
    assert [selection for selection, _ in rig.sink.accepted] == [week, month]


async def test_the_compared_events_are_fetched_by_the_core_and_dropped_with_the_selection(
    rig: Rig,
) -> None:
    rig.poller.start(Selection(rig.sites[0], Period.parse("7d")))
    await rig.host.settle()
    # Nothing is cancelled here: only the poller's own check keeps the old answer away.
    rig.host.exclusive = rig.host.cancels = False
    rig.gate.held = {"events"}
    rig.poller.set_compare("previous")
    await asyncio.sleep(0.05)
    assert rig.host.running(), "the compared period's events are asked for"
    rig.poller.start(Selection(rig.sites[1], Period.parse("7d")))
    rig.gate.release.set()
    rig.host.advance(SETTLE_DELAY)
    await rig.host.settle()
    shown = rig.sink.shown("compared_events")
    assert shown and all(selection.site == rig.sites[1] for selection, _ in shown), shown
