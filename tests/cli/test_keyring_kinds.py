"""What the dashboard and `auth` do with no keyring, a locked one, or one that is a plain file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

from krafter_tui.__main__ import main

from .conftest import GOOD_TOKEN, MemoryKeyring, PlaintextKeyring, files_containing


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
