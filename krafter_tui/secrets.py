"""Where the API key lives: the ``KRAFTER_API_TOKEN`` variable, else the OS keyring.

Everything about ``keyring`` stays in this module so tests can swap the backend
(``keyring.set_keyring``) and the rest of the program sees one error type,
:class:`KeyringUnavailable`, whose message is safe to print. The key itself never goes into
a message, a log line or a file written by krafter-tui.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

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
    "redact",
    "store_token",
    "token_prefix",
]

KEYRING_SERVICE: Final = "krafter-tui"
TOKEN_ENV: Final = "KRAFTER_API_TOKEN"
PREFIX_LENGTH: Final = 12  # the Krafter dashboard identifies a key by its first 12 characters

NO_BACKEND_HELP: Final = (
    f"set {TOKEN_ENV} in the environment instead, or install a keyring backend: "
    "gnome-keyring with a D-Bus session (e.g. apt install gnome-keyring dbus-x11), or "
    "`pip install keyrings.alt` (which stores keys in a file on disk)."
)


class KeyringUnavailable(Exception):
    """No usable OS keyring; ``message`` tells the user what to do instead."""

    def __init__(self, reason: str) -> None:
        self.message = f"No usable OS keyring ({reason}): {NO_BACKEND_HELP}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, repr=False)
class TokenSource:
    """An API key and where it was found (``env`` or ``keyring``)."""

    value: str
    source: Literal["env", "keyring"]

    @property
    def prefix(self) -> str:
        """The most of the key that may be shown: its first 12 characters."""
        return token_prefix(self.value)

    @property
    def where(self) -> str:
        """Where the key came from, in words."""
        if self.source == "env":
            return f"environment variable {TOKEN_ENV}"
        return f"OS keyring ({backend_name()})"

    def __repr__(self) -> str:
        # Never let the key reach a repr (pytest failure output, logging %r, debuggers).
        return f"TokenSource(value='{self.prefix}', source={self.source!r})"


def token_prefix(token: str) -> str:
    """``kr_live_abcd…``: the first 12 characters of ``token`` and an ellipsis."""
    return token[:PREFIX_LENGTH] + "…"


_KEY_LIKE = re.compile(r"kr_[a-z]+_[A-Za-z0-9_-]+")


def redact(text: str, environ: Mapping[str, str] | None = None) -> str:
    """``text`` with anything key-like cut to its 12-character prefix, for error messages.

    Catches keys pasted where they do not belong (``--api-url kr_live_…``) and the value of
    ``KRAFTER_API_TOKEN`` whatever its shape.
    """
    text = _KEY_LIKE.sub(lambda m: token_prefix(m.group()), text)
    env_token = (os.environ if environ is None else environ).get(TOKEN_ENV, "").strip()
    if len(env_token) >= 8:
        text = text.replace(env_token, token_prefix(env_token))
    return text


def _backend() -> KeyringBackend:
    """The active keyring backend, or :class:`KeyringUnavailable` when it cannot store keys."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError as exc:  # pragma: no cover - keyring is a hard dependency
        raise KeyringUnavailable(f"the keyring package cannot be imported: {exc}") from None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeyringUnavailable("no keyring backend found")
    # A chainer with nothing to chain behaves like the fail backend.
    if getattr(backend, "backends", None) == []:
        raise KeyringUnavailable("no keyring backend found")
    return backend


def backend_name() -> str:
    """A short human name for the active backend, e.g. ``SecretService Keyring``."""
    try:
        backend = _backend()
    except KeyringUnavailable:
        return "none"
    return f"{type(backend).__module__.rsplit('.', 1)[-1]} {type(backend).__name__}"


def ensure_keyring() -> None:
    """Raise :class:`KeyringUnavailable` unless a real backend is configured."""
    _backend()


def _unavailable(exc: Exception, token: str | None = None) -> KeyringUnavailable:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if token and token in detail:  # paranoia: a backend must never echo the secret back
        detail = detail.replace(token, token_prefix(token))
    reason = type(exc).__name__ + (f": {detail[:160]}" if detail else "")
    return KeyringUnavailable(reason)


def get_token(profile: str, environ: Mapping[str, str] | None = None) -> TokenSource | None:
    """The key for ``profile``: ``KRAFTER_API_TOKEN`` first, then the keyring; None if neither.

    Raises :class:`KeyringUnavailable` only when the variable is unset and the keyring is
    unusable.
    """
    env = os.environ if environ is None else environ
    from_env = env.get(TOKEN_ENV, "").strip()
    if from_env:
        return TokenSource(from_env, "env")
    backend = _backend()
    try:
        stored = backend.get_password(KEYRING_SERVICE, profile)
    except Exception as exc:  # Secret Service locked, D-Bus gone, ...: one error for the caller
        raise _unavailable(exc) from None
    return TokenSource(stored, "keyring") if stored else None


def store_token(profile: str, token: str) -> None:
    """Save ``token`` for ``profile`` in the keyring (service ``krafter-tui``).

    Never falls back to a plain file: without a backend this raises :class:`KeyringUnavailable`.
    """
    backend = _backend()
    try:
        backend.set_password(KEYRING_SERVICE, profile, token)
    except Exception as exc:
        raise _unavailable(exc, token) from None


def delete_token(profile: str) -> bool:
    """Remove the stored key of ``profile``; False when there was none."""
    from keyring.errors import PasswordDeleteError

    backend = _backend()
    try:
        if backend.get_password(KEYRING_SERVICE, profile) is None:
            return False
        backend.delete_password(KEYRING_SERVICE, profile)
    except PasswordDeleteError:
        return False
    except Exception as exc:
        raise _unavailable(exc) from None
    return True
