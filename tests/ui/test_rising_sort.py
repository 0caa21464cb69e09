"""The breakdown sorted by rising, read back from the screen: ``o`` reaches it only with a
record, the rows come in the order of what each added over the last 30 minutes (as the
record says), each with its ``+N`` (``new`` for a row not listed an hour before), and the
header says ``rising · last 30 min``; the next ``o`` goes back to count, another dimension is
sorted by its own growth."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from krafter_tui.app import KrafterApp
from krafter_tui.demo import DemoApp
from krafter_tui.record import Record

from .conftest import FROZEN, settle
from .helpers import dashboard
from .record_fill import demo_site, fill, new_record
from .screen_text import pane_lines, screen_lines
from .test_export_keys import export
from .test_hours_chart import Clock, app_on

NEWCOMER = "/blog/sqlite-is-enough"  # left out of the readings before 14:10: new at 14:30
# A row sorted by rising as the pane draws it: value, count, +N (maybe new), share.
RISING_ROW = re.compile(r"│ (\S.*?)\s{2,}([\d,]+)\s+((?:new )?\+[\d,]+)\s+([\d.]+)%")


@pytest.fixture
def record(tmp_path: Path, demo: DemoApp) -> Iterator[Record]:
    made = new_record(tmp_path / "data" / "record.sqlite3")
    fill(
        made,
        demo,
        FROZEN - timedelta(hours=2),
        FROZEN,
        hidden=("path", NEWCOMER),
        hidden_until=FROZEN.replace(hour=14, minute=10),
    )
    yield made
    made.close()


def rising_rows(app: KrafterApp) -> list[tuple[str, str]]:
    """The breakdown's rows on screen as (value, +N cell)."""
    rows = []
    for line in pane_lines(app, "#breakdown-pane"):
        if match := RISING_ROW.search(line):
            rows.append((match.group(1), match.group(3)))
    return rows


def title(app: KrafterApp) -> str:
    return pane_lines(app, "#breakdown-pane")[0]


def added(cell: str) -> int:
    return int(cell.split("+")[1].replace(",", ""))


async def sorted_by_rising(app: KrafterApp, pilot: object, record: Record | None) -> None:
    await settle(pilot)  # type: ignore[arg-type]
    dashboard(app).record = record
    await pilot.press("o", "o", "o")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_rising_on_screen(
    demo: DemoApp, tmp_path: Path, record: Record, size: tuple[int, int]
) -> None:
    app = app_on(demo, Clock(FROZEN), tmp_path, "today")
    async with app.run_test(size=size) as pilot:
        await sorted_by_rising(app, pilot, record)
        assert "rising · last 30 min" in title(app) or size[0] < 120, title(app)
        rows = rising_rows(app)
        assert len(rows) >= 5, pane_lines(app, "#breakdown-pane")
        growth = [added(cell) for _, cell in rows]
        assert growth == sorted(growth, reverse=True), rows
        # The record's own figures, row by row, in its order.
        expected = record.rising(demo_site(0), "path", FROZEN)
        by_value = {row.value: row for row in expected.rows}
        for value, cell in rows:
            if value.endswith("…"):
                continue
            row = by_value[value]
            assert added(cell) == row.added and cell.startswith("new") == row.new, (value, cell)
        # The newcomer: not there an hour ago, all of its count in the window: first, new.
        assert rows[0][0].startswith(NEWCOMER[:12]) and rows[0][1].startswith("new +"), rows
        assert sum(cell.startswith("new") for _, cell in rows) == 1


async def test_the_next_o_goes_back_to_count(demo: DemoApp, tmp_path: Path, record: Record) -> None:
    app = app_on(demo, Clock(FROZEN), tmp_path, "today")
    async with app.run_test(size=(120, 40)) as pilot:
        await sorted_by_rising(app, pilot, record)
        assert rising_rows(app)
        await pilot.press("o")
        await settle(pilot)
        assert "pageviews ↓" in title(app) and "rising" not in title(app)
        assert rising_rows(app) == []  # the +N column has gone
        assert not any("30 min" in line for line in pane_lines(app, "#breakdown-pane"))


async def test_another_dimension_is_sorted_by_its_own_growth(
    demo: DemoApp, tmp_path: Path, record: Record
) -> None:
    app = app_on(demo, Clock(FROZEN), tmp_path, "today")
    async with app.run_test(size=(120, 40)) as pilot:
        await sorted_by_rising(app, pilot, record)
        await pilot.press("d")  # referrers
        await settle(pilot)
        assert title(app).startswith("╭─ Referrers") and "rising" in title(app), title(app)
        rows = rising_rows(app)
        expected = record.rising(demo_site(0), "referrer", FROZEN).rows
        assert [(v, added(c)) for v, c in rows] == [(r.value, r.added) for r in expected][
            : len(rows)
        ]
        assert not any(cell.startswith("new") for _, cell in rows)


async def test_without_a_record_o_skips_rising(demo: DemoApp, tmp_path: Path) -> None:
    app = app_on(demo, Clock(FROZEN), tmp_path, "today")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seen = []
        for _ in range(4):
            await pilot.press("o")
            await settle(pilot)
            seen.append(title(app))
        assert not any("rising" in t for t in seen), seen
        assert "pageviews ↓" in seen[-2] and "pageviews ↑" in seen[-1], seen


async def test_the_help_screen_says_what_o_cycles_through(demo: DemoApp, tmp_path: Path) -> None:
    app = app_on(demo, Clock(FROZEN), tmp_path, "today")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = " ".join(line.strip(" │") for line in screen_lines(app))
        assert "Sort: pageviews ↓ → ↑ → A→Z → rising · last 30 min" in text, text


async def test_export_while_sorted_by_rising_saves_the_rows_in_that_order_with_their_growth(
    demo: DemoApp, tmp_path: Path, record: Record
) -> None:
    folder = tmp_path / "downloads"
    options = {"download_dir": str(folder)}
    app = app_on(demo, Clock(FROZEN), tmp_path, "today", **options)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await sorted_by_rising(app, pilot, record)
        shown = rising_rows(app)
        table = dashboard(app).panes.breakdown
        every = [(row.value, row.count) for row in table.matching_rows()]
        csv_path = await export(pilot, "b", folder, set())
        json_path = await export(pilot, "B", folder, {csv_path})
    expected = {r.value: r for r in record.rising(demo_site(0), "path", FROZEN).rows}
    lines = list(csv.reader(io.StringIO(csv_path.read_text())))
    assert lines[0] == ["value", "count", "percent", "added_30min", "new"]
    saved = lines[1:]
    # Every row the filter lets through, in the pane's order (rising), each with its +N.
    assert [(v, int(c)) for v, c, *_ in saved] == every
    for value, _, _, added_30min, new in saved:
        row = expected.get(value)
        assert int(added_30min) == (row.added if row else 0), value
        assert new == ("new" if row is not None and row.new else ""), value
    assert [row[0] for row in saved][: len(shown)][0] == NEWCOMER and saved[0][4] == "new"
    document = json.loads(json_path.read_text())
    assert document["sort"] == "rising, last 30 min"
    assert [(r["value"], r["added_30min"], r["new"]) for r in document["rows"]] == [
        (v, int(a), n) for v, _, _, a, n in saved
    ]
