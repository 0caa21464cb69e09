"""Every way an API key can leave krafter-tui cuts it in one place, :mod:`krafter_tui.text.redact`,
to one length, ``SHOWN_PREFIX``: the key as shown, a server's echo, a CLI error, a usage error,
a keyring failure and a log line all show the same prefix of the same key."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from krafter_tui.cli.common import print_error
from krafter_tui.cli.parser import UsageError, build_parser
from krafter_tui.credentials import keyring_backend, token
from krafter_tui.local import logfile
from krafter_tui.text import redact

TOKEN = "kr_live_ONEREDACTR0123456789abcdefghijklmnopqrstuvw"  # kr_live_ + 43 characters
PACKAGE = Path(redact.__file__).resolve().parents[1]


def _usage_error(text: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(UsageError):
        build_parser().error(text)
    err = capsys.readouterr().err
    return err.removeprefix("krafter-tui: error: ").removesuffix(" (see `krafter-tui --help`)\n")


def _cli_error(text: str, capsys: pytest.CaptureFixture[str]) -> str:
    print_error(text)
    return capsys.readouterr().err.removeprefix("krafter-tui: error: ").removesuffix("\n")


def _log_line(text: str) -> str:
    record = logging.LogRecord("krafter_tui", logging.WARNING, __file__, 1, text, None, None)
    logfile.RedactKeys(TOKEN).filter(record)
    return record.getMessage()


def _ways_out(capsys: pytest.CaptureFixture[str]) -> dict[str, Callable[[str], str]]:
    """Each former home of a key redactor, as text in → text out."""
    return {
        "server echo (KeyRedactor)": lambda text: redact.KeyRedactor(TOKEN)(text),
        "CLI error (credentials.token.redact)": lambda text: token.redact(text, environ={}),
        "CLI error, key in the environment": lambda text: token.redact(
            text, environ={token.TOKEN_ENV: TOKEN}
        ),
        "krafter-tui: error: line": lambda text: _cli_error(text, capsys),
        "usage error (argparse)": lambda text: _usage_error(text, capsys),
        "keyring failure": lambda text: keyring_backend.unavailable(
            RuntimeError(text), TOKEN
        ).reason.removeprefix("RuntimeError: "),
        "log file, key known": lambda text: logfile.redact(text, TOKEN),
        "log file, key unknown": lambda text: logfile.redact(text),
        "log record": _log_line,
    }


def test_the_same_key_comes_out_the_same_through_every_way_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = f"bad key {TOKEN} here"
    expected = f"bad key {TOKEN[:12]}… here"
    shown = {name: way(text) for name, way in _ways_out(capsys).items()}
    assert shown == dict.fromkeys(shown, expected)
    assert token.TokenSource(TOKEN, "env").prefix == f"{TOKEN[:12]}…"


def test_every_way_out_follows_the_one_length(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Were any way out to keep its own 12, it would not follow this change.
    monkeypatch.setattr(redact, "SHOWN_PREFIX", 10)
    text = f"bad key {TOKEN} here"
    shown = {name: way(text) for name, way in _ways_out(capsys).items()}
    assert shown == dict.fromkeys(shown, f"bad key {TOKEN[:10]}… here")
    assert token.TokenSource(TOKEN, "env").prefix == f"{TOKEN[:10]}…"


def test_no_module_but_the_redactor_cuts_a_key_itself() -> None:
    own_cut = re.compile(r"\[:\s*12\s*\]|kr_\[a-z\]")
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "redact.py" or path.parent.name != "text"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if own_cut.search(line)
    ]
    assert found == []
