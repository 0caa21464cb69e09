"""What goes out first: requests that do not depend on each other are sent together, and a
guess made to send them early is checked against the answer. Only orders are asserted.
(A remembered site asked for before the site list: tests/ui/test_fetch_order.py.)"""

from __future__ import annotations

from datetime import timedelta

from krafter_tui.api import Period
from krafter_tui.feeds import Selection
from krafter_tui.feeds.poller import compared_period
from tests.support.requests import until

from .conftest import NOW, Rig
from .test_answer_order import expected


async def test_the_previous_period_is_asked_for_before_the_stats_answer_arrives(
    rig: Rig,
) -> None:
    selection = Selection(rig.sites[0], Period.parse("30d"))
    rig.gate.hold("stats")
    rig.poller.start(selection)
    await until(lambda: "stats" in rig.gate.waiting)
    await until(lambda: "previous" in rig.gate.answered)  # sent, and answered, meanwhile
    assert "stats" not in rig.gate.answered
    rig.gate.let_through("stats")
    await rig.host.settle()
    # The guess was the range the server resolved: one previous-period request, and the
    # stats are drawn with it in one call.
    assert rig.gate.kinds.count("previous") == 1
    want = await expected(rig, selection)
    (_, stats, compared), *_ = rig.sink.shown("stats")
    assert stats == want.stats and compared is not None
    assert compared.totals == want.compared.totals  # type: ignore[union-attr]
    assert rig.sink.shown("compared") == []


async def test_a_wrong_guess_of_the_range_is_corrected_from_the_answer(rig: Rig) -> None:
    rig.clock.advance(timedelta(days=3).total_seconds())  # our calendar is off, the server's not
    selection = Selection(rig.sites[0], Period.parse("30d"))
    rig.gate.hold("stats")  # the guessed previous period is asked for meanwhile
    rig.poller.start(selection)
    await until(lambda: "previous" in rig.gate.answered)
    rig.gate.let_through("stats")
    await rig.host.settle()
    drawn = rig.sink.drawn()
    assert drawn.stats is not None and drawn.compared is not None
    right = compared_period(drawn.stats.period.start, drawn.stats.period.end, "previous")
    assert right is not None
    assert (drawn.compared.period.start, drawn.compared.period.end) == (right.start, right.end)
    # The guess's answer was not used: the right period was asked for after it.
    assert rig.gate.kinds.count("previous") == 2


async def test_the_expected_range_is_what_the_server_resolves(rig: Rig) -> None:
    site = rig.sites[0]
    for name in ("7d", "30d", "12mo"):
        period = Period.parse(name)
        stats = await rig.client.stats(site.site_key, period)
        assert period.expected_range(NOW.date()) == (stats.period.start, stats.period.end)
