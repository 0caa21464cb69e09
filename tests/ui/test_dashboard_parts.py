"""The dashboard screen and the chart stay in parts a reader can hold: the screen class and
each of its parts (krafter_tui/ui/dashboard/), the chart and its modules (chart_*.py), under
the house's sizes, read from the source with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

import krafter_tui.ui.dashboard as parts
from krafter_tui.ui.dashboard.selection import SelectionScreen
from krafter_tui.ui.screens import DashboardScreen
from krafter_tui.ui.screens import dashboard as screen_module
from krafter_tui.ui.widgets import chart
from krafter_tui.ui.widgets.chart_cache import PlotCache

MODULE_LINES, CLASS_LINES, FUNCTION_LINES = 400, 250, 60


def _too_big(path: Path) -> list[str]:
    source = path.read_text()
    found = []
    if len(source.splitlines()) > MODULE_LINES:
        found.append(f"{path.name}: {len(source.splitlines())} lines")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno is not None
            lines = node.end_lineno - node.lineno + 1
            limit = CLASS_LINES if isinstance(node, ast.ClassDef) else FUNCTION_LINES
            if lines > limit:
                found.append(f"{path.name}:{node.name}: {lines} lines")
    return found


def test_the_screen_and_its_parts_stay_small() -> None:
    files = [Path(screen_module.__file__), *Path(parts.__file__).parent.glob("*.py")]
    assert [big for path in files for big in _too_big(path)] == []


def test_every_part_is_a_typed_part_of_the_screen() -> None:
    bases = [cls for cls in DashboardScreen.__mro__ if cls.__module__.startswith(parts.__name__)]
    assert len(bases) >= 8  # layout, host, time, sites, kiosk, panes, export, key rules, …
    assert all(issubclass(cls, SelectionScreen) for cls in bases)


def test_the_chart_and_its_parts_stay_small() -> None:
    files = sorted(Path(chart.__file__).parent.glob("chart*.py"))
    assert len(files) >= 5  # chart, axis, series, legend, cache
    assert [big for path in files for big in _too_big(path)] == []


def test_the_chart_keeps_its_plots_in_one_cache() -> None:
    widget = chart.TimeseriesChart()
    assert isinstance(widget._cache, PlotCache)
    assert widget._plots is widget._cache.plots and widget._lines is widget._cache.lines
