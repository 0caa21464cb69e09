"""How flags, environment, profile table, file and defaults combine into :class:`Settings`.

Precedence, highest first: flag > ``KRAFTER_*`` environment > ``[profiles.NAME]`` >
top-level file value > default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from krafter_tui.config.checks import PROFILE_NAME, ConfigError
from krafter_tui.config.document import config_path, load_file
from krafter_tui.config.schema import (
    DEFAULT_PROFILE,
    SETTINGS,
    SPECS,
    Overrides,
    Settings,
)
from krafter_tui.config.spec import Setting, Spec

__all__ = ["resolve"]


def _env_values(environ: Mapping[str, str]) -> dict[str, Setting[Any]]:
    """setting name → checked value for the non-empty KRAFTER_* variables."""
    found: dict[str, Setting[Any]] = {}
    for spec in SETTINGS:
        raw = "" if spec.env is None else environ.get(spec.env, "").strip()
        if raw:
            value = spec.kind.env(f"environment variable {spec.env}", raw)
            found[spec.name] = Setting(value, f"env {spec.env}")
    return found


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
    env_values = _env_values(env)

    def given(name: str) -> Setting[Any] | None:
        """The flag's value, else the environment's."""
        if name in flags.values:
            return Setting(flags.values[name], f"flag {flags.flag(name)}")
        return env_values.get(name)

    profile: Setting[str] = given("profile") or Setting(SPECS["profile"].default, "default")
    if not PROFILE_NAME.fullmatch(profile.value):
        raise ConfigError(f"profile {profile.value!r}: use letters, digits, '_', '.', '-'")
    table = file.profiles.get(profile.value)
    if table is None and profile.value != DEFAULT_PROFILE:
        known = ", ".join(sorted(file.profiles)) or "none"
        raise ConfigError(
            f"{path}: no [profiles.{profile.value}] table for profile {profile.value!r} "
            f"(from {profile.source}); defined profiles: {known}"
        )
    table = table or {}
    table_source = f"file [profiles.{profile.value}]"

    def pick(spec: Spec, kiosk: bool) -> Setting[Any]:
        chosen = given(spec.name)
        if chosen is not None:
            return chosen
        if spec.profile_table and spec.name in table:
            return Setting(table[spec.name], table_source)
        if spec.name in file.values:
            return Setting(file.values[spec.name], "file")
        # Kiosk mode rotates unless told otherwise; outside it nothing rotates unless set.
        if kiosk and spec.kiosk_default is not None:
            return Setting(spec.kiosk_default, "default (kiosk)")
        return Setting(spec.default, "default")

    kiosk = bool(pick(SPECS["kiosk"], kiosk=False).value)
    picked = {spec.name: pick(spec, kiosk) for spec in SETTINGS if spec.name != "profile"}
    return Settings(path, profile, **picked)
