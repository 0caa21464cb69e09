"""What the dashboard needs to start, resolved from flags, environment and config file."""

from __future__ import annotations

from dataclasses import dataclass, field

from krafter_tui.api import DEFAULT_API_URL, Period
from krafter_tui.config import (
    DEFAULT_ALERT_DROP,
    DEFAULT_ALERT_MIN_CHANGE,
    DEFAULT_ALERT_QUIET,
    DEFAULT_ALERT_SPIKE,
    DEFAULT_PROFILE,
    DEFAULT_REALTIME_INTERVAL,
    DEFAULT_STATS_INTERVAL,
)

__all__ = ["DashboardOptions"]


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
    and through the breakdown dimensions every ``rotate_dimensions`` seconds (0: no rotation).
    ``alerts`` and the ``alert_*`` settings: when visitors now are unusual, and the user's
    ``alert_command`` (its words, never run through a shell; None: no command).
    """

    api_url: str = DEFAULT_API_URL
    site: str | None = None
    period: Period | None = None
    realtime_interval: float = DEFAULT_REALTIME_INTERVAL
    stats_interval: float = DEFAULT_STATS_INTERVAL
    theme: str | None = None
    profile: str = DEFAULT_PROFILE
    demo: bool = False
    remember: bool = field(default=True)
    kiosk: bool = False
    kiosk_sites: tuple[str, ...] = ()
    rotate_sites: float = 0.0
    rotate_dimensions: float = 0.0
    alerts: bool = True
    alert_spike: float = DEFAULT_ALERT_SPIKE
    alert_drop: float = DEFAULT_ALERT_DROP
    alert_min_change: float = DEFAULT_ALERT_MIN_CHANGE
    alert_quiet: float = DEFAULT_ALERT_QUIET
    alert_command: tuple[str, ...] | None = None
