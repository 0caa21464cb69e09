"""Probe (child process): the real krafter-tui on a real terminal, watched from inside.

``python probe_app.py MODE API_URL [ARGS]``, started by the harness on a pty. The dashboard is
launched the way a user launches it (``krafter_tui.cli.main(["--api-url", URL])`` with
``KRAFTER_API_TOKEN`` set), except in ``memory`` mode, which builds the app directly to set
very short intervals.

This module imports neither Textual nor the app: the launch's early requests
(``krafter_tui/feeds/head_start.py``) leave while the app is imported, as for a user. The
watcher (``probe_watch.py``: the modes, what each reports) is attached once the CLI has
imported the app, just before it runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from probe_common import PROFILE, TIMELINE_ON, mark, report


def mark_early_requests() -> None:
    """Timeline marks for the early requests: sent, answered (on their thread), taken."""
    from krafter_tui.api import head_start_answers as head_start

    def name(path: str, params: Any) -> str:
        last = path.rsplit("/", 1)[-1]
        return "previous" if last == "stats" and "dimensions" not in params else last

    answers = head_start.HeadStartAnswers
    expect, put, take = answers.expect, answers.put, answers.take

    def expected(self: Any, path: str, params: Any) -> None:
        mark(f"early: sent {name(path, params)}")
        expect(self, path, params)

    def answered(self: Any, path: str, params: Any, answer: Any) -> None:
        mark(f"early: answered {name(path, params)}")
        put(self, path, params, answer)

    async def taken(self: Any, path: str, params: Any) -> Any:
        answer = await take(self, path, params)
        mark(f"{'taken' if answer is not None else 'not taken'}: early {name(path, params)}")
        return answer

    answers.expect = expected  # type: ignore[method-assign]
    answers.put = answered  # type: ignore[method-assign]
    answers.take = taken  # type: ignore[method-assign]


def launch_cli(api_url: str, mode: str, rest: list[str]) -> int:
    """Run ``krafter-tui --api-url API_URL``, with the watcher for ``mode`` attached once the
    CLI has imported the app."""
    from krafter_tui.cli import launch, main

    load = launch._load_run_dashboard

    def load_and_watch() -> Callable[..., int]:
        run = load()
        import probe_watch

        probe_watch.watch(lambda app: probe_watch.FLOWS[mode](app, rest))
        return run

    launch._load_run_dashboard = load_and_watch
    try:
        return main(["--api-url", api_url])
    finally:
        PROFILE.stop()


def main() -> int:
    """Dispatch on the mode in ``sys.argv``."""
    mode, api_url, *rest = sys.argv[1:]
    if mode == "memory":
        from probe_memory import run_memory

        return run_memory(api_url, int(rest[0]))
    if mode not in ("launch", "idle", "switch", "render"):
        raise SystemExit(f"unknown mode {mode!r}")
    if TIMELINE_ON:
        mark_early_requests()
    return launch_cli(api_url, mode, rest)


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except Exception as error:
        report("ERROR", repr(error))
        raise
