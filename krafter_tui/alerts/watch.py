"""The alert watch: visitors-now readings in, spikes, drops and sites gone quiet out.

No Textual and no clock of its own: every reading comes with the time it was taken, so tests
drive hours of readings in a moment. The rules are :class:`~.alert_model.AlertRules`. The
readings are the core's one list (:class:`~krafter_tui.feeds.readings.SiteReadings`, shared
with the realtime pane); the watch keeps only its judgement: which of them count toward a
site's usual visitors, what is on its way to an alert, and the alert.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from krafter_tui.alerts.alert import ALERT_KINDS, Alert, AlertKind, AlertNews, AlertRules
from krafter_tui.feeds.readings import Reading, SiteReadings

__all__ = ["AlertWatch"]

#: Readings the baseline needs at least, besides reaching back far enough.
MIN_READINGS = 3


@dataclass
class _SiteWatch:
    """One site's alert and what is on its way to one."""

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

    def __init__(
        self, rules: AlertRules | None = None, readings: SiteReadings | None = None
    ) -> None:
        self.rules = rules or AlertRules()
        # The readings it judges (the dashboard's, shared with the realtime pane; else its own).
        self.readings = readings if readings is not None else SiteReadings()
        self.readings.keep_at_least(self.rules.window)
        self._sites: dict[str, _SiteWatch] = {}

    def active(self, site_id: str) -> Alert | None:
        """The alert on ``site_id`` now, or None."""
        watch = self._sites.get(site_id)
        return watch.active if watch is not None else None

    def baseline(self, site_id: str, at: datetime) -> float | None:
        """``site_id``'s usual visitors at ``at``: the median of its readings of the window
        less the newest ones; None until its readings reach back far enough."""
        rules = self.rules
        usual = [r for r in self.readings.of(site_id) if r.usual and r.at >= at - rules.window]
        if not usual:
            return None
        if usual[0].at > at - rules.history:
            return None
        older = [r.visitors for r in usual if r.at <= at - rules.recent]
        return statistics.median(older) if len(older) >= MIN_READINGS else None

    def learning(self, site_id: str, at: datetime) -> tuple[timedelta, timedelta] | None:
        """While ``site_id``'s alerts are not armed yet (no baseline at ``at``): how far its
        readings reach back, and how far they must (the rules' ``history``). None once they
        are armed, or while an alert is on."""
        if self.active(site_id) is not None or self.baseline(site_id, at) is not None:
            return None
        rules = self.rules
        usual = [r for r in self.readings.of(site_id) if r.usual and r.at >= at - rules.window]
        reach = at - usual[0].at if usual else timedelta(0)
        return min(max(reach, timedelta(0)), rules.history), rules.history

    def observe(
        self, site_id: str, site_name: str, at: datetime, visitors: int
    ) -> AlertNews | None:
        """Add a reading of ``site_id`` (named ``site_name``) to the readings and judge it."""
        return self.judge(site_id, site_name, self.readings.add(site_id, at, visitors))

    def judge(self, site_id: str, site_name: str, reading: Reading) -> AlertNews | None:
        """The alert ``reading`` of ``site_id`` (the newest of its readings) raises or ends."""
        watch = self._sites.setdefault(site_id, _SiteWatch())
        at, visitors = reading.at, reading.visitors
        earlier = [r for r in self.readings.of(site_id) if r.usual and r is not reading]
        if earlier and at < earlier[-1].at:  # the clock went back: start afresh
            for old in earlier:
                old.usual = False
            watch.since.clear()
        if watch.active is not None:
            reading.usual = False  # unless it is back to usual (see _while_active)
            return self._while_active(watch, site_name, reading)
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
        self, watch: _SiteWatch, site_name: str, reading: Reading
    ) -> AlertNews | None:
        """A reading while an alert is on: against the baseline from before it (a reading
        that meets the alert's rule is no part of what is usual)."""
        at, visitors = reading.at, reading.visitors
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
        reading.usual = True
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
