"""One browser tab's dashboard process, bounded: :class:`TabProcess`.

What it changes from :class:`textual_serve.app_service.AppService`:

- the command runs without a shell (textual-serve's ``/bin/sh -c`` doubles the processes per
  tab, and killing the shell leaves the dashboard running), as the leader of a process group
  of its own, so ending the tab ends everything it started;
- the terminal size a tab asks for, at the start and on each resize, is clamped to
  :data:`MAX_COLUMNS` × :data:`MAX_ROWS` (a tab asking for 3000×3000 cells would cost the
  dashboard hundreds of MB);
- :meth:`TabProcess.end` asks the dashboard to quit and, if it has not within a grace
  period, kills its process group: a tab that closes leaves no process behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import signal
from asyncio.subprocess import PIPE, Process

from textual_serve.app_service import AppService

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "MIN_COLUMNS", "MIN_ROWS", "TabProcess", "clamp_size"]

#: The largest terminal a tab may ask for (a 4K screen at a small font is about 500 × 150).
MAX_COLUMNS = 500
MAX_ROWS = 200
#: The smallest (a size of 0 or less would break the dashboard's layout maths).
MIN_COLUMNS = 10
MIN_ROWS = 5


def clamp_size(width: int, height: int) -> tuple[int, int]:
    """``width`` × ``height`` cells brought within the bounds above."""
    return (
        min(max(width, MIN_COLUMNS), MAX_COLUMNS),
        min(max(height, MIN_ROWS), MAX_ROWS),
    )


class TabProcess(AppService):
    """The dashboard process of one tab (see the module's docstring)."""

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        # Replaces textual-serve's create_subprocess_shell: same pipes and environment.
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command),
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=environment,
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def start(self, width: int, height: int) -> None:
        """Start the process with a terminal of at most the bounded size."""
        await super().start(*clamp_size(width, height))

    async def set_terminal_size(self, width: int, height: int) -> None:
        """Tell the process the tab's new size, bounded."""
        await super().set_terminal_size(*clamp_size(width, height))

    @property
    def pid(self) -> int | None:
        """The process id (None before it started)."""
        return None if self._process is None else self._process.pid

    async def end(self, grace: float) -> None:
        """Ask the process to quit; after ``grace`` seconds kill its whole process group.
        Returns once the process has ended and its output has been read."""
        process = self._process
        if process is None:
            return
        # Not textual-serve's stop(): it waits for the output to end, forever if the process
        # hangs, and its reader swallows the cancellation a timeout would send it.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(grace):
                await self._download_manager.cancel_app_downloads(
                    app_service_id=self.app_service_id
                )
                await self.send_meta({"type": "quit"})
                await process.wait()
        self._kill_group(process)
        await process.wait()
        if self._task is not None:
            # The output ends with the group; a process that left it (setsid) and kept the
            # pipe is not waited for.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._task, grace)
            self._task = None

    @staticmethod
    def _kill_group(process: Process) -> None:
        """SIGKILL to the process's group: itself (if still running) and whatever it started
        that is still in its group. Right after the leader ended its group id cannot have been
        reused yet while a member lives."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if hasattr(os, "killpg"):
                os.killpg(process.pid, signal.SIGKILL)
            elif process.returncode is None:  # pragma: no cover - Windows: no groups
                process.kill()
