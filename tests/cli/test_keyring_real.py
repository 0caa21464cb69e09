"""End to end against the REAL Secret Service (a private gnome-keyring the tests start).

A unique profile name keeps these tests away from any real ``krafter-tui`` entry on a
developer's own keyring; the entry is deleted afterwards whatever happens.
"""

from __future__ import annotations

import contextlib
import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring.backend
import pytest

from krafter_tui.__main__ import main

from .conftest import GOOD_TOKEN, SCOPED_TOKEN, files_containing

pytestmark = pytest.mark.keyring


@pytest.fixture
def profile(
    real_keyring: keyring.backend.KeyringBackend, write_config: Any, api_url: str
) -> Iterator[str]:
    name = f"pytest-{uuid.uuid4().hex[:10]}"
    write_config(f'[profiles.{name}]\napi_url = "{api_url}"\n')
    yield name
    for user in (name, f"{name}:api_url"):
        with contextlib.suppress(Exception):
            real_keyring.delete_password("krafter-tui", user)


def run(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(argv))


def test_the_backend_is_secret_service(real_keyring: keyring.backend.KeyringBackend) -> None:
    from keyring.backends import SecretService

    assert isinstance(keyring.get_keyring(), SecretService.Keyring)


def test_login_status_logout(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    profile: str,
    real_keyring: keyring.backend.KeyringBackend,
    tmp_path: Path,
    api_url: str,
) -> None:
    seen = ""
    assert (
        run(
            monkeypatch,
            "auth",
            "login",
            "--with-token",
            "--profile",
            profile,
            stdin=GOOD_TOKEN + "\n",
        )
        == 0
    )
    out, err = capsys.readouterr()
    seen += out + err
    assert "is valid" in out and "lists 2 sites" in out and "SecretService" in out
    assert real_keyring.get_password("krafter-tui", profile) == GOOD_TOKEN
    assert real_keyring.get_password("krafter-tui", f"{profile}:api_url") == api_url

    assert run(monkeypatch, "auth", "status", "--profile", profile) == 0
    out, err = capsys.readouterr()
    seen += out + err
    assert f"{GOOD_TOKEN[:12]}…" in out and "OS keyring (SecretService Keyring)" in out
    assert f"stored for {api_url}" in out

    assert run(monkeypatch, "sites", "--profile", profile) == 0
    out, err = capsys.readouterr()
    seen += out + err
    assert "sk_example" in out

    assert run(monkeypatch, "auth", "logout", "--profile", profile) == 0
    out, err = capsys.readouterr()
    seen += out + err
    assert real_keyring.get_password("krafter-tui", profile) is None
    assert real_keyring.get_password("krafter-tui", f"{profile}:api_url") is None
    assert run(monkeypatch, "auth", "status", "--profile", profile) == 1
    seen += "".join(capsys.readouterr())

    assert GOOD_TOKEN not in seen
    assert files_containing(tmp_path / "xdg", GOOD_TOKEN) == []


def test_refused_key_is_not_stored(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    profile: str,
    real_keyring: keyring.backend.KeyringBackend,
) -> None:
    assert (
        run(monkeypatch, "auth", "login", "--with-token", "--profile", profile, stdin=SCOPED_TOKEN)
        == 1
    )
    assert "HTTP 403" in capsys.readouterr().err
    assert real_keyring.get_password("krafter-tui", profile) is None


def test_login_replaces_the_stored_key(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    profile: str,
    real_keyring: keyring.backend.KeyringBackend,
) -> None:
    real_keyring.set_password("krafter-tui", profile, "kr_live_" + "o" * 43)
    assert (
        run(monkeypatch, "auth", "login", "--with-token", "--profile", profile, stdin=GOOD_TOKEN)
        == 0
    )
    assert real_keyring.get_password("krafter-tui", profile) == GOOD_TOKEN


def test_the_stored_url_travels_with_the_key(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    profile: str,
    api_url: str,
    other_api: tuple[str, list[str]],
) -> None:
    other, seen = other_api
    argv = ("auth", "login", "--with-token", "--profile", profile)
    assert run(monkeypatch, *argv, stdin=GOOD_TOKEN) == 0
    assert run(monkeypatch, "sites", "--profile", profile, "--api-url", other) == 2
    assert f"stored for {api_url}, not for {other}" in capsys.readouterr().err
    assert seen == []
