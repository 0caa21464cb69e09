"""The argparse command line: the dashboard flags and the ``auth``/``sites``/``config`` commands.

Kept free of heavy imports so ``krafter-tui --help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from krafter_tui import __version__
from krafter_tui.cli.helptext import DESCRIPTION, EPILOG

__all__ = ["PROG", "UsageError", "build_parser"]

PROG = "krafter-tui"
_KEY_LIKE = re.compile(r"kr_[a-z]+_[A-Za-z0-9_-]+")
_PERIODS = ("7d", "30d", "12mo", "today", "yesterday", "month", "lastmonth", "year", "all")


class UsageError(SystemExit):
    """Raised (as exit status 2) after printing a one-line usage error."""


class KrafterArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are ONE line on stderr, then exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Print ``prog: error: message (see --help)`` and exit 2, never echoing a key."""
        prefix = "unrecognized arguments: "
        if message.startswith(prefix):
            # Stray values may be a key typed as `--token KEY`: name only the options.
            words = message.removeprefix(prefix).split()
            message = prefix + " ".join(w if w.startswith("-") else "…" for w in words)
        message = _KEY_LIKE.sub(lambda m: m.group()[:12] + "…", message)
        sys.stderr.write(f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
        raise UsageError(2)


def _connection_options(parser: argparse.ArgumentParser, sub: bool) -> None:
    default = argparse.SUPPRESS if sub else None
    parser.add_argument(
        "--profile",
        metavar="NAME",
        default=default,
        help="settings profile and keyring entry to use (default: 'default')",
    )
    parser.add_argument(
        "--api-url",
        metavar="URL",
        default=default,
        help="API root, e.g. https://app.krafter.dev/api/v1/analytics (http:// only for localhost)",
    )


def _dashboard_options(parser: argparse.ArgumentParser, sub: bool) -> None:
    default = argparse.SUPPRESS if sub else None
    parser.add_argument(
        "--site", metavar="KEY_OR_NAME", default=default, help="site to open first (sk_... or name)"
    )
    parser.add_argument("--period", choices=_PERIODS, default=default, help="period to show")
    parser.add_argument(
        "--from", dest="date_from", metavar="DATE", default=default, help="custom start YYYY-MM-DD"
    )
    parser.add_argument(
        "--to", dest="date_to", metavar="DATE", default=default, help="custom end YYYY-MM-DD"
    )
    parser.add_argument(
        "--refresh",
        metavar="SECONDS",
        type=float,
        default=default,
        help="seconds between stats refreshes (>= 15; default 60)",
    )
    parser.add_argument(
        "--theme", metavar="NAME", default=default, help="Textual theme, e.g. textual-dark"
    )


def _kiosk_options(parser: argparse.ArgumentParser, sub: bool) -> None:
    default = argparse.SUPPRESS if sub else None
    group = parser.add_argument_group("kiosk mode (a wall screen)")
    group.add_argument(
        "--kiosk",
        action=argparse.BooleanOptionalAction,
        default=default,
        help="wall-screen mode: no footer, no dialogs, large digits, quit only with Ctrl+Q "
        "(--no-kiosk turns off a kiosk set in the environment or settings file)",
    )
    group.add_argument(
        "--kiosk-sites",
        metavar="LIST",
        default=default,
        help="comma-separated site keys or names to rotate through (default: all sites; "
        "a name with a comma in it: give its key)",
    )
    for what, every in (("sites", 60), ("dimensions", 15)):
        thing = "kiosk site" if what == "sites" else "breakdown dimension"
        group.add_argument(
            f"--rotate-{what}",
            metavar="SECONDS",
            type=float,
            default=default,
            help=f"move to the next {thing} every SECONDS (0 = off, else at least 5; "
            f"default {every} with --kiosk, 0 without)",
        )


def _demo_option(parser: argparse.ArgumentParser, sub: bool) -> None:
    parser.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if sub else False,
        help="use the built-in demo data instead of the API (no key needed)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The full parser; options may come before or after the command name."""
    parser = KrafterArgumentParser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _dashboard_options(parser, sub=False)
    _connection_options(parser, sub=False)
    _demo_option(parser, sub=False)
    _kiosk_options(parser, sub=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    auth = commands.add_parser("auth", help="log in, show status, log out")
    actions = auth.add_subparsers(dest="auth_command", metavar="ACTION", required=True)
    login = actions.add_parser("login", help="check an API key and store it in the OS keyring")
    login.add_argument(
        "--with-token", action="store_true", help="read the key from stdin instead of prompting"
    )
    _connection_options(login, sub=True)
    for name, text in (("status", "show where the key comes from"), ("logout", "delete it")):
        _connection_options(actions.add_parser(name, help=text), sub=True)

    sites = commands.add_parser("sites", help="list the team's sites")
    sites.add_argument("--json", action="store_true", help="print JSON for scripts")
    _connection_options(sites, sub=True)
    _demo_option(sites, sub=True)

    config = commands.add_parser("config", help="where the settings are and what they are")
    config_actions = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    config_actions.add_parser("path", help="print the settings file path")
    show = config_actions.add_parser("show", help="print effective settings and their sources")
    _dashboard_options(show, sub=True)
    _connection_options(show, sub=True)
    _kiosk_options(show, sub=True)

    commands.add_parser(
        "demo-server", help="run the demo server (arguments go to it)", add_help=False
    )
    return parser
