"""Launch to all panes showing data, against a bare Textual app's first paint.

Both are real processes on a pty, timed by the harness from just before it starts the process
to the paint the probe reports, so interpreter start-up and imports count for both. Runs
alternate app and baseline so a noisy moment hits both.
"""

from __future__ import annotations

import json

from demo_process import DemoServer
from figures import Row
from pty_child import HERE, PtyChild, isolated_env

from krafter_tui.demo import DEMO_TOKEN


def once(argv: list[str], env: dict[str, str]) -> float:
    """Milliseconds from process start to the probe's DONE paint."""
    with PtyChild(argv, env) as child:
        painted = json.loads(child.expect("DONE"))["t"]
        child.process.wait(timeout=30)
        return (painted - child.started) * 1000


def run(server: DemoServer, runs: int) -> list[Row]:
    """``runs`` launches of each; one row."""
    app, bare = [], []
    for _ in range(runs):
        server.set_limit(100)  # a fresh team budget, as for a user starting the app
        app.append(
            once(
                [str(HERE / "probe_app.py"), "launch", server.api_url],
                isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN}),
            )
        )
        bare.append(once([str(HERE / "probe_bare.py"), "launch"], isolated_env()))
    return [
        Row(
            "launch to all panes showing data",
            "ms",
            app,
            bare,
            "bare app, first paint",
            limit=1000,
            ratio_limit=1.3,
        )
    ]
