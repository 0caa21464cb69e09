"""The dashboard's own settings, first in display order: the profile, the API, the site and
period it opens on, how often it polls, the shared cache, the theme and where exports go.

:class:`~krafter_tui.config.schema.Settings` adds the others (the record, alerts, the browser
view, the wall screen) after these; both declare settings the same way (:mod:`.spec`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from krafter_tui import DEFAULT_API_URL
from krafter_tui.config.checks import (
    MIN_REALTIME_INTERVAL,
    MIN_STATS_INTERVAL,
    PERIODS,
)
from krafter_tui.config.kinds import PERIOD, PROFILE, SHARED_CACHE, TEXT, THEME, URL, seconds
from krafter_tui.config.spec import Setting, setting

__all__ = [
    "DEFAULT_PROFILE",
    "DEFAULT_REALTIME_INTERVAL",
    "DEFAULT_STATS_INTERVAL",
    "DashboardSettings",
]

DEFAULT_PROFILE: Final = "default"
DEFAULT_REALTIME_INTERVAL: Final = 10.0
DEFAULT_STATS_INTERVAL: Final = 60.0


@dataclass(frozen=True)
class DashboardSettings:
    """The dashboard's own settings, each value with its source, in display order."""

    path: Path
    profile: Setting[str] = setting(
        kind=PROFILE,
        default=DEFAULT_PROFILE,
        env="KRAFTER_PROFILE",
        flag="--profile",
        flag_group="connection",
        metavar="NAME",
        help=f"settings profile and keyring entry to use (default: {DEFAULT_PROFILE!r})",
    )
    api_url: Setting[str] = setting(
        kind=URL,
        default=DEFAULT_API_URL,
        env="KRAFTER_API_URL",
        file=True,
        profile_table=True,
        flag="--api-url",
        flag_group="connection",
        metavar="URL",
        help=f"API root, e.g. {DEFAULT_API_URL} (http:// only for localhost)",
    )
    site: Setting[str | None] = setting(
        kind=TEXT,
        default=None,
        env="KRAFTER_SITE",
        file=True,
        profile_table=True,
        flag="--site",
        metavar="KEY_OR_NAME",
        help="site to open first (sk_... or name)",
        unset="(last used, else the first site)",
    )
    period: Setting[str | None] = setting(
        kind=PERIOD,
        default=None,
        env="KRAFTER_PERIOD",
        file=True,
        profile_table=True,
        flag="--period",
        help="period to show",
        file_hint=f" ({'|'.join(PERIODS)})",
        unset="(last used, else 30d)",
    )
    realtime_interval: Setting[float] = setting(
        kind=seconds(MIN_REALTIME_INTERVAL),
        default=DEFAULT_REALTIME_INTERVAL,
        env="KRAFTER_REALTIME_INTERVAL",
        file=True,
        env_help=f"seconds between live-visitor refreshes (>= {MIN_REALTIME_INTERVAL:g})",
    )
    stats_interval: Setting[float] = setting(
        kind=seconds(MIN_STATS_INTERVAL),
        default=DEFAULT_STATS_INTERVAL,
        env="KRAFTER_REFRESH",
        file=True,
        flag="--refresh",
        metavar="SECONDS",
        help=f"seconds between stats refreshes (>= {MIN_STATS_INTERVAL:g}; "
        f"default {DEFAULT_STATS_INTERVAL:g})",
        env_help=f"seconds between stats refreshes (>= {MIN_STATS_INTERVAL:g}), like --refresh",
    )
    shared_cache: Setting[str | None] = setting(
        kind=SHARED_CACHE,
        default=None,
        env="KRAFTER_SHARED_CACHE",
        file=True,
        profile_table=True,
        flag="--shared-cache",
        metavar="URL",
        help="share polling with the other dashboards using the same API URL and key: "
        "sqlite:///PATH (one machine) or redis://HOST:PORT/DB (several)",
        env_help="sqlite:///PATH or redis://HOST:PORT/DB, like --shared-cache",
        file_hint=' = "sqlite:///PATH"',
        unset="(none: every dashboard polls for itself)",
    )
    theme: Setting[str | None] = setting(
        kind=THEME,
        default=None,
        env="KRAFTER_THEME",
        file=True,
        flag="--theme",
        metavar="NAME",
        help="Textual theme, e.g. textual-dark",
        unset="(Textual's default)",
    )
    download_dir: Setting[str | None] = setting(
        kind=TEXT,
        default=None,
        env="KRAFTER_DOWNLOAD_DIR",
        file=True,
        env_help="folder where Ctrl+S saves exports (default: your downloads folder)",
        file_hint=' = "~/Downloads"',
        unset="(your downloads folder)",
    )
