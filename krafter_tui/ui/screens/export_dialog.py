"""The export dialog (Ctrl+S): what to save of the dashboard, each choice by its letter."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from krafter_tui.export.files import EXPORT_CHOICES, ExportChoice
from krafter_tui.text.sanitiser import clean_server_text
from krafter_tui.ui.delivery import break_path

__all__ = ["ExportDialog"]


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Lists the exports (breakdown, events, timeseries as CSV or JSON; a screenshot), each
    chosen by its letter or with the arrows and Enter; Esc closes without saving.

    ``about`` says what is on screen (site, period, breakdown); ``destination`` where the
    file goes; ``offered`` the choices that make sense there (All sites has no breakdown).
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        *(
            Binding(choice.key, f"choose({index})", choice.label, show=False)
            for index, choice in enumerate(EXPORT_CHOICES)
        ),
    ]

    def __init__(
        self, about: str, destination: str, offered: Sequence[ExportChoice] = EXPORT_CHOICES
    ) -> None:
        super().__init__()
        self.about = about
        self.destination = destination
        self.offered = [i for i, choice in enumerate(EXPORT_CHOICES) if choice in offered]

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(
                Text(f"Export · {clean_server_text(self.about, 200)}", style="bold"),
                id="export-title",
            )
            yield OptionList(
                *(
                    Option(Text(f"{EXPORT_CHOICES[i].key}  {EXPORT_CHOICES[i].label}"), id=str(i))
                    for i in self.offered
                ),
                id="export-list",
            )
            yield Static(
                Text(f"Will save to\n{self._folder()}\nA letter or ⏎ saves · Esc closes"),
                id="export-foot",
            )

    def _folder(self) -> str:
        """The destination in lines broken where a path may break (the box is 72 cells wide,
        at most 95% of the screen; its border and padding take 4)."""
        width = min(72, self.app.size.width * 95 // 100) - 4
        return break_path(clean_server_text(self.destination, 500), width)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A letter of a choice not offered here does nothing."""
        return action != "choose" or parameters[0] in self.offered

    def action_choose(self, index: int) -> None:
        """Save the choice at ``index`` of :data:`EXPORT_CHOICES`."""
        self.dismiss(EXPORT_CHOICES[index])

    @on(OptionList.OptionSelected, "#export-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(int(event.option.id or 0))
