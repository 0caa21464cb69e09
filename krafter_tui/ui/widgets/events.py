"""The custom events pane: totals, unique visitors, revenue and conversion rate per event
(and, when comparing, each event's change in totals, as the breakdown's change column)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.geometry import Size
from textual.widgets import DataTable

from krafter_tui.api import Event
from krafter_tui.feeds.so_far import SoFar, so_far_change
from krafter_tui.text.numbers import grouped, money, percent
from krafter_tui.text.sanitiser import clean_server_text
from krafter_tui.ui.widgets.breakdown import CHANGE_WIDTH, row_change
from krafter_tui.ui.widgets.fitting import fitting_size
from krafter_tui.ui.widgets.pane import Pane

__all__ = ["EventsTable"]

COLUMNS = (
    ("total", "Total", 9),
    ("unique", "Unique", 9),
    ("revenue", "Revenue", 13),
    ("conversion", "Conv.", 8),
)
FIXED_COLUMNS = sum(width for _, _, width in COLUMNS) + 2  # and the vertical scrollbar


class EventsTable(Pane):
    """One row per custom event; conversion = unique visitors of the event / period visitors."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Custom events", id=id)
        self.events: list[Event] = []
        self.visitors: int | None = None
        # The compared period's events (None: not comparing): a change column after Total.
        self.compare: list[Event] | None = None
        self.so_far: SoFar | None = None  # the period includes today: how far it has run
        self._name_width = 16
        self._filled = False  # the table holds rows for self.events

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True, cell_padding=0, id="events")

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_column(Text("Event"), key="name", width=self._name_width)
        for key, label, width in COLUMNS:
            table.add_column(Text(label, justify="right"), key=key, width=width)
            if key == "total" and self.compare is not None:
                table.add_column(Text("Change", justify="right"), key="change", width=CHANGE_WIDTH)

    def _fixed(self) -> int:
        return FIXED_COLUMNS + (CHANGE_WIDTH if self.compare is not None else 0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As tall as its rows and their header (one row for "no custom events"): where the
        layout sizes the pane by what it holds (a grid row ``auto`` in styles/app.tcss, within
        the pane's min and max height), a few events leave the room to the breakdown."""
        return max(len(self.events), 1) + 1

    def on_resize(self) -> None:
        """Give the name column whatever the figures leave."""
        width = max(8, fitting_size(self).width - self._fixed())
        if width != self._name_width:
            self._name_width = width
            table: DataTable[Text] = self.query_one(DataTable)
            column = table.columns.get("name")  # type: ignore[call-overload]
            if column is not None:
                column.width = width
            if self.events:
                self._filled = False  # the names must be cut to the new width
                self.show(self.events, self.visitors)

    def show(
        self,
        events: list[Event],
        visitors: int | None,
        compare: list[Event] | None = None,
        so_far: SoFar | None = None,
    ) -> None:
        """Show ``events``; ``visitors`` (the period's total) gives the conversion rate.

        ``compare``: the compared period's events (None: not comparing). A change column
        then shows each event's change in totals against the same event there (``▲ 12%``;
        ``new`` for an event it does not have), as the breakdown's change column does, by
        the same rule for a period not over (``so_far``, :mod:`krafter_tui.feeds.so_far`).
        """
        ordered = sorted(events, key=lambda e: -e.total)
        same = (
            ordered == self.events
            and visitors == self.visitors
            and compare == self.compare
            and so_far == self.so_far
            and self._filled
        )
        columns_change = (compare is None) != (self.compare is None)
        self.events = ordered
        self.visitors = visitors
        self.compare = compare
        self.so_far = so_far
        if columns_change:
            # DataTable adds columns at the end only: the change column sits after Total.
            self.query_one(DataTable).clear(columns=True)
            self._name_width = max(8, (fitting_size(self).width or 40) - self._fixed())
            self._add_columns()
        if same:  # nothing new to draw (a poll, a background refresh)
            self.mark_ok()
            return
        self._filled = True
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear()
        changes = self._changes()
        for event in self.events:
            table.add_row(
                Text(
                    clean_server_text(event.event_name, self._name_width) or "(unnamed)",
                    no_wrap=True,
                ),
                Text(grouped(event.total), justify="right"),
                *changes(event),
                Text(grouped(event.unique_count), justify="right"),
                Text(money(event.revenue), justify="right"),
                Text(self._conversion(event), justify="right"),
            )
        self.set_hint(f"{len(self.events)} events" if self.events else "no custom events")
        self.mark_ok()

    def _changes(self) -> Callable[[Event], list[Text]]:
        """The change cell of an event (none at all when not comparing)."""
        if self.compare is None:
            return lambda event: []
        before = {e.event_name: e.total for e in self.compare}
        variables = self.app.theme_variables
        # The theme's readable up and down colours, as the breakdown's change column.
        colors = {"up": variables.get("text-success", ""), "down": variables.get("text-error", "")}

        def cell(event: Event) -> list[Text]:
            total = before.get(event.event_name)
            text, direction = so_far_change(event.total, total, self.so_far, row_change)
            return [Text(text, style=colors.get(direction, ""), justify="right")]

        return cell

    def _conversion(self, event: Event) -> str:
        if not self.visitors:
            return ""
        return percent(min(100.0, event.unique_count / self.visitors * 100))
