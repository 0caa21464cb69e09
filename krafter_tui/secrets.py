"""Where the API key lives: the ``KRAFTER_API_TOKEN`` variable, else the OS keyring.

Everything about ``keyring`` stays in this module so tests can swap the backend
(``keyring.set_keyring``) and the rest of the program sees one error type,
:class:`KeyringUnavailable`, whose message is safe to print. The key itself never goes into
a message, a log line or a file written by krafter-tui.

A stored key is bound to the API URL it was checked against: a second keyring entry of the
profile (``PROFILE:api_url``, not secret) holds that URL, so the key is never sent to another
server (see :attr:`TokenSource.api_url`).
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
    "plain_file_warning",
    "redact",
    "same_api_url",
    "store_token",
    "token_prefix",
    "url_entry",
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
        self.reason = reason
        self.message = f"No usable OS keyring ({reason}): {NO_BACKEND_HELP}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


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
        return token_prefix(self.value)

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


def plain_file_warning() -> str | None:
    """A warning when the backend keeps keys unencrypted in a file, else None.

    That is ``keyrings.alt``'s PlaintextKeyring and the like (a backend with a ``file_path``
    and no encryption), alone or inside keyring's chainer.
    """
    try:
        backend = _backend()
    except KeyringUnavailable:
        return None
    for one in getattr(backend, "backends", None) or [backend]:
        names = [cls.__name__ for cls in type(one).__mro__]
        path = getattr(one, "file_path", None)
        if "Plaintext" in names[0] or (path and not any("Encrypted" in n for n in names)):
            where = f" ({path})" if path else ""
            return (
                f"the keyring backend {type(one).__name__} keeps keys unencrypted in a plain "
                f"file{where}: anyone who can read it can use the key"
            )
    return None


def ensure_keyring() -> None:
    """Raise :class:`KeyringUnavailable` unless a real backend is configured."""
    _backend()


def _unavailable(exc: Exception, token: str | None = None) -> KeyringUnavailable:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if token and token in detail:  # paranoia: a backend must never echo the secret back
        detail = detail.replace(token, token_prefix(token))
    reason = type(exc).__name__ + (f": {detail[:160]}" if detail else "")
    return KeyringUnavailable(reason)


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
    backend = _backend()
    try:
        stored = backend.get_password(KEYRING_SERVICE, profile)
        api_url = backend.get_password(KEYRING_SERVICE, url_entry(profile)) if stored else None
    except Exception as exc:  # Secret Service locked, D-Bus gone, ...: one error for the caller
        raise _unavailable(exc) from None
    return TokenSource(stored, "keyring", api_url or None) if stored else None


def store_token(profile: str, token: str, api_url: str) -> None:
    """Save ``token`` for ``profile`` in the keyring (service ``krafter-tui``), bound to
    ``api_url``, the URL it was checked against.

    Never falls back to a plain file: without a backend this raises :class:`KeyringUnavailable`.
    """
    backend = _backend()
    try:
        # The old URL goes first: should a later step fail, the profile is left with a key
        # bound to nothing (refused), never with a new key bound to the old URL.
        _forget(backend, url_entry(profile))
        backend.set_password(KEYRING_SERVICE, profile, token)
        backend.set_password(KEYRING_SERVICE, url_entry(profile), api_url)
    except Exception as exc:
        raise _unavailable(exc, token) from None


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
    backend = _backend()
    try:
        _forget(backend, url_entry(profile))
        return _forget(backend, profile)
    except Exception as exc:
        raise _unavailable(exc) from None
