"""The status line's budget is never rolled back by an older answer from the shared cache:
once a screen's own request said 50 left, an answer another screen read before it (60 left)
does not bring it back to 60, whatever the clocks of the two say."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from krafter_tui.api import Period
from tests.api.shared.wall import close, make_screen, start
from tests.support.clock import FakeClock
from tests.support.demo_server import RunningDemo


@pytest.mark.parametrize("ahead", [0, 1])
async def test_an_older_answer_from_the_cache_never_rolls_the_budget_back(
    demo: RunningDemo, tmp_path: Path, ahead: int
) -> None:
    url = f"sqlite://{tmp_path}/order.sqlite3"
    clock = FakeClock()
    # The first screen's machine is ``ahead`` seconds ahead: its answers say they were read
    # later than the second screen's own, though the server counted them first.
    first = make_screen(demo.api_url, FakeClock(clock() + timedelta(seconds=ahead)), url)
    second = make_screen(demo.api_url, clock, url)
    try:
        await start(first)  # its answers (the team had more left then) are in the cache
        site = first.sink.shown("sites")[-1][0]
        await second.client.realtime(site.site_key)  # the second screen's own request: newest
        budget = second.client.budget
        newest = budget.remaining
        assert newest is not None
        await second.client.events(site.site_key, Period.parse("30d"), max_age=60)
        assert second.shared is not None and second.shared.hits == 1  # the older answer
        assert budget.remaining == newest, budget.describe()  # not the older, higher count
        assert budget.describe() == f"{newest}/100000 req left"
    finally:
        await close([first, second])
