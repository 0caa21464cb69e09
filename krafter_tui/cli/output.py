"""What the commands print goes through the sanitiser: one guard for all of stdout and stderr.

The commands print server text (site names and keys), the user's own settings (an API URL or a
profile from the environment or the config file) and error messages quoting both. Rather than
each ``print`` remembering to clean what it prints, :func:`clean_output` swaps ``sys.stdout`` and
``sys.stderr`` for streams that pass every write through :func:`clean_server_text` (newlines
kept), so no escape code, bidi control or invisible character reaches the terminal or a pipe.
The dashboard is not run under it: Textual writes to the terminal itself, and every string it
draws has been cleaned on its way in.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from typing import Any, TextIO, cast

from krafter_tui.text.sanitiser import clean_server_text

__all__ = ["CleanStream", "clean_output", "padded"]


class CleanStream:
    """Wraps a text stream; whatever is written to it is sanitised first."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` cleaned; returns the length given (what ``print`` expects)."""
        self._stream.write(clean_server_text(text, None, lines=True))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        # flush, fileno, isatty, encoding...: the wrapped stream's own.
        return getattr(self._stream, name)


@contextmanager
def clean_output() -> Iterator[None]:
    """While active, ``sys.stdout`` and ``sys.stderr`` sanitise everything written to them."""
    out = cast(TextIO, CleanStream(sys.stdout))
    err = cast(TextIO, CleanStream(sys.stderr))
    with redirect_stdout(out), redirect_stderr(err):
        yield


def padded(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells (CJK and emoji take two)."""
    from rich.cells import cell_len

    return text + " " * max(0, width - cell_len(text))
