"""The argparse command line: the dashboard flags and the ``auth``/``sites``/``export``/``serve``/
``config`` commands.

Kept free of heavy imports so ``krafter-tui --help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from krafter_tui import __version__
from krafter_tui.cli import (
    alerts_cmd,
    auth_cmd,
    completion_cmd,
    config_cmd,
    export_cmd,
    serve_cmd,
    sites_cmd,
    status_cmd,
)
from krafter_tui.cli.flags import demo_option, setting_flags
from krafter_tui.cli.helptext import DESCRIPTION, EPILOG, short_help
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


class ShortHelp(argparse.Action):
    """``-h``/``--help``: the first screen only (:func:`~.helptext.short_help`), the commands
    listed from the parser."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, argparse.SUPPRESS, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> NoReturn:
        commands = [
            (choice.dest, choice.help or "")
            for action in parser._actions
            if isinstance(action, argparse._SubParsersAction)
            for choice in action._choices_actions
        ]
        sys.stdout.write(short_help(commands) + "\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The full parser; options may come before or after the command name."""
    parser = KrafterArgumentParser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action=ShortHelp, help="show the short help and exit")
    parser.add_argument(
        "--help-all",
        action="help",
        help="show this help: every option, environment variable and settings key",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    setting_flags(parser, "dashboard", sub=False)
    setting_flags(parser, "connection", sub=False)
    demo_option(parser, sub=False)
    setting_flags(parser, "kiosk", sub=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    auth_cmd.add_parser(commands)
    sites_cmd.add_parser(commands)
    export_cmd.add_parser(commands)
    config_cmd.add_parser(commands)
    serve_cmd.add_parser(commands)
    status_cmd.add_parser(commands)
    completion_cmd.add_parser(commands)
    alerts_cmd.add_parser(commands)

    commands.add_parser(
        "demo-server", help="run the demo server (arguments go to it)", add_help=False
    )
    return parser
