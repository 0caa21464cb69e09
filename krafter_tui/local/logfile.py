"""The app's log file: unexpected responses and internal errors, with API keys redacted.

Written under ``platformdirs.user_log_path("krafter-tui")`` (``$XDG_STATE_HOME/krafter-tui/log``
on Linux), rotated at 1 MB with three old files kept: a dashboard left running for weeks must
not fill the disk. What is logged at launch before the file opens (a damaged state file read
on the head start's thread, the first requests' failures) is held by :func:`hold_records` and
written into the file when it opens, never printed over the terminal Textual is about to use.
"""

from __future__ import annotations

import logging
from collections import deque
from logging.handlers import RotatingFileHandler
from pathlib import Path

from krafter_tui.text.redact import cut_keys
from krafter_tui.text.sanitiser import clean_server_text

__all__ = [
    "LOGGER",
    "CleanFormatter",
    "RedactKeys",
    "hold_records",
    "redact",
    "start_log_file",
]

LOGGER = logging.getLogger("krafter_tui")
_handler: logging.Handler | None = None
HELD_RECORDS = 200  # the first records of a launch kept for the file; later ones are dropped


class _Held(logging.Handler):
    """Keeps the records logged before the log file opens (the first HELD_RECORDS)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: deque[logging.LogRecord] = deque()

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < HELD_RECORDS:  # handle() holds the handler's lock
            self.records.append(record)


def hold_records() -> None:
    """From now until :func:`start_log_file`, keep the app's records for the log file
    instead of letting Python's last-resort handler print them on the terminal."""
    if not any(isinstance(handler, _Held) for handler in LOGGER.handlers):
        LOGGER.addHandler(_Held())
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False


def _release_held(into: logging.Handler | None) -> None:
    """Write the held records into ``into`` (None: drop them) and stop holding."""
    for held in [h for h in LOGGER.handlers if isinstance(h, _Held)]:
        LOGGER.removeHandler(held)
        while into is not None and held.records:
            into.handle(held.records.popleft())


def redact(text: str, token: str | None = None) -> str:
    """``text`` with every API key cut to its first 12 characters (the most a UI may show)."""
    return cut_keys(text, token)


class RedactKeys(logging.Filter):
    """Rewrites each record's message so no API key reaches the file."""

    def __init__(self, token: str | None) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message, redact it, and keep the record."""
        message = redact(record.getMessage(), self.token)
        if record.exc_info:
            formatter = logging.Formatter()
            message += "\n" + redact(formatter.formatException(record.exc_info), self.token)
            record.exc_info = None
            record.exc_text = None
        record.msg, record.args = message, None
        return True


class CleanFormatter(logging.Formatter):
    """Formats a record, then sanitises it: a log line may quote the server or an exception's
    text, and ``less`` or ``tail -f`` on the file would otherwise run its escape codes. The
    newlines of a traceback are kept; each line after the first is indented, so text with a
    newline in it cannot pass for a record of its own."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one or more clean lines."""
        text = clean_server_text(super().format(record), None, lines=True)
        return text.rstrip("\n").replace("\n", "\n  ")


def start_log_file(token: str | None, folder: Path | None = None) -> Path | None:
    """Send the ``krafter_tui`` logger to the log file; returns its path (None if unwritable)."""
    global _handler
    if folder is None:
        from platformdirs import user_log_path

        folder = user_log_path("krafter-tui")
    path = folder / "krafter-tui.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        # No file: records are dropped rather than printed over the dashboard by logging's
        # last-resort handler.
        if not any(not isinstance(h, _Held) for h in LOGGER.handlers):
            LOGGER.addHandler(logging.NullHandler())
        _release_held(None)
        LOGGER.propagate = False
        return None
    handler.setFormatter(CleanFormatter("%(asctime)s %(levelname)s %(message)s"))
    handler.addFilter(RedactKeys(token))
    if _handler is not None:
        LOGGER.removeHandler(_handler)
        _handler.close()
    _handler = handler
    LOGGER.addHandler(handler)  # first: a record logged meanwhile always has a handler
    _release_held(handler)
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False  # never onto the terminal the dashboard draws on
    return path
