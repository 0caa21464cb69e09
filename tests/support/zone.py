"""The process's local time zone, set through ``TZ`` as a user's machine has it, then put back."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["local_zone"]


@contextmanager
def local_zone(name: str) -> Iterator[str]:
    """Run the block with ``TZ=name`` (tzset), restoring the zone before, even on failure."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield name
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
