"""``auth login|status|logout`` against the loopback API and an in-memory keyring."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

from krafter_tui.__main__ import main

from .conftest import GOOD_TOKEN, ODD_TOKEN, SCOPED_TOKEN, MemoryKeyring, files_containing


def login(monkeypatch: pytest.MonkeyPatch, token: str, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(token + "\n"))
    return main(["auth", "login", "--with-token", *args])


def test_login_stores_the_key_and_reports_the_sites(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    api_url: str,
    isolated: MemoryKeyring,
    tmp_path: Path,
) -> None:
    assert login(monkeypatch, GOOD_TOKEN, "--api-url", api_url) == 0
    out, err = capsys.readouterr()
    assert "can see 2 sites" in out and GOOD_TOKEN[:12] in out
    assert err == ""
    assert isolated.passwords == {("krafter-tui", "default"): GOOD_TOKEN}
    assert GOOD_TOKEN not in out + err
    assert files_containing(tmp_path / "xdg", GOOD_TOKEN) == []


@pytest.mark.parametrize(
    ("token", "needle"),
    [("kr_live_" + "x" * 43, "HTTP 401"), (SCOPED_TOKEN, "HTTP 403")],
)
def test_refused_keys_are_not_stored(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    api_url: str,
    isolated: MemoryKeyring,
    token: str,
    needle: str,
) -> None:
    assert login(monkeypatch, token, "--api-url", api_url) == 1
    out, err = capsys.readouterr()
    assert needle in err and err.count("\n") == 1
    assert "analytics:read" in err if needle == "HTTP 403" else "refused" in err
    assert token not in out + err
    assert isolated.passwords == {}


def test_network_failure_and_insecure_url(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    closed_port_url: str,
    isolated: MemoryKeyring,
) -> None:
    assert login(monkeypatch, GOOD_TOKEN, "--api-url", closed_port_url) == 1
    assert "Network problem: could not connect" in capsys.readouterr().err
    assert login(monkeypatch, GOOD_TOKEN, "--api-url", "http://example.com/api") == 1
    assert "Refusing to send the API key over plain http://" in capsys.readouterr().err
    assert isolated.passwords == {}


def test_odd_shaped_key_warns_but_is_tried(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    api_url: str,
    isolated: MemoryKeyring,
) -> None:
    assert login(monkeypatch, ODD_TOKEN, "--api-url", api_url) == 0
    out, err = capsys.readouterr()
    assert "does not look like a Krafter API key" in err
    assert ODD_TOKEN not in out + err
    assert isolated.passwords[("krafter-tui", "default")] == ODD_TOKEN


def test_login_prompts_with_hidden_input(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    api_url: str,
    isolated: MemoryKeyring,
) -> None:
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return GOOD_TOKEN

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert main(["auth", "login", "--api-url", api_url, "--profile", "default"]) == 0
    assert prompts and "hidden" in prompts[0]
    assert isolated.passwords[("krafter-tui", "default")] == GOOD_TOKEN


def test_ctrl_c_at_the_prompt_exits_130_quietly(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def interrupted(prompt: str = "") -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("getpass.getpass", interrupted)
    assert main(["auth", "login"]) == 130
    assert "Traceback" not in capsys.readouterr().err


def test_empty_key_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert login(monkeypatch, "   ") == 1
    assert "no API key given" in capsys.readouterr().err


def test_status_reports_keyring_then_env_and_never_the_key(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    isolated: MemoryKeyring,
) -> None:
    assert main(["auth", "status"]) == 1
    assert "API key:  none" in capsys.readouterr().out
    isolated.set_password("krafter-tui", "default", GOOD_TOKEN)
    assert main(["auth", "status"]) == 0
    out = capsys.readouterr().out
    assert f"{GOOD_TOKEN[:12]}…" in out and "OS keyring" in out and GOOD_TOKEN not in out
    env_token = "kr_live_" + "E" * 43
    monkeypatch.setenv("KRAFTER_API_TOKEN", env_token)
    assert main(["auth", "status"]) == 0
    out = capsys.readouterr().out
    assert "environment variable KRAFTER_API_TOKEN" in out and env_token not in out


def test_logout_deletes_the_key(
    capsys: pytest.CaptureFixture[str], isolated: MemoryKeyring
) -> None:
    isolated.set_password("krafter-tui", "default", GOOD_TOKEN)
    assert main(["auth", "logout"]) == 0
    assert "Removed" in capsys.readouterr().out
    assert isolated.passwords == {}
    assert main(["auth", "logout"]) == 0
    assert "No API key was stored" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv", [["auth", "login", "--with-token"], ["auth", "status"], ["auth", "logout"], []]
)
def test_no_keyring_backend_gives_a_short_message(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD_TOKEN))
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "No usable OS keyring" in err and "KRAFTER_API_TOKEN" in err
    assert "gnome-keyring" in err and "keyrings.alt" in err
    assert "Traceback" not in err and GOOD_TOKEN not in err


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


def test_token_source_repr_hides_the_key() -> None:
    from krafter_tui.secrets import TokenSource

    assert GOOD_TOKEN not in repr(TokenSource(GOOD_TOKEN, "env"))
