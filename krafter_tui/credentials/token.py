"""Where the API key lives: the ``KRAFTER_API_TOKEN`` variable, else the OS keyring.

Everything about ``keyring`` stays in this module and :mod:`.keyring_backend` (which backend
is active) so tests can swap the backend (``keyring.set_keyring``) and the rest of the
program sees one error type, :class:`KeyringUnavailable`, whose message is safe to print. The
key itself never goes into a message, a log line or a file written by krafter-tui.

A stored key is bound to the API URL it was checked against: a second keyring entry of the
profile (``PROFILE:api_url``, not secret) holds that URL, so the key is never sent to another
server (see :attr:`TokenSource.api_url`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from krafter_tui.credentials.keyring_backend import (
    TOKEN_ENV,
    KeyringUnavailable,
    active_backend,
    backend_name,
    ensure_keyring,
    plain_file_warning,
    unavailable,
)
from krafter_tui.text.redact import cut_keys, shown_prefix

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = [
    "KEYRING_SERVICE",
    "TOKEN_ENV",
    "KeyringUnavailable",
    "TokenSource",
    "backend_name",
    "delete_token",
    "ensure_keyring",
    "get_token",
    "plain_file_warning",
    "redact",
    "same_api_url",
    "store_token",
    "url_entry",
]

KEYRING_SERVICE: Final = "krafter-tui"


@dataclass(frozen=True, repr=False)
class TokenSource:
    """An API key and where it was found (``env`` or ``keyring``).

    ``api_url`` is the API URL a keyring key was stored for (None: from the environment, or
    stored without one by an older krafter-tui or another tool).
    """

    value: str
    source: Literal["env", "keyring"]
    api_url: str | None = None

    @property
    def prefix(self) -> str:
        """The most of the key that may be shown: its first 12 characters."""
        return shown_prefix(self.value)

    @property
    def where(self) -> str:
        """Where the key came from, in words."""
        if self.source == "env":
            return f"environment variable {TOKEN_ENV}"
        return f"OS keyring ({backend_name()})"

    def __repr__(self) -> str:
        # Never let the key reach a repr (pytest failure output, logging %r, debuggers).
        return (
            f"TokenSource(value='{self.prefix}', source={self.source!r}, api_url={self.api_url!r})"
        )


def redact(text: str, environ: Mapping[str, str] | None = None) -> str:
    """``text`` with anything key-like cut to its 12-character prefix, for error messages.

    Catches keys pasted where they do not belong (``--api-url kr_live_…``) and the value of
    ``KRAFTER_API_TOKEN`` whatever its shape.
    """
    env_token = (os.environ if environ is None else environ).get(TOKEN_ENV, "").strip()
    return cut_keys(text, env_token if len(env_token) >= 8 else None)


def url_entry(profile: str) -> str:
    """The keyring user name under which the API URL of ``profile``'s key is kept.

    A profile name cannot contain ``:`` (see ``PROFILE_NAME``), so this never names a profile.
    """
    return f"{profile}:api_url"


def same_api_url(first: str, second: str) -> bool:
    """Whether two API URLs name the same API root (scheme and host in any case, no end ``/``)."""
    from urllib.parse import urlsplit

    def norm(url: str) -> tuple[str, str, str]:
        parts = urlsplit(url.strip())
        return parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/")

    return norm(first) == norm(second)


def get_token(profile: str, environ: Mapping[str, str] | None = None) -> TokenSource | None:
    """The key for ``profile``: ``KRAFTER_API_TOKEN`` first, then the keyring; None if neither.

    A keyring key comes with the API URL stored beside it. Raises :class:`KeyringUnavailable`
    only when the variable is unset and the keyring is unusable.
    """
    env = os.environ if environ is None else environ
    from_env = env.get(TOKEN_ENV, "").strip()
    if from_env:
        return TokenSource(from_env, "env")
    backend = active_backend()
    try:
        stored = backend.get_password(KEYRING_SERVICE, profile)
        api_url = backend.get_password(KEYRING_SERVICE, url_entry(profile)) if stored else None
    except Exception as exc:  # Secret Service locked, D-Bus gone, ...: one error for the caller
        raise unavailable(exc) from None
    return TokenSource(stored, "keyring", api_url or None) if stored else None


def store_token(profile: str, token: str, api_url: str) -> None:
    """Save ``token`` for ``profile`` in the keyring (service ``krafter-tui``), bound to
    ``api_url``, the URL it was checked against.

    Never falls back to a plain file: without a backend this raises :class:`KeyringUnavailable`.
    """
    backend = active_backend()
    try:
        # The old URL goes first: should a later step fail, the profile is left with a key
        # bound to nothing (refused), never with a new key bound to the old URL.
        _forget(backend, url_entry(profile))
        backend.set_password(KEYRING_SERVICE, profile, token)
        backend.set_password(KEYRING_SERVICE, url_entry(profile), api_url)
    except Exception as exc:
        raise unavailable(exc, token) from None


def _forget(backend: KeyringBackend, user: str) -> bool:
    """Delete one entry; False when there was none."""
    from keyring.errors import PasswordDeleteError

    if backend.get_password(KEYRING_SERVICE, user) is None:
        return False
    try:
        backend.delete_password(KEYRING_SERVICE, user)
    except PasswordDeleteError:
        return False
    return True


def delete_token(profile: str) -> bool:
    """Remove the stored key of ``profile`` (and its API URL); False when there was no key."""
    backend = active_backend()
    try:
        _forget(backend, url_entry(profile))
        return _forget(backend, profile)
    except Exception as exc:
        raise unavailable(exc) from None
