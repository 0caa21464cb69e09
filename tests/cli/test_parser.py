"""The command line itself: --help, --version, usage errors, exit statuses, import weight."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from krafter_tui import __version__
from krafter_tui.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"krafter-tui {__version__}\n"


def test_help_teaches_the_tool(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help-all"]) == 0
    out = capsys.readouterr().out
    for needle in (
        "usage: krafter-tui",
        "--site",
        "--period",
        "--from",
        "--api-url",
        "--profile",
        "--refresh",
        "--theme",
        "--demo",
        "auth login",
        "sites",
        "export --site",
        "serve [--port PORT]",
        "krafter-tui serve --site",
        "config show",
        "demo-server",
        "KRAFTER_API_TOKEN",
        "KRAFTER_REFRESH",
        "config.toml",
        "[profiles.NAME]",
    ):
        assert needle in out


@pytest.mark.parametrize(
    "argv",
    [
        ["auth", "login", "--help"],
        ["sites", "--help"],
        ["export", "--help"],
        ["serve", "--help"],
        ["config", "--help"],
    ],
)
def test_subcommand_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert "usage: krafter-tui" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--period", "90d"], "invalid choice: '90d'"),
        (["--refresh", "soon"], "invalid float value: 'soon'"),
        (["auth"], "the following arguments are required: ACTION"),
        (["auth", "login", "--token", "kr_live_x"], "unrecognized arguments"),
        (["config", "edit"], "invalid choice: 'edit'"),
        (["--from", "2025-01-01"], "--from needs --to"),
        (["--to", "2025-01-01"], "--to needs --from"),
        (["--period", "7d", "--from", "2025-01-01", "--to", "2025-01-02"], "not both"),
        (["--from", "2025-02-30", "--to", "2025-03-01"], "does not exist on the calendar"),
        (["--from", "01/02/2025", "--to", "2025-03-01"], "use YYYY-MM-DD"),
        (["--from", "2025-03-01", "--to", "2025-02-01"], "is after the end date"),
        (["--refresh", "5"], "--refresh = 5.0 is not allowed"),
        (["--theme", "nope"], "--theme = 'nope' is not a Textual theme"),
        (["--api-url", "krafter.dev"], "--api-url = 'krafter.dev' is not an API URL"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and needle in err
    assert err.startswith("krafter-tui")
    assert "kr_live_x" not in err


def test_future_end_date_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    tomorrow = (datetime.now(UTC).date() + timedelta(days=2)).isoformat()
    assert main(["--from", "2025-01-01", "--to", tomorrow]) == 2
    assert "in the future" in capsys.readouterr().err


def test_help_and_version_stay_light() -> None:
    code = (
        "import sys; from krafter_tui.__main__ import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['--help']) == 0 and main(['--help-all']) == 0\n"
        "    assert main(['--version']) == 0\n"
        "heavy = [m for m in ('httpx', 'keyring', 'textual', 'krafter_tui.api', 'msgspec')"
        " if m in sys.modules]\n"
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_module_entry_point_exit_status() -> None:
    """``python -m krafter_tui`` passes main()'s return value to the shell."""
    ok = subprocess.run(
        [sys.executable, "-m", "krafter_tui", "--version"], cwd=ROOT, capture_output=True, text=True
    )
    bad = subprocess.run(
        [sys.executable, "-m", "krafter_tui", "--nope"], cwd=ROOT, capture_output=True, text=True
    )
    assert (ok.returncode, ok.stdout) == (0, f"krafter-tui {__version__}\n")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_main_reads_sys_argv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["krafter-tui", "--version"])
    assert main() == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["--token", "kr_live_" + "T" * 43],
        ["--api-url", "kr_live_" + "T" * 43],
        ["--period", "kr_live_" + "T" * 43],
        ["--site", "x", "kr_live_" + "T" * 43],
        ["auth", "login", "--with-token", "kr_live_" + "T" * 43],
    ],
)
def test_a_key_typed_on_the_command_line_is_not_echoed(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert "T" * 10 not in out + err
