"""Answers kept for a while, per selection, so switching back shows them at once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

from krafter_tui.api import Event, Stats
from krafter_tui.feeds.model import Selection

__all__ = ["CACHE_SIZE", "Kept", "ResultCache"]

CACHE_SIZE = 32  # selections kept (each with its stats, events and compared periods)

T = TypeVar("T")


@dataclass(frozen=True)
class Kept(Generic[T]):
    """An answer and when it was fetched."""

    at: datetime
    value: T


@dataclass
class _Answers:
    stats: Kept[Stats] | None = None
    events: Kept[list[Event]] | None = None
    # The compared periods' stats, by base ("previous" or "year").
    compared: dict[str, Kept[Stats]] = field(default_factory=dict)


@dataclass
class ResultCache:
    """The latest stats, events and compared periods' stats of recent selections, kept by
    the poller for switching back (not what the panes are drawn from: that is
    :class:`~krafter_tui.feeds.model.DashboardState`, for the selection on screen).

    Typed per kind; ``clock`` gives the time answers are kept at and their age. The oldest
    selection is dropped beyond ``size``.
    """

    clock: Callable[[], datetime]
    size: int = CACHE_SIZE
    _entries: OrderedDict[tuple[str, str], _Answers] = field(default_factory=OrderedDict)

    def _answers(self, selection: Selection, create: bool = False) -> _Answers | None:
        key = (selection.site.site_key, str(selection.period))
        answers = self._entries.get(key)
        if answers is None and create:
            answers = self._entries[key] = _Answers()
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return answers

    def _young(self, kept: Kept[T] | None, max_age: float) -> Kept[T] | None:
        if kept is None:
            return None
        return kept if (self.clock() - kept.at).total_seconds() < max_age else None

    def stats(self, selection: Selection, max_age: float) -> Kept[Stats] | None:
        """The stats of ``selection`` fetched less than ``max_age`` seconds ago."""
        answers = self._answers(selection)
        return None if answers is None else self._young(answers.stats, max_age)

    def events(self, selection: Selection, max_age: float) -> Kept[list[Event]] | None:
        """The events of ``selection`` fetched less than ``max_age`` seconds ago."""
        answers = self._answers(selection)
        return None if answers is None else self._young(answers.events, max_age)

    def compared(
        self, selection: Selection, base: str, max_age: float, *, breakdown: bool = False
    ) -> Stats | None:
        """The stats of ``selection``'s compared period (``base``: ``previous`` or ``year``)
        fetched within ``max_age``; with ``breakdown``, only an answer that has one."""
        answers = self._answers(selection)
        kept = None if answers is None else self._young(answers.compared.get(base), max_age)
        if kept is None or (breakdown and kept.value.breakdown is None):
            return None
        return kept.value

    def put_stats(self, selection: Selection, stats: Stats) -> None:
        """Keep ``stats``, fetched now."""
        answers = self._answers(selection, create=True)
        assert answers is not None
        answers.stats = Kept(self.clock(), stats)

    def put_events(self, selection: Selection, events: list[Event]) -> None:
        """Keep ``events``, fetched now."""
        answers = self._answers(selection, create=True)
        assert answers is not None
        answers.events = Kept(self.clock(), events)

    def put_compared(self, selection: Selection, base: str, stats: Stats) -> None:
        """Keep the compared period's ``stats`` (``base``: ``previous`` or ``year``)."""
        answers = self._answers(selection, create=True)
        assert answers is not None
        answers.compared[base] = Kept(self.clock(), stats)

    def forget(self, selection: Selection) -> None:
        """Drop everything kept for ``selection`` (a manual refresh wants everything new)."""
        self._entries.pop((selection.site.site_key, str(selection.period)), None)
