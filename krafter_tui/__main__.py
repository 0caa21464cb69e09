"""Entry point: ``python -m krafter_tui`` and the ``krafter-tui`` console script."""

from __future__ import annotations

from krafter_tui.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(main())
