"""One alert command per alert among this user's dashboards: dashboards in separate processes
(browser tabs of ``krafter-tui serve``) racing to claim the same alert, one wins; another
site, another kind, or the same alert after the window, is claimed anew."""

from __future__ import annotations

import fcntl
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from krafter_tui.alerts.alert import Alert, AlertKind
from krafter_tui.alerts.claim import MIN_CLAIM, AlertClaims

AT = datetime(2026, 11, 26, 15, 4, 5, tzinfo=UTC)
QUIET = timedelta(minutes=30)

#: A dashboard process: waits for the gate (so all race at once), claims, prints the answer.
RACER = """
import os, sys, time
from datetime import datetime, timedelta
from pathlib import Path
from krafter_tui.alerts.claim import AlertClaims
from krafter_tui.alerts.alert import Alert
folder, gate, at = Path(sys.argv[1]), Path(sys.argv[2]), datetime.fromisoformat(sys.argv[3])
claims = AlertClaims(folder, timedelta(minutes=30))
while not gate.exists():
    time.sleep(0.005)
print(claims.claim(Alert("spike", "sk_pbl7c2m9x4qa", "Pebble CRM", 48, 12.0, at)))
"""


def alert(kind: AlertKind = "spike", site: str = "sk_pbl7c2m9x4qa", at: datetime = AT) -> Alert:
    return Alert(kind, site, "Pebble CRM", 48, 12.0, at)


def test_of_dashboards_racing_for_one_alert_one_runs_the_command(tmp_path: Path) -> None:
    gate = tmp_path / "go"
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(tmp_path / "claims"), str(gate), AT.isoformat()],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    gate.touch()
    answers = [racer.communicate(timeout=60)[0].strip() for racer in racers]
    assert sorted(answers) == ["False"] * 7 + ["True"]


def test_the_same_alert_seen_later_by_another_dashboard_is_not_run_again(
    tmp_path: Path,
) -> None:
    first, second = AlertClaims(tmp_path, QUIET), AlertClaims(tmp_path, QUIET)
    assert first.claim(alert())
    # Another tab raises it a few readings later (or its clock is a little behind).
    assert not second.claim(alert(at=AT + timedelta(seconds=40)))
    assert not second.claim(alert(at=AT - timedelta(seconds=5)))
    # Another site, another kind: their own claims.
    assert second.claim(alert(site="sk_other"))
    assert second.claim(alert(kind="drop"))
    # The same alert again once the quiet time has passed: announced, so run, once.
    later = AT + QUIET + timedelta(minutes=1)
    assert second.claim(alert(at=later))
    assert not first.claim(alert(at=later))


def test_no_quiet_time_still_runs_one_command_per_alert(tmp_path: Path) -> None:
    first, second = AlertClaims(tmp_path, timedelta(0)), AlertClaims(tmp_path, timedelta(0))
    assert first.claim(alert())
    assert not second.claim(alert(at=AT + timedelta(seconds=30)))
    assert second.claim(alert(at=AT + MIN_CLAIM))


def test_a_site_id_full_of_path_tricks_stays_in_the_folder(tmp_path: Path) -> None:
    claims = AlertClaims(tmp_path / "claims", QUIET)
    assert claims.claim(alert(site="../../../etc/passwd\x00"))
    assert [p.parent for p in tmp_path.rglob("*.claim")] == [tmp_path / "claims"]


def test_a_claim_waits_for_another_dashboard_claiming_the_same_alert(tmp_path: Path) -> None:
    """Another dashboard holds the claim's lock, mid-claim: this one waits for it, then reads
    the claim it wrote (without the lock, both would read "no claim yet" and both run)."""
    folder, gate = tmp_path / "claims", tmp_path / "go"
    folder.mkdir()
    gate.touch()
    with open(folder / AlertClaims._name(alert()), "w", encoding="ascii") as other:
        fcntl.flock(other, fcntl.LOCK_EX)
        racer = subprocess.Popen(
            [sys.executable, "-c", RACER, str(folder), str(gate), AT.isoformat()],
            stdout=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while racer.poll() is None and not waiting_for_a_lock(racer.pid):
            assert time.monotonic() < deadline, "the racer neither waited nor ended"
            time.sleep(0.02)
        other.write(f"{AT.timestamp()}\n")  # the other dashboard's claim, then its unlock
    assert racer.communicate(timeout=60)[0].strip() == "False"


def waiting_for_a_lock(pid: int) -> bool:
    """Whether process ``pid`` is blocked waiting for a file lock (Linux: /proc/locks)."""
    blocked = [line for line in Path("/proc/locks").read_text().splitlines() if "->" in line]
    return any(line.split()[5] == str(pid) for line in blocked)
