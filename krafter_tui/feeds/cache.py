"""Answers kept for a while, per selection, so switching back shows them at once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

from krafter_tui.api import Event, Stats, Totals
from krafter_tui.feeds.model import Selection

__all__ = ["CACHE_SIZE", "Kept", "ResultCache"]

CACHE_SIZE = 32  # selections kept (each with its stats, events and previous totals)

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
    previous: Kept[Totals] | None = None


@dataclass
class ResultCache:
    """The latest stats, events and previous-period totals of recent selections.

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

    def previous(self, selection: Selection, max_age: float) -> Totals | None:
        """The previous period's totals of ``selection``, if fetched within ``max_age``."""
        answers = self._answers(selection)
        kept = None if answers is None else self._young(answers.previous, max_age)
        return None if kept is None else kept.value

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

    def put_previous(self, selection: Selection, totals: Totals) -> None:
        """Keep the previous period's ``totals``, fetched now."""
        answers = self._answers(selection, create=True)
        assert answers is not None
        answers.previous = Kept(self.clock(), totals)

    def forget(self, selection: Selection) -> None:
        """Drop everything kept for ``selection`` (a manual refresh wants everything new)."""
        self._entries.pop((selection.site.site_key, str(selection.period)), None)
