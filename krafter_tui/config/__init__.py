"""The settings file and how flags, environment, profile and file values combine.

``config.toml`` lives in ``platformdirs.user_config_path("krafter-tui")`` (so it honours
``XDG_CONFIG_HOME``). It is validated strictly: an unknown key, a wrong type or a value out of
range is a :class:`ConfigError` whose message is ONE line naming the file, the key and what is
allowed. Precedence, highest first: flag > ``KRAFTER_*`` environment > ``[profiles.NAME]`` >
top-level file value > default.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Generic, TypeVar

import platformdirs

__all__ = [
    "DEFAULT_API_URL",
    "PERIODS",
    "DEFAULT_PROFILE",
    "ENV_VARS",
    "MIN_REALTIME_INTERVAL",
    "MIN_STATS_INTERVAL",
    "ConfigError",
    "FileConfig",
    "ProfileTable",
    "check_interval",
    "check_period",
    "check_theme",
    "check_url",
    "parse_document",
    "Overrides",
    "Setting",
    "Settings",
    "config_path",
    "load_file",
    "resolve",
]

# Same value as krafter_tui.api.DEFAULT_API_URL, kept here so reading the config stays light.
DEFAULT_API_URL: Final = "https://app.krafter.dev/api/v1/analytics"
DEFAULT_PROFILE: Final = "default"
DEFAULT_REALTIME_INTERVAL: Final = 10.0
DEFAULT_STATS_INTERVAL: Final = 60.0
_PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")

#: Environment variable → the setting it feeds.
ENV_VARS: Final = {
    "KRAFTER_PROFILE": "profile",
    "KRAFTER_API_URL": "api_url",
    "KRAFTER_SITE": "site",
    "KRAFTER_PERIOD": "period",
    "KRAFTER_REFRESH": "stats_interval",
    "KRAFTER_REALTIME_INTERVAL": "realtime_interval",
    "KRAFTER_THEME": "theme",
}

T = TypeVar("T")
PERIODS: Final = ("7d", "30d", "12mo")
MIN_REALTIME_INTERVAL: Final = 5.0
MIN_STATS_INTERVAL: Final = 15.0
MAX_INTERVAL: Final = 86_400.0
PROFILE_KEYS: Final = ("api_url", "site", "period")
TOP_KEYS: Final = (
    "api_url",
    "site",
    "period",
    "realtime_interval",
    "stats_interval",
    "theme",
    "profiles",
)
_TOML_TYPES = {
    bool: "a boolean",
    int: "an integer",
    float: "a float",
    str: "a string",
    dict: "a table",
    list: "an array",
}


class ConfigError(Exception):
    """An unusable setting; ``message`` is one line naming where, which key and what is allowed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _type_name(value: object) -> str:
    return _TOML_TYPES.get(type(value), f"a {type(value).__name__}")


def _shown(value: object) -> str:
    text = repr(value)
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 40 else text[:39] + "…"


def check_string(where: str, value: object) -> str:
    """A non-empty string, or :class:`ConfigError`."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be a non-empty string (got {_type_name(value)})")
    return value.strip()


def check_url(where: str, value: object) -> str:
    """An ``https://`` (or loopback ``http://``) URL naming a host."""
    url = check_string(where, value)
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest.split("/", 1)[0]:
        raise ConfigError(
            f"{where} = {_shown(url)} is not an API URL; allowed: https://HOST/PATH, "
            "e.g. https://app.krafter.dev/api/v1/analytics"
        )
    return url


def check_period(where: str, value: object) -> str:
    """One of the preset periods."""
    if value not in PERIODS:
        raise ConfigError(f"{where} = {_shown(value)} is not a period; allowed: 7d, 30d, 12mo")
    return str(value)


def check_interval(where: str, value: object, minimum: float, got: str | None = None) -> float:
    """A number of seconds in ``minimum``..86400 (``got``: the raw text, for messages)."""
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not minimum <= value <= MAX_INTERVAL
    ):
        raise ConfigError(
            f"{where} = {_shown(value if got is None else got)} is not allowed; "
            f"use a number of seconds from {minimum:g} to {MAX_INTERVAL:g}"
        )
    return float(value)


def check_theme(where: str, value: object) -> str:
    """A Textual built-in theme name (textual is imported only when a theme is set)."""
    name = check_string(where, value)
    from textual.theme import BUILTIN_THEMES

    if name not in BUILTIN_THEMES:
        allowed = ", ".join(sorted(BUILTIN_THEMES))
        raise ConfigError(f"{where} = {_shown(name)} is not a Textual theme; allowed: {allowed}")
    return name


@dataclass(frozen=True)
class ProfileTable:
    """A ``[profiles.NAME]`` table: its own API root, optionally its own site and period."""

    api_url: str | None = None
    site: str | None = None
    period: str | None = None


@dataclass(frozen=True)
class FileConfig:
    """The validated contents of ``config.toml`` (None: key absent)."""

    api_url: str | None = None
    site: str | None = None
    period: str | None = None
    realtime_interval: float | None = None
    stats_interval: float | None = None
    theme: str | None = None
    profiles: dict[str, ProfileTable] = field(default_factory=dict)


def _check_keys(path: str, table: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in allowed:
            hint = ""
            if "token" in key.lower() or "key" in key.lower():
                hint = " (API keys are never read from this file: use `krafter-tui auth login`)"
            raise ConfigError(
                f"{path}: unknown key {_shown(key)}{where}; allowed keys: "
                f"{', '.join(allowed)}{hint}"
            )


def _check_value(path: str, key: str, value: object) -> Any:
    where = f"{path}: {key}"
    name = key.rsplit(".", 1)[-1]
    if name == "api_url":
        return check_url(where, value)
    if name == "period":
        return check_period(where, value)
    if name == "realtime_interval":
        return check_interval(where, value, MIN_REALTIME_INTERVAL)
    if name == "stats_interval":
        return check_interval(where, value, MIN_STATS_INTERVAL)
    if name == "theme":
        return check_theme(where, value)
    return check_string(where, value)


def parse_document(data: dict[str, Any], path: str) -> FileConfig:
    """Validate a parsed TOML document; the first problem found raises :class:`ConfigError`."""
    _check_keys(path, data, TOP_KEYS, "")
    values = {k: _check_value(path, k, v) for k, v in data.items() if k != "profiles"}
    profiles: dict[str, ProfileTable] = {}
    tables = data.get("profiles", {})
    if not isinstance(tables, dict):
        raise ConfigError(f"{path}: profiles must be a table of [profiles.NAME] tables")
    for name, table in tables.items():
        if not _PROFILE_NAME.fullmatch(name):
            raise ConfigError(f"{path}: profiles.{_shown(name)}: use letters, digits, _ . -")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: profiles.{name} must be a table (got {_type_name(table)})")
        _check_keys(path, table, PROFILE_KEYS, f" in [profiles.{name}]")
        checked = {k: _check_value(path, f"profiles.{name}.{k}", v) for k, v in table.items()}
        profiles[name] = ProfileTable(**checked)
    return FileConfig(**values, profiles=profiles)


def config_path() -> Path:
    """Where the settings file is read from (it need not exist)."""
    return platformdirs.user_config_path("krafter-tui") / "config.toml"


def load_file(path: Path | None = None) -> FileConfig:
    """Read and validate the settings file; a missing file is an empty configuration."""
    path = config_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return FileConfig()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid TOML (the file is not UTF-8 text)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_document(data, str(path))


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One effective value and where it came from (``flag --x``, ``env X``, ``file``, ...)."""

    value: T
    source: str


@dataclass(frozen=True)
class Overrides:
    """Values given as command-line flags (None: not given)."""

    profile: str | None = None
    api_url: str | None = None
    site: str | None = None
    period: str | None = None
    stats_interval: float | None = None
    realtime_interval: float | None = None
    theme: str | None = None
    flag_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """The effective configuration, each value with its source."""

    path: Path
    profile: Setting[str]
    api_url: Setting[str]
    site: Setting[str | None]
    period: Setting[str | None]
    realtime_interval: Setting[float]
    stats_interval: Setting[float]
    theme: Setting[str | None]

    def items(self) -> list[tuple[str, Setting[Any]]]:
        """(name, setting) pairs in display order."""
        names = ("profile", "api_url", "site", "period", "realtime_interval", "stats_interval")
        return [(name, getattr(self, name)) for name in (*names, "theme")]


def _env_values(environ: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """setting name → (raw value, variable name) for the non-empty KRAFTER_* variables."""
    found: dict[str, tuple[str, str]] = {}
    for var, name in ENV_VARS.items():
        value = environ.get(var, "").strip()
        if value:
            found[name] = (value, var)
    return found


def _check_env(name: str, raw: str, var: str) -> Any:
    where = f"environment variable {var}"
    if name in ("stats_interval", "realtime_interval"):
        try:
            number = float(raw)
        except ValueError:
            number = None
        minimum = MIN_STATS_INTERVAL if name == "stats_interval" else MIN_REALTIME_INTERVAL
        return check_interval(where, number, minimum, got=raw)
    if name == "period":
        return check_period(where, raw)
    if name == "api_url":
        return check_url(where, raw)
    if name == "theme":
        return check_theme(where, raw)
    if name == "profile" and not _PROFILE_NAME.fullmatch(raw):
        raise ConfigError(f"{where}: profile names use letters, digits, '_', '.', '-'")
    return raw


def resolve(
    overrides: Overrides | None = None,
    environ: Mapping[str, str] | None = None,
    path: Path | None = None,
) -> Settings:
    """Combine flags, environment, profile table, file and defaults into :class:`Settings`."""
    flags = overrides or Overrides()
    env = os.environ if environ is None else environ
    path = config_path() if path is None else path
    file = load_file(path)
    env_values = {
        name: Setting(_check_env(name, raw, var), f"env {var}")
        for name, (raw, var) in _env_values(env).items()
    }

    def flag(name: str) -> Setting[Any] | None:
        value = getattr(flags, name)
        if value is None:
            return None
        return Setting(value, f"flag {flags.flag_names.get(name, '--' + name)}")

    profile: Setting[str] = (
        flag("profile") or env_values.get("profile") or Setting(DEFAULT_PROFILE, "default")
    )
    if not _PROFILE_NAME.fullmatch(profile.value):
        raise ConfigError(f"profile {profile.value!r}: use letters, digits, '_', '.', '-'")
    table = file.profiles.get(profile.value)
    if table is None and profile.value != DEFAULT_PROFILE:
        known = ", ".join(sorted(file.profiles)) or "none"
        raise ConfigError(
            f"{path}: no [profiles.{profile.value}] table for profile {profile.value!r} "
            f"(from {profile.source}); defined profiles: {known}"
        )
    table = table or ProfileTable()
    table_source = f"file [profiles.{profile.value}]"

    def pick(name: str, default: Any) -> Setting[Any]:
        chosen = flag(name) or env_values.get(name)
        if chosen is not None:
            return chosen
        if name in PROFILE_KEYS and getattr(table, name) is not None:
            return Setting(getattr(table, name), table_source)
        if getattr(file, name) is not None:
            return Setting(getattr(file, name), "file")
        return Setting(default, "default")

    return Settings(
        path=path,
        profile=profile,
        api_url=pick("api_url", DEFAULT_API_URL),
        site=pick("site", None),
        period=pick("period", None),
        realtime_interval=pick("realtime_interval", DEFAULT_REALTIME_INTERVAL),
        stats_interval=pick("stats_interval", DEFAULT_STATS_INTERVAL),
        theme=pick("theme", None),
    )
