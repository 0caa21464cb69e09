"""The keys that change what a pane shows: the chart's metric (``m``), and the breakdown's
dimension (``d``/``D``), sort (``o``), filter (``/``, Esc) and a row's whole value (Enter)."""

from __future__ import annotations

from textual import on
from textual.widgets import DataTable

from krafter_tui.api.period import utc_date
from krafter_tui.ui.dashboard.selection import SelectionScreen
from krafter_tui.ui.screens.value import ValueScreen
from krafter_tui.ui.widgets import BreakdownTable

__all__ = ["PaneKeys"]


class PaneKeys(SelectionScreen):
    """Changes what the chart and the breakdown show, never what is polled."""

    def action_cycle_metric(self) -> None:
        """Chart the next metric: pageviews → visitors → visits."""
        self.state.next_metric()
        self.panes.render_chart(self.state, self.selection, utc_date(self.clock()))

    def action_step_dimension(self, step: int) -> None:
        """Show the next or previous breakdown dimension."""
        self.panes.breakdown.step_dimension(step)

    def action_cycle_sort(self) -> None:
        """Sort the breakdown by count (either way) or by value."""
        self.panes.breakdown.cycle_sort()

    def action_filter(self) -> None:
        """Filter the breakdown rows."""
        self.panes.breakdown.open_filter()

    def action_clear_filter(self) -> None:
        """Clear the breakdown filter."""
        table = self.panes.breakdown
        if table.has_class("-filtering"):
            table.close_filter()

    def action_show_value(self) -> None:
        """Enter: the whole value of the breakdown row under the cursor."""
        breakdown = self.panes.breakdown
        rows = breakdown.shown_rows
        index = breakdown.query_one(DataTable).cursor_row
        if 0 <= index < len(rows):
            self.app.push_screen(ValueScreen(breakdown.dimension, rows[index]))

    @on(BreakdownTable.ValueChosen)
    def _show_value(self, event: BreakdownTable.ValueChosen) -> None:
        # A click on a row: no dialog on a wall screen, where nobody would close it.
        if self.check_action("show_value", ()):
            self.app.push_screen(ValueScreen(event.dimension, event.row))
