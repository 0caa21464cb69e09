"""Fixtures for the API key's store: an in-memory keyring, made active for every test."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.support.keyrings import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """An in-memory keyring in place of the OS's (and no key in the environment)."""
    monkeypatch.delenv("KRAFTER_API_TOKEN", raising=False)
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)
