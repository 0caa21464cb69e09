"""What the dashboard and `auth` do with no keyring, a locked one, or one that is a plain file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

from krafter_tui.__main__ import main
from tests.support.keyrings import MemoryKeyring, PlaintextKeyring

from .conftest import GOOD_TOKEN, files_containing


def test_no_keyring_opens_the_login_screen_for_this_session_only(
    launched: list[dict[str, Any]], api_url: str, tmp_path: Path
) -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    assert main(["--api-url", api_url]) == 0  # before: "No usable OS keyring", exit 1
    (call,) = launched
    assert call["token"] is None and call["options"].api_url == api_url
    notice = call["login_notice"]
    assert notice.startswith("No usable OS keyring (no keyring backend found): the key is used")
    assert "for this session only" in notice and "KRAFTER_API_TOKEN" in notice
    note = call["store_token"](GOOD_TOKEN)
    assert note.startswith("Logged in for this session only")
    assert "KRAFTER_API_TOKEN" in note and "keyring backend" in note
    assert files_containing(tmp_path, GOOD_TOKEN) == []  # in memory, nowhere else


def test_a_locked_keyring_also_opens_the_login_screen(
    launched: list[dict[str, Any]], isolated: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyring.errors import KeyringLocked

    def locked(*args: Any) -> None:
        raise KeyringLocked("Failed to unlock the collection!")

    monkeypatch.setattr(isolated, "get_password", locked)
    assert main([]) == 0
    assert "(KeyringLocked: Failed to unlock the collection!)" in launched[0]["login_notice"]


def test_the_login_screen_falls_back_to_memory_when_storing_fails(
    launched: list[dict[str, Any]], isolated: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main([]) == 0

    def broken(*args: Any) -> None:
        raise OSError("D-Bus went away")

    monkeypatch.setattr(isolated, "set_password", broken)
    note = launched[0]["store_token"](GOOD_TOKEN)
    assert "OSError: D-Bus went away" in note and "for this session only" in note


def test_a_plain_file_keyring_is_named_everywhere(
    launched: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    api_url: str,
    plaintext_keyring: PlaintextKeyring,
) -> None:
    warning = (
        "the keyring backend PlaintextKeyring keeps keys unencrypted in a plain file "
        f"({plaintext_keyring.file_path}): anyone who can read it can use the key"
    )
    assert main(["--api-url", api_url]) == 0
    assert launched[0]["login_notice"] == f"Warning: {warning}."
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD_TOKEN))
    assert main(["auth", "login", "--with-token", "--api-url", api_url]) == 0
    assert capsys.readouterr().err == f"warning: {warning}.\n"
    assert GOOD_TOKEN in Path(plaintext_keyring.file_path).read_text()  # what it warns about
    assert main(["auth", "status"]) == 0
    assert capsys.readouterr().err == f"warning: {warning}.\n"


def test_a_real_keyring_gets_no_warning(
    launched: list[dict[str, Any]], isolated: MemoryKeyring
) -> None:
    assert main([]) == 0
    assert launched[0]["login_notice"] is None


@pytest.mark.parametrize("argv", [["auth", "status"], ["auth", "logout"]])
def test_no_keyring_backend_gives_a_short_message(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "No usable OS keyring" in err and "KRAFTER_API_TOKEN" in err
    assert "gnome-keyring" in err and "keyrings.alt" in err
    assert "Traceback" not in err


def run_cli(tmp_path: Path, *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m krafter_tui ARGV`` with NO keyring backend (PYTHON_KEYRING_BACKEND)."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        **{f"XDG_{n}_HOME": str(tmp_path / "xdg" / n.lower()) for n in ("CONFIG", "STATE")},
    }
    return subprocess.run(
        [sys.executable, "-m", "krafter_tui", *argv],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_a_keyring_login_still_checks_the_key_first(api_url: str, tmp_path: Path) -> None:
    argv = ("auth", "login", "--with-token", "--api-url", api_url)
    right = run_cli(tmp_path, *argv, stdin=GOOD_TOKEN)
    wrong = run_cli(tmp_path, *argv, stdin="kr_live_" + "w" * 43)
    # A wrong key is refused by the server...
    assert wrong.returncode == 1 and wrong.stdout == ""
    assert "The server refused the key (HTTP 401)" in wrong.stderr
    assert "keyring" not in wrong.stderr
    # ...a right one is valid, and only then does the missing keyring matter.
    assert right.returncode == 1
    assert f"The key {GOOD_TOKEN[:12]}… is valid: {api_url} lists 2 sites" in right.stdout
    err = right.stderr
    assert "the key was NOT stored: no usable OS keyring (no keyring backend found)" in err
    assert f"start `krafter-tui --api-url {api_url}` and paste it into its login screen" in err
    assert f"set KRAFTER_API_TOKEN and KRAFTER_API_URL={api_url}" in err
    assert "install a keyring backend" in err and err.count("\n") == 1
    assert GOOD_TOKEN not in right.stdout + err
    assert files_containing(tmp_path / "xdg", GOOD_TOKEN) == []


def test_without_a_keyring_the_prompt_says_it_first(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], api_url: str
) -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    said: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        said.append(capsys.readouterr().err)  # what was on stderr when the prompt came
        return GOOD_TOKEN

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert main(["auth", "login", "--api-url", api_url]) == 1
    assert "no usable OS keyring" in said[0] and "can be checked, not stored" in said[0]
    assert "is valid" in capsys.readouterr().out


def test_broken_secret_service_becomes_the_same_message(
    capsys: pytest.CaptureFixture[str],
    isolated: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from keyring.errors import KeyringLocked

    def locked(*args: Any) -> None:
        raise KeyringLocked("Failed to unlock the collection!")

    monkeypatch.setattr(isolated, "get_password", locked)
    assert main(["auth", "status"]) == 1
    err = capsys.readouterr().err
    assert "No usable OS keyring (KeyringLocked: Failed to unlock" in err


def test_env_token_needs_no_keyring(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    api_url: str,
) -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    monkeypatch.setenv("KRAFTER_API_TOKEN", GOOD_TOKEN)
    assert main(["sites", "--api-url", api_url]) == 0
    assert "sk_example" in capsys.readouterr().out
