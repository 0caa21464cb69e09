"""The "All sites" table: a row per site with visitors now, today so far, the change against
yesterday's pace, a 7-day sparkline, the row's age, and a mark for an alert.

Every server string (names, domains) goes in as sanitised ``rich.text.Text``: never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, Row, RowKey

from krafter_tui.alerts.marks import AlertMarks
from krafter_tui.api import Site
from krafter_tui.overview.row import SiteRow, sparkline
from krafter_tui.text.sanitiser import clean_server_text

__all__ = ["COLUMNS", "SitesTable", "name_width"]

# (key, header, width): the site column takes what its names need of what the others leave
# (see name_width). Headers have two lines: the figures of today say what they count.
COLUMNS: Final = (
    ("mark", "", 1),
    ("site", "Site", 0),
    ("now", "Now", 8),
    ("visitors", "Visitors\ntoday", 8),
    ("pageviews", "Views\ntoday", 8),
    ("change", "vs yday", 8),
    ("trend", "7 days", 7),
    ("updated", "Updated", 10),
)
FIXED = sum(width + 2 for _, _, width in COLUMNS) + 2  # cell padding, and the scrollbar
MIN_NAME, MAX_NAME = 8, 48
HEADER_HEIGHT: Final = 2


def name_width(screen_width: int, longest: int = MAX_NAME) -> int:
    """How wide the site column is on a screen ``screen_width`` cells wide, for names (with
    their domains) at most ``longest`` cells long: no wider than they need."""
    return max(MIN_NAME, min(MAX_NAME, longest, screen_width - FIXED))


def label_width(site: Site) -> int:
    """The cells a site's name and domain take side by side in the site column."""
    name = clean_server_text(site.name, MAX_NAME)
    return cell_len(name) + 2 + cell_len(clean_server_text(site.domain, MAX_NAME))


def _count(value: int | None) -> Text:
    return Text("–" if value is None else f"{value:,}", justify="right")


class SitesTable(DataTable[Text]):
    """The overview's rows, keyed by site key; :meth:`show_row` redraws one row's cells."""

    # DataTable keys its list of rows (and of lines) on a count that every update_cell bumps,
    # then rebuilds it, a walk through every row, at the next paint: an age changing on
    # screen cost 10,000 rows' work. Cell updates do not move rows, so these two lists are
    # kept until a row is added, removed or moved. (Class defaults: DataTable asks for its
    # rows while it is still being made.)
    cell_updates = 0
    _rows_in_order: tuple[object, list[Row]] | None = None
    _lines_in_order: tuple[object, list[tuple[RowKey, int]]] | None = None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, header_height=HEADER_HEIGHT, id=id)
        self.width_of_names = MIN_NAME
        self.longest = MIN_NAME  # the widest name and domain of the rows, in cells
        self.keys: list[str] = []  # site keys in row order
        self.alerts = AlertMarks()  # the alert marks it asks (the overview's, handed on)
        self.shown: dict[str, tuple[str, str]] = {}  # site key → its change and age, as shown
        self.site_rows: dict[str, SiteRow] = {}  # site key → its row, as filled and shown
        self.last_tick: datetime | None = None  # the clock at the last tick

    def change_colors(self) -> dict[str, str]:
        """The theme's readable up and down colours (as the breakdown's change column)."""
        variables = self.app.theme_variables
        return {"up": variables.get("text-success", ""), "down": variables.get("text-error", "")}

    def fill(self, rows: Sequence[SiteRow], now: datetime, width: int) -> None:
        """Every row again (the site list or the width changed); the cursor stays on its site."""
        current = self.keys[self.cursor_row] if 0 <= self.cursor_row < len(self.keys) else None
        self.longest = max((label_width(row.site) for row in rows), default=MIN_NAME)
        self.width_of_names = name_width(width, self.longest)
        self.clear(columns=True)
        for key, label, size in COLUMNS:
            shown = Text(label, justify="left" if key in ("site", "trend") else "right")
            self.add_column(shown, width=size or self.width_of_names, key=key)
        self.keys = [row.site.site_key for row in rows]
        self.site_rows = {row.site.site_key: row for row in rows}
        self.shown = {}
        for row in rows:
            cells = self._cells(row, now)
            self.add_row(*cells, key=row.site.site_key)
            self.shown[row.site.site_key] = (cells[5].plain, cells[7].plain)
        if current in self.keys:
            self.move_cursor(row=self.keys.index(current))

    def show_row(self, row: SiteRow, now: datetime) -> None:
        """Redraw ``row``'s cells (after a refresh, or a second later for its age)."""
        key = row.site.site_key
        if key not in self.shown:
            return
        cells = self._cells(row, now)
        for (column, _, _), cell in zip(COLUMNS, cells, strict=True):
            self.update_cell(RowKey(key), ColumnKey(column), cell)
        self.site_rows[key] = row
        self.shown[key] = (cells[5].plain, cells[7].plain)

    def tick(self, now: datetime) -> None:
        """The clock moved: the age (and the change, which follows the time of day) of each
        row on screen. Rows off screen are brought up to date when they scroll into view: a
        second's work stays the same with 10 sites or 10,000."""
        self.last_tick = now
        self._bring_up_to_date(self.visible_keys(), now)

    def visible_keys(self) -> list[str]:
        """The site keys of the rows on screen (a row is one line; one more for safety)."""
        top = max(0, int(self.scroll_y))
        return self.keys[top : top + self.size.height + 1]

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled: the rows now on screen get the ages of the last tick at once."""
        super().watch_scroll_y(old_value, new_value)
        if self.last_tick is not None and round(old_value) != round(new_value):
            self._bring_up_to_date(self.visible_keys(), self.last_tick)

    def _bring_up_to_date(self, keys: Sequence[str], now: datetime) -> None:
        # Only cells whose words changed are touched: most ages are in minutes and stay the
        # same from one second to the next.
        colors = self.change_colors()
        for key in keys:
            row = self.site_rows.get(key)
            if row is None or key not in self.shown:
                continue
            change, updated = self._change(row, now, colors), self._updated(row, now, colors)
            was_change, was_updated = self.shown[key]
            if change.plain != was_change:
                self.update_cell(RowKey(key), ColumnKey("change"), change)
            if updated.plain != was_updated:
                self.update_cell(RowKey(key), ColumnKey("updated"), updated)
            self.shown[key] = (change.plain, updated.plain)

    def _cells(self, row: SiteRow, now: datetime) -> list[Text]:
        colors = self.change_colors()
        site = Text(clean_server_text(row.site.name, self.width_of_names), style="bold")
        room = self.width_of_names - len(site) - 2
        if room >= 8:
            site.append("  " + clean_server_text(row.site.domain, room), style="dim")
        arrow = row.arrow()
        now_cell = _count(row.now)
        if arrow:
            now_cell.append(f" {arrow}", style=colors["up" if arrow == "▲" else "down"])
        mark = Text("●", style=colors["down"]) if row.site.id in self.alerts else Text("")
        return [
            mark,
            site,
            now_cell,
            _count(row.today.visitors if row.today else None),
            _count(row.today.pageviews if row.today else None),
            self._change(row, now, colors),
            Text(sparkline(row.trend) if row.trend else "…", style=colors["up"]),
            self._updated(row, now, colors),
        ]

    @staticmethod
    def _change(row: SiteRow, now: datetime, colors: dict[str, str]) -> Text:
        change, direction = row.change(now)
        return Text(change or "–", style=colors.get(direction, ""), justify="right")

    @staticmethod
    def _updated(row: SiteRow, now: datetime, colors: dict[str, str]) -> Text:
        # A failed row's problem is in full in the line under the table; here only a mark.
        if row.problem is None:
            return Text(row.age(now), style="dim", justify="right")
        return Text(f"⚠ {row.age(now)}", style=colors["down"], justify="right")

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: Text,
        *,
        update_width: bool = False,
    ) -> None:
        """DataTable's, counted: the rows stay where they are."""
        super().update_cell(row_key, column_key, value, update_width=update_width)
        if not update_width:  # a new width may change the layout: not counted
            self.cell_updates += 1

    def _layout_version(self) -> object:
        # Changes with every change of DataTable's but the cell updates counted above.
        return (self.row_count, self._update_count - self.cell_updates)

    @property
    def ordered_rows(self) -> list[Row]:
        """DataTable's rows in screen order, rebuilt only when rows were added, removed or
        moved (not for a changed cell)."""
        version = self._layout_version()
        if self._rows_in_order is None or self._rows_in_order[0] != version:
            self._rows_in_order = (version, super().ordered_rows)
        return self._rows_in_order[1]

    @property
    def _y_offsets(self) -> list[tuple[RowKey, int]]:
        version = self._layout_version()
        if self._lines_in_order is None or self._lines_in_order[0] != version:
            self._lines_in_order = (version, super()._y_offsets)
        return self._lines_in_order[1]

    def highlighted_key(self) -> str | None:
        """The site key of the row under the cursor."""
        index = self.cursor_row
        return self.keys[index] if 0 <= index < len(self.keys) else None

    def highlighted_row(self) -> SiteRow | None:
        """The row under the cursor."""
        key = self.highlighted_key()
        return None if key is None else self.site_rows.get(key)
