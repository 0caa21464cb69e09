"""What a normal launch imports, and how long ``import krafter_tui.app`` takes.

The launch path is the console script's: ``krafter_tui.cli.main(["--api-url", URL])`` with
``KRAFTER_API_TOKEN`` set (no ``--demo``), stopped just before the app would run. The
baseline is importing what a bare app with the same widgets needs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from figures import Row
from pty_child import isolated_env

WATCH = ("keyring", "starlette", "uvicorn", "krafter_tui.demo", "sqlite3", "anyio")

LAUNCH_PATH = f"""
import json, sys
import krafter_tui.app as app
def stop(*args, **kwargs):
    print(json.dumps({{m: m in sys.modules for m in {WATCH!r}}}))
    return 0
app.run_dashboard = stop
from krafter_tui.cli import main
main(["--api-url", "http://127.0.0.1:9/api/v1/analytics"])
"""
BARE = "import textual.app, textual.widgets, textual_plotext.plot; textual.widgets.DataTable"


def total_ms(importtime: str) -> float:
    """Cumulative microseconds of the top-level imports in ``-X importtime`` output, in ms."""
    found = re.findall(r"import time:\s+\d+ \|\s+(\d+) \| (\S+)", importtime)
    return sum(int(us) for us, _ in found) / 1000


def import_ms(code: str) -> tuple[float, list[tuple[int, str]]]:
    """Import time of everything ``code`` imports, and the biggest modules one level down."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=isolated_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    top: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(3)) == 3:  # what krafter_tui.app imports directly
            top.append((int(match.group(2)), match.group(4)))
    return total_ms(done.stderr), sorted(top, reverse=True)[:8]


def run(runs: int) -> tuple[list[Row], dict[str, object]]:
    """Import times (``runs`` each) and which watched modules the launch path loads."""
    app = [import_ms("import krafter_tui.app")[0] for _ in range(runs)]
    bare = [import_ms(BARE)[0] for _ in range(runs)]
    _, biggest = import_ms("import krafter_tui.app")
    env = isolated_env({"KRAFTER_API_TOKEN": "kr_live_benchmark_not_a_key"})
    done = subprocess.run(
        [sys.executable, "-c", LAUNCH_PATH], env=env, capture_output=True, text=True, check=True
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    rows = [
        Row(
            "import krafter_tui.app (-X importtime)",
            "ms",
            app,
            bare,
            "textual + widgets + textual_plotext",
        )
    ]
    return rows, {
        "loaded_on_launch": loaded,
        "biggest_imports_ms": [(name, round(us / 1000, 1)) for us, name in biggest],
    }
