"""A number of seconds in words: the one home of every duration krafter-tui shows.

Each place reads a duration its own way, and each way is kept as it was:

- :func:`age_text` how old data is (``42s``, ``3m``, ``2h 5m``, ``3d``), whole units, rounded down;
- :func:`countdown` time left before a wall screen's next site (``40s``, ``1m 40s``, ``2m``);
- :func:`status_countdown` a rate-limit wait on the status line (``42s``, ``4m 05s``);
- :func:`wait_text` a wait in a message or the log (``42 s``, ``5 min 1 s``, ``3 h``, ``2 days``);
- :func:`whole_minutes` minutes gone, rounded down (the alerts' ``learning 6/15 min``).
"""

from __future__ import annotations

import math
from typing import Final

__all__ = ["age_text", "countdown", "status_countdown", "wait_text", "whole_minutes"]

MINUTE: Final = 60
HOUR: Final = 3600
DAY: Final = 86400


def age_text(seconds: float) -> str:
    """``42s``, ``3m``, ``2h 5m``, ``3d``: how old data is, in the unit that matters.

    Each unit counts whole ones (59.9 s is ``59s``, not ``60s``). An age below zero (a clock
    set back, or one behind the server's) reads ``0s``: the data is just in.
    """
    seconds = max(0.0, seconds)
    if seconds < MINUTE:
        return f"{seconds // 1:.0f}s"
    if seconds < HOUR:
        return f"{seconds // MINUTE:.0f}m"
    if seconds < DAY:
        hours, rest = divmod(seconds, HOUR)
        return f"{hours:.0f}h {rest // MINUTE:.0f}m"
    return f"{seconds // DAY:.0f}d"


def countdown(seconds: float) -> str:
    """``40s``, ``1m 40s``, ``2m``: time left, rounded up, never ``0s`` while waiting."""
    whole = max(1, math.ceil(seconds - 1e-6))
    minutes, rest = divmod(whole, MINUTE)
    if not minutes:
        return f"{rest}s"
    return f"{minutes}m {rest}s" if rest else f"{minutes}m"


def status_countdown(seconds: float) -> str:
    """``42s`` or ``4m 05s`` for the status line; never ``0s`` while still waiting."""
    whole = math.ceil(seconds)
    return f"{whole}s" if whole < MINUTE else f"{whole // MINUTE}m {whole % MINUTE:02d}s"


def wait_text(seconds: float) -> str:
    """A wait in words for messages: ``42 s``, ``5 min 1 s``, ``3 h``, ``11,574 days``."""
    if seconds < 2 * MINUTE:
        return f"{math.ceil(seconds)} s"
    if seconds < 2 * HOUR:
        minutes, rest = divmod(math.ceil(seconds), MINUTE)
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    if seconds < 2 * DAY:
        return f"{seconds / HOUR:.0f} h"
    if seconds < 1e15:
        return f"{seconds / DAY:,.0f} days"
    return "forever"


def whole_minutes(seconds: float) -> int:
    """Whole minutes in ``seconds``, rounded down (``359`` -> 5)."""
    return int(seconds // MINUTE)
