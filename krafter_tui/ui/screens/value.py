"""A modal that shows one breakdown value in full (tables cut long paths and referrers)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from krafter_tui.api import BreakdownRow
from krafter_tui.text.countries import country_name
from krafter_tui.text.numbers import grouped, percent
from krafter_tui.text.sanitiser import clean_server_text
from krafter_tui.ui.widgets.breakdown import COUNT_LABEL, DIMENSION_LABELS

__all__ = ["ValueScreen"]


class ValueScreen(ModalScreen[None]):
    """The whole value, its count and share; any key in the footer closes it."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close")]

    def __init__(self, dimension: str, row: BreakdownRow) -> None:
        super().__init__()
        self.dimension = dimension
        self.row = row

    def compose(self) -> ComposeResult:
        value = clean_server_text(self.row.value, 10_000) or "(none)"
        if self.dimension == "country" and (name := country_name(self.row.value)):
            value = f"{value} — {name}"
        with Vertical(id="value-box"):
            label = DIMENSION_LABELS.get(self.dimension, self.dimension)  # as the pane says
            noun = COUNT_LABEL.lower()  # what the count and its share are of
            yield Static(Text(f"{label} · whole value", style="bold"), id="value-title")
            yield Static(Text(value), id="value-full")
            yield Static(
                Text(
                    f"{grouped(self.row.count)} {noun} · {percent(self.row.percent)} of {noun}"
                    "  (Esc closes)",
                    style="dim",
                ),
                id="value-figures",
            )
