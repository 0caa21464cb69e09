"""The flags more than one command takes: each setting's flag, declared in
:mod:`krafter_tui.config.schema`, and ``--demo``. The main parser (:mod:`.parser`) and each
command's own parser (``add_parser`` in the ``*_cmd`` modules) add them from here.
"""

from __future__ import annotations

import argparse
from typing import Any, TypeAlias

from krafter_tui.config.schema import SETTINGS
from krafter_tui.config.spec import FlagGroup

#: The main parser's ``COMMAND`` subparsers, which each command's ``add_parser`` adds to
#: (of the parser's own class, :class:`krafter_tui.cli.parser.KrafterArgumentParser`).
Commands: TypeAlias = "argparse._SubParsersAction[Any]"

__all__ = ["Commands", "demo_option", "setting_flags"]


def setting_flags(
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


def demo_option(parser: argparse.ArgumentParser, sub: bool) -> None:
    """``--demo`` (``sub``: on a subcommand, where not giving it leaves the main parser's)."""
    parser.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if sub else False,
        help="use the built-in demo data instead of the API (no key needed)",
    )
