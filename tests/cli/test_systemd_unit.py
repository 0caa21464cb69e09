"""The documented systemd unit: its main process lives exactly as long as the app in tmux.

No systemd user manager is needed: the test runs the unit's ``ExecStart`` command (read from
docs/wall-screens.md, ``%h`` pointing at a temporary home whose ``krafter-tui`` is a stand-in
script, and the tmux socket renamed so no real session is touched) and watches the main
process, which is what systemd watches to decide the service ended and ``Restart=always``
applies.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

WALL_SCREENS = Path(__file__).resolve().parents[2] / "docs" / "wall-screens.md"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

#: The stand-in app: says it runs, then waits for a stop file and exits 3 (a failure).
FAKE_APP = """#!/bin/sh
echo "$$ $*" > "$APP_MARK"
while [ ! -e "$APP_STOP" ]; do sleep 0.05; done
exit 3
"""


def unit() -> dict[str, str]:
    """The documented unit file as {key: value} (the last of a repeated key wins)."""
    text = WALL_SCREENS.read_text(encoding="utf-8")
    block = re.search(r"```ini\n(# ~/.config/systemd/user/krafter-tui.service\n.*?)```", text, re.S)
    assert block is not None, "docs/wall-screens.md has no krafter-tui.service unit"
    pairs = (line.split("=", 1) for line in block.group(1).splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs}


@dataclass
class Service:
    """The unit's ExecStart running with a stand-in app."""

    main: subprocess.Popen[bytes]
    socket: str
    mark: Path
    stop: Path
    command: Callable[[str], list[str]]

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )

    def wait(self, condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                tree = subprocess.run(["ps", "-ef"], capture_output=True, text=True).stdout
                left = [
                    line
                    for line in tree.splitlines()
                    if self.socket in line or "krafter-tui --kiosk" in line
                ]
                raise AssertionError(f"not within {timeout} s: {what}; {self.tmux('ls')}; {left}")
            time.sleep(0.05)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)
    app = home / ".local" / "bin" / "krafter-tui"
    app.write_text(FAKE_APP, encoding="utf-8")
    app.chmod(0o755)
    socket = f"krafter-test-{uuid.uuid4().hex[:8]}"

    def command(key: str) -> list[str]:
        value = unit()[key].lstrip("-")  # "-": systemd ignores a failure of that command
        value = value.replace("%h", str(home)).replace("-L krafter ", f"-L {socket} ")
        return shlex.split(value)

    env = {**os.environ, "APP_MARK": str(tmp_path / "running"), "APP_STOP": str(tmp_path / "stop")}
    env.pop("TMUX", None)
    main = subprocess.Popen(command("ExecStart"), env=env, start_new_session=True)
    running = Service(main, socket, tmp_path / "running", tmp_path / "stop", command)
    try:
        running.wait(running.mark.exists, "the app started in tmux")
        yield running
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)
        if main.poll() is None:
            main.kill()
        main.wait(timeout=10)


def test_the_unit_restarts_whatever_the_exit_status() -> None:
    settings = unit()
    assert settings["Restart"] == "always"  # tmux's status is 0: on-failure would not restart
    assert settings["Type"] == "simple"  # the main process is ExecStart itself, not a fork


def test_the_main_process_runs_while_the_app_runs(service: Service) -> None:
    assert service.mark.read_text().split()[1:] == ["--kiosk"]
    # Not a timed assertion: past one 2 s check of the session, nothing may have ended.
    time.sleep(2.5)
    assert service.main.poll() is None
    assert service.tmux("has-session", "-t", "krafter").returncode == 0


def test_the_app_exiting_ends_the_main_process(service: Service) -> None:
    service.stop.touch()  # the app exits with status 3
    service.wait(lambda: service.main.poll() is not None, "the main process ended")
    assert service.tmux("has-session").returncode != 0  # no tmux server left behind


def test_the_app_killed_ends_the_main_process(service: Service) -> None:
    pid = int(service.mark.read_text().split()[0])
    os.kill(pid, signal.SIGKILL)
    service.wait(lambda: service.main.poll() is not None, "the main process ended")
    assert service.tmux("has-session").returncode != 0


def test_exec_stop_ends_the_main_process(service: Service) -> None:
    subprocess.run(service.command("ExecStop"), capture_output=True, check=False)
    service.wait(lambda: service.main.poll() is not None, "the main process ended")
    # ExecStartPre clears what a previous run left; with nothing left it fails, ignored ("-").
    assert unit()["ExecStartPre"].startswith("-")
