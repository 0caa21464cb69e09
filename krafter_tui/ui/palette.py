"""The command palette, built here and only here: what Ctrl+P offers on each screen.

- Textual's own commands (theme, keys, screenshot, quit), then every action of the screen that
  has a palette title in the key tables (:mod:`krafter_tui.ui.keys`), then on the dashboard one
  command per breakdown dimension: :func:`screen_commands`, which the app's
  ``get_system_commands`` yields;
- one command per site ("Site: Acme (acme.example)"): the provider :class:`SiteCommands`, in
  :data:`PROVIDERS` (the app's ``COMMANDS``).

Textual's stock providers read command names as markup; site names come from the server, so
the site provider hands the palette plain ``Content`` and does its own match highlighting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from textual.actions import parse
from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen

from krafter_tui.api import DIMENSIONS, Site
from krafter_tui.text.sanitiser import clean_server_text
from krafter_tui.ui.bindings import key_display
from krafter_tui.ui.dashboard.site_keys import as_overview
from krafter_tui.ui.keys import DASHBOARD_COMMANDS, OVERVIEW_COMMANDS, Command
from krafter_tui.ui.screens.dashboard import DashboardScreen
from krafter_tui.ui.widgets.breakdown import DIMENSION_LABELS

__all__ = ["PROVIDERS", "SiteCommands", "palette_entries", "screen_commands"]


def palette_entries(
    commands: Iterable[Command], node: DOMNode, display: Callable[[Binding], str]
) -> Iterator[SystemCommand]:
    """The palette's entry of each command that has one, running ``node``'s action; its help
    names the key, so the palette cannot say another key than the bindings."""
    for command in commands:
        if command.palette_title is None:
            continue
        _, name, arguments = parse(command.action)
        callback = partial(getattr(node, f"action_{name}"), *arguments)
        yield SystemCommand(
            command.palette_title,
            f"{command.palette_help} ({key_display(display, command)})",
            callback,
        )


def screen_commands(
    screen: Screen[object], display: Callable[[Binding], str]
) -> Iterator[SystemCommand]:
    """After Textual's own: every action of the screen, and one per breakdown dimension."""
    overview = as_overview(screen)
    if overview is not None:
        yield from palette_entries(OVERVIEW_COMMANDS, overview, display)
    if not isinstance(screen, DashboardScreen):
        return
    yield from palette_entries(DASHBOARD_COMMANDS, screen, display)
    for index, key in enumerate(DIMENSIONS, start=1):
        label = DIMENSION_LABELS[key]
        yield SystemCommand(
            f"Breakdown: {label}",
            f"Show {label} in the breakdown pane ({index} of 9)",
            partial(screen.choose_dimension, key),
        )


def site_label(site: Site) -> str:
    """The palette text for a site."""
    return f"Site: {clean_server_text(site.name, 40)} ({clean_server_text(site.domain, 40)})"


def site_help(site: Site) -> str:
    """The palette's line under a site: what choosing it does, in the site's name.

    Textual reads a hit's ``help`` as markup (there is no plain form), so the name's square
    brackets are escaped: a site called ``[link=…]`` is shown as such, and cannot raise a
    ``MarkupError`` that ends the palette's search.
    """
    return "Switch the dashboard to " + clean_server_text(site.name, 40).replace("[", "\\[")


class SiteCommands(Provider):
    """Switch to any site of the team from the command palette (from All sites too: it
    opens the site in the dashboard, as Enter on its row does)."""

    def _targets(self) -> list[tuple[str, Site]]:
        screen = self.screen
        overview = as_overview(screen)
        if overview is not None:
            return [(site_label(site), site) for site in overview.sites()]
        if not isinstance(screen, DashboardScreen):
            return []
        return [(site_label(site), site) for site in screen.sites]

    def _switch(self, site: Site) -> None:
        overview = as_overview(self.screen)
        if overview is not None:
            overview.dismiss(site)
        elif isinstance(self.screen, DashboardScreen):
            self.screen.select(site, self.screen.pending_period)

    async def discover(self) -> Hits:
        """Every site, when the palette opens with no query."""
        for label, site in self._targets():
            yield DiscoveryHit(
                Content(label),
                partial(self._switch, site),
                text=label,
                help=site_help(site),
            )

    async def search(self, query: str) -> Hits:
        """Sites whose label fuzzily matches ``query``."""
        matcher = self.matcher(query)
        for label, site in self._targets():
            score = matcher.match(label)
            if score <= 0:
                continue
            _, offsets = matcher.fuzzy_search.match(query, label)
            content = Content(label)
            for offset in offsets:
                content = content.stylize("bold underline", offset, offset + 1)
            yield Hit(
                score,
                content,
                partial(self._switch, site),
                text=label,
                help=site_help(site),
            )


#: The palette's providers beside Textual's own (the app's ``COMMANDS``).
PROVIDERS: frozenset[type[Provider]] = frozenset({SiteCommands})
