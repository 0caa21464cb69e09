"""The head start's handover: the client's answers that are already here, without a request.

At launch the first requests are sent on a thread of their own, before the dashboard's client
exists (:mod:`krafter_tui.feeds.head_start`); their raw answers wait in
:class:`~krafter_tui.api.head_start_answers.HeadStartAnswers`. :class:`HeadStartReady` is
the part of :class:`~krafter_tui.api.client.KrafterClient` that takes them: each ``*_ready``
method returns the answer its async twin (:meth:`~krafter_tui.api.client.KrafterClient.stats`
& co.) would give, if it was asked for at launch and has arrived with a 200; else None (and
the async method then asks, or waits). Each answer goes through the same decoding, checks and
rate-budget bookkeeping as any other (:mod:`krafter_tui.api.wire`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from krafter_tui.api.budget import RateBudget
from krafter_tui.api.errors import ApiError
from krafter_tui.api.head_start_answers import HeadStartAnswers
from krafter_tui.api.models import Dimension, Event, Realtime, Site, Stats
from krafter_tui.api.period import Period
from krafter_tui.api.wire import (
    checked_stats,
    count_answer,
    decode_answer,
    site_segment,
    stats_request,
)

__all__ = ["HeadStartReady"]

T = TypeVar("T")


class HeadStartReady:
    """The client's ``*_ready`` methods: the launch's answers, taken once each from ``early``
    (set to None once they are all spent), counted in ``budget``."""

    early: HeadStartAnswers | None
    budget: RateBudget

    def sites_ready(self) -> list[Site] | None:
        """:meth:`list_sites`'s answer, if it is already here."""
        return self._ready("sites", {}, list[Site])

    def stats_ready(
        self, site_key: str, period: Period, dimensions: Iterable[Dimension] = ()
    ) -> Stats | None:
        """:meth:`stats`'s answer, if it is already here."""
        path, params, wanted = stats_request(site_key, period, dimensions)
        stats = self._ready(path, params, Stats)
        try:
            return None if stats is None else checked_stats(stats, wanted)
        except ApiError:
            return None

    def realtime_ready(self, site_key: str) -> Realtime | None:
        """:meth:`realtime`'s answer, if it is already here."""
        return self._ready(f"sites/{site_segment(site_key)}/realtime", {}, Realtime)

    def events_ready(self, site_key: str, period: Period) -> list[Event] | None:
        """:meth:`events`'s answer, if it is already here."""
        return self._ready(
            f"sites/{site_segment(site_key)}/events", period.query_params(), list[Event]
        )

    def _ready(self, path: str, params: dict[str, str], kind: type[T]) -> T | None:
        early = self.early
        if early is None:
            return None
        answer = early.take_ready(path, params)
        if early.spent() and self.early is early:
            self.early = None
        if answer is None:
            return None
        count_answer(self.budget, answer[0], answer[1])
        try:
            return decode_answer(answer[2], kind)
        except ApiError:  # the dashboard asks again, and shows what that brings
            return None
