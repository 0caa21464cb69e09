"""Keyring backends for tests: keys in a dict, or in a plain file (as keyrings.alt's), and
putting a key where ``auth login`` puts it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import keyring.backend

__all__ = ["MemoryKeyring", "PlaintextKeyring", "store_key"]


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend that keeps passwords in a dict, for unit tests."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


class PlaintextKeyring(MemoryKeyring):
    """Shaped like ``keyrings.alt.file.PlaintextKeyring``: keys in a plain file (JSON here)
    at ``file_path``; the class name and the attribute are what krafter-tui looks at."""

    file_path = ""

    def set_password(self, service: str, username: str, password: str) -> None:
        super().set_password(service, username, password)
        entries = {f"{s}/{u}": p for (s, u), p in self.passwords.items()}
        Path(self.file_path).write_text(json.dumps(entries), encoding="utf-8")


def store_key(backend: Any, token: str, api_url: str | None, profile: str = "default") -> None:
    """Put ``token`` in the keyring as `auth login` does (``api_url`` None: as an older
    krafter-tui did, without its URL)."""
    backend.set_password("krafter-tui", profile, token)
    if api_url is not None:
        backend.set_password("krafter-tui", f"{profile}:api_url", api_url)
