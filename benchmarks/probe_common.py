"""What every probe (a child process of the harness) shares: reporting, profiling, memory.

A probe reports on the pipe named by ``BENCH_REPORT_FD`` (see :mod:`pty_child`). "Shown" means
written to the terminal: the probes watch every frame the app writes (``probe_app.Frames``).
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

#: ``BENCH_TIMELINE`` set (``benchmarks/timeline.py``): marks of what happened when.
TIMELINE_ON = bool(os.environ.get("BENCH_TIMELINE"))
MARKS: list[tuple[str, float]] = []  # (name, perf_counter); appended from any thread


def mark(name: str) -> None:
    """Note that ``name`` happened now (with BENCH_TIMELINE set)."""
    if TIMELINE_ON:
        MARKS.append((name, time.perf_counter()))


def report(kind: str, payload: Any = None) -> None:
    """Send one line to the harness: ``KIND`` or ``KIND <json>``."""
    fd = int(os.environ["BENCH_REPORT_FD"])
    text = kind if payload is None else f"{kind} {json.dumps(payload)}"
    os.write(fd, (text + "\n").encode())


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
