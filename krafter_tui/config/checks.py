"""Value checks shared by the settings file, the environment and the command-line flags.

Each ``check_*`` returns the cleaned value or raises :class:`ConfigError` whose message is ONE
line naming where the value came from, the key and what is allowed.
"""

from __future__ import annotations

import math
import re
from typing import Final

from krafter_tui import DEFAULT_API_URL

__all__ = [
    "MAX_INTERVAL",
    "MIN_REALTIME_INTERVAL",
    "MIN_ROTATION",
    "MIN_STATS_INTERVAL",
    "PERIODS",
    "PROFILE_NAME",
    "ConfigError",
    "check_bool",
    "check_command",
    "check_interval",
    "check_number",
    "check_period",
    "check_rotation",
    "check_shared_cache",
    "check_site_list",
    "check_stops",
    "split_stops",
    "stop_of",
    "check_string",
    "check_switch",
    "check_theme",
    "check_url",
    "shown",
    "split_sites",
    "type_name",
]

PERIODS: Final = ("7d", "30d", "12mo", "today", "yesterday", "month", "lastmonth", "year", "all")
_PERIODS_SHOWN: Final = ", ".join(PERIODS)
MIN_REALTIME_INTERVAL: Final = 5.0
MIN_STATS_INTERVAL: Final = 15.0
#: Kiosk rotation: 0 (off) or at least this many seconds.
MIN_ROTATION: Final = 5.0
MAX_INTERVAL: Final = 86_400.0
#: What a profile name may look like (it names a TOML table and a keyring entry).
PROFILE_NAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")

_SWITCH: Final = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
_SITES_EXAMPLE: Final = "e.g. sk_abc123,Blog"

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
        got = "an empty string" if isinstance(value, str) else type_name(value)
        raise ConfigError(f"{where} must be a non-empty string (got {got})")
    return value.strip()


def check_url(where: str, value: object) -> str:
    """An ``https://`` (or loopback ``http://``) URL naming a host.

    Plain ``http://`` to another host is refused here, before anything starts: the client
    would refuse to send the key there anyway, but only once the dashboard was up.
    """
    url = check_string(where, value)
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest.split("/", 1)[0]:
        raise ConfigError(
            f"{where} = {shown(url)} is not an API URL; allowed: https://HOST/PATH, "
            f"e.g. {DEFAULT_API_URL}"
        )
    if scheme.lower() == "http":
        from urllib.parse import urlsplit

        from krafter_tui.api import is_loopback_host

        try:
            host = urlsplit(url).hostname or ""
        except ValueError:  # e.g. an unclosed [ in the host
            host = ""
        if not is_loopback_host(host):
            raise ConfigError(
                f"{where} = {shown(url)} uses plain http:// to a host other than this "
                "machine, which would send the API key unencrypted; use https:// "
                "(http:// is allowed only for localhost)"
            )
    return url


def check_shared_cache(where: str, value: object) -> str:
    """A shared-cache URL: ``sqlite:///path`` or ``redis://host:port/db``."""
    url = check_string(where, value)
    from krafter_tui.api.shared import check_shared_cache_url

    try:
        return check_shared_cache_url(url)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def check_period(where: str, value: object) -> str:
    """One of the preset periods."""
    if value not in PERIODS:
        raise ConfigError(f"{where} = {shown(value)} is not a period; allowed: {_PERIODS_SHOWN}")
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


def check_number(
    where: str,
    value: object,
    low: float,
    high: float,
    *,
    what: str,
    whole: bool = False,
    got: str | None = None,
) -> float:
    """A number in ``low``..``high`` (``whole``: an integer), described as ``what`` in the
    message (``a ratio``, ``visitors``); ``got``: the raw text, for messages."""
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and low <= value <= high
        and (not whole or value == int(value))
    ):
        return float(value)
    kind = "a whole number" if whole else "a number"
    raise ConfigError(
        f"{where} = {shown(value if got is None else got)} is not allowed; "
        f"use {kind} from {low:g} to {high:g} ({what})"
    )


def check_command(where: str, value: object) -> tuple[str, ...]:
    """A command line of the user's own, split as a POSIX shell would split it (no shell
    ever runs it): the program and its arguments."""
    import shlex

    text = check_string(where, value)
    try:
        words = tuple(shlex.split(text))
    except ValueError as error:
        raise ConfigError(
            f"{where} = {shown(text)} is not a command line ({error}); "
            "quote arguments with spaces, e.g. notify-send 'Krafter alert'"
        ) from None
    if not words:
        raise ConfigError(f"{where} must name a program to run (got {shown(text)})")
    return words


def check_theme(where: str, value: object) -> str:
    """A Textual built-in theme name (textual is imported only when a theme is set)."""
    name = check_string(where, value)
    from textual.theme import BUILTIN_THEMES

    if name not in BUILTIN_THEMES:
        allowed = ", ".join(sorted(BUILTIN_THEMES))
        raise ConfigError(f"{where} = {shown(name)} is not a Textual theme; allowed: {allowed}")
    return name


def check_bool(where: str, value: object) -> bool:
    """A TOML boolean (``true``/``false``), or :class:`ConfigError`."""
    if not isinstance(value, bool):
        raise ConfigError(f"{where} must be true or false (got {type_name(value)})")
    return value


def check_switch(where: str, raw: str) -> bool:
    """An on/off word from the environment: 1/0, true/false, yes/no (any case)."""
    try:
        return _SWITCH[raw.strip().lower()]
    except KeyError:
        raise ConfigError(
            f"{where} = {shown(raw)} is not allowed; use 1/0, true/false or yes/no"
        ) from None


def check_rotation(where: str, value: object, got: str | None = None) -> float:
    """0 (no rotation) or a number of seconds in 5..86400 (``got``: the raw text)."""
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not (value == 0 or MIN_ROTATION <= value <= MAX_INTERVAL)
    ):
        raise ConfigError(
            f"{where} = {shown(value if got is None else got)} is not allowed; use 0 (no "
            f"rotation) or a number of seconds from {MIN_ROTATION:g} to {MAX_INTERVAL:g}"
        )
    return float(value)


def check_site_list(where: str, value: object) -> tuple[str, ...]:
    """A TOML array of non-empty strings (site keys or names), duplicates dropped."""
    if not isinstance(value, list):
        raise ConfigError(
            f'{where} must be an array of site keys or names, e.g. ["sk_abc123", "Blog"] '
            f"(got {type_name(value)})"
        )
    return tuple(dict.fromkeys(check_string(f"{where}[{i}]", v) for i, v in enumerate(value)))


def check_stops(where: str, value: object) -> tuple[str, ...]:
    """A TOML array of kiosk stops, each a site key or name or ``overview`` with an optional
    ``:SECONDS`` (``"Pebble CRM:90"``), in playlist order (a stop may come twice). Each
    stop's duration is checked when the kiosk is made (:func:`stop_of`): a bad one is
    skipped with a message, not a refusal to start."""
    if not isinstance(value, list):
        raise ConfigError(
            f'{where} must be an array of stops, e.g. ["Pebble CRM:90", "overview:30", "Blog"] '
            f"(got {type_name(value)})"
        )
    return tuple(check_string(f"{where}[{i}]", v) for i, v in enumerate(value))


def split_stops(where: str, raw: str) -> tuple[str, ...]:
    """Comma-separated kiosk stops (``Pebble CRM:90,overview:30,Blog``); blank text is ()."""
    if not raw.strip():
        return ()
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def stop_of(where: str, entry: str, default: float) -> tuple[str, float]:
    """A kiosk stop's site (key or name, or ``overview``) and its seconds (``default``
    without ``:SECONDS``); a bad duration raises :class:`ConfigError` saying what is allowed."""
    name, colon, seconds = entry.rpartition(":")
    if not colon:
        return entry.strip(), default
    try:
        value = float(seconds)
    except ValueError:
        value = math.nan
    if not name.strip() or not (MIN_ROTATION <= value <= MAX_INTERVAL):
        raise ConfigError(
            f"{where}: {shown(entry)} has no valid duration; give a site key or name, or "
            f"overview, then optionally :SECONDS from {MIN_ROTATION:g} to {MAX_INTERVAL:g} "
            '(e.g. "Pebble CRM:90")'
        )
    return name.strip(), value


def split_sites(where: str, raw: str) -> tuple[str, ...]:
    """Comma-separated site keys or names; blank text is () (all sites); no empty entries."""
    if not raw.strip():
        return ()
    parts = [part.strip() for part in raw.split(",")]
    if not all(parts):
        raise ConfigError(
            f"{where} = {shown(raw)} has an empty entry; "
            f"use comma-separated site keys or names, {_SITES_EXAMPLE}"
        )
    return tuple(dict.fromkeys(parts))
