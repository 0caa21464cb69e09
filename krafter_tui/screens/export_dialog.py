"""The export dialog (Ctrl+S): what to save of the dashboard, each choice by its letter."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from krafter_tui.api import clean_server_text
from krafter_tui.export_files import EXPORT_CHOICES, ExportChoice

__all__ = ["ExportDialog"]


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Lists the exports (breakdown, events, timeseries as CSV or JSON; a screenshot), each
    chosen by its letter or with the arrows and Enter; Esc closes without saving.

    ``about`` says what is on screen (site, period, breakdown); ``destination`` where the
    file goes.
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        *(
            Binding(choice.key, f"choose({index})", choice.label, show=False)
            for index, choice in enumerate(EXPORT_CHOICES)
        ),
    ]

    def __init__(self, about: str, destination: str) -> None:
        super().__init__()
        self.about = about
        self.destination = destination

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(
                Text(f"Export · {clean_server_text(self.about, 200)}", style="bold"),
                id="export-title",
            )
            yield OptionList(
                *(
                    Option(Text(f"{choice.key}  {choice.label}"), id=str(index))
                    for index, choice in enumerate(EXPORT_CHOICES)
                ),
                id="export-list",
            )
            yield Static(
                Text(
                    f"Saved to {clean_server_text(self.destination, 500)}\n"
                    "A letter or ⏎ saves · Esc closes"
                ),
                id="export-foot",
            )

    def action_choose(self, index: int) -> None:
        """Save the choice at ``index`` of :data:`EXPORT_CHOICES`."""
        self.dismiss(EXPORT_CHOICES[index])

    @on(OptionList.OptionSelected, "#export-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option_index)
