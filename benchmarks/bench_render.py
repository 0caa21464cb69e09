"""Rendering big data: a 10,000-row breakdown and a 365-point chart, in the running dashboard.

The dashboard is launched for real (demo data, pty); once it is idle, the probe hands the
widget the data (``BreakdownTable.show``, ``TimeseriesChart.show``) and times until Textual has
painted the frame (the screen's after-refresh callback). That covers building the table rows
or the plot, laying out, rendering the visible lines and writing them to the terminal, which
is what a user waits for. Each repetition uses different data.

Two more rows measure floors, not targets: Textual composing and writing the whole 160x48
screen again with every widget's lines cached, and with every widget rendering its lines
again first. No repaint of the dashboard can cost less than the first; a switch that changes
every pane costs about the second.
"""

from __future__ import annotations

from demo_process import DemoServer
from figures import Row
from pty_child import HERE, PtyChild, isolated_env

from krafter_tui.demo import DEMO_TOKEN


def run(server: DemoServer, reps: int) -> list[Row]:
    """``reps`` repetitions of each; two rows."""
    server.set_limit(100)
    argv = [str(HERE / "probe_app.py"), "render", server.api_url, str(reps)]
    with PtyChild(argv, isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN})) as child:
        result = child.result()
    return [
        Row(
            "render a 10,000-row breakdown",
            "ms",
            [t * 1000 for t in result["breakdown"]],
            limit=200,
        ),
        Row("render a 365-point chart", "ms", [t * 1000 for t in result["chart"]], limit=50),
        Row(
            "floor: Textual repaints the whole screen (lines cached)",
            "ms",
            [t * 1000 for t in result["composite"]],
            note="screen.refresh() in the idle dashboard → painted; no target, a floor",
        ),
        Row(
            "floor: every widget renders again, then the whole screen",
            "ms",
            [t * 1000 for t in result["rerender"]],
            note="refresh() on every widget of the idle dashboard → painted; no target, a floor",
        ),
    ]
