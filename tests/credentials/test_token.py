"""The API key in the OS keyring (krafter_tui/credentials/token.py), bound to the API URL it
was checked against; what ``auth`` and the dashboard make of it: tests/cli/."""

from __future__ import annotations

import pytest

from krafter_tui.config import DEFAULT_API_URL
from krafter_tui.credentials import token as secrets
from krafter_tui.credentials.token import TokenSource
from tests.support.keyrings import MemoryKeyring, store_key

GOOD_TOKEN = "kr_live_" + "Ab3-_x" * 7 + "Q"  # 8 + 43 characters: the documented shape
API_URL = "http://127.0.0.1:9/api/v1/analytics"


def test_token_source_repr_hides_the_key() -> None:
    assert GOOD_TOKEN not in repr(TokenSource(GOOD_TOKEN, "env"))


def test_a_failed_store_never_leaves_the_new_key_bound_to_the_old_url(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_key(memory_keyring, "kr_live_" + "O" * 43, DEFAULT_API_URL)
    real_set = memory_keyring.set_password

    def fails_on_the_url(service: str, username: str, password: str) -> None:
        if username.endswith(":api_url"):
            raise OSError("D-Bus went away")
        real_set(service, username, password)

    monkeypatch.setattr(memory_keyring, "set_password", fails_on_the_url)
    with pytest.raises(secrets.KeyringUnavailable):
        secrets.store_token("default", GOOD_TOKEN, API_URL)
    found = secrets.get_token("default")
    assert found is not None and found.value == GOOD_TOKEN
    assert found.api_url is None  # bound to nothing, so refused; never to the old URL
