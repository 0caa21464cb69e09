"""The launch's first records (logged before the dashboard opens its log file, some on the
head start's thread) reach the log file, never the terminal."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from krafter_tui.local import logfile
from krafter_tui.local.logfile import LOGGER, hold_records, start_log_file
from krafter_tui.local.remembered import StateStore


@pytest.fixture
def fresh_logger() -> Iterator[None]:
    """The app's logger as it was, after the test."""
    handlers, level, propagate = list(LOGGER.handlers), LOGGER.level, LOGGER.propagate
    kept = logfile._handler
    LOGGER.handlers.clear()
    yield
    for handler in LOGGER.handlers:
        if handler not in handlers:
            handler.close()
    LOGGER.handlers[:] = handlers
    LOGGER.setLevel(level)
    LOGGER.propagate = propagate
    logfile._handler = kept


@pytest.mark.usefixtures("fresh_logger")
def test_records_before_the_log_file_opens_go_into_it_not_onto_the_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    hold_records()
    fifo = tmp_path / "state.json"
    os.mkfifo(fifo)
    # As at launch: the state file is read on the head start's thread.
    reader = threading.Thread(target=lambda: StateStore(fifo).load("http://x"))
    reader.start()
    reader.join(30)
    assert not reader.is_alive()
    logging.getLogger("krafter_tui").warning("the first request failed for kr_live_%s", "A" * 43)
    path = start_log_file("kr_live_" + "A" * 43, tmp_path / "log")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    assert path is not None
    text = path.read_text()
    assert f"ignoring unreadable state: {fifo}: not a regular file but a FIFO" in text
    assert "the first request failed for kr_live_AAAA…" in text and "A" * 43 not in text
    LOGGER.warning("after")
    assert path.read_text().endswith("WARNING after\n")
