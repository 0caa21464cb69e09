"""The typed settings: defaults, the keys the file accepts, and the value classes.

:class:`FileConfig` / :class:`ProfileTable` hold what ``config.toml`` says, :class:`Overrides`
what the flags say, and :class:`Settings` the effective result, each value a :class:`Setting`
that remembers its source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Generic, TypeVar

__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_KIOSK_ROTATE_DIMENSIONS",
    "DEFAULT_KIOSK_ROTATE_SITES",
    "DEFAULT_PROFILE",
    "DEFAULT_REALTIME_INTERVAL",
    "DEFAULT_STATS_INTERVAL",
    "ENV_VARS",
    "PROFILE_KEYS",
    "TOP_KEYS",
    "KIOSK_ONLY",
    "FileConfig",
    "Overrides",
    "ProfileTable",
    "Setting",
    "Settings",
]

# Same value as krafter_tui.api.DEFAULT_API_URL, kept here so reading the config stays light.
DEFAULT_API_URL: Final = "https://app.krafter.dev/api/v1/analytics"
DEFAULT_PROFILE: Final = "default"
DEFAULT_REALTIME_INTERVAL: Final = 10.0
DEFAULT_STATS_INTERVAL: Final = 60.0
#: Rotation when kiosk mode is on and no rotation was set anywhere (off: 0, no rotation).
DEFAULT_KIOSK_ROTATE_SITES: Final = 60.0
DEFAULT_KIOSK_ROTATE_DIMENSIONS: Final = 15.0
#: Settings that only matter in kiosk mode.
KIOSK_ONLY: Final = ("kiosk_sites", "rotate_sites", "rotate_dimensions")

#: Environment variable → the setting it feeds.
ENV_VARS: Final = {
    "KRAFTER_PROFILE": "profile",
    "KRAFTER_API_URL": "api_url",
    "KRAFTER_SITE": "site",
    "KRAFTER_PERIOD": "period",
    "KRAFTER_REFRESH": "stats_interval",
    "KRAFTER_REALTIME_INTERVAL": "realtime_interval",
    "KRAFTER_THEME": "theme",
    "KRAFTER_KIOSK": "kiosk",
    "KRAFTER_KIOSK_SITES": "kiosk_sites",
    "KRAFTER_ROTATE_SITES": "rotate_sites",
    "KRAFTER_ROTATE_DIMENSIONS": "rotate_dimensions",
}

#: Keys allowed in a ``[profiles.NAME]`` table and at the top level of the file.
PROFILE_KEYS: Final = ("api_url", "site", "period")
TOP_KEYS: Final = (
    "api_url",
    "site",
    "period",
    "realtime_interval",
    "stats_interval",
    "theme",
    "kiosk",
    "kiosk_sites",
    "rotate_sites",
    "rotate_dimensions",
    "profiles",
)

T = TypeVar("T")


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
    kiosk: bool | None = None
    kiosk_sites: tuple[str, ...] | None = None
    rotate_sites: float | None = None
    rotate_dimensions: float | None = None
    profiles: dict[str, ProfileTable] = field(default_factory=dict)


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
    kiosk: bool | None = None
    kiosk_sites: tuple[str, ...] | None = None
    rotate_sites: float | None = None
    rotate_dimensions: float | None = None
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
    kiosk: Setting[bool]
    kiosk_sites: Setting[tuple[str, ...]]
    rotate_sites: Setting[float]
    rotate_dimensions: Setting[float]

    def items(self) -> list[tuple[str, Setting[Any]]]:
        """(name, setting) pairs in display order."""
        names = ("profile", "api_url", "site", "period", "realtime_interval", "stats_interval")
        return [(name, getattr(self, name)) for name in (*names, "theme", "kiosk", *KIOSK_ONLY)]
