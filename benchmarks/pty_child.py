"""Start a probe in a pseudo-terminal, as a user's terminal would run it, and talk to it.

The child gets a real terminal (a pty of a fixed size, ``TERM=xterm-256color``), so Textual uses
its real Linux driver and writes every frame; a thread here drains the frames. The child reports
on a separate pipe, one line per message (``READY``, ``DONE <t>``, ``RESULT <json>``), so the
terminal output and the figures never mix. Times are ``time.perf_counter()`` values, which on
Linux come from the system-wide monotonic clock and so compare across processes.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZE = (160, 48)  # columns, rows: the size of the README's screenshot


def isolated_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a probe: the user's settings, state and keyring kept out."""
    scratch = tempfile.mkdtemp(prefix="krafter-bench-")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KRAFTER_", "TEXTUAL", "NO_COLOR"))
    }
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        XDG_CONFIG_HOME=f"{scratch}/config",
        XDG_STATE_HOME=f"{scratch}/state",
        XDG_CACHE_HOME=f"{scratch}/cache",
        XDG_DATA_HOME=f"{scratch}/data",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        PYTHONPATH=str(HERE),
    )
    env.update(extra or {})
    return env


class PtyChild:
    """A probe process on a pty; ``lines()`` reads its reports, ``send()`` types keys."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = SIZE):
        self.master, slave = pty.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        report_read, report_write = os.pipe()
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, *argv],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "BENCH_REPORT_FD": str(report_write)},
            pass_fds=(report_write,),
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        os.close(report_write)
        self.reports = os.fdopen(report_read, "r")
        self.output_bytes = 0
        self._drain = threading.Thread(target=self._drain_output, daemon=True)
        self._drain.start()

    def _drain_output(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output_bytes += len(chunk)

    def read(self) -> tuple[str, str]:
        """The next report line as (kind, rest); ('EOF', '') when the child has gone."""
        line = self.reports.readline()
        if not line:
            return "EOF", ""
        kind, _, rest = line.strip().partition(" ")
        return kind, rest

    def expect(self, kind: str) -> str:
        """Read reports until one of ``kind``; raise with the exit status if the child died."""
        while True:
            got, rest = self.read()
            if got == kind:
                return rest
            if got == "EOF":
                self.process.wait(timeout=30)
                raise RuntimeError(f"probe exited ({self.process.returncode}) before {kind}")
            if got == "ERROR":
                raise RuntimeError(f"probe failed: {rest}")

    def result(self) -> Any:
        """The JSON of the next ``RESULT`` report."""
        return json.loads(self.expect("RESULT"))

    def send(self, keys: str) -> float:
        """Type ``keys`` into the terminal; the perf_counter time just before the write."""
        now = time.perf_counter()
        os.write(self.master, keys.encode())
        return now

    def stop(self) -> None:
        """End the probe (politely, then not) and close the terminal."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reports.close()
        self._drain.join(timeout=5)  # ends at EIO once the child's end of the pty is gone
        os.close(self.master)

    def __enter__(self) -> PtyChild:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
