"""What the dashboard's first frame imports, and how long importing it takes.

The set is read off a real launch: ``krafter-tui --api-url URL`` (``KRAFTER_API_TOKEN`` set,
no ``--demo``) against the benchmark's demo server, run up to the dashboard's first frame by
``tests/support/first_frame.py`` (the same child as the test that keeps the set small,
tests/ui/test_first_paint_imports.py). Then each run imports that set in a fresh interpreter
under ``-X importtime``: every module of ours the first frame had, and every third-party
package. The baseline is importing what a bare app with the same widgets needs
(Textual, its widgets and textual-plotext), interleaved with the runs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from demo_process import DemoServer
from figures import Row
from pty_child import HERE, isolated_env

from krafter_tui.demo import DEMO_TOKEN

FIRST_FRAME = HERE.parent / "tests" / "support" / "first_frame.py"
#: Watched at the first frame: none of them should be there without ``--demo``.
WATCH = (
    "keyring",
    "starlette",
    "uvicorn",
    "textual_serve",
    "redis",
    "krafter_tui.demo",
    "krafter_tui.export",
    "krafter_tui.overview",
    "krafter_tui.api.shared.cache",
)
BARE = "import textual.app, textual.widgets, textual_plotext.plot; textual.widgets.DataTable"


def total_ms(importtime: str) -> float:
    """Cumulative microseconds of the top-level imports in ``-X importtime`` output, in ms."""
    found = re.findall(r"import time:\s+\d+ \|\s+(\d+) \| (\S+)", importtime)
    return sum(int(us) for us, _ in found) / 1000


def import_ms(code: str) -> tuple[float, list[tuple[int, str]]]:
    """Import time of everything ``code`` imports, and the biggest top-level imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=isolated_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    top: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\S+)", line)
        if match:  # no indent: imported by ``code`` itself
            top.append((int(match.group(2)), match.group(3)))
    return total_ms(done.stderr), sorted(top, reverse=True)[:8]


def first_frame_modules(api_url: str) -> list[str]:
    """``sys.modules`` at the first frame of ``krafter-tui --api-url API_URL``."""
    env = isolated_env({"KRAFTER_API_TOKEN": DEMO_TOKEN})
    done = subprocess.run(
        [sys.executable, str(FIRST_FRAME), "--api-url", api_url],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("MODULES "))
    modules: list[str] = json.loads(line.removeprefix("MODULES "))
    return modules


def importing(modules: list[str]) -> str:
    """Code that imports ours of ``modules`` (the CLI's launch, then the app, as the console
    script does) and every third-party package among them."""
    ours = [m for m in modules if m.split(".")[0] == "krafter_tui"]
    tops = {m.split(".")[0] for m in modules} - set(sys.stdlib_module_names) - {"krafter_tui"}
    others = sorted(t for t in tops if not t.startswith("_") and t not in ("org", "__main__"))
    first = ["krafter_tui.cli.launch", "krafter_tui.app"]
    return "\n".join(f"import {m}" for m in [*first, *ours, *others])


def run(runs: int, server: DemoServer) -> tuple[list[Row], dict[str, object]]:
    """Import times (``runs`` each, interleaved with the baseline's) of the first frame's
    modules and of ``krafter_tui.app`` alone, and which watched modules the first frame had."""
    server.set_limit(100)
    modules = first_frame_modules(server.api_url)
    code = importing(modules)
    first, app, bare = [], [], []
    for _ in range(runs):
        first.append(import_ms(code)[0])
        bare.append(import_ms(BARE)[0])
        app.append(import_ms("import krafter_tui.app")[0])
    _, biggest = import_ms(code)
    baseline = "textual + widgets + textual_plotext"
    rows = [
        Row("import what the first frame imports (-X importtime)", "ms", first, bare, baseline),
        Row("import krafter_tui.app (-X importtime)", "ms", app, bare, baseline),
    ]
    ours = [m for m in modules if m.split(".")[0] == "krafter_tui"]
    return rows, {
        "first_frame_modules": {"ours": len(ours), "all": len(modules)},
        "loaded_at_first_frame": {
            w: any(m == w or m.startswith(w + ".") for m in modules) for w in WATCH
        },
        "biggest_imports_ms": [(name, round(us / 1000, 1)) for us, name in biggest],
    }
