"""The site picker: type to filter the team's sites, Enter switches.

Built for teams with very many sites (250,000 were tried): each site's name, domain and key are
lowered once, into one string, when the picker opens; a keystroke that only adds to the filter
searches the previous matches, not every site; and at most ``SHOWN`` matches become options,
with a line saying how many more there are. A keystroke costs milliseconds, so polls and the
clock go on while the user types.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from krafter_tui.api import Site
from krafter_tui.feeds.site_choice import haystack, site_matches
from krafter_tui.text.sanitiser import clean_server_text

__all__ = ["SHOWN", "SitePicker", "site_matches"]

SHOWN = 100  # options rendered at most; more matches are counted, and found by typing more


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
        self._haystacks = [haystack(site) for site in sites]
        self._matched: list[int] = list(range(len(sites)))  # indexes of the last matches
        self._needle = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(Text("Switch site", style="bold"), id="picker-title")
            yield Input(placeholder="type to filter by name, domain or key", id="picker-filter")
            yield OptionList(*self._options(""), id="picker-list")

    def on_mount(self) -> None:
        self._highlight("")

    def _match(self, text: str) -> None:
        needle = text.strip().lower()
        # Typing on narrows what matched before; anything else searches every site again.
        pool = self._matched if self._needle and needle.startswith(self._needle) else None
        hay = self._haystacks
        if not needle:
            self._matched = list(range(len(self.sites)))
        elif pool is None:
            self._matched = [i for i, h in enumerate(hay) if needle in h]
        else:
            self._matched = [i for i in pool if needle in hay[i]]
        self._needle = needle
        # Only the shown matches are picked out: Enter and the list can reach no others.
        self.matches = [self.sites[i] for i in self._matched[:SHOWN]]

    def _options(self, text: str) -> list[Option]:
        self._match(text)
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
        more = len(self._matched) - len(self.matches)
        if more > 0:
            note = f"… {more:,} more: type to narrow the list"
            options.append(Option(Text(note, style="dim italic"), disabled=True))
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
