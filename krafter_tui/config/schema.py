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
    "DEFAULT_PROFILE",
    "DEFAULT_REALTIME_INTERVAL",
    "DEFAULT_STATS_INTERVAL",
    "ENV_VARS",
    "PROFILE_KEYS",
    "TOP_KEYS",
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

#: Keys allowed in a ``[profiles.NAME]`` table and at the top level of the file.
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
