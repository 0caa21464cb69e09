"""Keys pressed quickly cost the requests of the selection they stop on, counted at the demo
server and in the status line's budget; a burst back to a selection seen before shows it at once.

The settle wait is made long here (``BURST_WAIT``) so a slow, shared machine cannot fit a
settled pause between two presses: only what was sent is asserted, never how long anything took.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from urllib.parse import parse_qs

from krafter_tui.api import Period, Totals
from krafter_tui.app import KrafterApp
from krafter_tui.demo import DemoApp
from krafter_tui.ui.widgets import TotalsPanel

from .conftest import settle
from .helpers import dashboard
from .screen_text import screen_lines

MakeApp = Callable[..., KrafterApp]
BURST_WAIT = 1.5  # seconds the requests wait for the keys to settle, in these tests only


def sent_since(demo: DemoApp, start: int) -> Counter[str]:
    """The requests the demo saw after the first ``start``, by kind (``previous``: stats
    without a breakdown)."""
    kinds: Counter[str] = Counter()
    for record in list(demo.state.requests)[start:]:
        last = record.path.rsplit("/", 1)[-1]
        if last == "stats" and "dimensions" not in parse_qs(record.query):
            last = "previous"
        kinds[last] += 1
    return kinds


def asked_ranges(demo: DemoApp, start: int) -> set[tuple[str, str]]:
    """``from``..``to`` of the stats (with breakdown) and events requests after ``start``."""
    ranges = set()
    for record in list(demo.state.requests)[start:]:
        query = parse_qs(record.query)
        if record.path.endswith("/events") or "dimensions" in query:
            ranges.add((query["from"][0], query["to"][0]))
    return ranges


def budget_left(app: KrafterApp) -> int:
    """The ``NN`` of ``NN/100 req left`` in the status line."""
    found = re.search(r"(\d+)/100 req left", screen_lines(app)[0])
    assert found, screen_lines(app)[0]
    return int(found.group(1))


def totals(app: KrafterApp) -> Totals | None:
    return app.screen.query_one(TotalsPanel).totals


async def test_ten_steps_in_a_row_cost_one_periods_requests_and_a_burst_back_none_extra(
    make_app: MakeApp, demo: DemoApp
) -> None:
    app = make_app(period=Period.parse("month"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        screen.poller.settle.delay = BURST_WAIT
        month_totals = totals(app)
        assert month_totals is not None and "Month to date" in screen_lines(app)[0]
        left, start = budget_left(app), len(demo.state.requests)

        await pilot.press(*["left"] * 10)  # Nov 2026 → Jan 2026
        assert "Jan 2026" in screen_lines(app)[0]
        await settle(pilot)
        # The requests of January alone: its stats, the period before it, events, realtime.
        assert sent_since(demo, start) == {"stats": 1, "previous": 1, "events": 1, "realtime": 1}
        assert asked_ranges(demo, start) == {("2026-01-01", "2026-01-31")}
        assert budget_left(app) == left - 4
        january = totals(app)
        assert january is not None and january != month_totals

        # Back to the month, as fast: on screen from what was kept, as the last key lands.
        left, start = budget_left(app), len(demo.state.requests)
        await pilot.press(*["right"] * 10)
        assert "Month to date" in screen_lines(app)[0]
        assert totals(app) == month_totals
        await settle(pilot)
        # Then its normal refresh, once: stats, events, realtime (the compared period is kept).
        assert sent_since(demo, start) == {"stats": 1, "events": 1, "realtime": 1}
        assert asked_ranges(demo, start) == {("2026-11-01", "2026-11-26")}
        assert budget_left(app) == left - 3

        # The same burst a second time ends on January, kept from the first: the same cost.
        left, start = budget_left(app), len(demo.state.requests)
        await pilot.press(*["left"] * 10)
        assert totals(app) == january
        await settle(pilot)
        assert sent_since(demo, start) == {"stats": 1, "events": 1, "realtime": 1}
        assert asked_ranges(demo, start) == {("2026-01-01", "2026-01-31")}
        assert budget_left(app) == left - 3
        assert "Jan 2026" in screen_lines(app)[0]


async def test_a_burst_of_site_keys_costs_the_requests_of_the_site_it_stops_on(
    make_app: MakeApp, demo: DemoApp
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        screen.poller.settle.delay = BURST_WAIT
        sites = screen.sites
        assert len(sites) >= 3
        left, start = budget_left(app), len(demo.state.requests)
        await pilot.press(*["right_square_bracket"] * 2)
        await settle(pilot)
        stopped_on = screen.selection
        assert stopped_on is not None and stopped_on.site == sites[2]
        assert stopped_on.site.name in screen_lines(app)[0]
        assert sent_since(demo, start) == {"stats": 1, "previous": 1, "events": 1, "realtime": 1}
        keys = {r.path.split("/")[-2] for r in list(demo.state.requests)[start:]}
        assert keys == {sites[2].site_key}
        assert budget_left(app) == left - 4
