"""Profile one probe with pyinstrument, on a pty against the demo server, as the benchmarks run it.

    python benchmarks/profile.py launch          # the whole process
    python benchmarks/profile.py switch          # the benchmark's 16 keys
    python benchmarks/profile.py switch --warm wl]wt]wl --keys tw[lt[wl
    python benchmarks/profile.py idle 60         # the 60 s window only
    python benchmarks/profile.py render 3        # the repetitions only

Needs ``pyinstrument`` (``pip install pyinstrument``; not a project dependency). ``launch`` runs
the probe under ``python -m pyinstrument``, so start-up and imports are in the report. The other
modes profile only what the benchmark times: the probe starts pyinstrument at the first key
after ``--warm`` (``switch``), at the start of the CPU window (``idle``) or before the first
repetition (``render``). ``--show-all`` keeps library frames (Textual, Rich) in the tree. Each
key waits for the probe's READY, as ``bench_switch`` does.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import demo_process  # noqa: E402
from bench_switch import CACHED, UNCACHED  # noqa: E402
from pty_child import HERE, PtyChild, isolated_env  # noqa: E402

from krafter_tui.demo import DEMO_TOKEN  # noqa: E402


def main() -> int:
    """Start the demo server, run the probe under pyinstrument, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("launch", "switch", "idle", "render"))
    parser.add_argument("arg", nargs="?", help="idle: seconds; render: repetitions")
    parser.add_argument("--keys", default=UNCACHED + CACHED, help="switch: keys to type")
    parser.add_argument("--warm", default="", help="switch: keys typed before --keys")
    parser.add_argument("--interval", default="0.001", help="pyinstrument sampling interval")
    parser.add_argument("--show-all", action="store_true", help="keep library frames")
    parser.add_argument("--html", help="launch: write an HTML report here instead of text")
    args = parser.parse_args()
    out = args.html or tempfile.mktemp(prefix="krafter-profile-", suffix=".txt")
    with demo_process.start() as server:
        server.set_limit(1_000_000)
        env = isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN})
        argv = []
        if args.mode == "launch":
            argv = ["-m", "pyinstrument", "-i", args.interval, "-o", out]
            argv += ["-r", "html" if args.html else "text", "--no-color", "--unicode"]
            if args.show_all:
                argv.append("--show-all")
        else:
            env.update(BENCH_PROFILE=out, BENCH_PROFILE_INTERVAL=args.interval)
            env.update(BENCH_PROFILE_SKIP=str(len(args.warm)))
            if args.show_all:
                env["BENCH_PROFILE_ALL"] = "1"
        argv += [str(HERE / "probe_app.py"), args.mode, server.api_url]
        if args.arg:
            argv.append(args.arg)
        with PtyChild(argv, env) as child:
            if args.mode in ("launch", "render", "idle"):
                child.expect("RESULT" if args.mode != "launch" else "DONE")
            else:
                for key in args.warm + args.keys:
                    child.expect("READY")
                    child.send(key)
                    child.expect("DONE")
                child.expect("READY")
                child.send("q")
            try:
                child.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                child.process.terminate()
    if args.html:
        print(f"wrote {out}")
    else:
        print(Path(out).read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
