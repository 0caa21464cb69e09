"""What the dashboard needs to start, resolved from flags, environment and config file."""

from __future__ import annotations

from dataclasses import dataclass, field

from krafter_tui.api import DEFAULT_API_URL, Period

__all__ = ["DashboardOptions"]


@dataclass(frozen=True)
class DashboardOptions:
    """Start-up choices for the dashboard; the CLI builds one, tests build their own.

    ``site`` is a site key or name (None: the last one used, else the first site).
    ``period`` None means the last one used, else 30d.
    ``kiosk`` is the wall-screen mode: no footer, no dialogs, quit only with Ctrl+Q; it rotates
    through ``kiosk_sites`` (site keys or names; empty: all sites) every ``rotate_sites`` seconds
    and through the breakdown dimensions every ``rotate_dimensions`` seconds (0: no rotation).
    """

    api_url: str = DEFAULT_API_URL
    site: str | None = None
    period: Period | None = None
    realtime_interval: float = 10.0
    stats_interval: float = 60.0
    theme: str | None = None
    profile: str = "default"
    demo: bool = False
    remember: bool = field(default=True)
    kiosk: bool = False
    kiosk_sites: tuple[str, ...] = ()
    rotate_sites: float = 0.0
    rotate_dimensions: float = 0.0
