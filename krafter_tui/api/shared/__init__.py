"""The shared polling cache: dashboards with the same API URL and key share their answers.

No Textual here. :func:`open_shared_cache` builds a :class:`SharedCache` from its URL
(``sqlite:///path`` or ``redis://host:port/db``); the client asks it before each poll.
"""

from krafter_tui.api.shared.answer import EntrySeal, SharedAnswer, cache_key, token_hash
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
