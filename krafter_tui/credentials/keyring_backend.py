"""Which keyring backend is active, and whether it can (and should) hold the API key.

The rest of the program sees one error type, :class:`KeyringUnavailable`, whose message is
safe to print, and a warning for backends that keep keys in a plain file. Import these from
:mod:`krafter_tui.credentials.token`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from krafter_tui.text.redact import cut_keys

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = [
    "KeyringUnavailable",
    "active_backend",
    "backend_name",
    "ensure_keyring",
    "plain_file_warning",
    "unavailable",
]

TOKEN_ENV: Final = "KRAFTER_API_TOKEN"

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


def active_backend() -> KeyringBackend:
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
        backend = active_backend()
    except KeyringUnavailable:
        return "none"
    return f"{type(backend).__module__.rsplit('.', 1)[-1]} {type(backend).__name__}"


def plain_file_warning() -> str | None:
    """A warning when the backend keeps keys unencrypted in a file, else None.

    That is ``keyrings.alt``'s PlaintextKeyring and the like (a backend with a ``file_path``
    and no encryption), alone or inside keyring's chainer.
    """
    try:
        backend = active_backend()
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
    active_backend()


def unavailable(exc: Exception, token: str | None = None) -> KeyringUnavailable:
    """``exc`` from a backend as :class:`KeyringUnavailable` (first line, the key cut out)."""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    detail = cut_keys(detail, token)  # paranoia: a backend must never echo the secret back
    reason = type(exc).__name__ + (f": {detail[:160]}" if detail else "")
    return KeyringUnavailable(reason)
