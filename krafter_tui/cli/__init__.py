"""The ``krafter-tui`` command line: flag parsing and the auth/sites/config commands.

Modules import their heavy dependencies (keyring, httpx, textual, the demo) inside the
functions that need them, so ``--help`` and ``--version`` stay fast.
"""

from krafter_tui.cli.run import main

__all__ = ["main"]
