"""The help screen: every key of the dashboard, from the table the bindings are made from."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from krafter_tui.ui.bindings import key_display
from krafter_tui.ui.keys import Command

__all__ = ["HelpScreen"]


class HelpScreen(ModalScreen[None]):
    """Lists keys and what they do; Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
        # The list scrolls from the keyboard whether or not it has the focus.
        Binding("end", "scroll_keys('end')", "Last key", show=False, priority=True),
        Binding("home", "scroll_keys('home')", "First key", show=False, priority=True),
        Binding("pagedown", "scroll_keys('page_down')", "Page down", show=False),
        Binding("pageup", "scroll_keys('page_up')", "Page up", show=False),
    ]

    def __init__(self, commands: Iterable[Command]) -> None:
        super().__init__()
        self.commands = list(commands)
        self.rows: list[tuple[str, str]] = []

    def _rows(self) -> list[tuple[str, str]]:
        """A row per command: its keys as the footer shows them, and what it does."""
        return [
            (key_display(self.app.get_key_display, command), command.help_text)
            for command in self.commands
        ]

    def compose(self) -> ComposeResult:
        self.rows = self._rows()
        # The title and the way out stay in sight above the list, which scrolls by itself
        # where the screen is too short for every key (80x24; at 120x40 every key fits).
        with Vertical(id="help-box"):
            yield Static(Text("krafter-tui — keys", style="bold"), id="help-title")
            yield Static(
                Text("Esc closes · Ctrl+P opens the palette: every action, site and theme"),
                id="help-foot",
            )
            table: DataTable[Text] = DataTable(
                cursor_type="none", show_header=False, id="help-keys"
            )
            table.add_columns("key", "action")
            for keys, description in self.rows:
                table.add_row(Text(keys, style="bold"), Text(description))
            yield table

    def on_resize(self) -> None:
        """The list's height: every key where they fit, else what the box leaves it (the box
        is at most 90 % of the screen; its border, title and way out take 5 rows), so the list
        scrolls rather than being cut by the box."""
        room = max(3, int(self.size.height * 0.9) - 5)
        self.query_one("#help-keys", DataTable).styles.height = min(len(self.rows), room)

    def action_scroll_keys(self, where: str) -> None:
        """Scroll the list of keys to its end, its start, or a page down or up."""
        table = self.query_one("#help-keys", DataTable)
        if where == "end":
            table.scroll_end(animate=False)
        elif where == "home":
            table.scroll_home(animate=False)
        elif where == "page_down":
            table.scroll_page_down(animate=False)
        else:
            table.scroll_page_up(animate=False)
