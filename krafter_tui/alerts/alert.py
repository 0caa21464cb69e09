"""What an alert is and how it reads: :class:`Alert`, :class:`AlertNews`, :class:`AlertRules`.

Plain data (no Textual): the watch in :mod:`krafter_tui.alerts.watch` makes them, the
dashboard shows them, the overview of all sites can show :attr:`Alert.mark` on a site's row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal

__all__ = [
    "ALERT_KINDS",
    "MARKS",
    "SOURCE_WORDS",
    "Alert",
    "AlertKind",
    "AlertNews",
    "AlertRules",
]

AlertKind = Literal["spike", "drop", "zero", "new_source"]
#: The kinds the watch of visitors now raises (a new source comes from the record instead:
#: :mod:`krafter_tui.alerts.new_source`).
ALERT_KINDS: Final[tuple[AlertKind, ...]] = ("spike", "drop", "zero")
#: The mark a pane title or an overview row shows while an alert of that kind is on.
MARKS: Final[dict[AlertKind, str]] = {
    "spike": "▲ spike",
    "drop": "▼ drop",
    "zero": "○ none",
    "new_source": "✦ new source",
}
#: What the record's source dimensions are called in an alert's words.
SOURCE_WORDS: Final = {"referrer": "referrer", "utm_source": "UTM source"}


@dataclass(frozen=True)
class AlertRules:
    """When visitors now are unusual for a site, against its recent baseline.

    The baseline is the median of the site's readings of the last ``window``, leaving out the
    newest ``recent`` (the realtime count's own five minutes, which a change enters first);
    nothing is said until the site's readings go back ``history``. A spike is visitors now at
    least ``spike`` times the baseline, a drop at most ``drop`` times it, each also by at least
    ``min_change`` visitors (so 1 → 3 on a small site is nothing). Zero is no visitors at all
    where the baseline is at least half of ``min_change``. Each must hold for ``hold`` (zero
    for ``zero_hold``) before it is raised, and an alert ends once visitors have been back
    within the rule for ``hold``. After an alert of one kind for a site, the next of that kind
    within ``quiet`` is marked but not announced (no toast, bell or command).

    A new source is a referrer or UTM source the record had not seen in its last
    ``new_source_baseline`` that sent at least ``new_source_min`` visitors in the last
    ``new_source_window``; it is announced once a day per site and source, and marked for
    ``new_source_window``.
    """

    spike: float = 3.0
    drop: float = 0.25
    min_change: int = 10
    quiet: timedelta = timedelta(minutes=30)
    window: timedelta = timedelta(minutes=30)
    recent: timedelta = timedelta(minutes=5)
    history: timedelta = timedelta(minutes=15)
    hold: timedelta = timedelta(minutes=1)
    zero_hold: timedelta = timedelta(minutes=5)
    new_source_min: int = 5
    new_source_window: timedelta = timedelta(minutes=10)
    new_source_baseline: timedelta = timedelta(hours=24)

    @property
    def zero_busy(self) -> float:
        """The baseline from which no visitors at all is unusual."""
        return max(1.0, self.min_change / 2)

    def holds(self, kind: AlertKind, visitors: int, baseline: float) -> bool:
        """Whether ``visitors`` now against ``baseline`` meets the rule of ``kind``."""
        if kind == "spike":
            return visitors >= baseline * self.spike and visitors - baseline >= self.min_change
        if kind == "drop":
            return visitors <= baseline * self.drop and baseline - visitors >= self.min_change
        return visitors == 0 and baseline >= self.zero_busy

    def wait(self, kind: AlertKind) -> timedelta:
        """How long the rule of ``kind`` must hold before it is raised."""
        return self.zero_hold if kind == "zero" else self.hold


@dataclass(frozen=True)
class Alert:
    """An unusual count of visitors now on one site: raised ``at`` with ``visitors`` against
    ``baseline`` (the site's usual count then). ``site_id`` is whatever the watch was given
    (the dashboard gives the site key); ``site_name`` is for people. A new source's alert
    names the ``source`` (the server's text) and its ``dimension`` (``referrer`` or
    ``utm_source``); ``visitors`` is what it sent in the window, ``baseline`` 0."""

    kind: AlertKind
    site_id: str
    site_name: str
    visitors: int
    baseline: float
    at: datetime
    source: str | None = None
    dimension: str | None = None

    @property
    def mark(self) -> str:
        """``▲ spike``, ``▼ drop`` or ``○ none``: for a pane title or an overview row."""
        return MARKS[self.kind]

    @property
    def usual(self) -> str:
        """The baseline in words: ``about 12``."""
        return f"about {self.baseline:,.0f}"

    def headline(self) -> str:
        """The toast's title: ``Spike on Pebble CRM``."""
        what = {
            "spike": "Spike",
            "drop": "Drop",
            "zero": "No visitors",
            "new_source": "New source",
        }[self.kind]
        return f"{what} on {self.site_name}"

    def message(self) -> str:
        """The toast's text: what is unusual, in numbers."""
        if self.kind == "zero":
            return f"No visitors now; usually {self.usual}."
        if self.kind == "new_source":
            what = SOURCE_WORDS.get(self.dimension or "", "source")
            return (
                f"New {what} {self.source}: {self.visitors:,} visitors in the last minutes, "
                "none in the day before."
            )
        times = self.visitors / self.baseline if self.baseline else None
        factor = f" (×{times:.1f})" if times is not None and self.kind == "spike" else ""
        return f"{self.visitors:,} visitors now{factor}; usually {self.usual}."


@dataclass(frozen=True)
class AlertNews:
    """What one reading changed: ``alert`` was raised (or, with ``ended``, is over).

    ``loud``: announce it (toast, bell, the alert command); False for an alert raised again
    within the quiet period of its kind, which only sets the mark (and its end, when it was
    raised so).
    """

    alert: Alert
    ended: bool = False
    loud: bool = True
    visitors: int = 0  # the reading that brought the news
