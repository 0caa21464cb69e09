"""Each command owns its parser: ``add_parser`` in ``krafter_tui/cli/<command>_cmd.py`` adds
the command with its flags, and the main parser (``cli/parser.py``) only calls them."""

from __future__ import annotations

import argparse
import importlib
import re
from pathlib import Path

import pytest

from krafter_tui.cli import parser

COMMANDS = ("auth", "sites", "export", "config", "serve", "status", "completion", "alerts")


def _commands(built: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in built._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.mark.parametrize("name", COMMANDS)
def test_the_command_module_adds_the_command_the_main_parser_has(name: str) -> None:
    module = importlib.import_module(f"krafter_tui.cli.{name}_cmd")
    alone = argparse.ArgumentParser(prog="krafter-tui")
    module.add_parser(alone.add_subparsers(dest="command"))
    assert list(_commands(alone)) == [name]
    mine = _commands(alone)[name].format_help()
    assert mine == _commands(parser.build_parser())[name].format_help()


def test_the_main_parser_names_no_command_of_its_own_but_the_demo_server() -> None:
    assert list(_commands(parser.build_parser())) == [*COMMANDS, "demo-server"]
    source = Path(parser.__file__).read_text()
    added = re.findall(r"\.add_parser\(\s*\"([\w-]+)\"", source)
    assert added == ["demo-server"]
