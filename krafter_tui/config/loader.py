"""How flags, environment, profile table, file and defaults combine into :class:`Settings`.

Precedence, highest first: flag > ``KRAFTER_*`` environment > ``[profiles.NAME]`` >
top-level file value > default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from krafter_tui.config.checks import (
    MIN_REALTIME_INTERVAL,
    MIN_STATS_INTERVAL,
    PROFILE_NAME,
    ConfigError,
    check_interval,
    check_period,
    check_rotation,
    check_switch,
    check_theme,
    check_url,
    split_sites,
)
from krafter_tui.config.document import config_path, load_file
from krafter_tui.config.schema import (
    DEFAULT_API_URL,
    DEFAULT_KIOSK_ROTATE_DIMENSIONS,
    DEFAULT_KIOSK_ROTATE_SITES,
    DEFAULT_PROFILE,
    DEFAULT_REALTIME_INTERVAL,
    DEFAULT_STATS_INTERVAL,
    ENV_VARS,
    PROFILE_KEYS,
    Overrides,
    ProfileTable,
    Setting,
    Settings,
)

__all__ = ["resolve"]


def _env_values(environ: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """setting name → (raw value, variable name) for the non-empty KRAFTER_* variables."""
    found: dict[str, tuple[str, str]] = {}
    for var, name in ENV_VARS.items():
        value = environ.get(var, "").strip()
        if value:
            found[name] = (value, var)
    return found


def _number(raw: str) -> float | None:
    try:
        return float(raw)
    except ValueError:
        return None


def _check_env(name: str, raw: str, var: str) -> Any:
    where = f"environment variable {var}"
    if name in ("stats_interval", "realtime_interval"):
        minimum = MIN_STATS_INTERVAL if name == "stats_interval" else MIN_REALTIME_INTERVAL
        return check_interval(where, _number(raw), minimum, got=raw)
    if name in ("rotate_sites", "rotate_dimensions"):
        return check_rotation(where, _number(raw), got=raw)
    if name == "kiosk":
        return check_switch(where, raw)
    if name == "kiosk_sites":
        return split_sites(where, raw)
    if name == "period":
        return check_period(where, raw)
    if name == "api_url":
        return check_url(where, raw)
    if name == "theme":
        return check_theme(where, raw)
    if name == "profile" and not PROFILE_NAME.fullmatch(raw):
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
        shown = flags.flag_names.get(name, "--" + name.replace("_", "-"))
        return Setting(value, f"flag {shown}")

    profile: Setting[str] = (
        flag("profile") or env_values.get("profile") or Setting(DEFAULT_PROFILE, "default")
    )
    if not PROFILE_NAME.fullmatch(profile.value):
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

    def pick(name: str, default: Any, default_source: str = "default") -> Setting[Any]:
        chosen = flag(name) or env_values.get(name)
        if chosen is not None:
            return chosen
        if name in PROFILE_KEYS and getattr(table, name) is not None:
            return Setting(getattr(table, name), table_source)
        if getattr(file, name) is not None:
            return Setting(getattr(file, name), "file")
        return Setting(default, default_source)

    # Kiosk mode rotates unless told otherwise; outside it nothing rotates unless set.
    kiosk: Setting[bool] = pick("kiosk", False)
    on = kiosk.value
    rotation_source = "default (kiosk)" if on else "default"
    return Settings(
        path=path,
        profile=profile,
        api_url=pick("api_url", DEFAULT_API_URL),
        site=pick("site", None),
        period=pick("period", None),
        realtime_interval=pick("realtime_interval", DEFAULT_REALTIME_INTERVAL),
        stats_interval=pick("stats_interval", DEFAULT_STATS_INTERVAL),
        theme=pick("theme", None),
        kiosk=kiosk,
        kiosk_sites=pick("kiosk_sites", ()),
        rotate_sites=pick(
            "rotate_sites", DEFAULT_KIOSK_ROTATE_SITES if on else 0.0, rotation_source
        ),
        rotate_dimensions=pick(
            "rotate_dimensions", DEFAULT_KIOSK_ROTATE_DIMENSIONS if on else 0.0, rotation_source
        ),
    )
