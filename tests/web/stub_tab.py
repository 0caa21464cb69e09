"""A stand-in for a tab's dashboard process, speaking textual-serve's protocol just enough:
it says it is ready, records what it was asked (its terminal size, each resize) and quits on
the quit message. ``--stubborn``: it starts a child, ignores quit and SIGTERM and never ends on
its own, as a dashboard that hangs would. Records go to the JSON-lines file given first."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time


def record(path: str, **fields: object) -> None:
    """Append one JSON line to ``path``."""
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(fields) + "\n")


def main() -> None:
    path, stubborn = sys.argv[1], "--stubborn" in sys.argv[2:]
    child = None
    if stubborn:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"]).pid
    record(
        path,
        pid=os.getpid(),
        parent=os.getppid(),
        child=child,
        columns=os.environ.get("COLUMNS"),
        rows=os.environ.get("ROWS"),
    )
    sys.stdout.buffer.write(b"__GANGLION__\n")
    sys.stdout.flush()
    stdin = sys.stdin.buffer
    while (kind := stdin.read(1)) in (b"D", b"M"):
        payload = stdin.read(int.from_bytes(stdin.read(4), "big"))
        if kind == b"M":
            meta = json.loads(payload)
            record(path, meta=meta)
            if meta.get("type") == "quit" and not stubborn:
                return
    while stubborn:
        time.sleep(1)


if __name__ == "__main__":
    main()
