"""All sites at a glance (key ``0``, as in Plausible): a row per site of the team.

The screen covers the dashboard, whose feeds then slow down (``panes_visible`` is False). Its
rows are refreshed one at a time by :class:`~krafter_tui.overview.row_poller.RowPoller`, with
a wait between two rows that the team's budget allows (:mod:`krafter_tui.overview.pace`): the
screen is the poller's host (its workers and timers) and sink (it draws what changed); each row
says how old it is. Enter (or a click) opens the site in the dashboard; Esc or ``0``
goes back; Ctrl+S saves the screen as an SVG, through the dashboard's deliveries.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from krafter_tui.api import Site
from krafter_tui.export.files import EXPORT_CHOICES, ExportChoice, OnScreen
from krafter_tui.feeds.host import TimerHandle
from krafter_tui.feeds.so_far import SAME_SHARE
from krafter_tui.overview.feed import OverviewFeed
from krafter_tui.overview.row import SiteRow
from krafter_tui.overview.row_poller import RowPoller
from krafter_tui.text.durations import wait_text
from krafter_tui.text.sanitiser import clean_server_text
from krafter_tui.ui.bindings import bindings, footer_levels
from krafter_tui.ui.delivery import Deliveries
from krafter_tui.ui.host_screen import HostScreen
from krafter_tui.ui.keys import APP_COMMANDS, OVERVIEW_COMMANDS, kiosk_blocked
from krafter_tui.ui.screens.export_dialog import ExportDialog
from krafter_tui.ui.screens.help import HelpScreen
from krafter_tui.ui.widgets.key_footer import KeyFooter
from krafter_tui.ui.widgets.rotation import RotationBar
from krafter_tui.ui.widgets.site_table import SitesTable, name_width
from krafter_tui.ui.widgets.site_tiles import MAX_TILES, SiteTiles

__all__ = ["NOTE", "OverviewScreen"]

NOTE = (
    "Visitors, Views today: so far in the UTC day. vs yday: today's visitors so far against "
    f"the {SAME_SHARE} yesterday, as on the dashboard (the API has no hourly figures). "
    "7 days: visitors on each of the 7 days before today."
)
#: What Ctrl+S offers here: the picture of the rows (the tables are the dashboard's).
SCREEN_EXPORTS = tuple(choice for choice in EXPORT_CHOICES if choice.what == "screenshot")


class OverviewScreen(HostScreen[Site | None]):
    """Every site of the team; returns the site to open, or None to go back."""

    BINDINGS = bindings(OVERVIEW_COMMANDS)

    def __init__(
        self,
        feed: OverviewFeed,
        *,
        sites: Callable[[], list[Site]],
        current: Site | None = None,
        kiosk: bool = False,
        deliveries: Deliveries | None = None,
    ) -> None:
        super().__init__()
        self.feed = feed  # kept by the dashboard: opened again, the rows are there at once
        self.client = feed.client
        self.clock = feed.clock
        self.current = current
        self.kiosk = kiosk
        self.deliveries = deliveries  # Ctrl+S saves through the dashboard's
        # The dashboard's site list, as it is now (no request of our own), read at each step.
        self.poller = RowPoller(feed, sites=sites, host=self, sink=self)

    def compose(self) -> ComposeResult:
        yield Static(id="overview-status")
        yield SitesTable(id="sites-table")
        yield Static(id="overview-detail")
        yield Static(Text(NOTE, style="dim"), id="overview-note")
        yield SiteTiles(id="site-tiles")
        yield RotationBar(id="overview-rotation")
        yield KeyFooter(levels=footer_levels(OVERVIEW_COMMANDS, APP_COMMANDS))

    @property
    def sites(self) -> Callable[[], list[Site]]:
        """The dashboard's site list as it is now: the palette offers it, the poller follows it."""
        return self.poller.sites

    @property
    def table(self) -> SitesTable:
        """The table of sites."""
        return self.query_one(SitesTable)

    @property
    def tiles(self) -> SiteTiles:
        """The wall view's tiles (on screen in kiosk mode, for up to MAX_TILES sites)."""
        return self.query_one(SiteTiles)

    def fill(self) -> None:
        """Every row again, in the table and the tiles; a wall shows tiles for a few sites."""
        now = self.clock()
        self.table.fill(self.feed.rows, now, self.size.width)
        wall = self.kiosk and 0 < len(self.feed.rows) <= MAX_TILES
        self.set_class(wall, "-wall")
        self.tiles.fill(self.feed.rows if wall else [], now)

    def show_countdown(self, seconds_left: float, next_name: str) -> None:
        """Kiosk: ``All sites · next in 40s: Pebble CRM`` at the bottom, as on other stops.

        The dashboard's second tick may come while the screen is pushed but not yet put
        together: it then shows nothing, and the next tick shows the line."""
        found = self.query(RotationBar)
        if not found:
            return
        bar = found.first()
        bar.add_class("-visible")
        bar.show_rotation(None, len(self.feed.rows), seconds_left, next_name, stop="All sites")

    def on_mount(self) -> None:
        self.set_class(self.kiosk, "-kiosk")
        self.table.alerts = self.feed.alerts  # one book: marks stay when the screen shuts
        self.tiles.alerts = self.feed.alerts
        self.poller.take_sites()
        self.fill()
        if self.current is not None and self.current.site_key in self.table.keys:
            self.table.move_cursor(row=self.table.keys.index(self.current.site_key))
        self.table.focus()
        self.set_interval(1.0, self.tick, name="overview-clock")
        self.show_status()
        self.show_detail()
        self.poller.start()

    def on_resize(self) -> None:
        if self.table.width_of_names != name_width(self.size.width, self.table.longest):
            self.fill()

    # -- the poller's host and sink ----------------------------------------------------------

    @property
    def next_step(self) -> TimerHandle | None:
        """The timer of the next row's refresh, while one is armed."""
        return self.poller.timer

    def step(self) -> None:
        """Refresh the stalest row now; the next one follows at the budget's pace."""
        self.poller.step()

    def panes_visible(self) -> bool:
        """The rows are in view while this screen is open: the overview polls only then, at
        the budget's pace whatever covers it."""
        return True

    def rows_changed(self) -> None:
        """The rows followed a new site list: the table and the tiles are filled again."""
        self.fill()

    def row_refreshed(self, row: SiteRow) -> None:
        """One row has new figures (or a new trouble)."""
        self.table.show_row(row, self.clock())
        if self.has_class("-wall"):
            self.tiles.show_row(row, self.clock())

    def step_ended(self) -> None:
        """A refresh ended: the status and detail lines."""
        self.show_status()
        self.show_detail()

    def tick(self) -> None:
        """Once a second: each row's age, the budget line, the detail line."""
        self.table.tick(self.clock())
        if self.has_class("-wall"):
            self.tiles.tick(self.clock())
        self.show_status()
        self.show_detail()

    # -- lines --------------------------------------------------------------------------------

    def show_status(self) -> None:
        """``All sites · 3 sites · each row every 30s · 87/100 req left``."""
        count = len(self.feed.rows)
        pace = self.feed.pace()
        parts = ["All sites", f"{count:,} site{'' if count == 1 else 's'}"]
        if self.feed.refused is not None:
            parts.append(f"stopped: {clean_server_text(self.feed.refused.message, 120)}")
        elif pace.held:
            parts.append(f"holding for the budget, next row in {wait_text(pace.step)}")
        else:
            parts.append(f"each row every {wait_text(pace.cycle)}")
        parts.append(self.client.budget.describe())
        self.query_one("#overview-status", Static).update(Text(" · ".join(parts)))

    def show_detail(self) -> None:
        """The highlighted row in words: name, domain, its trouble and its alert in full."""
        row = self.highlighted()
        if row is None:
            self.query_one("#overview-detail", Static).update(Text("No sites yet."))
            return
        text = Text(clean_server_text(row.site.name, 60), style="bold")
        text.append(f" · {clean_server_text(row.site.domain, 60)}")
        if row.problem is not None:
            text.append(f" · ⚠ {clean_server_text(row.freshness(self.clock()), 160)}")
        alert = self.table.alerts.get(row.site.id)
        if alert is not None:
            text.append(f" · ● {clean_server_text(alert, 120)}")
        self.query_one("#overview-detail", Static).update(text)

    def highlighted(self) -> SiteRow | None:
        """The row under the cursor."""
        return self.table.highlighted_row()  # by key: no walk through thousands of rows

    def set_alert(self, site_id: str, text: str | None) -> None:
        """Mark the row of the site ``site_id`` (its UUID) with an alert, or clear the mark."""
        self.feed.alerts.set(site_id, text)
        now = self.clock()
        for row in self.feed.rows:
            if row.site.id == site_id:
                self.table.show_row(row, now)
                if self.has_class("-wall"):
                    self.tiles.show_row(row, now)
        self.show_detail()

    # -- keys ---------------------------------------------------------------------------------

    @on(DataTable.RowHighlighted)
    def _moved(self) -> None:
        self.show_detail()

    @on(DataTable.RowSelected)
    def _clicked(self) -> None:
        self.action_open_site()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In kiosk mode no dialog opens over the wall screen."""
        return not (self.kiosk and action in kiosk_blocked(OVERVIEW_COMMANDS))

    def action_open_site(self) -> None:
        """Enter: show the highlighted site in the dashboard."""
        row = self.highlighted()
        if row is not None:
            self.dismiss(row.site)

    def action_back(self) -> None:
        """Esc or 0: back to the dashboard, on the site it showed."""
        self.dismiss(None)

    def action_export(self) -> None:
        """Ctrl+S: the export dialog, offering what this screen can be saved as."""
        if self.deliveries is None:
            return
        dialog = ExportDialog(
            f"All sites · {self.clock():%Y-%m-%d %H:%M}",
            str(self.deliveries.directory),
            SCREEN_EXPORTS,
        )
        self.app.push_screen(dialog, self._save_export)

    def _save_export(self, choice: ExportChoice | None) -> None:
        if choice is not None and self.deliveries is not None:
            # Named like the dashboard's files: "all sites" and the day where a site would be.
            shown = OnScreen(None, f"all sites {self.clock():%Y-%m-%d}", None, None, [], "")
            self.deliveries.save(choice, shown)

    def action_help(self) -> None:
        """Show this screen's keys."""
        self.app.push_screen(HelpScreen((*OVERVIEW_COMMANDS, *APP_COMMANDS)))
