"""The alert watch: visitors-now readings in, spikes, drops and sites gone quiet out.

No Textual and no clock of its own: every reading comes with the time it was taken, so tests
drive hours of readings in a moment. The rules are :class:`~.alert_model.AlertRules`.
"""

from __future__ import annotations

import statistics
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import datetime

from krafter_tui.alerts.alert import ALERT_KINDS, Alert, AlertKind, AlertNews, AlertRules

__all__ = ["AlertWatch"]

#: Readings kept per site at most (a reading a second for the longest window allowed).
MAX_READINGS = 7200
#: Readings the baseline needs at least, besides reaching back far enough.
MIN_READINGS = 3


@dataclass
class _SiteWatch:
    """One site's readings (oldest first), its alert and what is on its way to one."""

    readings: deque[tuple[datetime, int]] = field(
        default_factory=lambda: deque(maxlen=MAX_READINGS)
    )
    active: Alert | None = None
    since: dict[AlertKind, datetime] = field(default_factory=dict)  # rule true since
    back_since: datetime | None = None  # the active alert's rule false since
    announced: dict[AlertKind, datetime] = field(default_factory=dict)  # last loud raise
    loud: bool = False  # the active alert was announced (so its end is too)


class AlertWatch:
    """Keeps each site's recent readings and says when one is unusual (see AlertRules).

    Feed it every reading with :meth:`observe`; :meth:`active` is a site's alert now (None
    when all is usual), for whatever shows sites: the dashboard's pane, the overview's rows.
    """

    def __init__(self, rules: AlertRules | None = None) -> None:
        self.rules = rules or AlertRules()
        self._sites: dict[str, _SiteWatch] = {}

    def active(self, site_id: str) -> Alert | None:
        """The alert on ``site_id`` now, or None."""
        watch = self._sites.get(site_id)
        return watch.active if watch is not None else None

    def baseline(self, site_id: str, at: datetime) -> float | None:
        """``site_id``'s usual visitors at ``at``: the median of its readings of the window
        less the newest ones; None until its readings reach back far enough."""
        watch = self._sites.get(site_id)
        if watch is None or not watch.readings:
            return None
        rules = self.rules
        if watch.readings[0][0] > at - rules.history:
            return None
        older = [v for t, v in watch.readings if at - rules.window <= t <= at - rules.recent]
        return statistics.median(older) if len(older) >= MIN_READINGS else None

    def observe(
        self, site_id: str, site_name: str, at: datetime, visitors: int
    ) -> AlertNews | None:
        """Take a reading of ``site_id`` (named ``site_name``): the alert it raises or ends."""
        watch = self._sites.setdefault(site_id, _SiteWatch())
        readings = watch.readings
        if readings and at < readings[-1][0]:  # the clock went back: start afresh
            readings.clear()
            watch.since.clear()
        while readings and readings[0][0] < at - self.rules.window:
            readings.popleft()
        if watch.active is not None:
            return self._while_active(watch, site_name, at, visitors)
        readings.append((at, visitors))
        baseline = self.baseline(site_id, at)
        if baseline is None:
            watch.since.clear()
            return None
        for kind in ALERT_KINDS:
            if not self.rules.holds(kind, visitors, baseline):
                watch.since.pop(kind, None)
                continue
            since = watch.since.setdefault(kind, at)
            if at - since >= self.rules.wait(kind):
                alert = Alert(kind, site_id, site_name, visitors, baseline, at)
                return self._raise(watch, alert)
        return None

    def _while_active(
        self, watch: _SiteWatch, site_name: str, at: datetime, visitors: int
    ) -> AlertNews | None:
        """A reading while an alert is on: against the baseline from before it (a reading
        that meets the alert's rule is no part of what is usual)."""
        alert = watch.active
        assert alert is not None
        rules = self.rules
        if alert.kind == "drop" and rules.holds("zero", visitors, alert.baseline):
            since = watch.since.setdefault("zero", at)
            if at - since >= rules.zero_hold:  # worse than a drop: nobody at all
                return self._raise(watch, replace(alert, kind="zero", visitors=0, at=at))
        else:
            watch.since.pop("zero", None)
        if rules.holds(alert.kind, visitors, alert.baseline):
            watch.back_since = None
            return None
        watch.readings.append((at, visitors))
        watch.back_since = watch.back_since or at
        if at - watch.back_since < rules.hold:
            return None
        watch.active = watch.back_since = None
        watch.since.clear()
        ended = replace(alert, site_name=site_name)
        return AlertNews(ended, ended=True, loud=watch.loud, visitors=visitors)

    def _raise(self, watch: _SiteWatch, alert: Alert) -> AlertNews:
        last = watch.announced.get(alert.kind)
        loud = last is None or alert.at - last >= self.rules.quiet
        if loud:
            watch.announced[alert.kind] = alert.at
        watch.active, watch.loud = alert, loud
        watch.since.clear()
        watch.back_since = None
        return AlertNews(alert, loud=loud, visitors=alert.visitors)
