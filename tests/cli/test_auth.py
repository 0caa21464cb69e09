"""``auth login|status|logout`` against the loopback API and an in-memory keyring."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from krafter_tui.__main__ import main
from krafter_tui.config import DEFAULT_API_URL
from tests.support.keyrings import MemoryKeyring, store_key

from .conftest import GOOD_TOKEN, ODD_TOKEN, SCOPED_TOKEN, files_containing


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
    assert f"The key {GOOD_TOKEN[:12]}… is valid: {api_url} lists 2 sites" in out
    assert f"to be sent only to {api_url}" in out
    assert err == ""
    # The key, and beside it (not secret) the URL it was checked against.
    assert isolated.passwords == {
        ("krafter-tui", "default"): GOOD_TOKEN,
        ("krafter-tui", "default:api_url"): api_url,
    }
    assert GOOD_TOKEN not in out + err
    assert files_containing(tmp_path / "xdg", GOOD_TOKEN) == []


@pytest.mark.parametrize(
    ("token", "why"),
    [
        ("kr_live_" + "x" * 43, "(HTTP 401): it is unknown there, or was revoked"),
        (SCOPED_TOKEN, "(HTTP 403): it lacks the analytics:read scope"),
    ],
)
def test_refused_keys_say_the_server_refused_them_and_why(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    api_url: str,
    isolated: MemoryKeyring,
    token: str,
    why: str,
) -> None:
    assert login(monkeypatch, token, "--api-url", api_url) == 1
    out, err = capsys.readouterr()
    assert f"login failed: The server refused the key {why}" in err
    assert err.count("\n") == 1 and f"[API: {api_url}]" in err
    assert "log in again" not in err  # the words of a key refused while running
    assert "valid" not in out
    assert token not in out + err
    assert isolated.passwords == {}


def test_a_404_on_sites_means_the_api_url_is_wrong(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    api_url: str,
    isolated: MemoryKeyring,
) -> None:
    root = api_url.removesuffix("/analytics")  # http://127.0.0.1:P/api/v1, as in the issue
    assert login(monkeypatch, GOOD_TOKEN, "--api-url", root) == 1
    err = capsys.readouterr().err
    assert f"Wrong API URL: {root}/sites answered 404 Not found" in err
    assert f"did you mean {api_url}?" in err
    assert "no such site" not in err
    assert isolated.passwords == {}
    monkeypatch.setenv("KRAFTER_API_TOKEN", GOOD_TOKEN)
    assert main(["sites", "--api-url", api_url + "/v2"]) == 1
    err = capsys.readouterr().err
    assert f"Wrong API URL: {api_url}/v2/sites answered 404" in err
    assert "the API root ends in /api/v1/analytics" in err


def test_network_failure_and_insecure_url(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    closed_port_url: str,
    isolated: MemoryKeyring,
) -> None:
    assert login(monkeypatch, GOOD_TOKEN, "--api-url", closed_port_url) == 1
    assert "Network problem: could not connect" in capsys.readouterr().err
    assert login(monkeypatch, GOOD_TOKEN, "--api-url", "http://example.com/api") == 2
    assert "uses plain http:// to a host other than this machine" in capsys.readouterr().err
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
    store_key(isolated, GOOD_TOKEN, DEFAULT_API_URL)
    assert main(["auth", "status"]) == 0
    out = capsys.readouterr().out
    assert f"{GOOD_TOKEN[:12]}…" in out and "OS keyring" in out and GOOD_TOKEN not in out
    env_token = "kr_live_" + "E" * 43
    monkeypatch.setenv("KRAFTER_API_TOKEN", env_token)
    assert main(["auth", "status"]) == 0
    out = capsys.readouterr().out
    assert "environment variable KRAFTER_API_TOKEN" in out and env_token not in out


def test_status_shows_the_url_the_key_was_stored_for(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    api_url: str,
    isolated: MemoryKeyring,
) -> None:
    assert login(monkeypatch, GOOD_TOKEN, "--api-url", api_url) == 0
    capsys.readouterr()
    assert main(["auth", "status"]) == 0  # no --api-url: the key's own URL, not the default
    out = capsys.readouterr().out
    assert f"API URL:  {api_url}  (stored with the key by `auth login`)" in out
    assert DEFAULT_API_URL not in out
    # Asked about another URL, status says the key is not sent there.
    assert main(["auth", "status", "--api-url", "https://other.example/api/v1/analytics"]) == 1
    out, err = capsys.readouterr()
    assert "API URL:  https://other.example/api/v1/analytics  (flag --api-url)" in out
    assert f"stored for {api_url}" in out
    assert "the key is not used: the key of profile 'default' was checked against and " in err


def test_status_of_a_key_stored_without_its_url(
    capsys: pytest.CaptureFixture[str], isolated: MemoryKeyring
) -> None:
    store_key(isolated, GOOD_TOKEN, None)  # by an older krafter-tui, or `keyring set`
    assert main(["auth", "status"]) == 1
    err = capsys.readouterr().err
    assert "has no API URL stored with it" in err and "run `krafter-tui auth login`" in err


def test_logout_deletes_the_key(
    capsys: pytest.CaptureFixture[str], isolated: MemoryKeyring
) -> None:
    store_key(isolated, GOOD_TOKEN, DEFAULT_API_URL)
    assert main(["auth", "logout"]) == 0
    assert "Removed" in capsys.readouterr().out
    assert isolated.passwords == {}
    assert main(["auth", "logout"]) == 0
    assert "No API key was stored" in capsys.readouterr().out
