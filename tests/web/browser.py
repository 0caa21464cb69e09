"""What the browser test needs: Debian's Chromium (or a clear skip), ``krafter-tui serve`` in
a subprocess, and the text of the terminal the page draws.

The page's terminal is xterm.js drawing on a canvas, so its text is not in the DOM. The test
reads it from xterm's own buffer (what the canvas is painted from): :data:`TERMINAL_HOOK`, run
before the page's scripts, keeps the page's ``Terminal`` object when textual.js builds it (its
constructor sets ``fitAddon`` right after ``terminal``; a setter on ``Object.prototype`` sees
that assignment and hands the property back to the object).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Flags that let Chromium run headless as root on a machine with no GPU and no network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

TERMINAL_HOOK = """
Object.defineProperty(Object.prototype, "fitAddon", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "fitAddon", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (this.terminal) {
      window.__krafterTerminals = (window.__krafterTerminals || []).concat([this.terminal]);
    }
  },
});
"""

READ_TERMINAL = """() => {
  const terms = window.__krafterTerminals || [];
  if (!terms.length) return null;
  const t = terms[terms.length - 1], buffer = t.buffer.active, lines = [];
  for (let y = 0; y < t.rows; y++) lines.push(buffer.getLine(y).translateToString(true));
  const box = t.element.querySelector(".xterm-screen").getBoundingClientRect();
  return {
    lines, cols: t.cols, rows: t.rows, x: box.x, y: box.y, width: box.width, height: box.height,
  };
}"""


def chromium() -> str:
    """The path of Debian's chromium; skips the test without it, but fails under CI (which
    installs it, so a missing browser there is a broken CI, not a reason to skip)."""
    found = shutil.which("chromium")
    if found is None:
        reason = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, and CI must run the browser test")
        pytest.skip(reason)
    return found


@dataclass
class Serving:
    """A running ``krafter-tui serve``: its process, page URL and the lines it printed."""

    process: subprocess.Popen[str]
    url: str
    printed: list[str]


def _read_line(process: subprocess.Popen[str], deadline: float) -> str:
    assert process.stdout is not None
    if time.monotonic() > deadline:
        raise AssertionError("krafter-tui serve printed no page URL in time")
    return process.stdout.readline()


@contextmanager
def serving(
    *flags: str, timeout: float = 60, env: dict[str, str] | None = None
) -> Iterator[Serving]:
    """``krafter-tui serve --port 0 FLAGS`` (with ``env`` added to its environment, after the
    API key is taken out of it) until the block ends, then Ctrl+C as a terminal
    sends it (SIGINT to the whole process group: the server and every tab's process) and a
    check that it stops on its own; what it printed after is added to ``printed``."""
    environment = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    environment.pop("KRAFTER_API_TOKEN", None)
    environment.update(env or {})
    process = subprocess.Popen(
        [sys.executable, "-m", "krafter_tui", "serve", "--port", "0", *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
        cwd=ROOT,
        start_new_session=True,
    )
    printed: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        while not (match := re.search(r"(http://\S+/)\s", printed[-1] if printed else "")):
            line = _read_line(process, deadline)
            if not line:
                raise AssertionError("krafter-tui serve ended early:\n" + "".join(printed))
            printed.append(line)
        yield Serving(process, match.group(1), printed)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
        try:
            rest, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise AssertionError("krafter-tui serve did not stop on Ctrl+C") from None
        printed.append(rest)


def wait_for(
    check: Callable[[], Any],
    what: str,
    timeout: float = 45,
    shown: Callable[[], object] | None = None,
) -> Any:
    """Poll ``check`` until it returns something true; fail naming ``what`` after ``timeout``
    (with what ``shown`` returns then, e.g. the screen)."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            seen = f":\n{shown()}" if shown is not None else ""
            raise AssertionError(f"timed out waiting for {what}{seen}")
        time.sleep(0.25)
