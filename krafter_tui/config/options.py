"""What the dashboard needs to start, resolved from flags, environment and config file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from krafter_tui.api import DEFAULT_API_URL, Period
from krafter_tui.config import (
    DEFAULT_ALERT_DROP,
    DEFAULT_ALERT_MIN_CHANGE,
    DEFAULT_ALERT_QUIET,
    DEFAULT_ALERT_SPIKE,
    DEFAULT_PROFILE,
    DEFAULT_REALTIME_INTERVAL,
    DEFAULT_SERVE_MAX_SESSIONS,
    DEFAULT_STATS_INTERVAL,
)

if TYPE_CHECKING:
    from krafter_tui.feeds import Kiosk
    from krafter_tui.feeds.head_start import Opening
    from krafter_tui.local.remembered import StateStore

__all__ = ["DashboardOptions", "kiosk_of", "opening_of", "state_of"]


@dataclass(frozen=True)
class DashboardOptions:
    """Start-up choices for the dashboard; the CLI builds one, tests build their own.

    Every setting declared in :class:`krafter_tui.config.Settings` is a field here, of the
    same name and default (``tests/cli/test_settings_once.py`` checks it); ``demo`` and
    ``remember`` are not settings.

    ``site`` is a site key or name (None: the last one used, else the first site).
    ``period`` None means the last one used, else 30d.
    ``kiosk`` is the wall-screen mode: no footer, no dialogs, quit only with Ctrl+Q; it rotates
    through ``kiosk_sites`` (site keys or names; empty: all sites) every ``rotate_sites`` seconds
    and through the breakdown dimensions every ``rotate_dimensions`` seconds (0: no rotation);
    with ``kiosk_overview`` the All sites overview is one more stop, after the last site.
    ``download_dir`` is where Ctrl+S saves exports (None: the user's downloads folder).
    ``shared_cache`` is the URL of the cache shared with other dashboards (None: none).
    ``alerts`` and the ``alert_*`` settings: when visitors now are unusual, and the user's
    ``alert_command`` (its words, never run through a shell; None: no command).
    """

    api_url: str = DEFAULT_API_URL
    site: str | None = None
    period: Period | None = None
    realtime_interval: float = DEFAULT_REALTIME_INTERVAL
    stats_interval: float = DEFAULT_STATS_INTERVAL
    shared_cache: str | None = None
    theme: str | None = None
    download_dir: str | None = None
    profile: str = DEFAULT_PROFILE
    demo: bool = False
    remember: bool = field(default=True)
    kiosk: bool = False
    kiosk_sites: tuple[str, ...] = ()
    rotate_sites: float = 0.0
    kiosk_overview: bool = False
    rotate_dimensions: float = 0.0
    alerts: bool = True
    alert_spike: float = DEFAULT_ALERT_SPIKE
    alert_drop: float = DEFAULT_ALERT_DROP
    alert_min_change: float = DEFAULT_ALERT_MIN_CHANGE
    alert_quiet: float = DEFAULT_ALERT_QUIET
    alert_command: tuple[str, ...] | None = None
    #: Only ``krafter-tui serve`` reads it (a dashboard is one tab); here as every setting is.
    serve_max_sessions: float = DEFAULT_SERVE_MAX_SESSIONS


def kiosk_of(options: DashboardOptions) -> Kiosk | None:
    """The wall-screen mode's sites and rotations, or None when kiosk mode is off."""
    from krafter_tui.feeds import Kiosk

    if not options.kiosk:
        return None
    return Kiosk(
        options.kiosk_sites,
        options.rotate_sites,
        options.rotate_dimensions,
        overview=options.kiosk_overview,
    )


def opening_of(options: DashboardOptions, state: StateStore) -> Opening:
    """The site and period a dashboard opens on: the settings, else what ``state`` says the
    last run showed (the screen and the launch's early requests both start from this)."""
    from krafter_tui.feeds.head_start import Opening

    last = state.load(options.api_url)
    return Opening.of(
        site=options.site,
        period=options.period,
        last_site=last.site,
        last_site_key=last.site_key,
        last_period=last.period,
        kiosk=kiosk_of(options),
    )


def state_of(options: DashboardOptions) -> StateStore:
    """Where the last site and period, and the theme picked, are remembered (nowhere with
    ``remember`` off)."""
    from krafter_tui.local.remembered import StateStore

    return StateStore.default() if options.remember else StateStore(None)
