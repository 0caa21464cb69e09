"""Value checks shared by the settings file, the environment and the command-line flags.

Each ``check_*`` returns the cleaned value or raises :class:`ConfigError` whose message is ONE
line naming where the value came from, the key and what is allowed.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "MAX_INTERVAL",
    "MIN_REALTIME_INTERVAL",
    "MIN_STATS_INTERVAL",
    "PERIODS",
    "PROFILE_NAME",
    "ConfigError",
    "check_interval",
    "check_period",
    "check_string",
    "check_theme",
    "check_url",
    "shown",
    "type_name",
]

PERIODS: Final = ("7d", "30d", "12mo")
MIN_REALTIME_INTERVAL: Final = 5.0
MIN_STATS_INTERVAL: Final = 15.0
MAX_INTERVAL: Final = 86_400.0
#: What a profile name may look like (it names a TOML table and a keyring entry).
PROFILE_NAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")

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


def type_name(value: object) -> str:
    """``a string``, ``a table``...: the TOML name of ``value``'s type, for messages."""
    return _TOML_TYPES.get(type(value), f"a {type(value).__name__}")


def shown(value: object) -> str:
    """``value`` as a short, printable repr (at most 40 characters), for messages."""
    text = repr(value)
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 40 else text[:39] + "…"


def check_string(where: str, value: object) -> str:
    """A non-empty string, or :class:`ConfigError`."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be a non-empty string (got {type_name(value)})")
    return value.strip()


def check_url(where: str, value: object) -> str:
    """An ``https://`` (or loopback ``http://``) URL naming a host."""
    url = check_string(where, value)
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest.split("/", 1)[0]:
        raise ConfigError(
            f"{where} = {shown(url)} is not an API URL; allowed: https://HOST/PATH, "
            "e.g. https://app.krafter.dev/api/v1/analytics"
        )
    return url


def check_period(where: str, value: object) -> str:
    """One of the preset periods."""
    if value not in PERIODS:
        raise ConfigError(f"{where} = {shown(value)} is not a period; allowed: 7d, 30d, 12mo")
    return str(value)


def check_interval(where: str, value: object, minimum: float, got: str | None = None) -> float:
    """A number of seconds in ``minimum``..86400 (``got``: the raw text, for messages)."""
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not minimum <= value <= MAX_INTERVAL
    ):
        raise ConfigError(
            f"{where} = {shown(value if got is None else got)} is not allowed; "
            f"use a number of seconds from {minimum:g} to {MAX_INTERVAL:g}"
        )
    return float(value)


def check_theme(where: str, value: object) -> str:
    """A Textual built-in theme name (textual is imported only when a theme is set)."""
    name = check_string(where, value)
    from textual.theme import BUILTIN_THEMES

    if name not in BUILTIN_THEMES:
        allowed = ", ".join(sorted(BUILTIN_THEMES))
        raise ConfigError(f"{where} = {shown(name)} is not a Textual theme; allowed: {allowed}")
    return name
