"""What the dashboard shows and polls: the selection, the feeds, kiosk settings, and the
answers every pane is drawn from (:class:`DashboardState`, one owner for the metric and the
latest answers, what the breakdown shows of them (:class:`BreakdownChoice`), and the realtime
readings; widgets never hand figures back)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Final, Literal

from krafter_tui.api import DIMENSIONS, Dimension, Event, Period, Site, Stats, Totals
from krafter_tui.feeds.readings import SiteReadings

__all__ = [
    "COMPARE_MODES",
    "DATA_FEEDS",
    "FEEDS",
    "METRICS",
    "SIDE_BREAKDOWNS",
    "SORT_ORDERS",
    "BreakdownChoice",
    "Compare",
    "DashboardState",
    "Feed",
    "Kiosk",
    "Selection",
    "SortOrder",
]

#: The three feeds the dashboard polls: stats (totals, chart, breakdown in one request),
#: events and realtime. The site list is polled too but is not a feed of a selection.
Feed = Literal["stats", "events", "realtime"]
FEEDS: Final[tuple[Feed, ...]] = ("stats", "events", "realtime")
#: The feeds whose answers belong to a period (and are cached per selection).
DATA_FEEDS: Final[tuple[Feed, ...]] = ("stats", "events")
#: What the figures are compared with: the period of equal length before (its totals give the
#: change marks in every mode), or the same dates a year before. ``off`` draws no second
#: series; the change marks still compare with the previous period.
Compare = Literal["off", "previous", "year"]
COMPARE_MODES: Final[tuple[Compare, ...]] = ("off", "previous", "year")


@dataclass(frozen=True)
class Selection:
    """The site and period on screen; results for any other selection are dropped."""

    site: Site
    period: Period


@dataclass(frozen=True)
class Kiosk:
    """Wall-screen mode: the sites to rotate through (keys or names; empty: all) and how often
    to move to the next site and the next breakdown dimension (seconds; 0: never); with
    ``overview`` the All sites overview is a stop of the site rotation, after the last site.
    ``stops`` is a playlist instead (:mod:`~krafter_tui.feeds.playlist`): each a site key or
    name, or ``overview``, with its seconds on screen; ``warnings``: the stops skipped."""

    sites: tuple[str, ...] = ()
    rotate_sites: float = 0.0
    rotate_dimensions: float = 0.0
    overview: bool = False
    stops: tuple[tuple[str, float], ...] = ()
    warnings: tuple[str, ...] = ()


#: The metrics the chart can draw, in the order ``m`` steps through them, with their labels.
METRICS: Final = (("pageviews", "Pageviews"), ("visitors", "Visitors"), ("visits", "Visits"))

#: The breakdown's orders, as ``o`` steps through them: count down, count up, value A→Z, and
#: rising (growth over the last 30 minutes, from the record: only while one is kept).
SortOrder = Literal["count", "count-asc", "value", "rising"]
SORT_ORDERS: Final[tuple[SortOrder, ...]] = ("count", "count-asc", "value", "rising")


@dataclass(frozen=True)
class BreakdownChoice:
    """What the breakdown shows of the stats' breakdown: one dimension, in one order, the
    rows a filter lets through (matched by the pane, by the values as it shows them)."""

    dimension: Dimension = "path"
    sort: SortOrder = "count"
    filter: str = ""

    def with_dimension(self, dimension: Dimension) -> BreakdownChoice:
        """``dimension`` (another or the same): a filter typed for the values of one
        (``/blog``) rarely means anything for the next, so choosing one clears it."""
        return replace(self, dimension=dimension, filter="")

    def step_dimension(self, step: int) -> BreakdownChoice:
        """The next (``step=1``) or previous (``-1``) dimension."""
        index = (DIMENSIONS.index(self.dimension) + step) % len(DIMENSIONS)
        return self.with_dimension(DIMENSIONS[index])

    def next_sort(self, rising: bool = False) -> BreakdownChoice:
        """Count descending → count ascending → value A→Z → (with ``rising``: a record is
        kept) rising → count descending. Without a record rising is skipped (and left)."""
        orders = SORT_ORDERS if rising else tuple(o for o in SORT_ORDERS if o != "rising")
        index = (orders.index(self.sort) + 1) % len(orders) if self.sort in orders else 0
        return replace(self, sort=orders[index])

    def with_filter(self, text: str) -> BreakdownChoice:
        """The rows matching ``text`` (``""``: every row)."""
        return replace(self, filter=text)


#: The wide screen's other breakdowns (from 180 columns, :mod:`krafter_tui.ui.dashboard.breakdowns`
#: shows two to four side by side), after the main one (:attr:`DashboardState.breakdown`, the
#: only one on a narrower screen): each has its own choice, so ``d`` on one changes only it,
#: and the one in focus is the one exported. Kept here beside the main one's, in the model
#: (one owner per fact), so a resize across the width that hides them loses nothing. Their
#: dimensions follow Plausible's Sources, Pages, Locations, Devices after the main Pages.
SIDE_BREAKDOWNS: Final[tuple[BreakdownChoice, ...]] = (
    BreakdownChoice("referrer"),
    BreakdownChoice("country"),
    BreakdownChoice("device"),
)


@dataclass
class DashboardState:
    """What every pane is drawn from: the metric charted and the period stepped from (the
    screen's keys set them), and the comparison, the answers for the selection on screen and
    the last selection the server accepted (written only by the poller, which then tells its
    sink; the screen reads them to draw).

    The answers kept per selection for switching back are another fact, in
    :class:`~krafter_tui.feeds.kept.ResultCache`, with the time each was fetched: the poller
    shows a kept answer by putting it here; nothing is copied from here back to there.
    """

    metric: str = "pageviews"
    # The period last chosen by a key, the dialog or at launch: stepping (← →) moves away
    # from it, Shift+→ comes back to it while it reaches today.
    origin: Period | None = None
    # What the figures are compared with: one owner, written only by Poller.set_compare.
    compare: Compare = "off"
    breakdown: BreakdownChoice = BreakdownChoice()  # kept across selections
    # The wide screen's other breakdowns' choices (SIDE_BREAKDOWNS), kept across selections.
    side_breakdowns: tuple[BreakdownChoice, ...] = SIDE_BREAKDOWNS
    # Every site's realtime readings (the pane draws the site's on screen; alerts judge them).
    readings: SiteReadings = field(default_factory=SiteReadings)
    stats: Stats | None = None
    compared: Stats | None = None  # the compared period's (the previous one by default)
    events: list[Event] | None = None
    # The record's totals of yesterday at the time the stats were read (None: not recorded,
    # or the period is not "today"): the so-far rule compares with them exactly.
    same_time_yesterday: Totals | None = None
    # The compared period's custom events (None: not asked for, or not here yet).
    compared_events: list[Event] | None = None
    # The period is today: the last 7 days (7d, today included), what the chart draws while
    # the record has no hours of today (None: not today, or not here).
    week: Stats | None = None
    # The last selection whose stats reached the screen: the one to remember between runs,
    # and the one to go back to when the server refuses a new one.
    good: Selection | None = None
    # Why polling has stopped until the user acts (a refused key or selection), shown in
    # the banner in place of feed health.
    halted: str | None = None

    def new_selection(self) -> None:
        """Another selection is on screen: no answer for it has come yet."""
        self.stats = None
        self.compared = None
        self.same_time_yesterday = None
        self.events = None
        self.compared_events = None
        self.week = None
        self.halted = None

    def choice_at(self, index: int) -> BreakdownChoice:
        """The choice of breakdown ``index``: 0 the main one, 1 to 3 the wide screen's others."""
        return self.breakdown if index == 0 else self.side_breakdowns[index - 1]

    def set_choice_at(self, index: int, choice: BreakdownChoice) -> None:
        """Breakdown ``index`` shows ``choice`` (0: the main one)."""
        if index == 0:
            self.breakdown = choice
        else:
            sides = list(self.side_breakdowns)
            sides[index - 1] = choice
            self.side_breakdowns = tuple(sides)

    def next_metric(self) -> str:
        """Chart the next metric: pageviews → visitors → visits → pageviews."""
        keys = [key for key, _ in METRICS]
        self.metric = keys[(keys.index(self.metric) + 1) % len(keys)]
        return self.metric

    @property
    def metric_label(self) -> str:
        """``Pageviews``, ``Visitors`` or ``Visits``."""
        return dict(METRICS)[self.metric]

    @property
    def previous(self) -> Totals | None:
        """The totals the change marks compare with."""
        return None if self.compared is None else self.compared.totals

    @property
    def visitors(self) -> int | None:
        """The period's visitors, for the events' conversion: None until the stats came."""
        return None if self.stats is None else self.stats.totals.visitors
