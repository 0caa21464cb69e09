"""Resident memory after many poll cycles, against the same app after 100 cycles.

A cycle is one realtime poll; stats and events are polled every sixth cycle (the 10 s : 60 s
ratio of the defaults). See ``probe_memory.py`` for how cycles are made fast: recorded answers
in process, a slowed app clock, and ``TEXTUAL_FPS=5`` so painting (at most 5 frames a second
instead of 60) does not set the pace. Every data update still goes through the widgets.
"""

from __future__ import annotations

from demo_process import DemoServer
from figures import Row
from pty_child import HERE, PtyChild, isolated_env

from krafter_tui.demo import DEMO_TOKEN


def run(server: DemoServer, cycles: int) -> list[Row]:
    """One run of ``cycles`` cycles; two rows (absolute RSS, growth)."""
    env = isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN, "TEXTUAL_FPS": "5"})
    argv = [str(HERE / "probe_app.py"), "memory", server.api_url, str(cycles)]
    with PtyChild(argv, env) as child:
        result = child.result()
    early = result["rss_kib"]["100"] / 1024
    late = result["rss_kib"][str(cycles)] / 1024
    return [
        Row(
            f"RSS after {cycles:,} poll cycles", "MB", [late], [early], "after 100 cycles", limit=80
        ),
        Row(f"RSS growth, 100 → {cycles:,} cycles", "MB", [late - early], limit=5),
    ]
