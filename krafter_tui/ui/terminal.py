"""Keep the screen visible when stderr is redirected.

Textual draws on stderr. A user who runs ``krafter-tui 2>errors.log`` (or a wrapper that captures
stderr) would see a blank terminal; while the app runs, fd 2 is pointed at the terminal on
stdout, and restored afterwards so later messages still reach the redirect.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["draw_on_terminal"]


@contextmanager
def draw_on_terminal() -> Iterator[None]:
    """While active, fd 2 is the terminal when stdout is one and stderr is not."""
    try:
        swap = not os.isatty(2) and os.isatty(1)
    except (OSError, ValueError):
        swap = False
    if not swap:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    os.dup2(1, 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
