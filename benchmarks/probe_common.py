"""What every probe (a child process of the harness) shares: reporting, and watching an app.

A probe reports on the pipe named by ``BENCH_REPORT_FD`` (see :mod:`pty_child`). "Shown" means
painted: :func:`after_paint` runs its callback only once the screen has no dirty widgets left,
i.e. after Textual has rendered the change and written the frame to the terminal.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

from textual.app import App


def report(kind: str, payload: Any = None) -> None:
    """Send one line to the harness: ``KIND`` or ``KIND <json>``."""
    fd = int(os.environ["BENCH_REPORT_FD"])
    text = kind if payload is None else f"{kind} {json.dumps(payload)}"
    os.write(fd, (text + "\n").encode())


def after_paint(app: App[Any], callback: Callable[[float], None]) -> None:
    """Call ``callback(perf_counter())`` once the current screen has been repainted."""
    app.screen.call_after_refresh(lambda: callback(time.perf_counter()))


class WindowProfile:
    """pyinstrument over the measured window only, when ``BENCH_PROFILE`` names an output file
    (``benchmarks/profile.py`` sets it); otherwise nothing. ``start()`` may be called again
    (it does nothing once running); ``stop()`` writes the text report."""

    def __init__(self) -> None:
        self.path = os.environ.get("BENCH_PROFILE")
        self.profiler: Any = None

    def start(self) -> None:
        """Start sampling (asyncio-aware: await time counts where the task waits)."""
        if self.path is None or self.profiler is not None:
            return
        from pyinstrument import Profiler

        interval = float(os.environ.get("BENCH_PROFILE_INTERVAL", "0.001"))
        self.profiler = Profiler(interval=interval, async_mode="disabled")
        self.profiler.start()

    def stop(self) -> None:
        """Stop sampling and write the report (library frames kept with BENCH_PROFILE_ALL)."""
        if self.profiler is None or self.path is None:
            return
        self.profiler.stop()
        show_all = bool(os.environ.get("BENCH_PROFILE_ALL"))
        text = self.profiler.output_text(unicode=True, color=False, show_all=show_all)
        with open(self.path, "w", encoding="utf-8") as out:
            out.write(text)
        self.profiler = None


PROFILE = WindowProfile()


def rss_kib() -> int:
    """Resident memory of this process in KiB (``VmRSS`` of /proc/self/status)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


class Watcher:
    """Polls ``condition`` every few milliseconds; once true, waits for the paint, then calls
    ``done(t)`` with the perf_counter time of the paint. Polling (not hooks into the loader)
    keeps the probe independent of how the app is wired inside."""

    def __init__(
        self, app: App[Any], condition: Callable[[], bool], done: Callable[[float], None]
    ) -> None:
        self.app = app
        self.condition = condition
        self.done = done
        self.fired = False
        self.timer = app.set_interval(0.002, self._check, name="bench-watch")

    def _check(self) -> None:
        if self.fired:
            return
        try:
            ready = self.condition()
        except Exception:  # the screen may not be composed yet
            return
        if ready:
            self.fired = True
            self.timer.stop()
            after_paint(self.app, self.done)
