"""Launch to all panes showing data, against a bare Textual app's first paint.

Two launches of the app: a first one (no state: the sites list is fetched before anything
else), and one with the state a previous run left (the last site is asked for at once,
while the sites list is on its way), which is every launch after the first.

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

LATENCY_MS = 150


def once(argv: list[str], env: dict[str, str]) -> float:
    """Milliseconds from process start to the probe's DONE paint."""
    with PtyChild(argv, env) as child:
        painted = json.loads(child.expect("DONE"))["t"]
        child.process.wait(timeout=30)
        return (painted - child.started) * 1000


def run(server: DemoServer, runs: int) -> list[Row]:
    """``runs`` launches of each; two rows: a first launch, and one with the site remembered."""
    app, remembered, bare = [], [], []
    probe = [str(HERE / "probe_app.py"), "launch", server.api_url]
    # The state a launch leaves behind (the last site and period), as after a user's first run.
    known = isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN})
    server.set_limit(100)
    once(probe, known)
    for _ in range(runs):
        server.set_limit(100)  # a fresh team budget, as for a user starting the app
        app.append(once(probe, isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN})))
        bare.append(once([str(HERE / "probe_bare.py"), "launch"], isolated_env()))
        server.set_limit(100)
        remembered.append(once(probe, known))
    # Against a server 150 ms away (the demo's latency fault on every request): the
    # requests run while Textual is imported, so the target is the bare app's first paint
    # plus 1.2 round trips.
    server.set_faults(f"latency={LATENCY_MS}ms")
    far, far_remembered, far_bare = [], [], []
    try:
        for _ in range(runs):
            server.set_limit(100)
            far.append(once(probe, isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN})))
            far_bare.append(once([str(HERE / "probe_bare.py"), "launch"], isolated_env()))
            server.set_limit(100)
            far_remembered.append(once(probe, known))
    finally:
        server.set_faults("")
    allowance = 1.2 * LATENCY_MS
    far_rows = [
        Row(
            f"launch, {LATENCY_MS} ms per request{label}",
            "ms",
            values,
            [b + allowance for b in far_bare],
            f"bare first paint + 1.2 × {LATENCY_MS} ms",
            ratio_limit=1.0,
        )
        for label, values in (("", far), (", site remembered", far_remembered))
    ]
    return [
        Row(
            "launch to all panes showing data",
            "ms",
            app,
            bare,
            "bare app, first paint",
            limit=1000,
            ratio_limit=2.0,  # issue 30: launch to data within 2x the bare app
        ),
        Row(
            "launch, site remembered (every launch after the first)",
            "ms",
            remembered,
            bare,
            "bare app, first paint",
            limit=1000,
            ratio_limit=2.0,  # issue 30: launch to data within 2x the bare app
        ),
        *far_rows,
    ]
