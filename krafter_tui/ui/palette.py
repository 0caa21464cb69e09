"""Command palette provider: one command per site ("Site: Acme (acme.example)").

Textual's stock providers read command names as markup; site names come from the server, so
this provider hands the palette plain ``Content`` and does its own match highlighting.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from krafter_tui.api import Site
from krafter_tui.text.sanitiser import clean_server_text
from krafter_tui.ui.screens.dashboard import DashboardScreen
from krafter_tui.ui.screens.overview import OverviewScreen

__all__ = ["SiteCommands"]


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
        if isinstance(screen, OverviewScreen):
            return [(site_label(site), site) for site in screen.sites()]
        if not isinstance(screen, DashboardScreen):
            return []
        return [(site_label(site), site) for site in screen.sites]

    def _switch(self, site: Site) -> None:
        if isinstance(self.screen, OverviewScreen):
            self.screen.dismiss(site)
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
