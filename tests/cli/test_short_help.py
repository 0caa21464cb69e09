"""``krafter-tui --help`` fits a first screen (80 by 24, with the shell's prompt after it);
``--help-all`` has everything."""

from __future__ import annotations

import argparse

import pytest

from krafter_tui.cli import main
from krafter_tui.cli.helptext import MAIN_OPTIONS
from krafter_tui.cli.parser import build_parser


def _help(capsys: pytest.CaptureFixture[str], flag: str) -> str:
    assert main([flag]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_the_help_fits_the_first_screen(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _help(capsys, flag).splitlines()
    assert len(lines) <= 23, len(lines)  # the 24th row is the prompt's
    assert max(len(line) for line in lines) <= 80
    assert lines[0].startswith("usage: krafter-tui")
    assert lines[-1] == "Every option, variable and settings key: krafter-tui --help-all"


def test_it_lists_every_command_and_real_main_options(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(capsys, "--help")
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name in commands.choices:
        assert f"\n  {name} " in out, name
    known = {flag for action in parser._actions for flag in action.option_strings}
    for shown, _ in MAIN_OPTIONS:
        assert f"\n  {shown} " in out
        assert shown.split()[0] in known, shown  # no option the parser does not have


def test_help_all_is_the_full_list(capsys: pytest.CaptureFixture[str]) -> None:
    full = _help(capsys, "--help-all")
    short = _help(capsys, "--help")
    assert len(full.splitlines()) > 3 * len(short.splitlines())
    for word in ("--rotate-dimensions", "KRAFTER_REFRESH", "[profiles.NAME]", "examples:"):
        assert word in full and word not in short
