"""Wide screens: two to four breakdowns side by side (from :data:`WIDE_BREAKDOWNS` columns, as
Plausible shows Sources, Pages, Locations and Devices together), each with its own choice in
the model (:data:`~krafter_tui.feeds.model.SIDE_BREAKDOWNS`), and which of them the keys
(``d``, ``o``, ``/``, Enter, Ctrl+S) act on: the one holding the focus (Tab moves it), else
the main one. All of them are drawn from the one stats answer: no request more."""

from __future__ import annotations

from collections.abc import Iterator

from krafter_tui.feeds import DashboardState
from krafter_tui.ui.dashboard.selection import SelectionScreen
from krafter_tui.ui.widgets import BreakdownTable

__all__ = ["WIDE_BREAKDOWNS", "BreakdownPanes", "breakdowns_for", "side_panes"]

#: (from this many columns, this many breakdowns): each at least ~45 columns wide beside a
#: chart of ~80 (styles/app.tcss gives the chart 5 parts of the width, each breakdown 3).
WIDE_BREAKDOWNS = ((180, 2), (240, 3), (280, 4))
#: The screen classes that lay out that many (styles/app.tcss): none below 180 columns.
COUNT_CLASSES = tuple(f"-breakdowns-{count}" for _, count in WIDE_BREAKDOWNS)


def breakdowns_for(width: int) -> int:
    """How many breakdowns a screen ``width`` columns wide shows side by side."""
    return max((count for columns, count in WIDE_BREAKDOWNS if width >= columns), default=1)


def side_panes(state: DashboardState, *, wall: bool) -> Iterator[BreakdownTable]:
    """The wide screen's other breakdown panes, after the main one, each drawing its own
    choice of the model (hidden below :data:`WIDE_BREAKDOWNS`' first width); on a ``wall``
    (kiosk) without key hints from the start, since a hidden pane is not drawn again."""
    for number, choice in enumerate(state.side_breakdowns, start=2):
        pane = BreakdownTable(id=f"breakdown-pane-{number}")
        pane.add_class("-side")
        pane.choice = choice
        pane.key_hints = not wall
        yield pane


class BreakdownPanes(SelectionScreen):
    """How many breakdowns the width shows, and which one the keys act on."""

    def on_resize(self) -> None:
        """Show as many breakdowns as the width has room for (and draw those newly shown)."""
        self.fit_breakdowns(self.size.width)

    def fit_breakdowns(self, width: int) -> None:
        """Show as many breakdowns as ``width`` has room for (and draw those newly shown)."""
        count = breakdowns_for(width)
        for name in COUNT_CLASSES:
            self.set_class(name == f"-breakdowns-{count}", name)
        panes = self.panes
        if panes.shown != count:
            panes.shown = count
            # Marks (loading, stale, error) only on the panes in view: hidden ones cost nothing
            # per poll; a pane shown again gets its marks at the next health tick.
            panes.feed_panes["stats"] = (panes.chart_pane, panes.totals, *panes.breakdowns[:count])
            panes.render_breakdown(self.state, self.clock(), self.selection)

    def breakdown_index(self) -> int:
        """The breakdown the keys act on: the one on screen holding the focus (its table or
        its filter field), else the main one (0)."""
        focused = self.focused
        if focused is None:
            return 0
        for index, pane in enumerate(self.panes.breakdowns[: self.panes.shown]):
            if pane in focused.ancestors_with_self:
                return index
        return 0

    def focused_breakdown(self) -> BreakdownTable:
        """The breakdown pane the keys act on (:meth:`breakdown_index`)."""
        return self.panes.breakdowns[self.breakdown_index()]
