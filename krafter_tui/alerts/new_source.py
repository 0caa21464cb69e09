"""New sources: a referrer or UTM source that starts sending traffic becomes an alert.

No Textual, no record here: the record (:meth:`krafter_tui.record.Record.new_sources`) says
which sources were not seen in its last day and what each sent in the last minutes; the
:class:`NewSourceWatch` keeps those that sent at least the rules' minimum and raises each
(site, source) once a UTC day, as an :class:`~krafter_tui.alerts.alert.Alert` of kind
``new_source`` that the dashboard announces like the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from krafter_tui.alerts.alert import Alert, AlertNews, AlertRules

__all__ = ["NewSourceWatch"]


class NewSourceWatch:
    """The new sources raised today, by site; the one alert on for each site (its mark)."""

    def __init__(self, rules: AlertRules) -> None:
        self.rules = rules
        self._raised: set[tuple[str, str, str, date]] = set()  # site, dimension, source, day
        self._latest: dict[str, Alert] = {}  # site id → the newest new-source alert

    def observe(
        self,
        site_id: str,
        site_name: str,
        at: datetime,
        found: Iterable[tuple[str, str, int]],
    ) -> list[AlertNews]:
        """What the record found for ``site_id`` at ``at``: (dimension, source, visitors in
        the window) of each source not seen in its last day. The news of those that sent at
        least the minimum and were not raised yet today."""
        day = at.astimezone(UTC).date()
        news = []
        for dimension, source, visitors in found:
            if visitors < self.rules.new_source_min:
                continue
            key = (site_id, dimension, source, day)
            if key in self._raised:
                continue
            self._raised.add(key)
            alert = Alert("new_source", site_id, site_name, visitors, 0.0, at, source, dimension)
            self._latest[site_id] = alert
            news.append(AlertNews(alert, visitors=visitors))
        # Yesterday's raises can go: a source is raised again at most once a day.
        self._raised = {key for key in self._raised if key[3] >= day}
        return news

    def active(self, site_id: str, now: datetime) -> Alert | None:
        """The site's new-source alert while it is marked (the rules' window after it)."""
        alert = self._latest.get(site_id)
        if alert is None or now - alert.at >= self.rules.new_source_window:
            return None
        return alert
