"""Nothing is imported before the dashboard's first frame that the first frame does not use.

Each launch runs in a fresh interpreter (other tests' imports must not count), the way the
console script launches: ``krafter_tui.cli.main(ARGS)``, with the app run headless at 120x40
(tests/support/first_frame.py). At the first frame that shows the dashboard, the child prints
``sys.modules`` and quits. The
modules of ours must all be in the allow-list below, and none of the ones a key, a command or
a setting brings in (All sites, exports, dialogs, the shared cache, serve, the demo when not
asked for) may be there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from krafter_tui.demo import DEMO_TOKEN
from tests.support.demo_server import RunningDemo

ROOT = Path(__file__).resolve().parents[2]  # the repository

#: The child: the console script's launch, stopped at the dashboard's first frame.
FIRST_FRAME = ROOT / "tests" / "support" / "first_frame.py"

#: Ours, imported for the first frame of the dashboard, by room: its modules. Alerts are on by
#: default (``alerts.command`` only for the parser's ``alerts test --timeout``: the command
#: itself starts only with an ``alert_command``); the CLI's parser has every command's flags
#: (each ``*_cmd`` module imports its own work when it runs); the dashboard screen is made of
#: its keys' mixins (the dialogs they open are imported on the key).
FIRST_FRAME_ROOMS = {
    "": "alerts api app cli config credentials feeds local record text ui",
    "alerts": "alert claim command marks new_source watch",
    "api": "body budget client errors head_start_answers head_start_ready models months period"
    " period_steps range_limit shared wire",
    "api.shared": "answer private_path",
    "cli": "alerts_cmd auth_cmd common completion_cmd config_cmd export_cmd extras flags helptext"
    " launch parser run serve_cmd sites_cmd status_cmd",
    "config": "checks dashboard_settings document kinds loader options schema spec",
    "credentials": "check keyring_backend token",
    "feeds": "compare_fetch compared_events feed_fetches feed_timers head_start"
    " head_start_handover host kept model playlist poller poller_base readings recording report"
    " rounds schedule settle site_choice site_list so_far timeline words",
    "local": "logfile remembered safe_files",
    "record": "day_buckets filing growth hours lookups migrations pruning reading record_file"
    " writing",
    "text": "countries durations numbers redact sanitiser",
    "ui": "alert_desk bindings collector dashboard delivery host_screen keys palette panes screens"
    " stylesheets terminal widgets",
    "ui.dashboard": "breakdowns demo_keys export_keys first_layout in_view key_rules kiosk kiosk_rising layout"
    " pane_keys record_news selection site_keys time_keys",
    "ui.screens": "dashboard",
    "ui.widgets": "breakdown breakdown_rising chart chart_axis chart_cache chart_hours"
    " chart_legend chart_series chart_text events figure fitline fitting fonts key_footer pane realtime rotation"
    " status_bar totals",
}
ALLOWED = {"krafter_tui"} | {
    ".".join(filter(None, ("krafter_tui", room, name)))
    for room, names in FIRST_FRAME_ROOMS.items()
    for name in names.split()
}

#: Not with ``--no-alerts``: the watches and the marks (the settings still declare the rules).
ALERTS_ON_ONLY = {
    "krafter_tui.alerts.claim",
    "krafter_tui.alerts.marks",
    "krafter_tui.alerts.new_source",
    "krafter_tui.alerts.watch",
}

#: Ours, imported only with ``--demo``: the demo server, run in-process.
DEMO_ONLY = {"krafter_tui.demo"}

#: Never at the first frame: each comes with a key, a command or a setting.
NEVER = (
    "krafter_tui.export",
    "krafter_tui.overview",
    "krafter_tui.web",
    "krafter_tui.api.shared.cache",
    "krafter_tui.api.shared.backend",
    "krafter_tui.api.shared.redis_store",
    "krafter_tui.api.shared.url",
    "krafter_tui.ui.screens.overview",
    "krafter_tui.ui.screens.help",
    "krafter_tui.ui.screens.export_dialog",
    "krafter_tui.ui.screens.site_picker",
    "krafter_tui.ui.screens.custom_range",
    "krafter_tui.ui.screens.value",
    "krafter_tui.ui.widgets.site_table",
    "krafter_tui.ui.widgets.site_tiles",
    "textual_serve",
    "starlette",
    "uvicorn",
    "redis",
    "shtab",
    "keyring",
    "csv",
)

#: Third-party packages the first frame may use (platformdirs finds the settings; click and
#: rich come with httpx's own command line, which httpx imports when click is installed).
THIRD_PARTY = {
    "anyio",
    "certifi",
    "click",
    "h11",
    "httpcore",
    "httpx",
    "idna",
    "linkify_it",
    "markdown_it",
    "mdit_py_plugins",
    "mdurl",
    "msgspec",
    "platformdirs",
    "plotext",
    "pygments",
    "rich",
    "sniffio",
    "textual",
    "textual_plotext",
    "typing_extensions",
}


def first_frame_modules(tmp_path: Path, args: list[str], **env: str) -> list[str]:
    """``sys.modules`` of a fresh ``krafter-tui ARGS`` at its dashboard's first frame."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KRAFTER_", "TEXTUAL"))}
    for name in ("CACHE", "CONFIG", "DATA", "STATE"):
        clean[f"XDG_{name}_HOME"] = str(tmp_path / "child" / name.lower())
    done = subprocess.run(
        [sys.executable, str(FIRST_FRAME), *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("MODULES ")]
    assert lines, f"no first frame (exit {done.returncode}): {done.stderr[-2000:]}"
    modules: list[str] = json.loads(lines[0].removeprefix("MODULES "))
    return modules


def within(name: str, packages: set[str] | tuple[str, ...]) -> bool:
    """``name`` is one of ``packages`` or inside one."""
    return any(name == p or name.startswith(p + ".") for p in packages)


def check(modules: list[str], allowed: set[str], third_party: set[str] = THIRD_PARTY) -> None:
    """Ours all allowed, none of NEVER (but the allowed), the third-party ones all known."""
    ours = [m for m in modules if within(m, ("krafter_tui",))]
    assert [m for m in ours if m not in allowed] == []
    never = tuple(name for name in NEVER if name not in third_party)
    assert [m for m in modules if within(m, never)] == []
    tops = {m.split(".")[0] for m in modules} - set(sys.stdlib_module_names)
    tops = {t for t in tops if not t.startswith("_") and t not in ("krafter_tui", "org")}
    assert sorted(tops - third_party) == []


def test_the_demo_imports_only_what_its_first_frame_uses(tmp_path: Path) -> None:
    modules = first_frame_modules(tmp_path, ["--demo"])
    demo = {m for m in modules if within(m, DEMO_ONLY)}
    # The demo is a Starlette app, served in-process (no uvicorn).
    check(modules, ALLOWED | demo, THIRD_PARTY | {"starlette"})


def test_a_launch_without_demo_imports_no_demo(tmp_path: Path, demo_server: RunningDemo) -> None:
    modules = first_frame_modules(
        tmp_path, ["--api-url", demo_server.api_url], KRAFTER_API_TOKEN=DEMO_TOKEN
    )
    check(modules, ALLOWED)


def test_alerts_off_import_no_watch(tmp_path: Path, demo_server: RunningDemo) -> None:
    modules = first_frame_modules(
        tmp_path, ["--no-alerts", "--api-url", demo_server.api_url], KRAFTER_API_TOKEN=DEMO_TOKEN
    )
    check(modules, ALLOWED - ALERTS_ON_ONLY)
