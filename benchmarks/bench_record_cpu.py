"""The whole dashboard's CPU with the record on against off, in the same run.

    python benchmarks/run.py --only record

Two real dashboards (``probe_app.py idle``: the CLI launched as a user launches it, on its own
pty, against the demo server over loopback) run side by side over the same window: one with
``KRAFTER_RECORD=1``, one with ``KRAFTER_RECORD=0``; otherwise the same settings (the period
``today``, stats refreshed every 15 s, the shortest the settings allow, so a minute holds four
stats polls and four readings). CPU is the process's ``time.process_time()`` over the window
(paints, polls, decoding, the record's writes in their worker thread, and its questions: the
chart's hours). Each round swaps nothing but the setting; the row is the median of the rounds,
the ratio on against off, with the 1.1x target. Nothing is asserted.
"""

from __future__ import annotations

from demo_process import DemoServer
from figures import Row, median
from pty_child import HERE, PtyChild, isolated_env

from krafter_tui.demo import DEMO_TOKEN

#: The settings both dashboards share: today (recorded), a stats poll every 15 s.
SHARED = {"KRAFTER_API_TOKEN": DEMO_TOKEN, "KRAFTER_PERIOD": "today", "KRAFTER_REFRESH": "15"}


def run(server: DemoServer, seconds: float, rounds: int) -> list[Row]:
    """``rounds`` windows of ``seconds``, both dashboards in each; one row, CPU a minute."""
    server.set_limit(1000)
    on: list[float] = []
    off: list[float] = []
    polls = seconds / 15
    for _ in range(rounds):
        argv = [str(HERE / "probe_app.py"), "idle", server.api_url, str(seconds)]
        with (
            PtyChild(argv, isolated_env({**SHARED, "KRAFTER_RECORD": "1"})) as recording,
            PtyChild(argv, isolated_env({**SHARED, "KRAFTER_RECORD": "0"})) as plain,
        ):
            with_record, without = recording.result(), plain.result()
        on.append(with_record["cpu"] / with_record["wall"] * 60_000)
        off.append(without["cpu"] / without["wall"] * 60_000)
    ratio = median(on) / median(off)
    verdict = "within" if ratio < 1.1 else f"missed by {(ratio / 1.1 - 1) * 100:.0f}% of"
    return [
        Row(
            f"record: the whole dashboard's CPU a minute, recording on (today, {polls:.0f} "
            "stats polls a window)",
            "ms",
            on,
            off,
            "recording off",
            ratio_limit=1.1,
            note=f"{rounds} rounds of {seconds:.0f} s, both dashboards side by side in each; "
            f"on: {', '.join(f'{v:.0f}' for v in on)} ms/min; off: "
            f"{', '.join(f'{v:.0f}' for v in off)} ms/min; ratio {ratio:.2f}x, {verdict} "
            "the 1.1x target",
        )
    ]
