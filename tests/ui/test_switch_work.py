"""The work of a switch to figures not seen before, counted (never timed): the answers of
the round restyle each pane once, and the chart is plotted once.

A pane whose answers arrive loses its dimming, its loading mark and may be arranged anew;
Textual restyles the pane and everything inside it at each such class change, so without
one restyle per pane a round restyled the totals' fourteen widgets four times over.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual_plotext import PlotextPlot

from krafter_tui.app import KrafterApp
from krafter_tui.feeds.rounds import PaintRound
from krafter_tui.ui.widgets import BreakdownTable, Pane, TimeseriesChart, TotalsPanel
from krafter_tui.ui.widgets import chart as chart_module

from .conftest import settle
from .helpers import dashboard
from .screen_text import on_screen

MakeApp = Callable[..., KrafterApp]
SIZES = [(80, 24), (120, 40), (160, 48)]


class Work:
    """Restyles of each pane while a round of answers is shown, and plotext builds."""

    def __init__(self) -> None:
        self.in_round = False
        self.restyles: Counter[str] = Counter()  # pane id → restyles of it inside a round
        self.builds = 0

    def clear(self) -> None:
        self.restyles.clear()
        self.builds = 0


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Iterator[Work]:
    seen = Work()
    update_nodes = Stylesheet.update_nodes
    flush = PaintRound.flush
    plot_text = chart_module.plot_text

    def counting_update(self: Stylesheet, nodes: Iterable[DOMNode], animate: bool = False) -> None:
        nodes = list(nodes)
        if seen.in_round and nodes and isinstance(nodes[0], Pane):
            seen.restyles[nodes[0].id or type(nodes[0]).__name__] += 1
        update_nodes(self, nodes, animate)

    def counting_flush(self: PaintRound) -> None:
        seen.in_round = True
        try:
            flush(self)
        finally:
            seen.in_round = False

    def counting_plot(chart: PlotextPlot) -> Any:
        seen.builds += 1
        return plot_text(chart)

    monkeypatch.setattr(Stylesheet, "update_nodes", counting_update)
    monkeypatch.setattr(PaintRound, "flush", counting_flush)
    monkeypatch.setattr(chart_module, "plot_text", counting_plot)
    yield seen


@pytest.mark.parametrize("size", SIZES)
async def test_a_new_selection_restyles_each_pane_once_and_plots_once(
    make_app: MakeApp, work: Work, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        chart_shown = screen.query_one(TimeseriesChart).display
        # Each key a selection never fetched (so every pane waits, dims and is answered),
        # the second and third times too.
        for key in "wl]":
            work.clear()
            before = screen.query_one(TimeseriesChart).points
            await pilot.press(key)
            await settle(pilot)
            await pilot.pause()
            assert screen.query_one(TimeseriesChart).points != before
            # The panes show the new figures, neither dimmed nor marked loading any more.
            assert not any(p.has_class("-dimmed", "-loading") for p in screen.query(Pane))
            assert not on_screen(app, "loading…")
            assert screen.query_one(TotalsPanel).totals is not None
            assert screen.query_one(BreakdownTable).shown_rows
            # Once each, whatever classes the answers took off or put on.
            assert work.restyles, "the answers changed no pane's classes"
            assert max(work.restyles.values()) == 1, work.restyles
            assert work.builds == (1 if chart_shown else 0)
