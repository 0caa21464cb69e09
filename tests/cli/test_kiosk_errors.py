"""Bad kiosk values from flags, environment and settings file (exit 2, one line); --help."""

from __future__ import annotations

from typing import Any

import pytest

from krafter_tui.__main__ import main


def error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run ``argv``, expect exit 2 with one stderr line and no stdout; return that line."""
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("krafter-tui")
    return err


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--kiosk", "--rotate-sites", "-5"], "--rotate-sites = -5.0 is not allowed"),
        (["--kiosk", "--rotate-sites", "3"], "--rotate-sites = 3.0 is not allowed"),
        (["--kiosk", "--rotate-dimensions", "4.9"], "--rotate-dimensions = 4.9 is not allowed"),
        (["--kiosk", "--rotate-dimensions", "nan"], "--rotate-dimensions = nan is not allowed"),
        (["--kiosk", "--rotate-sites", "90000"], "from 5 to 86400"),
        (["--kiosk", "--rotate-sites", "soon"], "invalid float value: 'soon'"),
        (["--kiosk", "--kiosk-sites", "a,,b"], "--kiosk-sites = 'a,,b' has an empty entry"),
        (["--kiosk", "--kiosk-sites", "a,"], "use comma-separated site keys or names"),
        (["--kiosk=yes"], "ignored explicit argument"),
        (["--rotate-sites", "30"], "--rotate-sites only applies in kiosk mode"),
        (["--no-kiosk", "--kiosk-sites", "Blog"], "which is off (flag --no-kiosk); add --kiosk"),
        (["config", "show", "--rotate-dimensions", "20"], "only applies in kiosk mode"),
    ],
)
def test_bad_flags_exit_2_with_one_line(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert needle in error(capsys, argv)


def test_rotation_message_names_the_rule(capsys: pytest.CaptureFixture[str]) -> None:
    err = error(capsys, ["--kiosk", "--rotate-sites", "3"])
    assert "use 0 (no rotation) or a number of seconds from 5 to 86400" in err


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('kiosk = "yes"\n', "kiosk must be true or false (got a string)"),
        ("kiosk = 1\n", "kiosk must be true or false (got an integer)"),
        ('kiosk_sites = "Blog"\n', "kiosk_sites must be an array of site keys or names"),
        ('kiosk_sites = ["Blog", ""]\n', "kiosk_sites[1] must be a non-empty string (got an empty"),
        ('kiosk_sites = ["sk_x", 3]\n', "kiosk_sites[1] must be a non-empty string (got an integ"),
        ("rotate_sites = -1\n", "rotate_sites = -1 is not allowed; use 0 (no rotation)"),
        ("rotate_sites = 3\n", "rotate_sites = 3 is not allowed"),
        ('rotate_dimensions = "15"\n', "rotate_dimensions = '15' is not allowed"),
        ("rotate_dimensions = true\n", "rotate_dimensions = True is not allowed"),
        ('[profiles.work]\napi_url = "https://w.example"\nkiosk = true\n', "'kiosk' in [prof"),
    ],
)
def test_bad_file_values_exit_2(
    write_config: Any, capsys: pytest.CaptureFixture[str], text: str, needle: str
) -> None:
    path = write_config(text)
    err = error(capsys, ["config", "show"])
    assert err.startswith(f"krafter-tui: error: {path}: ") and needle in err
    assert main(["--demo"]) == 2  # the dashboard refuses it too
    capsys.readouterr()


@pytest.mark.parametrize(
    ("var", "value", "needle"),
    [
        ("KRAFTER_KIOSK", "maybe", "KRAFTER_KIOSK = 'maybe' is not allowed; use 1/0, true/false"),
        ("KRAFTER_KIOSK_SITES", "Blog,,sk_x", "has an empty entry"),
        ("KRAFTER_ROTATE_SITES", "3", "KRAFTER_ROTATE_SITES = '3' is not allowed"),
        ("KRAFTER_ROTATE_DIMENSIONS", "-15", "use 0 (no rotation) or a number of seconds"),
        ("KRAFTER_ROTATE_DIMENSIONS", "often", "'often' is not allowed"),
    ],
)
def test_bad_environment_exit_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    var: str,
    value: str,
    needle: str,
) -> None:
    monkeypatch.setenv(var, value)
    err = error(capsys, ["config", "show"])
    assert f"environment variable {var}" in err and needle in err


# --- help ---------------------------------------------------------------------------------------


def test_help_documents_kiosk(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help-all"]) == 0
    out = capsys.readouterr().out
    for needle in (
        "--kiosk",
        "--no-kiosk",
        "--kiosk-sites LIST",
        "--rotate-sites SECONDS",
        "--rotate-dimensions SECONDS",
        "quit only with Ctrl+Q",
        "default 60 with --kiosk",
        "default 15 with --kiosk",
        "KRAFTER_KIOSK",
        "KRAFTER_KIOSK_SITES",
        "KRAFTER_ROTATE_SITES",
        "KRAFTER_ROTATE_DIMENSIONS",
        'kiosk_sites = ["sk_...", "Blog"]',
        "Ctrl+Q",
        "krafter-tui --kiosk --kiosk-sites example.com,blog.example.com --rotate-sites 30",
    ):
        assert needle in out, needle


def test_config_show_help_has_kiosk_flags(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "show", "--help"]) == 0
    assert "--rotate-sites SECONDS" in capsys.readouterr().out
