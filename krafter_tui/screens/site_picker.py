"""The site picker: type to filter the team's sites, Enter switches."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from krafter_tui.api import Site, clean_server_text

__all__ = ["SitePicker", "site_matches"]


def site_matches(site: Site, text: str) -> bool:
    """True when ``text`` occurs in the site's name, domain or key (case-insensitive)."""
    needle = text.strip().lower()
    return not needle or any(needle in f.lower() for f in (site.name, site.domain, site.site_key))


class SitePicker(ModalScreen[Site | None]):
    """Returns the chosen site, or None when dismissed with Esc."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("down", "cursor(1)", "Next", show=False),
        Binding("up", "cursor(-1)", "Previous", show=False),
    ]

    def __init__(self, sites: list[Site], current: Site | None) -> None:
        super().__init__()
        self.sites = sites
        self.current = current
        self.matches: list[Site] = list(sites)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(Text("Switch site", style="bold"), id="picker-title")
            yield Input(placeholder="type to filter by name, domain or key", id="picker-filter")
            yield OptionList(*self._options(""), id="picker-list")

    def on_mount(self) -> None:
        self._highlight("")

    def _options(self, text: str) -> list[Option]:
        self.matches = [s for s in self.sites if site_matches(s, text)]
        options: list[Option] = []
        for site in self.matches:
            label = Text(clean_server_text(site.name, 40), style="bold")
            label.append(f"  {clean_server_text(site.domain, 40)}", style="")
            label.append(f"  {clean_server_text(site.site_key, 30)}", style="dim")
            if self.current is not None and site.site_key == self.current.site_key:
                label.append("  ● current", style="dim")
            options.append(Option(label))
        if not self.matches:
            options.append(Option(Text("no site matches"), disabled=True))
        return options

    def _fill(self, text: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(text))
        self._highlight(text)

    def _highlight(self, text: str) -> None:
        options = self.query_one(OptionList)
        if self.matches:
            index = next(
                (
                    i
                    for i, s in enumerate(self.matches)
                    if self.current and s.site_key == self.current.site_key
                ),
                0,
            )
            options.highlighted = index if not text else 0

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _submit(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and 0 <= index < len(self.matches):
            self.dismiss(self.matches[index])

    @on(OptionList.OptionSelected, "#picker-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.matches):
            self.dismiss(self.matches[event.option_index])

    def action_cursor(self, step: int) -> None:
        """Move the highlight while typing in the filter."""
        options = self.query_one(OptionList)
        if not self.matches:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.matches) - 1, current + step))

    def action_dismiss_none(self) -> None:
        """Close without switching."""
        self.dismiss(None)
