"""The work of a switch to figures not seen before, counted (never timed): the answers of
the round restyle each pane once, and the chart is plotted once; dimming the old content
and taking the dimming off again restyle nothing.

A pane whose answers arrive loses its dimming, its loading mark and may be arranged anew;
Textual restyles the pane and everything inside it at each class change, so a round
restyled the totals' fourteen widgets four times over, and the dimming twice more.
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
from .screen_text import cells as cells_of
from .screen_text import on_screen, screen_strips

MakeApp = Callable[..., KrafterApp]
SIZES = [(80, 24), (120, 40), (160, 48)]


class Work:
    """Restyles of each pane while a round of answers is shown, and plotext builds."""

    def __init__(self) -> None:
        self.in_round = False
        self.restyles: Counter[str] = Counter()  # pane id → restyles of it inside a round
        self.inside: list[str] = []  # panes restyled with what is inside them, anywhere
        self.builds = 0

    def clear(self) -> None:
        self.restyles.clear()
        self.inside.clear()
        self.builds = 0


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Iterator[Work]:
    seen = Work()
    update_nodes = Stylesheet.update_nodes
    flush = PaintRound.flush
    plot_text = chart_module.plot_text

    def counting_update(self: Stylesheet, nodes: Iterable[DOMNode], animate: bool = False) -> None:
        nodes = list(nodes)
        if nodes and isinstance(nodes[0], Pane):
            name = nodes[0].id or type(nodes[0]).__name__
            seen.restyles[name] += seen.in_round
            if len(nodes) > 1:
                seen.inside.append(name)
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
            # Once each, whatever classes the answers took off or put on; what is inside
            # only where the totals were arranged anew (dimming restyles nothing).
            assert work.restyles, "the answers changed no pane's classes"
            assert max(work.restyles.values()) == 1, work.restyles
            assert set(work.inside) <= {"totals"} and len(work.inside) <= 1, work.inside
            assert work.builds == (1 if chart_shown else 0)


async def test_dimmed_content_is_drawn_at_sixty_percent_and_back_without_a_restyle(
    make_app: MakeApp, work: Work
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        totals = dashboard(app).query_one(TotalsPanel)
        before = pane_lines_styled(app, totals)
        work.clear()
        for _ in range(2):  # the second time too
            totals.mark_loading()
            for _ in range(100):  # untimed: the dimming comes after DIM_AFTER
                await pilot.pause(0.05)
                if totals.has_class("-dimmed"):
                    break
            await pilot.pause()
            inside = list(totals.walk_children())
            assert inside and all(w.opacity == pytest.approx(0.6) for w in inside)
            assert pane_lines_styled(app, totals) != before  # the figures drawn paler
            totals.mark_ok()
            await pilot.pause()
            assert all(w.opacity == 1.0 for w in inside)
            assert pane_lines_styled(app, totals) == before
        assert work.inside == []


def pane_lines_styled(app: KrafterApp, pane: Pane) -> list[list[tuple[str, str]]]:
    """The pane's region of the screen, cell by cell with each cell's colours."""
    region = pane.region
    rows = []
    for strip in screen_strips(app)[region.y : region.bottom]:
        cells = [(text, str(style)) for text, style in cells_of(strip)]
        rows.append(cells[region.x : region.right])
    return rows
