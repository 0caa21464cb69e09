"""``main()``: parse the command line, run one command, turn failures into exit statuses."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from krafter_tui.cli.common import CliError, print_error
from krafter_tui.cli.parser import build_parser
from krafter_tui.config import ConfigError
from krafter_tui.credentials.token import KeyringUnavailable

__all__ = ["main"]

#: Exit statuses: 0 ok, 1 failure, 2 usage or settings error, 130 interrupted (Ctrl-C).
EXIT_INTERRUPTED = 130


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print_error(str(code))
    return 1


def dispatch(args: argparse.Namespace) -> int:
    """Run the command named in ``args`` (no command: the dashboard)."""
    if args.command in ("auth", "sites", "config", "export", "status", "completion", "alerts"):
        from krafter_tui.cli.output import clean_output

        with clean_output():
            return _command(args)
    from krafter_tui.cli.launch import run_dashboard_command, run_demo_server

    if args.command == "serve":
        from krafter_tui.cli.output import clean_output
        from krafter_tui.cli.serve_cmd import run_serve

        # Each tab's stderr is relayed to this stdout: cleaned like every command's output.
        with clean_output():
            return run_serve(args)
    if args.command == "demo-server":
        return run_demo_server([])
    return run_dashboard_command(args)


def _command(args: argparse.Namespace) -> int:
    """``auth``, ``sites``, ``export``, ``config`` or ``status``: commands that print, and only
    print."""
    if args.command == "auth":
        from krafter_tui.cli.auth_cmd import run_auth

        return run_auth(args)
    if args.command == "sites":
        from krafter_tui.cli.sites_cmd import run_sites

        return run_sites(args)
    if args.command == "export":
        from krafter_tui.cli.export_cmd import run_export

        return run_export(args)
    if args.command == "config":
        from krafter_tui.cli.config_cmd import run_config

        return run_config(args)
    if args.command == "completion":
        from krafter_tui.cli.completion_cmd import run_completion

        return run_completion(args, build_parser())
    if args.command == "status":
        from krafter_tui.cli.status_cmd import run_status

        return run_status(args)
    if args.command == "alerts":
        from krafter_tui.cli.alerts_cmd import run_alerts

        return run_alerts(args)
    raise AssertionError(args.command)


def _run(argv: list[str]) -> int:
    if argv[:1] == ["demo-server"]:
        # Everything after the command belongs to the demo server's own parser.
        from krafter_tui.cli.launch import run_demo_server

        return run_demo_server(argv[1:])
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return _exit_code(exc.code)
    return dispatch(args)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``krafter-tui`` console script; returns the exit status (never raises)."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except (CliError, ConfigError, KeyringUnavailable) as exc:
        print_error(exc.message)
        if isinstance(exc, CliError):
            return exc.code
        return 2 if isinstance(exc, ConfigError) else 1
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `krafter-tui sites | head`: the reader left; do not complain at exit either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
