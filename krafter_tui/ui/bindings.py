"""Textual's side of the table of commands (``krafter_tui/ui/keys.py``): its bindings and the
footer's levels (the command palette's entries are built in :mod:`krafter_tui.ui.palette`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from textual.binding import Binding, BindingType

from krafter_tui.ui.keys import Command

__all__ = ["bindings", "footer_levels", "key_display"]


@cache
def group(name: str) -> Binding.Group:
    """The footer group called ``name`` (one object per name)."""
    return Binding.Group(name)


def bindings(commands: Iterable[Command]) -> list[BindingType]:
    """A ``Binding`` per command, in the table's order (the footer's)."""
    return [
        Binding(
            command.keys,
            command.action,
            command.description,
            show=command.show,
            priority=command.priority,
            group=group(command.group) if command.group else None,
        )
        for command in commands
    ]


def footer_levels(*tables: Iterable[Command]) -> list[dict[str, Binding.Group]]:
    """For each narrower footer level, the actions that join a larger group there."""
    commands = [command for table in tables for command in table]
    levels: list[dict[str, Binding.Group]] = [
        {} for _ in range(max((len(c.narrow_groups) for c in commands), default=0))
    ]
    for command in commands:
        for level, name in zip(levels, command.narrow_groups, strict=False):
            if name is not None:
                level[command.action] = group(name)
    return levels


def key_display(display: Callable[[Binding], str], command: Command) -> str:
    """The command's keys as the footer shows them (``[``, ``⏎``, ``^q``), " / " between."""
    return " / ".join(display(Binding(key, "")) for key in command.key_list)
