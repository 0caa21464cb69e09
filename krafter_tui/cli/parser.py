"""The argparse command line: the dashboard flags and the ``auth``/``sites``/``export``/``serve``/
``config`` commands.

Kept free of heavy imports so ``krafter-tui --help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from krafter_tui import __version__
from krafter_tui.cli.helptext import DESCRIPTION, EPILOG
from krafter_tui.config.schema import SETTINGS
from krafter_tui.config.spec import FlagGroup
from krafter_tui.text.redact import cut_keys

__all__ = ["PROG", "UsageError", "build_parser"]

PROG = "krafter-tui"


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
        message = cut_keys(message)
        sys.stderr.write(f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
        raise UsageError(2)


def _setting_flags(
    parser: argparse.ArgumentParser,
    group: FlagGroup,
    sub: bool,
    only: tuple[str, ...] | None = None,
) -> None:
    """The flags of the settings in ``group``, in their declared order (``sub``: on a
    subcommand, where a flag not given leaves the main parser's value alone; ``only``: just
    the settings of these names)."""
    default = argparse.SUPPRESS if sub else None
    kiosk = group == "kiosk"
    target = parser.add_argument_group("kiosk mode (a wall screen)") if kiosk else parser
    for spec in SETTINGS:
        if spec.flag is None or spec.flag_group != group:
            continue
        if only is not None and spec.name not in only:
            continue
        options: dict[str, Any] = {"default": default, "help": spec.help}
        if spec.kind.arg == "switch":
            options["action"] = argparse.BooleanOptionalAction
        if spec.kind.arg == "number":
            options["type"] = float
        if spec.metavar is not None:
            options["metavar"] = spec.metavar
        if spec.kind.choices is not None:
            options["choices"] = spec.kind.choices
        target.add_argument(spec.flag, **options)
        if spec.name == "period":
            # A custom range is the other way to give the period.
            for flag, dest, end in (("--from", "date_from", "start"), ("--to", "date_to", "end")):
                target.add_argument(
                    flag,
                    dest=dest,
                    metavar="DATE",
                    default=default,
                    help=f"custom {end} YYYY-MM-DD",
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
    _setting_flags(parser, "dashboard", sub=False)
    _setting_flags(parser, "connection", sub=False)
    _demo_option(parser, sub=False)
    _setting_flags(parser, "kiosk", sub=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    auth = commands.add_parser("auth", help="log in, show status, log out")
    actions = auth.add_subparsers(dest="auth_command", metavar="ACTION", required=True)
    login = actions.add_parser("login", help="check an API key and store it in the OS keyring")
    login.add_argument(
        "--with-token", action="store_true", help="read the key from stdin instead of prompting"
    )
    _setting_flags(login, "connection", sub=True)
    for name, text in (("status", "show where the key comes from"), ("logout", "delete it")):
        _setting_flags(actions.add_parser(name, help=text), "connection", sub=True)

    sites = commands.add_parser("sites", help="list the team's sites")
    sites.add_argument("--json", action="store_true", help="print JSON for scripts")
    _setting_flags(sites, "connection", sub=True)
    _demo_option(sites, sub=True)

    export = commands.add_parser(
        "export",
        help="print a site's breakdown, events or timeseries as CSV or JSON",
        description=(
            "Print what the dashboard shows for a site and period to stdout, for scripts: "
            "the breakdown of one dimension, the custom events or the timeseries, as CSV "
            "(text a spreadsheet would run as a formula gets a leading ') or one JSON object "
            "with the site, the period the server resolved and the rows."
        ),
    )
    _setting_flags(export, "dashboard", sub=True, only=("site", "period"))
    export.add_argument(
        "--format",
        dest="export_format",
        choices=("csv", "json"),
        default="csv",
        help="output format (default: csv)",
    )
    export.add_argument(
        "--what",
        dest="export_what",
        choices=("breakdown", "events", "timeseries"),
        default="breakdown",
        help="which table (default: breakdown)",
    )
    export.add_argument(
        "--dimension",
        dest="export_dimension",
        metavar="NAME",
        default="path",
        help="the breakdown's dimension: path, referrer, country, device, browser, os, "
        "utm_source, utm_medium or utm_campaign (default: path)",
    )
    _setting_flags(export, "connection", sub=True)
    _demo_option(export, sub=True)

    config = commands.add_parser("config", help="where the settings are and what they are")
    config_actions = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    config_actions.add_parser("path", help="print the settings file path")
    show = config_actions.add_parser("show", help="print effective settings and their sources")
    for group in ("dashboard", "connection", "kiosk"):
        _setting_flags(show, group, sub=True)

    serve = commands.add_parser(
        "serve",
        help="serve the dashboard to web browsers",
        description=(
            "Serve the dashboard to web browsers: each tab runs its own dashboard with the "
            "flags given here. Loopback only unless --public: the page has no login, so "
            "whoever can open it sees the team's analytics. At most serve_max_sessions tabs "
            "(settings file or KRAFTER_SERVE_MAX_SESSIONS; default 4) run at once."
        ),
    )
    serve.add_argument(
        "--host",
        dest="serve_host",
        metavar="HOST",
        default="127.0.0.1",
        help="interface to listen on (default: 127.0.0.1; another needs --public)",
    )
    serve.add_argument(
        "--port",
        dest="serve_port",
        metavar="PORT",
        type=int,
        default=8000,
        help="TCP port (default: 8000)",
    )
    serve.add_argument(
        "--public",
        dest="serve_public",
        action="store_true",
        help="allow a --host other machines can reach (they all see the team's data); the "
        "page then also answers under IP addresses",
    )
    serve.add_argument(
        "--allow-host",
        dest="serve_allow_hosts",
        metavar="NAME",
        action="append",
        default=[],
        help="a name the page is opened under besides loopback's, e.g. dash.example.com "
        "(repeat for more); any other name is refused, as a rebound name would be",
    )
    for flags in ("dashboard", "connection", "kiosk"):
        _setting_flags(serve, flags, sub=True)
    _demo_option(serve, sub=True)

    commands.add_parser(
        "demo-server", help="run the demo server (arguments go to it)", add_help=False
    )
    return parser
