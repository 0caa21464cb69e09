"""Probe (child process): the baseline, a bare Textual app with the dashboard's widget classes.

``python probe_bare.py launch`` reports ``DONE {"t"}``, the time of its first frame written to
the terminal, then quits.
``python probe_bare.py idle SECONDS`` keeps the dashboard's timers (a 1 s clock tick, realtime
every 10 s, stats and events every 60 s) with callbacks that do nothing, and reports its CPU
time over SECONDS after a one-second settle, as ``probe_app.py idle`` does.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

from probe_common import report, rss_kib
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Digits, Footer, Sparkline, Static
from textual_plotext import PlotextPlot


class BareApp(App[None]):
    """Digits, Sparkline, two DataTables, a PlotextPlot, Statics and a Footer, all empty."""

    def __init__(self, mode: str, seconds: float) -> None:
        super().__init__()
        self.mode = mode
        self.seconds = seconds
        self.painted = False

    def compose(self) -> ComposeResult:
        yield Static("status")
        yield Digits("0")
        yield Sparkline([])
        yield PlotextPlot()
        yield DataTable()
        yield DataTable()
        yield Footer()

    def _display(self, screen: Any, renderable: Any) -> None:
        """Write a frame; the first one is the time reported (as the app's probe does)."""
        super()._display(screen, renderable)
        if not self.painted:
            self.painted = True
            self.call_later(self._first_paint, time.perf_counter())

    def on_mount(self) -> None:
        if self.mode == "idle":
            for interval in (1.0, 10.0, 60.0, 60.0):
                self.set_interval(interval, lambda: None)

    def _first_paint(self, at: float) -> None:
        report("DONE", {"t": at})
        if self.mode == "launch":
            self.exit()
        else:
            self.run_worker(self._measure())

    async def _measure(self) -> None:
        await asyncio.sleep(1.0)
        cpu0, wall0, main0 = time.process_time(), time.perf_counter(), time.thread_time()
        await asyncio.sleep(self.seconds)
        cpu1, wall1, main1 = time.process_time(), time.perf_counter(), time.thread_time()
        result = {"cpu": cpu1 - cpu0, "main_thread_cpu": main1 - main0, "wall": wall1 - wall0}
        report("RESULT", {**result, "rss_kib": rss_kib()})
        self.exit()


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    BareApp(mode, float(rest[0]) if rest else 0.0).run()
