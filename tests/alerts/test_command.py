"""The alert command: a real program run with the alert's details in its environment, never
the API key, never through a shell; bounded, and its failures reported, not raised."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from krafter_tui.alerts.alert import Alert
from krafter_tui.alerts.command import AlertCommand

KEY = "kr_live_" + "A" * 43
AT = datetime(2026, 11, 26, 15, 4, 5, tzinfo=UTC)
DUMP_ENV = "import json, os, sys; json.dump(dict(os.environ), open(sys.argv[1], 'w'))"


def alert(name: str = "Pebble CRM", site: str = "sk_pbl7c2m9x4qa") -> Alert:
    return Alert("spike", site, name, 48, 12.0, AT)


async def run_once(command: AlertCommand, what: Alert) -> None:
    assert command.start(what)
    await asyncio.wait_for(command.wait(), 30)


async def test_the_command_gets_the_details_and_not_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KRAFTER_API_TOKEN", KEY)
    monkeypatch.setenv("MY_COPY_OF_IT", f"Bearer {KEY}")
    monkeypatch.setenv("KRAFTER_SITE", "Blog")
    monkeypatch.setenv("MY_SETTING", "kept")
    out = tmp_path / "env.json"
    reports: list[str] = []
    command = AlertCommand(
        [sys.executable, "-c", DUMP_ENV, str(out)], report=reports.append, secret=KEY
    )
    await run_once(command, alert())
    env = json.loads(out.read_text())
    details = {name: value for name, value in env.items() if name.startswith("KRAFTER_")}
    assert details == {
        "KRAFTER_ALERT_KIND": "spike",
        "KRAFTER_ALERT_SITE": "Pebble CRM",
        "KRAFTER_ALERT_SITE_ID": "sk_pbl7c2m9x4qa",
        "KRAFTER_ALERT_VISITORS": "48",
        "KRAFTER_ALERT_BASELINE": "12",
        "KRAFTER_ALERT_AT": "2026-11-26T15:04:05Z",
        "KRAFTER_ALERT_MESSAGE": "Spike on Pebble CRM: 48 visitors now (×4.0); usually about 12.",
    }
    assert env["MY_SETTING"] == "kept"
    assert "MY_COPY_OF_IT" not in env
    assert KEY not in out.read_text()
    assert reports == []


HOSTILE = "$(touch pwned) `touch pwned2`; touch pwned3 && rm -rf nothing | \x1b[31m' \"red"


async def test_a_site_name_full_of_shell_runs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's own shell script, quoting the variable as it should, gets the name as
    text: none of its shell syntax runs, and the escape code arrives defused."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    script = 'printf "%s" "$KRAFTER_ALERT_SITE" > name.txt'
    reports: list[str] = []
    command = AlertCommand(["/bin/sh", "-c", script], report=reports.append)
    await run_once(command, alert(HOSTILE, site="sk_$(touch pwned4)"))
    assert reports == []
    assert sorted(p.name for p in work.iterdir()) == ["name.txt"]
    assert (work / "name.txt").read_text() == HOSTILE.replace("\x1b", "\ufffd")


async def test_a_failing_command_is_reported() -> None:
    reports: list[str] = []
    fail = "import sys; sys.stderr.write('boom\\n' * 10000); sys.exit(3)"
    command = AlertCommand([sys.executable, "-c", fail], report=reports.append)
    await run_once(command, alert())
    assert len(reports) == 1
    assert reports[0].startswith("The alert command python")
    assert "failed (exit status 3): boom boom" in reports[0]
    assert len(reports[0]) < 400


async def test_a_missing_program_is_reported(tmp_path: Path) -> None:
    reports: list[str] = []
    command = AlertCommand([str(tmp_path / "no-such-program")], report=reports.append)
    await run_once(command, alert())
    assert reports == [
        "The alert command no-such-program could not start: No such file or directory."
    ]


async def test_a_command_that_hangs_is_stopped(tmp_path: Path) -> None:
    reports: list[str] = []
    command = AlertCommand(
        ["/bin/sh", "-c", "sleep 60 & sleep 60"], report=reports.append, timeout=0.5
    )
    await run_once(command, alert())
    assert reports == ["The alert command sh took longer than 0.5 s and was stopped."]


async def test_nothing_the_command_started_outlives_its_timeout(tmp_path: Path) -> None:
    # The shell exits at once, but the sleep it left in the background holds its stderr
    # open: the run times out, and the sleep must go with it (not live on under PID 1).
    reports: list[str] = []
    child = tmp_path / "child.pid"
    command = AlertCommand(
        ["/bin/sh", "-c", f"sleep 120 & echo $! > {child}; exit 0"],
        report=reports.append,
        timeout=0.5,
    )
    await run_once(command, alert())
    assert reports == ["The alert command sh took longer than 0.5 s and was stopped."]
    pid = int(child.read_text())
    try:
        for _ in range(500):  # the kill is sent; its delivery and the reaping take a moment
            if not alive(pid):
                break
            await asyncio.sleep(0.01)
        assert not alive(pid), f"the command's child {pid} outlived the timeout"
    finally:  # a failed check leaves no sleep behind
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, killed and waiting for its reaper, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


async def test_one_run_at_a_time_per_site(tmp_path: Path) -> None:
    reports: list[str] = []
    gate = tmp_path / "gate"
    wait_for_gate = f"import os, time\nwhile not os.path.exists({str(gate)!r}): time.sleep(0.02)"
    command = AlertCommand([sys.executable, "-c", wait_for_gate], report=reports.append)
    try:
        assert command.start(alert())
        assert not command.start(alert())  # the first is still running
        assert command.start(alert(site="sk_other"))
        gate.touch()
        await asyncio.wait_for(command.wait(), 30)
        assert command.start(alert())  # done: may run again
        await asyncio.wait_for(command.wait(), 30)
        assert reports == []
    finally:  # a failed check leaves no program waiting
        gate.touch()
        command.stop()
