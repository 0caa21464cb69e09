"""The shared polling cache: dashboards with the same API URL and key share their answers.

No Textual here. :func:`open_shared_cache` builds a :class:`SharedCache` from its URL
(``sqlite:///path`` or ``redis://host:port/db``); the client asks it before each poll.
The cache itself is imported when first asked for: a dashboard without a shared cache uses
only the answers' keys and seals (:mod:`.answer`) (tests/ui/test_first_paint_imports.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from krafter_tui.api.shared.answer import EntrySeal, SharedAnswer, cache_key, token_hash

if TYPE_CHECKING:
    from krafter_tui.api.shared.backend import Claim, SharedCacheError, SharedStore
    from krafter_tui.api.shared.cache import LEASE, RETRY_DOWN, Answer, SharedCache
    from krafter_tui.api.shared.url import (
        SHARED_CACHE_HINT,
        check_shared_cache_url,
        default_shared_cache_url,
        open_shared_cache,
        shared_cache_place,
        shown_shared_cache_url,
    )

__all__ = [
    "LEASE",
    "RETRY_DOWN",
    "SHARED_CACHE_HINT",
    "Answer",
    "Claim",
    "EntrySeal",
    "SharedAnswer",
    "SharedCache",
    "SharedCacheError",
    "SharedStore",
    "cache_key",
    "check_shared_cache_url",
    "default_shared_cache_url",
    "open_shared_cache",
    "shared_cache_place",
    "shown_shared_cache_url",
    "token_hash",
]

#: Where each name imported on first use lives.
_HOMES = {
    "Claim": "backend",
    "SharedCacheError": "backend",
    "SharedStore": "backend",
    "LEASE": "cache",
    "RETRY_DOWN": "cache",
    "Answer": "cache",
    "SharedCache": "cache",
    "SHARED_CACHE_HINT": "url",
    "check_shared_cache_url": "url",
    "default_shared_cache_url": "url",
    "open_shared_cache": "url",
    "shared_cache_place": "url",
    "shown_shared_cache_url": "url",
}


def __getattr__(name: str) -> Any:
    """A name of the cache, its module imported on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
