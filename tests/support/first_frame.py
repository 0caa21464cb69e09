"""``python tests/support/first_frame.py ARGS``: ``krafter-tui ARGS`` up to the dashboard's
first frame, then ``MODULES [...]`` (``sys.modules``, sorted, as JSON) on stdout and exit.

The launch is the console script's (``krafter_tui.cli.main(ARGS)``), with the app run headless
at 120x40. Run it in a fresh interpreter, so that nothing else's imports count: the test of
what the first frame imports (tests/ui/test_first_paint_imports.py) and the import benchmark
(benchmarks/bench_imports.py) both do.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

from krafter_tui.cli import launch, main

SIZE = (120, 40)


def watched(load: Callable[[], Callable[..., int]]) -> Callable[[], Callable[..., int]]:
    """``load`` (the CLI's import of the app), then the app patched to report its first
    dashboard frame and quit."""

    def load_and_watch() -> Callable[..., int]:
        run = load()
        import krafter_tui.app as app_module
        from krafter_tui.ui.screens.dashboard import DashboardScreen

        app_class = app_module.KrafterApp
        display, run_app = app_class._display, app_class.run

        def first_frame(self: Any, screen: Any, renderable: Any) -> None:
            display(self, screen, renderable)
            if isinstance(screen, DashboardScreen) and not getattr(self, "seen", False):
                self.seen = True
                print("MODULES " + json.dumps(sorted(sys.modules)), flush=True)
                self.exit(0)

        def headless(self: Any, *args: Any, **kwargs: Any) -> Any:
            return run_app(self, headless=True, size=SIZE)

        app_class._display = first_frame  # type: ignore[method-assign]
        app_class.run = headless  # type: ignore[method-assign]
        return run

    return load_and_watch


if __name__ == "__main__":
    launch._load_run_dashboard = watched(launch._load_run_dashboard)
    sys.exit(main(sys.argv[1:]))
