"""The user's alert command: run for each announced alert, with its details in variables.

The program and its arguments are the user's own setting, split once when the settings are
read (:func:`krafter_tui.config.check_command`); nothing from the server ever becomes a word of
it, and no shell runs it. The server's text reaches it only as the values of ``KRAFTER_ALERT_*``
variables, cleaned. Its environment is the app's less every ``KRAFTER_*`` variable (the API key
among them) and any variable holding the key. Bounded: at most one at a time per site, stopped
after :data:`COMMAND_TIMEOUT`; a failure is reported, never raised.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC

from krafter_tui.alerts.alert import Alert
from krafter_tui.text.sanitiser import clean_server_text

__all__ = [
    "COMMAND_TIMEOUT",
    "AlertCommand",
    "CommandRun",
    "alert_environment",
    "run_alert_command",
]

log = logging.getLogger("krafter_tui")

COMMAND_TIMEOUT = 30.0  # seconds an alert command may run before it is stopped
_STDERR_KEPT = 300  # characters of a failed command's stderr quoted in the report


def alert_environment(
    alert: Alert, environ: Mapping[str, str], secret: str | None = None
) -> dict[str, str]:
    """The command's environment: ``environ`` less ``KRAFTER_*`` and anything holding
    ``secret`` (the API key), plus the alert's details."""
    kept = {
        name: value
        for name, value in environ.items()
        if not name.upper().startswith("KRAFTER_") and not (secret and secret in value)
    }
    at = alert.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    kept.update(
        KRAFTER_ALERT_KIND=alert.kind,
        KRAFTER_ALERT_SITE=clean_server_text(alert.site_name),
        KRAFTER_ALERT_SITE_ID=clean_server_text(alert.site_id),
        KRAFTER_ALERT_VISITORS=str(alert.visitors),
        KRAFTER_ALERT_BASELINE=f"{alert.baseline:g}",
        KRAFTER_ALERT_AT=at,
        KRAFTER_ALERT_MESSAGE=clean_server_text(f"{alert.headline()}: {alert.message()}", 500),
    )
    if alert.source is not None:  # a new source: which one (the server's text, cleaned)
        kept["KRAFTER_ALERT_SOURCE"] = clean_server_text(alert.source)
        kept["KRAFTER_ALERT_SOURCE_KIND"] = alert.dimension or ""
    return kept


class AlertCommand:
    """Runs ``words`` (the program, then its arguments) for an alert, in the background.

    ``report`` receives one sentence when a run fails (it did not start, exited non-zero or
    timed out); ``secret`` is the API key, kept out of the command's environment.
    """

    def __init__(
        self,
        words: Sequence[str],
        *,
        report: Callable[[str], None],
        secret: str | None = None,
        timeout: float = COMMAND_TIMEOUT,
    ) -> None:
        self.words = tuple(words)
        self.report = report
        self.secret = secret
        self.timeout = timeout
        self._running: dict[str, asyncio.Task[None]] = {}

    def start(self, alert: Alert) -> bool:
        """Run the command for ``alert`` on the running loop; False (and nothing run) while
        the one for the same site is still running."""
        running = self._running.get(alert.site_id)
        if running is not None and not running.done():
            log.warning("alert command for %s still running: not run again", alert.site_id)
            return False
        self._running[alert.site_id] = asyncio.get_running_loop().create_task(self._run(alert))
        return True

    async def wait(self) -> None:
        """Wait until every run started so far has ended."""
        await asyncio.gather(*self._running.values(), return_exceptions=True)

    def stop(self) -> None:
        """Stop every run (the app is closing)."""
        for task in self._running.values():
            task.cancel()

    async def _run(self, alert: Alert) -> None:
        try:
            problem = await self._execute(alert)
        except Exception as error:  # a bug here must not take the dashboard down
            log.exception("alert command crashed")
            problem = f"could not run ({type(error).__name__})"
        if problem is not None:
            name = clean_server_text(os.path.basename(self.words[0]), 60)
            message = f"The alert command {name} {problem}."
            log.warning("%s", message)
            self.report(message)

    async def _execute(self, alert: Alert) -> str | None:
        run = await run_alert_command(self.words, alert, secret=self.secret, timeout=self.timeout)
        return run.problem


@dataclass(frozen=True)
class CommandRun:
    """What one run of the alert command did: its exit ``status`` (None: it did not start or
    was stopped), the ``seconds`` it took, the end of its ``stderr`` (as it wrote it: clean it
    before showing it) and, when it did not succeed, the ``problem`` in words."""

    status: int | None
    seconds: float
    stderr: str = ""
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the command ran and exited with status 0."""
        return self.problem is None


async def run_alert_command(
    words: Sequence[str],
    alert: Alert,
    *,
    secret: str | None = None,
    timeout: float = COMMAND_TIMEOUT,
) -> CommandRun:
    """Run ``words`` once for ``alert`` (its details in ``KRAFTER_ALERT_*`` variables, no
    shell), stopped with whatever it started after ``timeout`` seconds."""
    env = alert_environment(alert, os.environ, secret)
    started = time.monotonic()
    try:
        process = await asyncio.create_subprocess_exec(
            *words,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
    except OSError as error:
        problem = f"could not start: {error.strerror or error}"
        return CommandRun(None, time.monotonic() - started, problem=problem)
    stderr = b""
    try:
        async with asyncio.timeout(timeout):
            stderr = await _drain(process.stderr)
            status = await process.wait()
    except TimeoutError:
        _kill(process)
        await process.wait()
        problem = f"took longer than {timeout:g} s and was stopped"
        return CommandRun(None, time.monotonic() - started, problem=problem)
    except asyncio.CancelledError:
        _kill(process)
        raise
    seconds = time.monotonic() - started
    said = stderr.decode(errors="replace")
    if status == 0:
        return CommandRun(0, seconds, said)
    quoted = clean_server_text(said, _STDERR_KEPT)
    problem = f"failed (exit status {status})" + (f": {quoted}" if quoted else "")
    return CommandRun(status, seconds, said, problem)


async def _drain(stream: asyncio.StreamReader | None) -> bytes:
    """Read ``stream`` to its end, keeping only its last bytes (memory stays bounded; a
    program says what went wrong last, as a Python traceback does)."""
    kept = b""
    while stream is not None and (chunk := await stream.read(4096)):
        kept = (kept + chunk)[-_STDERR_KEPT * 4 :]
    return kept


def _kill(process: asyncio.subprocess.Process) -> None:
    """Kill the command and whatever it started (it leads a process group of its own).

    The group is killed even when the command itself has already exited: ``sh -c 'sleep 120
    &'`` leaves its sleep in the group, holding stderr open, and that sleep must not outlive
    the run. (The group's id stays reserved while any member lives, so it names no stranger.)
    """
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        elif process.returncode is None:  # pragma: no cover - Windows
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass  # the whole group is gone already
