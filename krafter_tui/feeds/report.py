"""What the poller hands down for the status line, the pane marks and the banner.

The words (:mod:`krafter_tui.feeds.words`) and the screen read this snapshot, made by
:meth:`~krafter_tui.feeds.poller.Poller.report`, rather than reaching into the poller, its
client or the rate budget.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from krafter_tui.feeds.model import Compare, Feed
from krafter_tui.feeds.schedule import FeedHealth

__all__ = ["FeedsReport"]


@dataclass(frozen=True)
class FeedsReport:
    """The feeds' standing at one moment.

    ``budget`` is the rate budget's own words (``87/100 req left``, counting down while rate
    limited); ``shared_down`` says the shared cache cannot be used; ``compare`` is the
    comparison drawn; ``feeds`` each feed's health, ``sites`` the site list's; ``selected``
    whether a selection is on screen (else the site list's first answer is awaited);
    ``not_recording`` the record's ``not recording: <reason>`` when it stopped. Read at
    once: the health records are the poller's own, not copies.
    """

    budget: str
    shared_down: bool
    compare: Compare
    feeds: Mapping[Feed, FeedHealth]
    sites: FeedHealth
    selected: bool
    not_recording: str | None = None
