"""The optional parts of an installation: the servers (``[web]``) and the Redis cache
(``[redis]``). The base install carries the dashboard and its ``--demo``; a command that needs
an extra this installation lacks says, in one line, the command that installs it (exit 2).
"""

from __future__ import annotations

import importlib
from typing import Final

from krafter_tui.cli.common import CliError

__all__ = [
    "EXTRAS",
    "install_hint",
    "missing_extra",
    "require_extra",
    "require_shared_cache",
]

#: Each extra and the modules of ours that need it: a missing one of these means the extra.
EXTRAS: Final = {
    "web": ("textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2", "uvicorn"),
    "redis": ("redis",),
}


def install_hint(extra: str) -> str:
    """The command that installs ``extra`` into this installation."""
    return f"pip install 'krafter-tui[{extra}]'"


def missing_extra(what: str, extra: str, exc: ImportError) -> CliError:
    """The one-line error (exit 2) for ``what``, which needs ``extra``, failing on ``exc``."""
    module = (exc.name or "").partition(".")[0] or "a module"
    return CliError(
        f"{what} needs the optional {extra!r} packages ({module} is not installed): "
        f"{install_hint(extra)}",
        2,
    )


def require_extra(what: str, extra: str, modules: tuple[str, ...] | None = None) -> None:
    """Import ``extra``'s modules (or just ``modules`` of them), or raise
    :func:`missing_extra`'s error for ``what``."""
    for name in EXTRAS[extra] if modules is None else modules:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise missing_extra(what, extra, exc) from None


def require_shared_cache(url: str | None) -> None:
    """A ``redis://`` (or ``rediss://``) shared cache needs the ``[redis]`` extra."""
    if url is not None and url.strip().lower().startswith(("redis://", "rediss://")):
        require_extra("a Redis shared cache (redis://)", "redis")
