"""What ``krafter-tui serve`` prints while serving: one clean line per problem on stderr.

textual-serve logs through ``textual-serve`` and aiohttp through ``aiohttp.*``; left alone,
aiohttp prints an 11-line traceback for every malformed request a client sends (two ``Host``
headers, an escape byte in a header), with the client's bytes in it.
"""

from __future__ import annotations

import logging
import sys

from krafter_tui.text.sanitiser import clean_server_text

__all__ = ["OneLineFormatter", "one_line_logs"]

#: The loggers of what serves the page.
SERVING_LOGGERS = ("textual-serve", "aiohttp")


class OneLineFormatter(logging.Formatter):
    """``PREFIX: message: the error's first line``, through the sanitiser, no traceback."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line."""
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message += f": {' '.join(str(error).split()) or type(error).__name__}"
        return f"{self.prefix}: {clean_server_text(message, 300)}"


def one_line_logs(prefix: str) -> None:
    """Send warnings and errors of :data:`SERVING_LOGGERS` to stderr, one line each."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter(prefix))
    for name in SERVING_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.WARNING)
        logger.propagate = False
