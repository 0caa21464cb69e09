"""The footer: every key of the screen and the app, in groups as large as the width needs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import groupby

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

from krafter_tui.ui.widgets.fitting import fitting_size

__all__ = ["FooterLevel", "KeyFooter"]

FooterLevel = Mapping[str, Binding.Group | None]
"""Actions regrouped at one footer level: action → the group it joins there."""

Entry = tuple[Binding.Group | None, list[ActiveBinding]]


class KeyFooter(Footer):
    """Textual's footer, showing every active key (none is cut off at the right edge).

    Keys keep their declared order (Textual's own footer puts a priority key, such as Enter,
    first and away from its group). Where the declared groups do not fit, the first of
    ``levels`` that fits regroups keys into larger named groups (``m d D o / ⏎ Panes``): the
    footer then names groups rather than each key, the help screen says what each one does.
    """

    PALETTE = "command_palette"

    def __init__(self, *, levels: Sequence[FooterLevel] = (), compact: bool = False) -> None:
        super().__init__(compact=compact)
        self.levels: list[FooterLevel] = [{}, *levels]
        self.level = 0
        self._composed: tuple[object, ...] = ()  # what the last compose showed

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Textual's footer composes itself again whenever the screen's bindings may have
        changed (focus moves, an action is enabled): here only when what it shows did, since
        every recompose lays out the whole screen again (at launch, twice after the data)."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def show_keys(self) -> None:
        """Compose the keys now, once the screen has composed what they act on (awaited in
        its on_mount, before its first layout): Textual's footer waits for the screen's
        first paint, and paints once more. A change of focus that changes the keys still
        recomposes them."""
        self._bindings_ready = True
        with self._context():  # composed as the footer's own (its keys bind to its data)
            await self._recompose_if_changed()

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._shown() != self._composed:
            await self.recompose()

    def _shown(self) -> tuple[object, ...]:
        """What :meth:`compose` would show now: the keys, their groups and states."""
        if not self._bindings_ready:
            return ()
        level = self._fitting_level() if fitting_size(self).width else self.level
        entries = tuple(
            (
                group.description if group is not None else None,
                tuple(
                    (a.binding.action, self.app.get_key_display(a.binding), a.enabled, a.tooltip)
                    for a in items
                ),
            )
            for group, items in self._entries(level)
        )
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        shown = (palette.enabled if palette is not None else None, self.app.use_command_palette)
        return (level, entries, shown, self.show_command_palette)

    def on_resize(self) -> None:
        """Regroup for the new width when another level is needed."""
        level = self._fitting_level()
        if level != self.level:
            self.level = level
            self.refresh(recompose=True)

    def _fitting_level(self) -> int:
        width = fitting_size(self).width
        for index in range(len(self.levels)):
            if self._width(index) <= width:
                return index
        return len(self.levels) - 1

    def _active(self) -> list[ActiveBinding]:
        declared = [
            b for b in (*self.screen.BINDINGS, *self.app.BINDINGS) if isinstance(b, Binding)
        ]
        # By action: Textual keeps copies of the declared bindings, one per key.
        rank = {b.action: index for index, b in reversed(list(enumerate(declared)))}
        seen: set[str] = set()
        active = []
        for item in self.screen.active_bindings.values():
            action = item.binding.action
            shown = item.binding.show or action == self.PALETTE
            if shown and action not in seen:  # one entry per action, whatever its keys
                seen.add(action)
                active.append(item)
        active.sort(key=lambda a: rank.get(a.binding.action, len(rank)))
        return active

    def _entries(self, level: int) -> list[Entry]:
        regroup = self.levels[level]
        items = self._active()
        if self.PALETTE not in regroup:  # Textual's place for it: docked at the right
            items = [a for a in items if a.binding.action != self.PALETTE]
        entries: list[Entry] = []
        for group, members in groupby(
            items, lambda a: regroup.get(a.binding.action, a.binding.group)
        ):
            entries.append((group, list(members)))
        return entries

    def _width(self, level: int) -> int:
        """Cells the keys of ``level`` take as Textual's footer draws them (not compact)."""
        width = 0
        entries = self._entries(level)
        for group, items in entries:
            keys = [self.app.get_key_display(a.binding) for a in items]
            if group is not None and len(items) > 1:
                # " w t l c Period ": the keys' outer margins, the label's right margin.
                width += cell_len(" ".join(keys)) + cell_len(group.description) + 3
            else:  # " m Metric ": the key's padding, the description's right padding
                width += sum(
                    cell_len(k) + cell_len(a.binding.description) + 3
                    for k, a in zip(keys, items, strict=True)
                )
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if self.PALETTE not in self.levels[level]:
            if palette is not None and self.app.use_command_palette:
                key = self.app.get_key_display(palette.binding)
                width += cell_len(key) + cell_len(palette.binding.description) + 3
        elif entries and entries[-1][0] is not None and len(entries[-1][1]) > 1:
            width -= 1  # the last label's right margin may fall off the edge
        return width

    def compose(self) -> ComposeResult:
        """The keys of the current level, grouped, in declared order."""
        self._composed = self._shown()
        if not self._bindings_ready:
            return
        self.level = self._fitting_level() if fitting_size(self).width else self.level
        for group, items in self._entries(self.level):
            if group is not None and len(items) > 1:
                with KeyGroup(classes="-compact" if group.compact else ""):
                    yield from self._keys(items, grouped=True)
                yield FooterLabel(group.description)
            else:
                yield from self._keys(items, grouped=False)
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if (
            self.PALETTE not in self.levels[self.level]
            and self.show_command_palette
            and self.app.use_command_palette
            and palette is not None
        ):
            binding = palette.binding
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not palette.enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def _keys(self, items: list[ActiveBinding], *, grouped: bool) -> Iterator[FooterKey]:
        for item in items:
            binding = item.binding
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                "" if grouped else binding.description,
                binding.action,
                disabled=not item.enabled,
                tooltip=(item.tooltip or binding.description) if grouped else item.tooltip,
                classes="-grouped" if grouped else "",
            )
            yield key.data_bind(compact=Footer.compact)
