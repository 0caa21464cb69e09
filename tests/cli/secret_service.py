"""A private D-Bus session bus with an unlocked gnome-keyring Secret Service, for tests.

:func:`running_secret_service` starts ``dbus-daemon`` (own config: no service activation, so
nothing else can be spawned on the bus) and ``gnome-keyring-daemon --foreground --unlock
--components=secrets`` with every XDG directory and ``HOME`` in a throw-away directory, waits
until the default collection answers unlocked, yields the bus address and, on exit, stops
both processes and removes the directory. The real home and any desktop keyring are never
touched.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["INSTALL_HINT", "TOOLS", "SecretServiceError", "missing_tools", "running_secret_service"]

TOOLS = ("dbus-daemon", "gnome-keyring-daemon")
INSTALL_HINT = "apt-get install gnome-keyring dbus"
KEYRING_PASSWORD = b"pw"

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SecretServiceError(RuntimeError):
    """The private session bus or the keyring daemon did not come up."""


def missing_tools() -> list[str]:
    """The daemons from :data:`TOOLS` that are not on PATH."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _read_line(proc: subprocess.Popen[bytes], deadline: float) -> str:
    """The first line ``proc`` writes to stdout, within the deadline."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    data = b""
    while b"\n" not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise SecretServiceError("dbus-daemon did not print its address in time")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            chunk = os.read(fd, 4096)
            if not chunk:
                raise SecretServiceError(f"dbus-daemon exited (status {proc.wait()})")
            data += chunk
    return data.split(b"\n", 1)[0].decode().strip()


def _probe(address: str) -> str | None:
    """None once the default collection exists and is unlocked, else what is missing."""
    import secretstorage
    from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
    from secretstorage.exceptions import SecretStorageException

    try:
        with contextlib.closing(open_dbus_connection(address)) as conn:
            if not secretstorage.check_service_availability(conn):
                return "org.freedesktop.secrets is not on the bus yet"
            # Collection() (unlike get_default_collection) never creates or prompts.
            if secretstorage.Collection(conn).is_locked():
                return "the default collection is locked"
    except (OSError, SecretStorageException) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    if proc.stdout is not None:
        proc.stdout.close()


def _log_tail(path: Path) -> str:
    with contextlib.suppress(OSError):
        text = path.read_text(errors="replace").strip()
        return " | ".join(text.splitlines()[-5:]) or "(no output)"
    return "(no log)"


@contextlib.contextmanager
def running_secret_service(timeout: float = 20.0) -> Iterator[str]:
    """Start the bus and the keyring daemon; yield the bus address; stop both afterwards."""
    root = Path(tempfile.mkdtemp(prefix="krafter-secrets-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
        for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            env[name] = str(root / name.lower())
            Path(env[name]).mkdir()
        env["XDG_RUNTIME_DIR"] = str(root / "run")
        (root / "run").mkdir(mode=0o700)

        config = root / "bus.conf"
        config.write_text(_BUS_CONFIG.format(socket=root / "run" / "bus"), encoding="utf-8")
        deadline = time.monotonic() + timeout
        bus = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        processes.append(bus)
        address = _read_line(bus, deadline)
        env["DBUS_SESSION_BUS_ADDRESS"] = address

        log = root / "gnome-keyring.log"
        with log.open("wb") as log_file:
            daemon = subprocess.Popen(
                ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                stdin=subprocess.PIPE,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env=env,
            )
        processes.append(daemon)
        assert daemon.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # it died at once: reported below
            daemon.stdin.write(KEYRING_PASSWORD)  # --unlock reads the password up to EOF
            daemon.stdin.close()

        while (problem := _probe(address)) is not None:
            if daemon.poll() is not None:
                raise SecretServiceError(
                    f"gnome-keyring-daemon exited (status {daemon.returncode}): {_log_tail(log)}"
                )
            if time.monotonic() > deadline:
                raise SecretServiceError(
                    f"the Secret Service was not ready after {timeout:g}s ({problem}); "
                    f"gnome-keyring-daemon said: {_log_tail(log)}"
                )
            time.sleep(0.05)
        yield address
    finally:
        for proc in reversed(processes):
            _stop(proc)
        shutil.rmtree(root, ignore_errors=True)
