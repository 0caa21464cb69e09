"""The command each browser tab runs: ``python -m krafter_tui`` with the dashboard flags given."""

from __future__ import annotations

import argparse
import shlex
import sys

from krafter_tui.config.schema import SETTINGS, SPECS

__all__ = ["tab_command", "tab_flags"]

#: Settings a tab does not take from the serve command line: the API URL is the one the key
#: goes to (or the shared demo's), given separately.
_NOT_FORWARDED = ("api_url",)


def tab_flags(args: argparse.Namespace) -> list[str]:
    """The dashboard, connection and kiosk flags given to ``serve``, as a tab's arguments (flags
    not given are left out, so the tab reads the environment and settings file as usual)."""
    flags: list[str] = []
    for spec in SETTINGS:
        if spec.flag is None or spec.name in _NOT_FORWARDED:
            continue
        value = getattr(args, spec.dest, None)
        if value is None:
            continue
        if spec.kind.arg == "switch":
            flags.append(spec.flag if value else "--no-" + spec.flag.removeprefix("--"))
        else:
            flags += [spec.flag, str(value)]
    for flag, dest in (("--from", "date_from"), ("--to", "date_to")):
        if (value := getattr(args, dest, None)) is not None:
            flags += [flag, str(value)]
    return flags


def tab_command(args: argparse.Namespace, api_url: str, *, shared_cache: str | None = None) -> str:
    """The shell command textual-serve runs for each tab: this interpreter, this package, the
    flags given to ``serve``, ``api_url`` and (when given) the shared cache the tabs poll
    through. The API key is never in it (a command line is visible to every user of the
    machine): a tab reads it from its environment."""
    api_url_flag = SPECS["api_url"].flag
    assert api_url_flag is not None
    argv = [sys.executable, "-m", "krafter_tui", *tab_flags(args), api_url_flag, api_url]
    if shared_cache is not None:
        shared_flag = SPECS["shared_cache"].flag
        assert shared_flag is not None
        argv += [shared_flag, shared_cache]
    return shlex.join(argv)
