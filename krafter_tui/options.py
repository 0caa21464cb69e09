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
