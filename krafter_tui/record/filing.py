"""Where a site's figures are filed in the record: under a keyed hash, never under its name.

The hash is HMAC-SHA256 of the site key, keyed with a key derived from the API key (through
the shared cache's :func:`~krafter_tui.api.shared.token_hash`) and the API URL. The record file
therefore holds figures under names that neither give the API key away nor can be produced
without it: a record written under another API URL or another key is never read back, since
its sites are filed under other names.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Final

from krafter_tui.api.shared import token_hash

__all__ = ["SiteFiling"]

_CONTEXT: Final = b"krafter-tui record: site filing v1\n"


class SiteFiling:
    """Names sites in the record for one API URL and key; the derived key lives in memory only."""

    __slots__ = ("_key",)

    def __init__(self, token: str, api_url: str) -> None:
        # token_hash is itself a keyed hash of the API key; keying with it (and the URL) keeps
        # one derivation of the API key in the code base.
        url = api_url.rstrip("/").encode()
        self._key = hmac.new(bytes.fromhex(token_hash(token)), _CONTEXT + url, hashlib.sha256)

    def __repr__(self) -> str:
        return "SiteFiling(...)"

    def scope(self) -> str:
        """The name the wall's readings of this API URL and key are kept under in Redis
        (no site key is empty, so no site is filed under it)."""
        return self.name("")

    def name(self, site_key: str) -> str:
        """The name ``site_key``'s figures are filed under (64 hex digits)."""
        mac = self._key.copy()
        mac.update(site_key.encode())
        return mac.hexdigest()
