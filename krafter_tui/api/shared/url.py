"""Shared-cache URLs: ``sqlite:///path`` (one machine) and ``redis://host:port/db`` (several).

:func:`open_shared_cache` builds the cache a URL names; :func:`check_shared_cache_url` is the
check the settings run at start, so a bad URL is said before any dashboard opens.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Final
from urllib.parse import SplitResult, urlsplit

from krafter_tui.api.shared.cache import SharedCache

__all__ = [
    "SHARED_CACHE_HINT",
    "check_shared_cache_url",
    "default_shared_cache_url",
    "open_shared_cache",
    "shared_cache_place",
    "shown_shared_cache_url",
]

SHARED_CACHE_HINT: Final = "use sqlite:///path or redis://host:port/db"
_REDIS: Final = ("redis", "rediss")


def _split(url: str) -> SplitResult:
    """The parts of a usable URL, or ValueError saying what is allowed."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 -- a port that is not a number raises here
    except ValueError:
        parts = None
    sqlite = parts is not None and parts.scheme == "sqlite" and not parts.netloc
    if sqlite and parts is not None and parts.path.startswith("/") and parts.path.rstrip("/"):
        return parts
    if parts is not None and parts.scheme in _REDIS and parts.hostname:
        db = parts.path.strip("/")
        if db == "" or db.isdigit():
            return parts
    raise ValueError(
        f"unsupported shared cache {shown_shared_cache_url(url)!r}: {SHARED_CACHE_HINT}"
    )


def check_shared_cache_url(url: str) -> str:
    """``url`` stripped, or ValueError: ``unsupported shared cache '...': use ...``."""
    _split(url)
    return url.strip()


def shown_shared_cache_url(url: str) -> str:
    """``url`` with any password replaced by ``***``, for messages and ``config show``."""
    text = "".join(c if c.isprintable() else "?" for c in url.strip())[:200]
    scheme, sep, rest = text.partition("://")
    userinfo, at, host = rest.partition("@")
    if not sep or not at or "/" in userinfo:
        return text
    user = userinfo.partition(":")[0]
    return f"{scheme}://{user}:***@{host}" if ":" in userinfo else f"{scheme}://***@{host}"


def default_shared_cache_url() -> str:
    """A SQLite cache in the user's cache folder (``~/.cache/krafter-tui/shared/``)."""
    import platformdirs

    path = platformdirs.user_cache_path("krafter-tui") / "shared" / "answers.sqlite3"
    return f"sqlite://{path}"


def open_shared_cache(url: str, *, clock: Callable[[], float] = time.time) -> SharedCache:
    """The shared cache ``url`` names (ValueError for an unsupported one). Nothing is opened
    or connected to before the first request."""
    path, label = shared_cache_place(url)
    if path is not None:
        from krafter_tui.api.shared.sqlite_store import SqliteStore

        return SharedCache(SqliteStore(path, clock=clock), clock=clock)
    from krafter_tui.api.shared.redis_store import RedisStore

    return SharedCache(RedisStore(url.strip(), label), clock=clock)


def shared_cache_place(url: str) -> tuple[Path | None, str]:
    """Where the cache ``url`` names lives: its SQLite file (None for Redis) and how messages
    name it (``redis host:port/db``, never a password). ValueError for an unsupported URL."""
    parts = _split(url)
    if parts.scheme == "sqlite":
        return Path(parts.path), f"sqlite {parts.path}"
    return None, f"redis {parts.hostname}:{parts.port or 6379}/{parts.path.strip('/') or '0'}"
