"""A record filled with the demo's own answers, read every few minutes as the dashboard would
poll them, for the panes that draw from the record (the chart's hours, the rising order)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import msgspec

from krafter_tui.api import DIMENSIONS, Stats
from krafter_tui.demo import DEMO_TOKEN, DemoApp
from krafter_tui.demo.periods import Period
from krafter_tui.demo.sites import SITES
from krafter_tui.record import Record

from .conftest import DEMO_URL


def demo_site(index: int = 0) -> str:
    """The site key of the demo's site number ``index`` (0: the one the dashboard opens on)."""
    return SITES[index].site_key


def demo_stats(
    demo: DemoApp, site: int, day: date, at: datetime, hidden: tuple[str, str] | None = None
) -> Stats:
    """The demo's stats answer (all nine dimensions) for the one day ``day`` at ``at``;
    ``hidden`` (dimension, value): a breakdown row left out, as if it had no traffic yet."""
    data = demo.state.store.stats(site, Period(day, day), DIMENSIONS, at.timestamp())
    if hidden is not None:
        dimension, value = hidden
        rows = data["breakdown"][dimension]
        data["breakdown"][dimension] = [row for row in rows if row["value"] != value]
    return msgspec.convert(data, Stats)


def new_record(path: Path) -> Record:
    """A record of the demo's URL and key in ``path``."""
    return Record(DEMO_TOKEN, DEMO_URL, path)


def fill(
    record: Record,
    demo: DemoApp,
    first: datetime,
    last: datetime,
    *,
    site: int = 0,
    step: timedelta = timedelta(minutes=2),
    hidden: tuple[str, str] | None = None,
    hidden_until: datetime | None = None,
) -> int:
    """Readings of today's answer (the UTC day of each moment) from ``first`` to ``last``
    (both included) every ``step``, as a dashboard polling them would record them; how many.
    ``hidden``: a breakdown row left out of the readings before ``hidden_until``."""
    key, at, count = demo_site(site), first, 0
    while at <= last:
        hide = hidden if hidden_until is not None and at < hidden_until else None
        assert record.add_stats(key, demo_stats(demo, site, at.date(), at, hide), at)
        at += step
        count += 1
    return count
