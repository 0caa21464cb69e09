"""The dashboard's feeds without Textual: what to fetch when (once the keys settle), the kept
answers, paint rounds, feed health and its words, which site to show, and the state every pane
is drawn from.

The poller (:mod:`~krafter_tui.feeds.poller`) is joined from parts by subject:
``poller_base`` (the selection, feed health, kept answers, the model's writes), ``feed_timers``,
``feed_fetches``, ``compare_fetch`` (stats with the compared period), ``compared_events``,
``site_list`` and ``head_start_handover`` (the launch's head start taken over).

The dashboard screen is the one adapter between this package and Textual: it is the poller's
:class:`~krafter_tui.feeds.host.Host` (tasks and timers) and :class:`~krafter_tui.feeds.host.Sink`
(typed results), and renders its panes from :class:`~krafter_tui.feeds.model.DashboardState`.
"""

from krafter_tui.feeds.host import Host, Sink, TimerHandle
from krafter_tui.feeds.kept import Kept, ResultCache
from krafter_tui.feeds.model import (
    COMPARE_MODES,
    DATA_FEEDS,
    FEEDS,
    METRICS,
    Compare,
    DashboardState,
    Feed,
    Kiosk,
    Selection,
)
from krafter_tui.feeds.poller import PREVIOUS_TTL, SITES_REFRESH, NoSitesError, Poller
from krafter_tui.feeds.report import FeedsReport
from krafter_tui.feeds.rounds import ROUND_WAIT, PaintRound
from krafter_tui.feeds.settle import SETTLE_DELAY, SettleWait

__all__ = [
    "COMPARE_MODES",
    "Compare",
    "DATA_FEEDS",
    "FEEDS",
    "METRICS",
    "PREVIOUS_TTL",
    "ROUND_WAIT",
    "SETTLE_DELAY",
    "SITES_REFRESH",
    "DashboardState",
    "Feed",
    "FeedsReport",
    "Host",
    "Kept",
    "Kiosk",
    "NoSitesError",
    "PaintRound",
    "Poller",
    "ResultCache",
    "Selection",
    "SettleWait",
    "Sink",
    "TimerHandle",
]
