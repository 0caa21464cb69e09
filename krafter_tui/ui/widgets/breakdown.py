"""The breakdown pane: one dimension at a time as a sortable, filterable table (with the change
of each row against a compared period, when comparing). Which dimension, order and filter is
the model's (:class:`~krafter_tui.feeds.model.BreakdownChoice`); the pane draws the choice it
is handed. Sorted by ``rising``: a ``+N`` column from the record (:mod:`.breakdown_rising`)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Input

from krafter_tui.api import DIMENSIONS, BreakdownRow, Dimension
from krafter_tui.feeds.model import BreakdownChoice, SortOrder
from krafter_tui.feeds.so_far import SoFar, so_far_change
from krafter_tui.record import Rising
from krafter_tui.text.countries import country_name
from krafter_tui.text.numbers import grouped, percent, plural
from krafter_tui.text.sanitiser import clean_server_text
from krafter_tui.ui.widgets.breakdown_rising import (
    RISING_LABEL,
    RISING_WIDTH,
    by_growth,
    growth_cells,
)
from krafter_tui.ui.widgets.fitting import fitting_size
from krafter_tui.ui.widgets.pane import Pane

__all__ = ["COUNT_LABEL", "DIMENSION_LABELS", "BreakdownTable", "SortOrder", "rows_matching"]

DIMENSION_LABELS: dict[str, str] = {
    "path": "Pages",
    "referrer": "Referrers",
    "country": "Countries",
    "device": "Devices",
    "browser": "Browsers",
    "os": "Operating systems",
    "utm_source": "UTM sources",
    "utm_medium": "UTM media",
    "utm_campaign": "UTM campaigns",
}
# What a row's count counts, as its column and sort say it. The API's page names it only
# ``count``; its published example (the published Krafter page for stats, "Get Stats")
# answers totals.pageviews 1000 (visitors 500) with path counts 500+200+150+100+50 = 1000 and
# percents 50/20/15/10/5: the counts add up to the pageviews, and a percent is the row's share
# of the period's pageviews (country "US" 300 is 30.0 of 1000, not of 500 visitors).
COUNT_LABEL = "Pageviews"
SORT_LABELS: dict[SortOrder, str] = {
    "count": f"{COUNT_LABEL.lower()} ↓",
    "count-asc": f"{COUNT_LABEL.lower()} ↑",
    "value": "A→Z",
    "rising": RISING_LABEL,
}
VALUE_WIDTH = 200  # longer values are cut in the table only; Enter shows them whole
# The bars end one blank cell before the scrollbar (1 cell, styles/looks.tcss): the thumb
# must not read as the end of the last bar.
COUNT_WIDTH, PERCENT_WIDTH, BAR_GAP, SCROLLBAR = 9, 7, 1, 1
CHANGE_WIDTH = 7  # the change column when comparing: " ▲ 999%", "  ▼ 12%", "    new"
MIN_VALUE_WIDTH = 10  # comparing, the bar gives way before the values get narrower than this
MAX_ROWS = 500  # rows put in the table; more are reached with the filter


def bar(share: float, width: int, color: str) -> Text:
    """A bar of ``share`` (0–1) of ``width`` cells, in eighths of a cell, after one space."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    return Text(" " + "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else ""), style=color)


def column_widths(width: int, *, change: bool = False, rising: bool = False) -> tuple[int, int]:
    """(value, bar) widths that fill ``width`` cells beside the count and percent columns.

    With the ``change`` column (comparing), the value column gives it the room first; the
    bar only where the values would be left narrower than :data:`MIN_VALUE_WIDTH`. The
    ``rising`` column (+N) takes its room from the value column first as well.
    """
    room = max(0, width - COUNT_WIDTH - PERCENT_WIDTH - BAR_GAP - SCROLLBAR)
    if rising:
        room -= RISING_WIDTH
        if not change and room - 10 - 1 < MIN_VALUE_WIDTH:
            return max(6, room), 0
    bar_width = 10 if room >= 40 else 6 if room >= 22 else 0
    if not change:
        return max(6, room - bar_width - 1), bar_width
    room -= CHANGE_WIDTH
    if room - bar_width - 1 < MIN_VALUE_WIDTH:
        bar_width = 0
    return max(6, room - bar_width - 1), bar_width


def row_change(count: int, before: int | None) -> tuple[str, str]:
    """A row's change against its count in the compared period, as (text, direction):
    ``▲ 20%``, ``▼ 3%``, ``±0%``, ``new`` (not there before, or 0), ``""`` (not known)."""
    if before is None:
        return ("new", "up")
    if before <= 0:
        return ("new", "up") if count > 0 else ("±0%", "flat")
    ratio = (count - before) / before * 100
    if round(ratio) == 0:
        return ("±0%", "flat")
    arrow = "▲" if ratio > 0 else "▼"
    if abs(ratio) >= 1000:  # ten times as many: the factor reads better than 1,234%
        return (f"{arrow} ×{count / before:.0f}", "up")
    return (f"{arrow} {abs(ratio):.0f}%", "up" if ratio > 0 else "down")


def display_value(dimension: str, value: str, width: int = VALUE_WIDTH) -> str:
    """The table text for a value: country names beside codes, safe and cut to fit."""
    text = value
    if dimension == "country":
        name = country_name(value)
        if name:
            text = f"{value}  {name}"
    return clean_server_text(text, width) if text else "(none)"


class BreakdownTable(Pane):
    """Shows one dimension of the breakdown; ``d`` steps through the nine, ``/`` filters."""

    @dataclass
    class ValueChosen(Message):
        """The user pressed Enter on a row: show its full value."""

        dimension: str
        row: BreakdownRow

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Breakdown", id=id)
        self.breakdown: dict[str, list[BreakdownRow]] = {}
        # The compared period's breakdown (None: not comparing): a change column then.
        self.compare: dict[str, list[BreakdownRow]] | None = None
        self.so_far: SoFar | None = None  # the period includes today: how far it has run
        self.rising: Rising | None = None  # the dimension's growth (record), sorted by rising
        self._optional: tuple[bool, bool] | None = None  # the change and +N columns made
        self.choice = BreakdownChoice()  # the model's choice, as last handed to draw
        self._shown: list[BreakdownRow] = []
        self._matching = 0
        self._value_width, self._bar_width = column_widths(40)

    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(
            cursor_type="row", zebra_stripes=True, cell_padding=0, id="breakdown"
        )
        yield table
        yield Input(placeholder="filter rows…  (Esc clears)", id="breakdown-filter")

    def on_mount(self) -> None:
        self._fit_columns()
        self._update_title()

    def _fit_columns(self) -> None:
        """Make the columns again when the optional ones changed: the change column
        (comparing) and the +N column (rising). DataTable adds columns at the end only, and
        both sit after the count (made again on a toggle, not every poll)."""
        wanted = (self.compare is not None, self.sort == "rising")
        if self._optional == wanted:
            return
        self._optional = wanted
        table = self.query_one(DataTable)
        table.clear(columns=True)
        self._value_width, self._bar_width = column_widths(
            fitting_size(self).width or 40, change=wanted[0], rising=wanted[1]
        )
        table.add_column(Text("Value"), key="value", width=self._value_width)
        table.add_column(Text(COUNT_LABEL, justify="right"), key="count", width=COUNT_WIDTH)
        if self.compare is not None:
            table.add_column(Text("Change", justify="right"), key="change", width=CHANGE_WIDTH)
        if self.sort == "rising":
            table.add_column(Text("30 min", justify="right"), key="rising", width=RISING_WIDTH)
        table.add_column(Text("%", justify="right"), key="percent", width=PERCENT_WIDTH)
        table.add_column(Text(""), key="bar", width=self._bar_width + 1 + BAR_GAP)

    def on_resize(self) -> None:
        """Give the value column whatever the fixed columns leave."""
        widths = column_widths(
            fitting_size(self).width, change=self.compare is not None, rising=self.sort == "rising"
        )
        if widths != (self._value_width, self._bar_width):
            self._value_width, self._bar_width = widths
            table = self.query_one(DataTable)
            for key, width in (("value", widths[0]), ("bar", widths[1] + 1 + BAR_GAP)):
                column = table.columns.get(key)  # type: ignore[call-overload]
                if column is not None:
                    column.width = width
            self._refill()

    def show(
        self,
        breakdown: dict[str, list[BreakdownRow]],
        *,
        compare: dict[str, list[BreakdownRow]] | None = None,
        so_far: SoFar | None = None,
        rising: Rising | None = None,
    ) -> None:
        """Take a fresh breakdown of all dimensions and redraw the current one (unless the
        figures are the same as those on screen).

        ``compare``: the compared period's breakdown (None: not comparing). A change column
        then shows each row's change against the row of the same value there (``▲ 12%``;
        ``new`` for a value it does not have; blank for a dimension it lacks). ``so_far``: the
        period includes today, and each row is set against the same share of its compared
        count (:mod:`krafter_tui.feeds.so_far`), as the totals are. ``rising``: the
        dimension's growth from the record, drawn when sorted by rising.
        """
        drawn = (self.breakdown, self.compare, self.so_far, self.rising)
        same = (breakdown, compare, so_far, rising) == drawn
        self.so_far = so_far
        self.breakdown = breakdown
        self.compare = compare
        self.rising = rising
        self._fit_columns()
        if not same:
            self._refill()
        self.mark_ok()

    @property
    def dimension(self) -> Dimension:
        """The dimension drawn."""
        return self.choice.dimension

    @property
    def sort(self) -> SortOrder:
        """The order drawn."""
        return self.choice.sort

    @property
    def filter_text(self) -> str:
        """The filter drawn (``""``: none)."""
        return self.choice.filter

    def show_choice(self, choice: BreakdownChoice, rising: Rising | None = None) -> None:
        """Draw the rows ``choice`` picks (another order, another filter); ``rising``: the
        growth of its dimension from the record (sorted by rising)."""
        self.choice = choice
        self.rising = rising
        self._fit_columns()
        self._refill()

    def select_dimension(self, choice: BreakdownChoice, rising: Rising | None = None) -> None:
        """Draw ``choice``'s dimension, whose filter the model cleared
        (:meth:`~krafter_tui.feeds.model.BreakdownChoice.with_dimension`): the filter field
        closes, and the pane says so in its bottom border."""
        cleared = self.filter_text.strip() if choice.dimension != self.dimension else ""
        self.rising = rising
        if self.filter_text or self.has_class("-filtering"):
            self.close_filter(choice)
        else:
            self.show_choice(choice, rising)
        if cleared:
            self.set_hint(f"filter {quoted(cleared)} cleared · / filter")

    def open_filter(self) -> None:
        """Show the filter input and focus it."""
        field = self.query_one("#breakdown-filter", Input)
        self.add_class("-filtering")
        field.focus()

    @on(Input.Submitted, "#breakdown-filter")
    def _filter_submitted(self) -> None:
        self.query_one(DataTable).focus()

    def close_filter(self, choice: BreakdownChoice) -> None:
        """Clear and hide the filter field, and draw ``choice`` (the model's, its filter
        cleared). What is typed in the field goes to the model (the dashboard's
        :class:`~krafter_tui.ui.dashboard.pane_keys.PaneKeys`), which hands it back here."""
        field = self.query_one("#breakdown-filter", Input)
        with field.prevent(Input.Changed):
            field.value = ""
        self.choice = choice
        self.remove_class("-filtering")
        self._refill()
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#breakdown")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        index = event.cursor_row
        if 0 <= index < len(self._shown):
            self.post_message(self.ValueChosen(self.dimension, self._shown[index]))

    @property
    def shown_rows(self) -> list[BreakdownRow]:
        """The rows on screen, in screen order, after filter and sort."""
        return list(self._shown)

    def matching_rows(self) -> list[BreakdownRow]:
        """Every row of the dimension on screen that the filter lets through, in the
        table's sort order (the table itself shows the first :data:`MAX_ROWS`)."""
        return rows_matching(self.breakdown, self.choice, self.rising)

    def _refill(self) -> None:
        rows = self.matching_rows()
        self._matching = len(rows)
        # A DataTable row costs ~0.1 ms to add: 20,000 would freeze the screen for seconds.
        # Nobody scrolls that far; the filter finds the rest.
        rows = rows[:MAX_ROWS]
        self._shown = rows
        top = max((r.percent for r in rows), default=0.0) or 1.0
        color = self.app.theme_variables.get("primary", "blue")
        changes = self._row_changes(rows)
        growth = growth_cells(rows, self.rising, self.app.theme_variables, self.sort)
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows(
            (
                Text(display_value(self.dimension, r.value, self._value_width), no_wrap=True),
                Text(grouped(r.count), justify="right"),
                *changes[index : index + 1],
                *growth[index : index + 1],
                Text(percent(r.percent), justify="right"),
                bar(r.percent / top, self._bar_width, color),
            )
            for index, r in enumerate(rows)
        )
        hidden = self._matching - len(rows)
        if hidden > 0:
            more = Text(f"… {plural(hidden, 'more row')}: press / to filter", style="dim italic")
            table.add_row(more, *[Text("")] * (len(table.columns) - 1))
        self._update_title()

    def _row_changes(self, rows: list[BreakdownRow]) -> list[Text]:
        """The change cell of each of ``rows`` (none at all when not comparing)."""
        if self.compare is None:
            return []
        compared = self.compare.get(self.dimension)
        if compared is None:  # the compared answer lacks the dimension: nothing to say
            return [Text("") for _ in rows]
        before = {r.value: r.count for r in compared}
        variables = self.app.theme_variables
        # The theme's readable forms of the two colours: the success green of a dark theme is
        # too pale on a light one (styles/looks.tcss does the same for the totals).
        colors = {"up": variables.get("text-success", ""), "down": variables.get("text-error", "")}
        cells = []
        for row in rows:
            count = before.get(row.value)
            text, direction = so_far_change(row.count, count, self.so_far, row_change)
            cells.append(Text(text, style=colors.get(direction, ""), justify="right"))
        return cells

    def _update_title(self) -> None:
        # Parts in the order they give way on a narrow pane (last first): the sort, then the
        # row count, then the filter; the dimension stays.
        index = DIMENSIONS.index(self.dimension) + 1
        label = DIMENSION_LABELS[self.dimension]
        total = len(self.breakdown.get(self.dimension, []))
        needle = self.filter_text.strip()
        if needle:
            rows = f"{quoted(needle)} {self._matching:,}/{plural(total, 'row')}"
        else:
            rows = plural(total, "row")
        self.border_title = Text(f"{label} ({index}/9) · {rows} · {SORT_LABELS[self.sort]}")
        if not self.breakdown:
            self.set_hint("d next · D prev", keys=True)
        elif self.sort == "rising" and (self.rising is None or self.rising.since is None):
            self.set_hint("rising: nothing recorded yet")
        elif not self._shown:
            self.set_hint(
                f"no rows match {quoted(needle)} · Esc clears"
                if needle
                else "no data for this period"
            )
        else:
            self.set_hint("d next · o sort · / filter · ⏎ full", keys=True)


def rows_matching(
    breakdown: dict[str, list[BreakdownRow]],
    choice: BreakdownChoice,
    rising: Rising | None = None,
) -> list[BreakdownRow]:
    """Every row of ``choice``'s dimension in ``breakdown`` that its filter lets through (by
    the value or by the value as the pane shows it, e.g. a country's name), in its order
    (rising: by what each added in ``rising``'s window, :func:`.breakdown_rising.by_growth`)."""
    rows = list(breakdown.get(choice.dimension, []))
    needle = choice.filter.strip().lower()
    if needle:
        rows = [
            r
            for r in rows
            if needle in display_value(choice.dimension, r.value).lower()
            or needle in r.value.lower()
        ]
    if choice.sort == "count":
        rows.sort(key=lambda r: -r.count)
    elif choice.sort == "count-asc":
        rows.sort(key=lambda r: r.count)
    elif choice.sort == "rising":
        rows = by_growth(rows, rising)
    else:
        rows.sort(key=lambda r: r.value.lower())
    return rows


def quoted(needle: str) -> str:
    """A filter as the pane shows it: one safe line, quoted, at most 20 characters."""
    return f"“{clean_server_text(needle, 20)}”"
