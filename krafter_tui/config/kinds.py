"""Kinds of setting value: how each is checked from the file, the environment and a flag, and
how ``config show`` prints it.

A :class:`Kind` bundles the checks of :mod:`.checks` for one kind of value, so a setting's
declaration in :mod:`.schema` names its kind once instead of every reader choosing a check.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal

from krafter_tui.config.checks import (
    PERIODS,
    PROFILE_NAME,
    ConfigError,
    check_bool,
    check_command,
    check_interval,
    check_number,
    check_period,
    check_rotation,
    check_shared_cache,
    check_site_list,
    check_stops,
    check_string,
    check_switch,
    check_theme,
    check_url,
    split_sites,
    split_stops,
)

__all__ = [
    "COMMAND",
    "PERIOD",
    "PROFILE",
    "ROTATION",
    "SHARED_CACHE",
    "SITE_LIST",
    "STOP_LIST",
    "SWITCH",
    "TEXT",
    "THEME",
    "URL",
    "Kind",
    "number",
    "seconds",
]

#: ``(where, value) -> checked value``; ``where`` names the source and key in messages.
Check = Callable[[str, Any], Any]


@dataclass(frozen=True)
class Kind:
    """How one kind of value is read and shown.

    ``file`` checks a TOML value, ``env`` the (stripped, non-empty) text of a variable, ``flag``
    what argparse parsed (None back: as if the flag were not given); ``show`` prints a value
    that is not None for ``config show``; ``arg`` is how argparse reads the flag (``number``:
    a float, ``switch``: ``--x`` / ``--no-x``); ``choices``: the only values the flag takes.
    """

    name: str
    file: Check
    env: Check
    flag: Check
    show: Callable[[Any], str] = str
    arg: Literal["text", "number", "switch"] = "text"
    choices: tuple[str, ...] | None = None


def _as_is(where: str, value: Any) -> Any:
    return value


def _stripped(where: str, value: str) -> str | None:
    return value.strip() or None


def _profile_name(where: str, raw: str) -> str:
    if not PROFILE_NAME.fullmatch(raw):
        raise ConfigError(f"{where}: profile names use letters, digits, '_', '.', '-'")
    return raw


def _number(raw: str) -> float | None:
    try:
        return float(raw)
    except ValueError:
        return None


def _seconds(value: float) -> str:
    return f"{value:g} s"


def seconds(minimum: float) -> Kind:
    """A number of seconds from ``minimum`` to 86400."""

    def file(where: str, value: object) -> float:
        return check_interval(where, value, minimum)

    def env(where: str, raw: str) -> float:
        return check_interval(where, _number(raw), minimum, got=raw)

    return Kind("seconds", file, env, file, show=_seconds, arg="number")


def number(
    name: str, low: float, high: float, *, what: str, whole: bool = False, unit: str = ""
) -> Kind:
    """A number from ``low`` to ``high`` (``whole``: an integer) of the kind ``name``;
    ``what`` says what it is in messages, ``unit`` follows it in ``config show``."""

    def file(where: str, value: object) -> float:
        return check_number(where, value, low, high, what=what, whole=whole)

    def env(where: str, raw: str) -> float:
        return check_number(where, _number(raw), low, high, what=what, whole=whole, got=raw)

    def show(value: float) -> str:
        return f"{value:g}{unit}"

    return Kind(name, file, env, file, show=show, arg="number")


def _command_env(where: str, raw: str) -> tuple[str, ...]:
    return check_command(where, raw)


def _rotation_env(where: str, raw: str) -> float:
    return check_rotation(where, _number(raw), got=raw)


def _rotation_shown(value: float) -> str:
    return "0 (no rotation)" if value == 0 else _seconds(value)


def _switch_flag(where: str, value: object) -> bool:
    return bool(value)


def _cache_shown(url: str) -> str:
    from krafter_tui.api.shared import shown_shared_cache_url

    return shown_shared_cache_url(url)


def _sites_shown(value: tuple[str, ...]) -> str:
    return ",".join(value) if value else "(all sites)"


#: Free text (a site key or name); a blank flag counts as not given.
TEXT: Final = Kind("text", check_string, _as_is, _stripped)
#: A profile name (it names a TOML table and a keyring entry); never a file key.
PROFILE: Final = Kind("profile", check_string, _profile_name, _as_is)
URL: Final = Kind("url", check_url, check_url, check_url)
PERIOD: Final = Kind("period", check_period, check_period, check_period, choices=PERIODS)
THEME: Final = Kind("theme", check_theme, check_theme, check_theme)
#: Where dashboards share their polling: ``sqlite:///path`` or ``redis://host:port/db``
#: (``config show`` hides a password in it).
SHARED_CACHE: Final = Kind(
    "cache", check_shared_cache, check_shared_cache, check_shared_cache, show=_cache_shown
)
#: On or off: a TOML boolean, 1/0 true/false yes/no in the environment, ``--x``/``--no-x``.
SWITCH: Final = Kind(
    "switch",
    check_bool,
    check_switch,
    _switch_flag,
    show=lambda on: "on" if on else "off",
    arg="switch",
)
#: Site keys or names: a TOML array, comma-separated text in the environment and flags.
SITE_LIST: Final = Kind("sites", check_site_list, split_sites, split_sites, show=_sites_shown)
#: Kiosk stops (sites, or overview, each with an optional :SECONDS): as SITE_LIST.
STOP_LIST: Final = Kind(
    "stops", check_stops, split_stops, split_stops, show=lambda v: ",".join(v) or "(none)"
)
#: A command line of the user's own, split once into its words (never run through a shell).
COMMAND: Final = Kind(
    "command", check_command, _command_env, check_command, show=lambda words: shlex.join(words)
)
#: 0 (no rotation) or a number of seconds from 5 to 86400.
ROTATION: Final = Kind(
    "rotation", check_rotation, _rotation_env, check_rotation, show=_rotation_shown, arg="number"
)
