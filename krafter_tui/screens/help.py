"""The help screen: every key of the dashboard, built from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

__all__ = ["HelpScreen"]


class HelpScreen(ModalScreen[None]):
    """Lists keys and what they do; Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
    ]

    def __init__(self, bindings: Iterable[Binding]) -> None:
        super().__init__()
        self.bindings = list(bindings)
        self.rows: list[tuple[str, str]] = []

    def _rows(self) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for binding in self.bindings:
            if binding.action in seen or not binding.description:
                continue
            seen.add(binding.action)
            keys = " / ".join(
                self.app.get_key_display(Binding(k, "")) for k in binding.key.split(",")
            )
            rows.append((keys, binding.description))
        return rows

    def compose(self) -> ComposeResult:
        self.rows = self._rows()
        with VerticalScroll(id="help-box"):
            yield Static(Text("krafter-tui — keys", style="bold"), id="help-title")
            table: DataTable[Text] = DataTable(
                cursor_type="none", show_header=False, id="help-keys"
            )
            table.add_columns("key", "action")
            for keys, description in self.rows:
                table.add_row(Text(keys, style="bold"), Text(description))
            yield table
            yield Static(
                Text(
                    "Ctrl+P opens the command palette: every action above, switching site, "
                    "and the theme. Esc closes this screen."
                ),
                id="help-foot",
            )
