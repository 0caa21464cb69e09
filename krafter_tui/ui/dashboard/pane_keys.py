"""The keys that change what a pane shows: the chart's metric (``m``), and the breakdown's
dimension (``d``/``D``, the palette), sort (``o``; rising only with a record), filter (``/``,
what is typed, Esc) and a row's whole value (Enter); on a wide screen, of the breakdown in
focus (:mod:`.breakdowns`). Each change goes to the model (the
state's metric and :class:`~krafter_tui.feeds.model.BreakdownChoice`), and the pane draws what
the model says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.widgets import DataTable, Input

from krafter_tui.api import BreakdownRow, Dimension
from krafter_tui.ui.dashboard.breakdowns import BreakdownPanes
from krafter_tui.ui.widgets import BreakdownTable

if TYPE_CHECKING:
    from krafter_tui.ui.screens.value import ValueScreen

__all__ = ["PaneKeys"]


def value_screen(dimension: str, row: BreakdownRow) -> ValueScreen:
    """Enter's dialog on a row (imported when it opens, not before the first frame)."""
    from krafter_tui.ui.screens.value import ValueScreen

    return ValueScreen(dimension, row)


class PaneKeys(BreakdownPanes):
    """Changes what the chart and the breakdown show, never what is polled."""

    def action_cycle_metric(self) -> None:
        """Chart the next metric: pageviews → visitors → visits."""
        self.state.next_metric()
        self.panes.render_chart(self.state, self.selection, self.clock())

    def action_step_dimension(self, step: int) -> None:
        """Show the next or previous dimension in the breakdown in focus."""
        index = self.breakdown_index()
        self.choose_dimension(self.state.choice_at(index).step_dimension(step).dimension, index)

    def choose_dimension(self, dimension: Dimension, index: int = 0) -> None:
        """Show ``dimension`` in breakdown ``index`` (0: the main one; its filter cleared)."""
        self.state.set_choice_at(index, self.state.choice_at(index).with_dimension(dimension))
        rising = self.panes.rising(self.state, self.selection, self.clock(), index)
        self.panes.breakdowns[index].select_dimension(self.state.choice_at(index), rising)

    def rotate_dimensions(self) -> None:
        """Kiosk: each breakdown on screen moves on by as many dimensions as are on screen,
        so a wide wall shows the next ones in every pane (one: the next dimension)."""
        shown = self.panes.shown
        for index in range(shown):
            step = self.state.choice_at(index).step_dimension(shown)
            self.choose_dimension(step.dimension, index)

    def action_cycle_sort(self) -> None:
        """Sort the breakdown in focus by count (either way), by value, or (with a record)
        by what rose over the last 30 minutes."""
        index = self.breakdown_index()
        choice = self.state.choice_at(index).next_sort(rising=self.record is not None)
        self.state.set_choice_at(index, choice)
        rising = self.panes.rising(self.state, self.selection, self.clock(), index)
        self.panes.breakdowns[index].show_choice(choice, rising)

    def action_filter(self) -> None:
        """Filter the rows of the breakdown in focus."""
        self.focused_breakdown().open_filter()

    def action_clear_filter(self) -> None:
        """Clear the filter of the breakdown in focus."""
        index = self.breakdown_index()
        table = self.panes.breakdowns[index]
        if table.has_class("-filtering"):
            self.state.set_choice_at(index, self.state.choice_at(index).with_filter(""))
            table.close_filter(self.state.choice_at(index))

    @on(Input.Changed, "#breakdown-filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        index = self.breakdown_index()  # the field typed in has the focus
        self.state.set_choice_at(index, self.state.choice_at(index).with_filter(event.value))
        table = self.panes.breakdowns[index]
        table.show_choice(self.state.choice_at(index), table.rising)

    def action_show_value(self) -> None:
        """Enter: the whole value of the row under the cursor, in the breakdown in focus."""
        breakdown = self.focused_breakdown()
        rows = breakdown.shown_rows
        index = breakdown.query_one(DataTable).cursor_row
        if 0 <= index < len(rows):
            self.app.push_screen(value_screen(breakdown.dimension, rows[index]))

    @on(BreakdownTable.ValueChosen)
    def _show_value(self, event: BreakdownTable.ValueChosen) -> None:
        # A click on a row: no dialog on a wall screen, where nobody would close it.
        if self.check_action("show_value", ()):
            self.app.push_screen(value_screen(event.dimension, event.row))
