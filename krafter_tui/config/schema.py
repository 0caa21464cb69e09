"""The settings, declared once: :class:`Settings`, each field with its :class:`Spec`.

A field's spec says everything about one setting: its default, its kind (the checks and how
``config show`` prints it), its ``KRAFTER_*`` variable, whether it is a key of ``config.toml``
and of a ``[profiles.NAME]`` table, its flag and the flag's help. The file parser
(:mod:`.document`), the environment and the precedence (:mod:`.loader`), the flags and
``--help`` (:mod:`krafter_tui.cli`) and ``config show`` all read :data:`SETTINGS`; adding a
setting means adding a field here (and the code that uses it).

:class:`FileConfig` holds what ``config.toml`` says, :class:`Overrides` what the flags say, and
:class:`Settings` the effective result, each value a :class:`Setting` that remembers its source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import timedelta
from typing import Any, Final

from krafter_tui import DEFAULT_API_URL
from krafter_tui.alerts.alert import AlertRules
from krafter_tui.config.checks import (
    MAX_INTERVAL,
    MIN_ROTATION,
)
from krafter_tui.config.dashboard_settings import (
    DEFAULT_PROFILE,
    DEFAULT_REALTIME_INTERVAL,
    DEFAULT_STATS_INTERVAL,
    DashboardSettings,
)
from krafter_tui.config.kinds import (
    COMMAND,
    ROTATION,
    SITE_LIST,
    STOP_LIST,
    SWITCH,
    TEXT,
    number,
)
from krafter_tui.config.spec import Setting, Spec, setting

__all__ = [
    "DEFAULT_ALERT_DROP",
    "DEFAULT_ALERT_MIN_CHANGE",
    "DEFAULT_ALERT_NEW_SOURCE_MIN",
    "DEFAULT_ALERT_QUIET",
    "DEFAULT_SERVE_MAX_SESSIONS",
    "DEFAULT_ALERT_SPIKE",
    "DEFAULT_API_URL",
    "DEFAULT_KIOSK_ROTATE_DIMENSIONS",
    "DEFAULT_KIOSK_ROTATE_SITES",
    "DEFAULT_PROFILE",
    "DEFAULT_REALTIME_INTERVAL",
    "DEFAULT_RECORD_HOURS_DAYS",
    "DEFAULT_RECORD_MINUTES_HOURS",
    "DEFAULT_STATS_INTERVAL",
    "ENV_VARS",
    "KIOSK_ONLY",
    "PROFILE_KEYS",
    "SETTINGS",
    "SPECS",
    "TOP_KEYS",
    "FileConfig",
    "Overrides",
    "Settings",
]

#: Rotation when kiosk mode is on and no rotation was set anywhere (off: 0, no rotation).
DEFAULT_KIOSK_ROTATE_SITES: Final = 60.0
DEFAULT_KIOSK_ROTATE_DIMENSIONS: Final = 15.0

# Alerts: the rules' own defaults, in the settings' units (tests/alerts/test_defaults.py: a
# week of the demo's traffic, busy site included, raises none).
DEFAULT_ALERT_SPIKE: Final = AlertRules.spike
DEFAULT_ALERT_DROP: Final = AlertRules.drop
DEFAULT_ALERT_MIN_CHANGE: Final = float(AlertRules.min_change)
DEFAULT_ALERT_NEW_SOURCE_MIN: Final = float(AlertRules.new_source_min)
DEFAULT_ALERT_QUIET: Final = AlertRules.quiet / timedelta(minutes=1)  # minutes
DEFAULT_SERVE_MAX_SESSIONS: Final = 4.0
# The record: minute-level readings for 48 hours, hourly sums for 35 days.
DEFAULT_RECORD_MINUTES_HOURS: Final = 48.0
DEFAULT_RECORD_HOURS_DAYS: Final = 35.0


def _rotation_help(thing: str, every: float) -> str:
    return (
        f"move to the next {thing} every SECONDS (0 = off, else at least {MIN_ROTATION:g}; "
        f"default {every:g} with --kiosk, 0 without)"
    )


def _rotation_env_help(flag: str) -> str:
    return f"seconds (0 = off, else {MIN_ROTATION:g} to {MAX_INTERVAL:g}), like {flag}"


@dataclass(frozen=True)
class Settings(DashboardSettings):
    """The effective configuration, each value with its source, in display order: the
    dashboard's own settings (:class:`DashboardSettings`, first), then the record, alerts, the
    browser view and the wall screen's.

    These two classes are the declaration of every setting: add one as a field of either.
    """

    record: Setting[bool] = setting(
        kind=SWITCH,
        default=True,
        env="KRAFTER_RECORD",
        file=True,
        flag="--record",
        help="keep a local record of what the dashboard polls: today by the hour, the same "
        "time yesterday, what is rising (--no-record: none)",
        env_help="1/0, true/false or yes/no, like --record / --no-record",
        file_hint=" = true|false",
    )
    record_path: Setting[str | None] = setting(
        kind=TEXT,
        default=None,
        env="KRAFTER_RECORD_PATH",
        file=True,
        env_help="the record's SQLite file (default: record.sqlite3 in your data folder)",
        file_hint=' = "~/.local/share/krafter-tui/record.sqlite3"',
        unset="(record.sqlite3 in your data folder)",
    )
    record_minutes_hours: Setting[float] = setting(
        kind=number("hours", 1, 720, what="hours", unit=" h"),
        default=DEFAULT_RECORD_MINUTES_HOURS,
        env="KRAFTER_RECORD_MINUTES_HOURS",
        file=True,
        env_help="hours the record keeps its minute-by-minute readings (1-720)",
        file_hint=f" = {DEFAULT_RECORD_MINUTES_HOURS:g}",
    )
    record_hours_days: Setting[float] = setting(
        kind=number("days", 1, 3660, what="days", unit=" days"),
        default=DEFAULT_RECORD_HOURS_DAYS,
        env="KRAFTER_RECORD_HOURS_DAYS",
        file=True,
        env_help="days the record keeps its hourly sums (1-3660)",
        file_hint=f" = {DEFAULT_RECORD_HOURS_DAYS:g}",
    )
    alerts: Setting[bool] = setting(
        kind=SWITCH,
        default=True,
        env="KRAFTER_ALERTS",
        file=True,
        flag="--alerts",
        help="a toast, the bell and a mark on a spike or drop of visitors now (--no-alerts: none)",
        env_help="1/0, true/false or yes/no, like --alerts / --no-alerts",
        file_hint=" = true|false",
    )
    alert_spike: Setting[float] = setting(
        kind=number("ratio", 1.5, 1000, what="times the usual visitors", unit="×"),
        default=DEFAULT_ALERT_SPIKE,
        env="KRAFTER_ALERT_SPIKE",
        file=True,
        env_help="a spike is visitors now at least this many times the usual (1.5 to 1000)",
        file_hint=f" = {DEFAULT_ALERT_SPIKE:g}",
    )
    alert_drop: Setting[float] = setting(
        kind=number("share", 0.01, 0.9, what="a share of the usual visitors"),
        default=DEFAULT_ALERT_DROP,
        env="KRAFTER_ALERT_DROP",
        file=True,
        env_help="a drop is visitors now at most this share of the usual (0.01 to 0.9)",
        file_hint=f" = {DEFAULT_ALERT_DROP:g}",
    )
    alert_min_change: Setting[float] = setting(
        kind=number("visitors", 1, 100_000, what="visitors", whole=True),
        default=DEFAULT_ALERT_MIN_CHANGE,
        env="KRAFTER_ALERT_MIN_CHANGE",
        file=True,
        env_help="the fewest visitors a spike or drop must change by (whole, >= 1)",
        file_hint=f" = {DEFAULT_ALERT_MIN_CHANGE:g}",
    )
    alert_new_source_min: Setting[float] = setting(
        kind=number("visitors", 1, 100_000, what="visitors", whole=True),
        default=DEFAULT_ALERT_NEW_SOURCE_MIN,
        env="KRAFTER_ALERT_NEW_SOURCE_MIN",
        file=True,
        env_help="a referrer or UTM source not seen in the record's last day raises an alert "
        "once it sends this many visitors in 10 minutes (whole, >= 1)",
        file_hint=f" = {DEFAULT_ALERT_NEW_SOURCE_MIN:g}",
    )
    alert_quiet: Setting[float] = setting(
        kind=number("minutes", 0, 1440, what="minutes", unit=" min"),
        default=DEFAULT_ALERT_QUIET,
        env="KRAFTER_ALERT_QUIET",
        file=True,
        env_help="minutes in which a site's same alert again is marked, not announced (0-1440)",
        file_hint=f" = {DEFAULT_ALERT_QUIET:g}",
    )
    alert_command: Setting[tuple[str, ...] | None] = setting(
        kind=COMMAND,
        default=None,
        env="KRAFTER_ALERT_COMMAND",
        file=True,
        env_help="a program (with its arguments) run on each alert, given its details in "
        "KRAFTER_ALERT_* variables; never run through a shell",
        file_hint=' = "notify-send Krafter"',
    )
    serve_max_sessions: Setting[float] = setting(
        kind=number("tabs", 1, 100, what="browser tabs", whole=True),
        default=DEFAULT_SERVE_MAX_SESSIONS,
        env="KRAFTER_SERVE_MAX_SESSIONS",
        file=True,
        env_help="krafter-tui serve: the most browser tabs with a dashboard at once (1-100); "
        "each tab runs a dashboard process",
        file_hint=f" = {DEFAULT_SERVE_MAX_SESSIONS:g}",
    )
    kiosk: Setting[bool] = setting(
        kind=SWITCH,
        default=False,
        env="KRAFTER_KIOSK",
        file=True,
        flag="--kiosk",
        flag_group="kiosk",
        help="wall-screen mode: no footer, no dialogs, large digits, quit only with Ctrl+Q "
        "(--no-kiosk turns off a kiosk set in the environment or settings file)",
        env_help="1/0, true/false or yes/no, like --kiosk / --no-kiosk",
        file_hint=" = true|false",
    )
    kiosk_sites: Setting[tuple[str, ...]] = setting(
        kind=SITE_LIST,
        default=(),
        env="KRAFTER_KIOSK_SITES",
        file=True,
        flag="--kiosk-sites",
        flag_group="kiosk",
        metavar="LIST",
        help="comma-separated site keys or names to rotate through (default: all sites; "
        "a name with a comma in it: give its key)",
        env_help="comma-separated site keys or names, like --kiosk-sites",
        file_hint=' = ["sk_...", "Blog"]',
        kiosk_only=True,
    )
    rotate_sites: Setting[float] = setting(
        kind=ROTATION,
        default=0.0,
        kiosk_default=DEFAULT_KIOSK_ROTATE_SITES,
        env="KRAFTER_ROTATE_SITES",
        file=True,
        flag="--rotate-sites",
        flag_group="kiosk",
        metavar="SECONDS",
        help=_rotation_help("kiosk site", DEFAULT_KIOSK_ROTATE_SITES),
        env_help=_rotation_env_help("--rotate-sites"),
        file_hint=f" = {DEFAULT_KIOSK_ROTATE_SITES:g}",
        kiosk_only=True,
    )
    kiosk_overview: Setting[bool] = setting(
        kind=SWITCH,
        default=False,
        env="KRAFTER_KIOSK_OVERVIEW",
        file=True,
        flag="--kiosk-overview",
        flag_group="kiosk",
        help="kiosk rotation: the All sites overview after the last site, shown as long as a site",
        env_help="1/0, true/false or yes/no, like --kiosk-overview",
        file_hint=" = true|false",
        kiosk_only=True,
    )
    kiosk_stops: Setting[tuple[str, ...]] = setting(
        kind=STOP_LIST,
        default=(),
        env="KRAFTER_KIOSK_STOPS",
        file=True,
        flag="--kiosk-stops",
        flag_group="kiosk",
        metavar="LIST",
        help="kiosk playlist, comma-separated: each stop a site key or name, or overview (All "
        "sites), with an optional :SECONDS (default: --rotate-sites), e.g. "
        "'Pebble CRM:90,overview:30,Blog'; replaces --kiosk-sites and --kiosk-overview",
        env_help="comma-separated stops (site or overview, optional :SECONDS), like --kiosk-stops",
        file_hint=' = ["Pebble CRM:90", "overview:30", "Blog"]',
        kiosk_only=True,
    )
    rotate_dimensions: Setting[float] = setting(
        kind=ROTATION,
        default=0.0,
        kiosk_default=DEFAULT_KIOSK_ROTATE_DIMENSIONS,
        env="KRAFTER_ROTATE_DIMENSIONS",
        file=True,
        flag="--rotate-dimensions",
        flag_group="kiosk",
        metavar="SECONDS",
        help=_rotation_help("breakdown dimension", DEFAULT_KIOSK_ROTATE_DIMENSIONS),
        env_help=_rotation_env_help("--rotate-dimensions"),
        file_hint=f" = {DEFAULT_KIOSK_ROTATE_DIMENSIONS:g}",
        kiosk_only=True,
    )

    def items(self) -> list[tuple[str, Setting[Any]]]:
        """(name, setting) pairs in display order."""
        return [(spec.name, getattr(self, spec.name)) for spec in SETTINGS]


#: Every setting's spec, in display order.
SETTINGS: Final[tuple[Spec, ...]] = tuple(
    replace(f.metadata["spec"], name=f.name) for f in fields(Settings) if "spec" in f.metadata
)
SPECS: Final[Mapping[str, Spec]] = {spec.name: spec for spec in SETTINGS}

#: Environment variable → the setting it feeds.
ENV_VARS: Final = {spec.env: spec.name for spec in SETTINGS if spec.env is not None}
#: Keys allowed in a ``[profiles.NAME]`` table and at the top level of the file.
PROFILE_KEYS: Final = tuple(spec.name for spec in SETTINGS if spec.profile_table)
TOP_KEYS: Final = (*(spec.name for spec in SETTINGS if spec.file), "profiles")
#: Settings that only matter in kiosk mode.
KIOSK_ONLY: Final = tuple(spec.name for spec in SETTINGS if spec.kiosk_only)


@dataclass(frozen=True)
class FileConfig:
    """The validated contents of ``config.toml``: key → checked value (absent: not set), and
    each ``[profiles.NAME]`` table the same way."""

    values: Mapping[str, Any] = field(default_factory=dict)
    profiles: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


class Overrides:
    """Values given as command-line flags, by setting name (None or absent: not given).

    ``flag_names`` says which flag set a value when it is not the setting's own
    (``--from/--to`` for the period, ``--no-kiosk``).
    """

    def __init__(self, *, flag_names: Mapping[str, str] | None = None, **values: Any) -> None:
        unknown = [name for name in values if name not in SPECS]
        if unknown:
            raise TypeError(f"Overrides() got unknown settings: {', '.join(unknown)}")
        self.values: Mapping[str, Any] = {k: v for k, v in values.items() if v is not None}
        self.flag_names: Mapping[str, str] = dict(flag_names or {})

    def __repr__(self) -> str:
        return f"Overrides({self.values!r}, flag_names={self.flag_names!r})"

    def flag(self, name: str) -> str:
        """The flag that set ``name``, as ``config show`` names it."""
        own = SPECS[name].flag or "--" + name.replace("_", "-")
        return self.flag_names.get(name, own)
