"""Each fact of the dashboard has one owner in the core, and the screen draws what it holds:
the comparison (``x``) lives in the model the panes are drawn from, written by the poller."""

from __future__ import annotations

from datetime import date

from krafter_tui.api import Period
from krafter_tui.feeds import Selection
from krafter_tui.feeds.timeline import next_compare
from krafter_tui.feeds.words import compare_label

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
