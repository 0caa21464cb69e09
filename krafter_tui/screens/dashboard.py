"""The dashboard: every pane on one screen, and the keys that drive them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Static

from krafter_tui.api import (
    DIMENSIONS,
    ApiError,
    BadRequestError,
    ForbiddenError,
    KrafterClient,
    NotFoundError,
    Period,
    Site,
    UnauthorizedError,
)
from krafter_tui.loader import DashboardLoader
from krafter_tui.polling import pane_problem
from krafter_tui.screens.custom_range import CustomRangeDialog
from krafter_tui.screens.feed_view import FEED_PANES, FeedView
from krafter_tui.screens.help import HelpScreen
from krafter_tui.screens.site_picker import SitePicker, site_matches
from krafter_tui.screens.value import ValueScreen
from krafter_tui.widgets import (
    METRICS,
    BreakdownTable,
    EventsTable,
    Pane,
    RealtimeCounter,
    StatusBar,
    TimeseriesChart,
    TotalsPanel,
)
from krafter_tui.widgets.key_footer import KeyFooter
from krafter_tui.widgets.rotation import RotationBar

__all__ = ["DashboardScreen", "Kiosk", "Selection"]

# Keys in groups: the footer names a group once ("w t l c Period"), so every key fits in it.
PERIOD_KEYS = Binding.Group("Period")
SITE_KEYS = Binding.Group("Site")
TABLE_KEYS = Binding.Group("Breakdown")
# Where those groups do not fit in the footer, larger ones (the help screen names each key).
PANE_KEYS, HELP_KEYS, MORE_KEYS = (Binding.Group(n) for n in ("Panes", "Help", "More"))
_PANES: dict[str, Binding.Group] = dict.fromkeys(
    [
        "cycle_metric",
        "step_dimension(1)",
        "step_dimension(-1)",
        "cycle_sort",
        "filter",
        "show_value",
        "clear_filter",
    ],
    PANE_KEYS,
)
FOOTER_LEVELS = [
    {**_PANES, "help": HELP_KEYS, "command_palette": HELP_KEYS},
    {**_PANES, **dict.fromkeys(["refresh", "help", "command_palette"], MORE_KEYS)}
    | dict.fromkeys(["request_quit", "quit"], MORE_KEYS),
]
# Below this a pane cannot show what it is for (at 64x18 the chart was 9 columns by 1 row):
# say so instead. From here up every figure is whole (tests/ui/test_figures.py walks it).
MIN_SIZE = (72, 22)
# Dialogs, prompts and the palette would block a wall screen until someone comes with a
# keyboard: in kiosk mode these actions are off (the palette in the app, quit by Ctrl+Q only).
KIOSK_BLOCKED = {"pick_site", "custom_range", "help", "filter", "show_value"}


@dataclass(frozen=True)
class Kiosk:
    """Wall-screen mode: the sites to rotate through (keys or names; empty: all) and how often
    to move to the next site and the next breakdown dimension (seconds; 0: never)."""

    sites: tuple[str, ...] = ()
    rotate_sites: float = 0.0
    rotate_dimensions: float = 0.0


@dataclass(frozen=True)
class Selection:
    """The site and period on screen; results for any other selection are dropped."""

    site: Site
    period: Period


class DashboardScreen(FeedView, Screen[None]):
    """Realtime, totals, chart, breakdown and events for one site and period."""

    HORIZONTAL_BREAKPOINTS = [
        (0, "-tiny"),
        (MIN_SIZE[0], "-narrow"),
        (120, "-wide"),
        (180, "-xwide"),
    ]
    # -high: room for a wall screen's live count and totals in block digits (styles/app.tcss)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (MIN_SIZE[1], "-tall"), (30, "-high")]

    BINDINGS = [
        Binding("w", "period('7d')", "Last 7 days", group=PERIOD_KEYS),
        Binding("t", "period('30d')", "Last 30 days", group=PERIOD_KEYS),
        Binding("l", "period('12mo')", "Last 12 months", group=PERIOD_KEYS),
        Binding("c", "custom_range", "Custom range", group=PERIOD_KEYS),
        Binding("s", "pick_site", "Site picker", group=SITE_KEYS),
        Binding("left_square_bracket", "step_site(-1)", "Previous site", group=SITE_KEYS),
        Binding("right_square_bracket", "step_site(1)", "Next site", group=SITE_KEYS),
        Binding("m", "cycle_metric", "Metric"),
        Binding("d", "step_dimension(1)", "Next dimension", group=TABLE_KEYS),
        Binding("D", "step_dimension(-1)", "Previous dimension", group=TABLE_KEYS),
        Binding("o", "cycle_sort", "Sort rows", group=TABLE_KEYS),
        Binding("slash", "filter", "Filter rows", group=TABLE_KEYS),
        # Before the table's own Enter (priority), so that the footer shows it; it does what
        # the table's would (the row's whole value) and leaves Enter to the filter field.
        Binding("enter", "show_value", "Whole value of the row", group=TABLE_KEYS, priority=True),
        Binding("escape", "clear_filter", "Clear the filter", group=TABLE_KEYS),
        Binding("r", "refresh", "Refresh"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(
        self,
        client: KrafterClient,
        *,
        initial_site: str | None,
        initial_period: Period,
        remembered_site: Site | None = None,
        realtime_interval: float,
        stats_interval: float,
        clock: Callable[[], datetime],
        on_selection: Callable[[Site, Period], None] | None = None,
        kiosk: Kiosk | None = None,
    ) -> None:
        super().__init__()
        self.client = client
        self.initial_site = initial_site
        # The site last shown (the whole record, from the state file): its figures are asked
        # for at once, while /sites is on its way; the list then confirms it or replaces it.
        self.remembered_site = remembered_site if kiosk is None else None
        self.clock = clock
        self.on_selection = on_selection
        self.sites: list[Site] = []
        self.sites_seen = False  # a list has arrived once (the start-up choice is made)
        self.kiosk_missing: set[str] = set()  # kiosk names already told to match nothing
        self.selection: Selection | None = None
        self.pending_period = initial_period
        self.metric = "pageviews"
        # Why polling has stopped until the user acts (a refused key or selection), shown in
        # the banner in place of feed health.
        self.halted: str | None = None
        self.kiosk = kiosk
        self.rotation: list[Site] = []
        self.next_rotation: float | None = None  # time.monotonic() of the next site switch
        self.loader = DashboardLoader(self, realtime_interval, stats_interval)

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Static(id="banner")
        with Horizontal(id="top"):
            yield RealtimeCounter(id="realtime")
            yield TotalsPanel(id="totals")
        with Grid(id="middle"):
            with Pane("Pageviews", id="chart-pane"):
                yield TimeseriesChart(id="chart")
            yield BreakdownTable(id="breakdown-pane")
            yield EventsTable(id="events-pane")
        yield KeyFooter(levels=FOOTER_LEVELS)
        yield RotationBar(id="rotation")
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self.query_one(TotalsPanel).highlight(self.metric)
        if self.kiosk is not None:
            for pane in self.query(Pane):
                pane.key_hints = False
        self.query_one("#chart-pane", Pane).set_hint("m metric", keys=True)
        self.query_one(StatusBar).set_context(period=self.pending_period)
        self.loader.load_sites()
        if self.remembered_site is not None:
            self.select(self.remembered_site, self.pending_period)
        # Ages, stale marks and the banner's countdown move with the clock, not with fetches.
        self.set_interval(1.0, self.update_health, name="health")
        if self.kiosk is not None:
            self.add_class("-kiosk")
            if self.kiosk.rotate_sites > 0:
                self.set_interval(self.kiosk.rotate_sites, self.rotate_site, name="rotate-sites")
                self.next_rotation = time.monotonic() + self.kiosk.rotate_sites
                self.set_interval(1.0, self.show_rotation, name="rotation-countdown")
            if self.kiosk.rotate_dimensions > 0:
                self.set_interval(
                    self.kiosk.rotate_dimensions,
                    partial(self.action_step_dimension, 1),
                    name="rotate-dims",
                )

    @property
    def panes_on_screen(self) -> bool:
        """Whether a person can see the panes: not covered by the too-small notice or by
        another full screen (dialogs leave them in view). Only then do feeds poll at full rate."""
        width, height = self.size
        if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
            return False
        return self.is_current

    def on_screen_resume(self) -> None:
        """Back on top: feeds slowed down while another screen covered this one catch up."""
        if self.is_mounted and self.panes_on_screen:
            self.loader.wake()

    def on_resize(self) -> None:
        """Below the minimum size, a notice covers the panes; feeds behind it slow down, and
        catch up as soon as the window is large enough again."""
        width, height = self.size
        if self.panes_on_screen:
            self.loader.wake()
        self.query_one("#too-small", Static).update(
            Text(
                f"Terminal too small ({width}×{height}).\n"
                f"krafter-tui needs at least {MIN_SIZE[0]}×{MIN_SIZE[1]}: enlarge the window."
            )
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In kiosk mode, no dialog may open over the wall screen; once quitting, nothing.

        Keys that do nothing where the focus is are off (and out of the footer): Esc while
        no filter is open, Enter outside the breakdown table.
        """
        if getattr(self.app, "quitting", False):
            return False
        if self.kiosk is not None and action in KIOSK_BLOCKED:
            return False
        if action == "clear_filter":
            return self.query_one(BreakdownTable).has_class("-filtering")
        if action == "show_value":
            focused = self.focused
            table = self.query_one(BreakdownTable).query_one(DataTable)
            return focused is None or focused is table
        return True

    def rotate_site(self) -> None:
        """Kiosk rotation: show the next of the kiosk's sites."""
        if self.kiosk is not None and self.kiosk.rotate_sites > 0:
            self.next_rotation = time.monotonic() + self.kiosk.rotate_sites
        if not self.rotation or self.selection is None:
            return
        keys = [s.site_key for s in self.rotation]
        current = self.selection.site.site_key
        index = keys.index(current) + 1 if current in keys else 0
        self.select(self.rotation[index % len(keys)], self.selection.period, refetch=False)

    def show_rotation(self) -> None:
        """Kiosk: ``site 2 of 3 · next in 40s`` under the panes (hidden without rotation)."""
        bar = self.query_one(RotationBar)
        rotating = self.next_rotation is not None and len(self.rotation) > 1
        bar.set_class(rotating, "-visible")
        if not rotating or self.next_rotation is None or self.selection is None:
            return
        keys = [s.site_key for s in self.rotation]
        current = self.selection.site.site_key
        position = keys.index(current) + 1 if current in keys else None
        following = self.rotation[(position or 0) % len(keys)]
        left = self.next_rotation - time.monotonic()
        bar.show_rotation(position, len(keys), left, following.name)

    # -- called by the loader -------------------------------------------------------------

    def sites_loaded(self, sites: list[Site]) -> None:
        """The team's sites arrived (at start, or a refresh): choose the site to show.

        The site on screen stays if it is still listed (renamed: shown with its new name);
        one deleted on the server is replaced, with a toast saying so. An empty list stops
        the feeds (the banner says why; the loader keeps asking).
        """
        first = not self.sites_seen
        self.sites_seen = True
        self.sites = sites
        current = self.selection
        if not sites:
            if current is not None:  # the site on screen is gone with all the others
                self.loader.stop(keep_sites=True)
            return
        self.rotation = self._kiosk_sites(sites)
        if current is not None:
            key = current.site.site_key
            same = next((s for s in sites if s.site_key == key), None)
            if same is not None:
                if same != current.site or self.loader.stopped:
                    self.select(same, current.period)
                return
        site = self.rotation[0] if self.rotation else sites[0]
        if first and self.initial_site:
            match = self.find_site(self.initial_site)
            if match is None:
                self.notify(
                    f"No site matches {self.initial_site!r}; showing {site.name}.",
                    severity="warning",
                    markup=False,
                )
            elif not (self.kiosk is not None and self.kiosk.sites and match not in self.rotation):
                site = match  # a wall screen with its own list of sites shows only those
        elif current is not None:
            self.notify(
                f"{current.site.name} is no longer on the server; showing {site.name}.",
                severity="warning",
                markup=False,
                timeout=15,
            )
        self.select(site, self.pending_period)

    def _kiosk_sites(self, sites: list[Site]) -> list[Site]:
        if self.kiosk is None:
            return []
        if not self.kiosk.sites:
            return list(sites)
        chosen: list[Site] = []
        for name in self.kiosk.sites:
            site = self.find_site(name)
            if site is None:
                if name not in self.kiosk_missing:  # said once, not at every refresh
                    self.kiosk_missing.add(name)
                    self.notify(
                        f"Kiosk: no site matches {name!r}; skipped.",
                        severity="warning",
                        markup=False,
                        timeout=15,
                    )
            elif site not in chosen:
                chosen.append(site)
        return chosen or list(sites)

    def find_site(self, text: str) -> Site | None:
        """The site whose key, name or domain equals ``text``, else the only one containing it."""
        lowered = text.strip().lower()
        for site in self.sites:
            if lowered in (site.site_key.lower(), site.name.lower(), site.domain.lower()):
                return site
        partial = [s for s in self.sites if site_matches(s, text)]
        return partial[0] if len(partial) == 1 else None

    def auth_failed(self, error: UnauthorizedError | ForbiddenError) -> None:
        """The key stopped working: stop polling and say how to fix it."""
        self.loader.stop()
        for pane in self.query(Pane):
            pane.mark_loading(False)
        # A 403 is a key that works but may not read analytics: say so, not "refused".
        scope = isinstance(error, ForbiddenError)
        note = "key lacks the analytics:read scope" if scope else "key refused"
        self.query_one(StatusBar).set_context(note=note)
        hint = (
            "Run `krafter-tui auth login` (or set KRAFTER_API_TOKEN) with a key that has the "
            "analytics:read scope, then press r."
        )
        self.halted = f"{error.message} {hint}"
        self.show_banner(self.halted)

    def update_budget(self) -> None:
        """Show the API budget left in the status line."""
        self.query_one(StatusBar).set_context(budget=self.client.budget.describe())

    # -- selection --------------------------------------------------------------------------

    def select(self, site: Site, period: Period, *, refetch: bool = True) -> None:
        """Show ``site`` over ``period``; in-flight answers for the old choice are dropped.

        With ``refetch`` False (kiosk rotation) figures cached within their interval are shown
        without asking the server again.
        """
        old = self.selection
        self.selection = Selection(site, period)
        self.pending_period = period
        new_site = old is None or old.site != site
        # One restyle and one paint for the loading marks and whatever the cache shows.
        with self.app.batch_update():
            if new_site:
                self.query_one(RealtimeCounter).clear()
            self.query_one(StatusBar).set_context(
                site=site, period=period, clear_resolved=True, note="loading…"
            )
            # Panes the cache fills at once are not marked: a class toggled on and off again
            # still restyles the pane and everything in it.
            shown_now = self.loader.cached_feeds(self.selection)
            for feed, selectors in FEED_PANES.items():
                if feed in shown_now or (feed == "realtime" and not new_site):
                    continue
                for selector in selectors:
                    self.query_one(selector, Pane).mark_loading()
            self.halted = None
            self.show_banner(None)
            # Figures are drawn from the answers for this selection only (no conversion rate
            # from another site's visitors); the selection is remembered once the server
            # has answered for it (see show_stats).
            self.shown_stats = None
            self.shown_events = None
            self.loader.start(self.selection, new_site=new_site, refetch=refetch)
            if self.kiosk is not None:
                self.show_rotation()

    def selection_refused(self, selection: Selection, feed: str, error: ApiError) -> None:
        """The server refused ``selection`` (400/404/422): no retry; say what it refused, once.

        The last selection the server accepted comes back (from the cache, at once) with its
        own label; with none (a refused range at launch) the panes say they have nothing.
        When only one feed of an accepted selection is refused, only its panes say so.
        """
        good = self.good_selection
        if good == selection:
            for selector in FEED_PANES[feed]:
                self.query_one(selector, Pane).mark_error(pane_problem(error))
            return
        self.loader.stop()
        what = f"{selection.site.name} · {selection.period.label}"
        refusal = error.message.rstrip(".") + "."
        if good is not None and good != selection:
            self.select(good.site, good.period)
            self.notify(
                f"The server refused {what}: {refusal} "
                f"Back to {good.site.name} · {good.period.label}.",
                title="Not shown",
                severity="error",
                timeout=12,
                markup=False,
            )
            return
        for selectors in FEED_PANES.values():
            for selector in selectors:
                self.query_one(selector, Pane).mark_error(pane_problem(error))
        self.query_one(StatusBar).set_context(note="refused")
        self.halted = (
            f"The server refused {what}: {refusal} "
            "Choose another period (w, t, l or c) or site (s)."
        )
        self.show_banner(self.halted)

    # -- actions ------------------------------------------------------------------------------

    def action_period(self, name: str) -> None:
        """Switch to a preset period (7d, 30d, 12mo)."""
        if self.selection is not None:
            self.select(self.selection.site, Period.parse(name))
        else:
            self.pending_period = Period.parse(name)

    def action_custom_range(self) -> None:
        """Ask for a custom range."""
        current = self.selection.period if self.selection else None

        def chosen(period: Period | None) -> None:
            if period is not None and self.selection is not None:
                # Checked with the server, which answered with the figures: from the cache.
                self.select(self.selection.site, period, refetch=False)

        check = self.check_period if self.selection is not None else None
        self.app.push_screen(CustomRangeDialog(self.clock, current, check), chosen)

    async def check_period(self, period: Period) -> str | None:
        """Ask the server for ``period`` on the current site: what it refuses, or None.

        The answer is the stats the dashboard would fetch next, so it is kept for it; trouble
        other than a refusal (offline, 5xx) is left to the dashboard's own retries.
        """
        if self.selection is None:
            return None
        selection = Selection(self.selection.site, period)
        try:
            stats = await self.client.stats(selection.site.site_key, period, DIMENSIONS)
        except (BadRequestError, NotFoundError) as error:
            return error.message
        except ApiError:
            return None
        finally:
            self.update_budget()
        self.loader.remember(selection, "stats", stats)
        return None

    def action_pick_site(self) -> None:
        """Open the site picker."""
        if not self.sites:
            self.notify("The sites have not loaded yet.", severity="warning")
            return
        current = self.selection.site if self.selection else None

        def chosen(site: Site | None) -> None:
            if site is not None:
                self.select(site, self.pending_period)

        self.app.push_screen(SitePicker(self.sites, current), chosen)

    def action_step_site(self, step: int) -> None:
        """Show the previous or next site of the list."""
        if not self.sites or self.selection is None:
            return
        keys = [s.site_key for s in self.sites]
        index = (
            keys.index(self.selection.site.site_key) if self.selection.site.site_key in keys else 0
        )
        self.select(self.sites[(index + step) % len(self.sites)], self.selection.period)

    def action_cycle_metric(self) -> None:
        """Chart the next metric: pageviews → visitors → visits."""
        keys = [key for key, _ in METRICS]
        self.metric = keys[(keys.index(self.metric) + 1) % len(keys)]
        self.query_one(TotalsPanel).highlight(self.metric)
        chart = self.query_one(TimeseriesChart)
        chart.show(chart.points, self.metric, series=chart.series)
        self.query_one("#chart-pane", Pane).set_title(*self.chart_title())

    def action_step_dimension(self, step: int) -> None:
        """Show the next or previous breakdown dimension."""
        self.query_one(BreakdownTable).step_dimension(step)

    def action_cycle_sort(self) -> None:
        """Sort the breakdown by count (either way) or by value."""
        self.query_one(BreakdownTable).cycle_sort()

    def action_filter(self) -> None:
        """Filter the breakdown rows."""
        self.query_one(BreakdownTable).open_filter()

    def action_clear_filter(self) -> None:
        """Clear the breakdown filter."""
        table = self.query_one(BreakdownTable)
        if table.has_class("-filtering"):
            table.close_filter()

    def action_refresh(self) -> None:
        """Fetch everything again now (the site list too, when it is missing or stopped)."""
        if not self.sites or not self.loader.sites_armed():
            self.loader.load_sites()
        if self.selection is None:
            return
        self.loader.forget(self.selection)
        self.select(self.selection.site, self.selection.period)

    def action_help(self) -> None:
        """Show every key."""
        bindings = [b for b in (*self.BINDINGS, *self.app.BINDINGS) if isinstance(b, Binding)]
        self.app.push_screen(HelpScreen(bindings))

    def action_show_value(self) -> None:
        """Enter: the whole value of the breakdown row under the cursor."""
        breakdown = self.query_one(BreakdownTable)
        rows = breakdown.shown_rows
        index = breakdown.query_one(DataTable).cursor_row
        if 0 <= index < len(rows):
            self.app.push_screen(ValueScreen(breakdown.dimension, rows[index]))

    @on(BreakdownTable.ValueChosen)
    def _show_value(self, event: BreakdownTable.ValueChosen) -> None:
        # A click on a row: no dialog on a wall screen, where nobody would close it.
        if self.check_action("show_value", ()):
            self.app.push_screen(ValueScreen(event.dimension, event.row))
