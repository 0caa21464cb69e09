"""What declaring one setting says: :class:`Spec` (its default, kind, variable, keys, flag and
help), :func:`setting` (a :class:`~krafter_tui.config.schema.Settings` field declared by a spec)
and :class:`Setting` (an effective value and where it came from). The declarations themselves
are in :mod:`.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from krafter_tui.config.kinds import Kind

__all__ = ["FlagGroup", "Setting", "Spec", "setting"]

T = TypeVar("T")
#: Which block of ``--help`` a flag is in (connection flags are on every command that calls
#: the API; dashboard and kiosk flags on the dashboard and ``config show``).
FlagGroup = Literal["connection", "dashboard", "kiosk"]


@dataclass(frozen=True)
class Spec:
    """One setting's declaration (``name`` is filled in from its ``Settings`` field).

    ``file``: a top-level key of ``config.toml``; ``profile_table``: also a key of
    ``[profiles.NAME]``. ``help``: the flag's help; ``env_help``: the variable's line in
    ``--help`` (None: the variable is listed with those that work like their flag);
    ``file_hint``: what follows the key in ``--help``'s settings-file paragraph. ``unset``:
    what ``config show`` prints for None. ``kiosk_only``: only used in kiosk mode (its flag
    without kiosk mode is an error); ``kiosk_default``: the default while kiosk mode is on.
    """

    kind: Kind
    default: Any
    env: str | None = None
    file: bool = False
    profile_table: bool = False
    flag: str | None = None
    flag_group: FlagGroup = "dashboard"
    metavar: str | None = None
    help: str | None = None
    env_help: str | None = None
    file_hint: str = ""
    unset: str = "(none)"
    kiosk_only: bool = False
    kiosk_default: Any = None
    name: str = ""

    @property
    def dest(self) -> str:
        """The flag's attribute on argparse's namespace (``--api-url``: ``api_url``)."""
        if self.flag is None:
            raise ValueError(f"setting {self.name!r} has no flag")
        return self.flag.removeprefix("--").replace("-", "_")


def setting(**spec: Any) -> Any:
    """A ``Settings`` field declared by :class:`Spec` keywords."""
    return field(metadata={"spec": Spec(**spec)})


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One effective value and where it came from (``flag --x``, ``env X``, ``file``, ...)."""

    value: T
    source: str
