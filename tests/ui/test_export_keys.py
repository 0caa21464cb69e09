"""Ctrl+S: the dialog's choices save what the screen shows, in the download folder, with a
toast naming the file; the figures in each file are the ones on screen."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets._toast import Toast

from krafter_tui.app import KrafterApp
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.ui.screens.export_dialog import ExportDialog

from .conftest import settle
from .helpers import dashboard, wait_until
from .screen_text import pane_lines, screen_lines

MakeApp = Callable[..., KrafterApp]
WAIT = 20.0
# A breakdown row as the pane draws it: value, count (grouped), share.
ROW = re.compile(r"│ (\S.*?)\s{2,}([\d,]+)\s+([\d.]+)%")
EVENT = re.compile(r"│ (\w+)\s+([\d,]+)\s+([\d,]+)\s")


def toast_text(app: KrafterApp) -> str:
    """Every toast's text as drawn, without its spaces (a toast wraps long paths anywhere)."""
    lines = screen_lines(app)
    parts = []
    for toast in app.screen.query(Toast):
        region = toast.region
        drawn = [line[region.x : region.right] for line in lines[region.y : region.bottom]]
        parts.append("".join("".join(line.strip("▌▐").split()) for line in drawn))
    return " | ".join(parts)


async def export(pilot: Pilot[Any], letter: str, folder: Path, before: set[Path]) -> Path:
    """Press Ctrl+S and ``letter``; wait for a new file in ``folder`` and its toast."""
    await pilot.press("ctrl+s")
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, ExportDialog), WAIT, "the export dialog"
    )
    await pilot.press(letter)
    app = pilot.app
    assert isinstance(app, KrafterApp)

    def written() -> list[Path]:
        return sorted(set(folder.glob("*")) - before) if folder.is_dir() else []

    await wait_until(pilot, lambda: bool(written()), WAIT, f"a file for {letter!r}")
    (path,) = written()
    try:
        await wait_until(pilot, lambda: str(path) in toast_text(app), WAIT, "the toast")
    except AssertionError:
        raise AssertionError(f"no toast naming {path}: {toast_text(app)!r}") from None
    return path


def screen_breakdown(app: KrafterApp) -> list[tuple[str, int, float]]:
    """The breakdown rows the pane draws: (value, count, percent)."""
    rows = []
    for line in pane_lines(app, "#breakdown-pane"):
        if match := ROW.search(line):
            value, count, share = match.groups()
            rows.append((value, int(count.replace(",", "")), float(share)))
    assert rows, "no breakdown rows on screen"
    return rows


async def test_each_choice_saves_what_the_screen_shows(make_app: MakeApp, tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    app = make_app(site="Pebble CRM")
    async with app.run_test(size=(140, 48), notifications=True) as pilot:
        await settle(pilot)
        shown = screen_breakdown(app)
        events_on_screen = [
            match.groups()
            for line in pane_lines(app, "#events-pane")
            if (match := EVENT.search(line))
        ]
        files: dict[str, Path] = {}
        for letter in "bBeEtTs":
            files[letter] = await export(pilot, letter, folder, set(folder.glob("*")))
        # One toast a file: Textual's own for screenshots is kept out.
        assert "Savedscreenshot" not in toast_text(app)
        stats = dashboard(app).state.stats
        assert stats is not None

    span = f"{stats.period.start}_{stats.period.end}"
    assert files["b"].name == f"krafter-pebble-crm-{span}-breakdown-path.csv"
    assert files["s"].name == f"krafter-pebble-crm-{span}-screenshot.svg"
    # Breakdown CSV: the rows on screen, the same figures, in the same order.
    rows = list(csv.reader(io.StringIO(files["b"].read_text())))
    assert rows[0] == ["value", "count", "percent"]
    assert len(rows) - 1 >= len(shown)
    for (value, count, share), (v, c, p) in zip(shown, rows[1:], strict=False):
        # The pane cuts long values with "…"; the file has them whole.
        assert v == value or (value.endswith("…") and v.startswith(value[:-1])), (value, v)
        assert (int(c), float(p)) == (count, share), value
    # Breakdown JSON: the same rows, and which dimension they are.
    document = json.loads(files["B"].read_text())
    assert document["site"] == "Pebble CRM"
    assert document["dimension"] == "path"
    assert document["period"] == {"from": str(stats.period.start), "to": str(stats.period.end)}
    assert [[r["value"], r["count"], r["percent"]] for r in document["rows"]] == [
        [v, int(c), float(p)] for v, c, p in rows[1:]
    ]
    # Events: the pane's rows, with its totals and unique visitors.
    assert events_on_screen
    events = list(csv.reader(io.StringIO(files["e"].read_text())))
    assert events[0] == ["name", "total", "unique", "revenue", "conversion"]
    assert [(n, f"{int(t):,}", f"{int(u):,}") for n, t, u, *_ in events[1:]] == events_on_screen
    assert [r["name"] for r in json.loads(files["E"].read_text())["rows"]] == [
        n for n, *_ in events_on_screen
    ]
    # Timeseries: one row a day of the period, the totals adding up to the totals pane.
    series = list(csv.reader(io.StringIO(files["t"].read_text())))
    assert series[0] == ["date", "pageviews", "visitors", "visits"]
    assert series[1][0] == str(stats.period.start) and series[-1][0] == str(stats.period.end)
    assert sum(int(r[1]) for r in series[1:]) == stats.totals.pageviews
    assert json.loads(files["T"].read_text())["rows"][0]["date"] == str(stats.period.start)
    # The screenshot: the dashboard without the dialog, and never the key.
    svg = files["s"].read_text()
    assert "Visitors&#160;now" in svg
    assert "Breakdown&#160;as" not in svg  # no dialog
    assert "Saved" not in svg  # nor the toasts of the files saved before
    assert DEMO_TOKEN not in svg and DEMO_TOKEN[:16] not in svg


async def test_the_breakdown_file_follows_the_panes_dimension_sort_and_filter(
    make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    app = make_app(site="Pebble CRM")
    async with app.run_test(size=(140, 48), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d", "o")  # referrers, fewest first
        await pilot.pause()
        unfiltered = screen_breakdown(app)
        await pilot.press("slash", *"o", "enter")
        await pilot.pause()
        shown = screen_breakdown(app)
        path = await export(pilot, "B", folder, set())
    assert path.name.endswith("-breakdown-referrer.json")
    document = json.loads(path.read_text())
    assert (document["dimension"], document["filter"]) == ("referrer", "o")
    rows = [(r["value"], r["count"], r["percent"]) for r in document["rows"]]
    assert rows == shown  # the referrers fit the pane: every row, as drawn
    assert all("o" in value.lower() for value, _, _ in rows)
    assert 0 < len(rows) < len(unfiltered)
    assert [count for _, count, _ in rows] == sorted(count for _, count, _ in rows)
