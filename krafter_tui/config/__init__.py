"""The settings file and how flags, environment, profile and file values combine.

``config.toml`` lives in ``platformdirs.user_config_path("krafter-tui")`` (so it honours
``XDG_CONFIG_HOME``). It is validated strictly: an unknown key, a wrong type or a value out of
range is a :class:`ConfigError` whose message is ONE line naming the file, the key and what is
allowed. Precedence, highest first: flag > ``KRAFTER_*`` environment > ``[profiles.NAME]`` >
top-level file value > default. Kiosk settings (``kiosk``, ``kiosk_sites``, ``rotate_sites``,
``rotate_dimensions``) are top-level only; with kiosk on, unset rotations default to 60 s
(sites) and 15 s (dimensions), with kiosk off to 0 (no rotation).

The pieces: :mod:`.checks` (value checks, :class:`ConfigError`), :mod:`.kinds` (the checks
for each kind of value), :mod:`.spec` (what one declaration says), :mod:`.schema` (every
setting declared once, as a field of :class:`Settings`; the allowed keys and variables follow
from it), :mod:`.document` (reading and validating the file), :mod:`.loader` (precedence:
:func:`resolve`), :mod:`.options` (what the dashboard starts with). Import from
``krafter_tui.config``.
"""

from __future__ import annotations

from krafter_tui.config.checks import (
    MAX_INTERVAL,
    MIN_REALTIME_INTERVAL,
    MIN_ROTATION,
    MIN_STATS_INTERVAL,
    PERIODS,
    ConfigError,
    check_bool,
    check_command,
    check_interval,
    check_number,
    check_period,
    check_rotation,
    check_site_list,
    check_string,
    check_switch,
    check_theme,
    check_url,
    split_sites,
)
from krafter_tui.config.document import config_path, load_file, parse_document
from krafter_tui.config.loader import resolve
from krafter_tui.config.schema import (
    DEFAULT_ALERT_DROP,
    DEFAULT_ALERT_MIN_CHANGE,
    DEFAULT_ALERT_QUIET,
    DEFAULT_ALERT_SPIKE,
    DEFAULT_API_URL,
    DEFAULT_KIOSK_ROTATE_DIMENSIONS,
    DEFAULT_KIOSK_ROTATE_SITES,
    DEFAULT_PROFILE,
    DEFAULT_REALTIME_INTERVAL,
    DEFAULT_SERVE_MAX_SESSIONS,
    DEFAULT_STATS_INTERVAL,
    ENV_VARS,
    KIOSK_ONLY,
    PROFILE_KEYS,
    SETTINGS,
    SPECS,
    TOP_KEYS,
    FileConfig,
    Overrides,
    Settings,
)
from krafter_tui.config.spec import Setting, Spec

__all__ = [
    "DEFAULT_ALERT_DROP",
    "DEFAULT_ALERT_MIN_CHANGE",
    "DEFAULT_ALERT_QUIET",
    "DEFAULT_SERVE_MAX_SESSIONS",
    "DEFAULT_ALERT_SPIKE",
    "DEFAULT_API_URL",
    "DEFAULT_KIOSK_ROTATE_DIMENSIONS",
    "DEFAULT_KIOSK_ROTATE_SITES",
    "DEFAULT_PROFILE",
    "DEFAULT_REALTIME_INTERVAL",
    "DEFAULT_STATS_INTERVAL",
    "ENV_VARS",
    "KIOSK_ONLY",
    "MAX_INTERVAL",
    "MIN_REALTIME_INTERVAL",
    "MIN_ROTATION",
    "MIN_STATS_INTERVAL",
    "PERIODS",
    "PROFILE_KEYS",
    "TOP_KEYS",
    "ConfigError",
    "FileConfig",
    "Overrides",
    "SETTINGS",
    "SPECS",
    "Setting",
    "Settings",
    "Spec",
    "check_bool",
    "check_command",
    "check_interval",
    "check_number",
    "check_period",
    "check_rotation",
    "check_site_list",
    "check_string",
    "check_switch",
    "check_theme",
    "check_url",
    "config_path",
    "load_file",
    "parse_document",
    "resolve",
    "split_sites",
]
