"""The keys that change what a pane shows: the chart's metric (``m``), and the breakdown's
dimension (``d``/``D``, the palette), sort (``o``; rising only with a record), filter (``/``,
what is typed, Esc) and a row's whole value (Enter). Each change goes to the model (the
state's metric and :class:`~krafter_tui.feeds.model.BreakdownChoice`), and the pane draws what
the model says."""

from __future__ import annotations

from textual import on
from textual.widgets import DataTable, Input

from krafter_tui.api import Dimension
from krafter_tui.ui.dashboard.selection import SelectionScreen
from krafter_tui.ui.screens.value import ValueScreen
from krafter_tui.ui.widgets import BreakdownTable

__all__ = ["PaneKeys"]


class PaneKeys(SelectionScreen):
    """Changes what the chart and the breakdown show, never what is polled."""

    def action_cycle_metric(self) -> None:
        """Chart the next metric: pageviews → visitors → visits."""
        self.state.next_metric()
        self.panes.render_chart(self.state, self.selection, self.clock())

    def action_step_dimension(self, step: int) -> None:
        """Show the next or previous breakdown dimension."""
        self.choose_dimension(self.state.breakdown.step_dimension(step).dimension)

    def choose_dimension(self, dimension: Dimension) -> None:
        """Show ``dimension`` in the breakdown (its filter cleared)."""
        self.state.breakdown = self.state.breakdown.with_dimension(dimension)
        rising = self.panes.rising(self.state, self.selection, self.clock())
        self.panes.breakdown.select_dimension(self.state.breakdown, rising)

    def action_cycle_sort(self) -> None:
        """Sort the breakdown by count (either way), by value, or (with a record) by what
        rose over the last 30 minutes."""
        self.state.breakdown = self.state.breakdown.next_sort(rising=self.record is not None)
        rising = self.panes.rising(self.state, self.selection, self.clock())
        self.panes.breakdown.show_choice(self.state.breakdown, rising)

    def action_filter(self) -> None:
        """Filter the breakdown rows."""
        self.panes.breakdown.open_filter()

    def action_clear_filter(self) -> None:
        """Clear the breakdown filter."""
        table = self.panes.breakdown
        if table.has_class("-filtering"):
            self.state.breakdown = self.state.breakdown.with_filter("")
            table.close_filter(self.state.breakdown)

    @on(Input.Changed, "#breakdown-filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        self.state.breakdown = self.state.breakdown.with_filter(event.value)
        self.panes.breakdown.show_choice(self.state.breakdown, self.panes.breakdown.rising)

    def action_show_value(self) -> None:
        """Enter: the whole value of the breakdown row under the cursor."""
        breakdown = self.panes.breakdown
        rows = breakdown.shown_rows
        index = breakdown.query_one(DataTable).cursor_row
        if 0 <= index < len(rows):
            self.app.push_screen(ValueScreen(self.state.breakdown.dimension, rows[index]))

    @on(BreakdownTable.ValueChosen)
    def _show_value(self, event: BreakdownTable.ValueChosen) -> None:
        # A click on a row: no dialog on a wall screen, where nobody would close it.
        if self.check_action("show_value", ()):
            self.app.push_screen(ValueScreen(event.dimension, event.row))
