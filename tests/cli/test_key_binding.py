"""A stored key goes only to the API URL it was checked against (issue 14).

`auth login --api-url A` stores the key with A; afterwards a plain `krafter-tui` (or `sites`)
uses A, and any other configured URL is refused before a request is sent.
"""

from __future__ import annotations

from typing import Any

import pytest

from krafter_tui.__main__ import main
from krafter_tui.config import DEFAULT_API_URL
from tests.support.keyrings import MemoryKeyring, store_key

from .conftest import GOOD_TOKEN


def test_a_plain_launch_uses_the_url_stored_with_the_key(
    launched: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    api_url: str,
    isolated: MemoryKeyring,
) -> None:
    store_key(isolated, GOOD_TOKEN, api_url)
    assert main([]) == 0
    (call,) = launched
    assert call["options"].api_url == api_url  # not the production default
    assert call["token"] == GOOD_TOKEN
    assert main(["sites"]) == 0  # `sites` too: it reaches the loopback API
    assert "sk_example" in capsys.readouterr().out


@pytest.mark.parametrize("where", ["flag", "env", "file"])
def test_another_configured_url_is_refused_before_anything_is_sent(
    launched: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    write_config: Any,
    api_url: str,
    other_api: tuple[str, list[str]],
    isolated: MemoryKeyring,
    where: str,
) -> None:
    other, seen = other_api
    store_key(isolated, GOOD_TOKEN, api_url)
    argv: list[str] = []
    if where == "flag":
        argv, source = ["--api-url", other], "flag --api-url"
    elif where == "env":
        monkeypatch.setenv("KRAFTER_API_URL", other)
        source = "env KRAFTER_API_URL"
    else:
        write_config(f'api_url = "{other}"\n')
        source = "file"
    for command in ([], ["sites"]):
        assert main([*command, *argv]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert f"was checked against and stored for {api_url}, not for {other} ({source})" in err
        assert f"`krafter-tui auth login --api-url {other}`" in err
    assert launched == []  # the dashboard never started
    assert seen == []  # and the other server never saw the key


def test_the_same_url_written_differently_is_the_same(
    launched: list[dict[str, Any]], api_url: str, isolated: MemoryKeyring
) -> None:
    store_key(isolated, GOOD_TOKEN, api_url)
    assert main(["--api-url", api_url.replace("http://", "HTTP://") + "/"]) == 0
    assert launched[0]["token"] == GOOD_TOKEN


def test_a_key_stored_without_its_url_is_not_sent(
    launched: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    isolated: MemoryKeyring,
) -> None:
    store_key(isolated, GOOD_TOKEN, None)
    assert main([]) == 2
    assert "has no API URL stored with it" in capsys.readouterr().err
    assert launched == []


def test_a_key_from_the_environment_goes_to_the_configured_url(
    launched: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    api_url: str,
    isolated: MemoryKeyring,
) -> None:
    store_key(isolated, "kr_live_" + "K" * 43, api_url)
    monkeypatch.setenv("KRAFTER_API_TOKEN", GOOD_TOKEN)
    assert main(["--api-url", "https://staging.example/api/v1/analytics"]) == 0
    (call,) = launched
    assert call["token"] == GOOD_TOKEN
    assert call["options"].api_url == "https://staging.example/api/v1/analytics"


def test_the_login_screen_stores_the_key_with_its_url(
    launched: list[dict[str, Any]], write_config: Any, api_url: str, isolated: MemoryKeyring
) -> None:
    write_config(f'[profiles.work]\napi_url = "{api_url}"\n')
    assert main(["--profile", "work"]) == 0
    (call,) = launched
    assert call["token"] is None and call["login_notice"] is None
    assert call["store_token"](GOOD_TOKEN) is None  # stored: nothing to tell
    assert isolated.passwords == {
        ("krafter-tui", "work"): GOOD_TOKEN,
        ("krafter-tui", "work:api_url"): api_url,
    }


def test_a_new_login_rebinds_the_profile(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    launched: list[dict[str, Any]],
    api_url: str,
    isolated: MemoryKeyring,
) -> None:
    import io

    store_key(isolated, "kr_live_" + "O" * 43, DEFAULT_API_URL)
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD_TOKEN))
    assert main(["auth", "login", "--with-token", "--api-url", api_url]) == 0
    assert isolated.passwords[("krafter-tui", "default:api_url")] == api_url
    assert main([]) == 0
    assert launched[0]["options"].api_url == api_url
    assert main(["auth", "logout"]) == 0
    assert isolated.passwords == {}  # the URL entry goes with the key
