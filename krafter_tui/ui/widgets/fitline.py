"""One line of text that is shown whole or shortened by whole parts, never cut."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

__all__ = ["FitLine"]


class FitLine(Widget):
    """One line that shows the longest of its choices that fits its width (whole words and
    figures only: ``▲ +3  14:30:05``, else ``▲ +3``), never a cut one."""

    DEFAULT_CSS = "FitLine { height: 1; }"

    def __init__(self, *choices: Text, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.choices = choices

    def show(self, *choices: Text) -> None:
        """Show the first of ``choices`` (longest first) that fits; one line: no relayout."""
        self.choices = choices
        self.refresh()

    def render(self) -> Text:
        """The longest choice that fits, or nothing."""
        width = self.size.width
        return next((c for c in self.choices if c.cell_len <= width), Text(""))
