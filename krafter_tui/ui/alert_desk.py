"""The dashboard's alerts: each realtime reading goes to the :class:`AlertWatch`, and the new
sources the record finds after each stats reading to the :class:`NewSourceWatch`; what they
raise is announced (a toast, the terminal bell, the user's alert command) and marked on the
realtime pane's title while it lasts. The words are the alert's own (alerts/alert.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from textual.screen import Screen

from krafter_tui.alerts.alert import AlertNews, AlertRules
from krafter_tui.api import Site
from krafter_tui.config.options import DashboardOptions
from krafter_tui.feeds.readings import Reading, SiteReadings
from krafter_tui.ui.widgets import RealtimeCounter

if TYPE_CHECKING:
    from krafter_tui.alerts.command import AlertCommand
    from krafter_tui.alerts.marks import AlertMarks

# The watches are imported when a desk is made (alerts on), not with --no-alerts.

__all__ = ["AlertDesk", "Alerting"]

TOAST_SECONDS = 20  # an alert's toast stays this long (the mark stays while the alert lasts)


@dataclass(frozen=True)
class Alerting:
    """The alert settings the dashboard runs with: the rules, the user's command (its
    words; None: none) and the API key, which the command's environment must not get."""

    rules: AlertRules
    command: tuple[str, ...] | None = None
    secret: str | None = None

    @classmethod
    def from_options(cls, options: DashboardOptions, secret: str | None) -> Alerting | None:
        """The settings' alerts (None: alerts are off)."""
        if not options.alerts:
            return None
        rules = AlertRules(
            spike=options.alert_spike,
            drop=options.alert_drop,
            min_change=int(options.alert_min_change),
            quiet=timedelta(minutes=options.alert_quiet),
            new_source_min=int(options.alert_new_source_min),
        )
        return cls(rules, options.alert_command, secret)


class AlertDesk:
    """Feeds the watch from ``screen``'s realtime readings and says what it raises."""

    def __init__(
        self,
        screen: Screen[None],
        alerting: Alerting,
        marks: AlertMarks | None = None,
        readings: SiteReadings | None = None,
    ) -> None:
        self.screen = screen
        self.marks = marks  # the alert marks the All sites rows show
        from krafter_tui.alerts.claim import AlertClaims
        from krafter_tui.alerts.new_source import NewSourceWatch
        from krafter_tui.alerts.watch import AlertWatch

        # The readings it judges: the dashboard's own list, which the realtime pane draws.
        self.watch = AlertWatch(alerting.rules, readings)
        self.sources = NewSourceWatch(alerting.rules)
        self.last_at: datetime | None = None  # the newest reading's time (for the marks)
        self.command: AlertCommand | None = None
        if alerting.command:  # imported only when the user has an alert command
            from krafter_tui.alerts.command import AlertCommand

            self.command = AlertCommand(
                alerting.command, report=self._command_failed, secret=alerting.secret
            )
        # Shared with this user's other dashboards (each browser tab is one): one run per alert.
        self.claims = AlertClaims.for_user(alerting.rules.quiet)

    def reading(self, site: Site, reading: Reading) -> None:
        """``site``'s newest realtime reading (the site on screen; already in the readings)."""
        self.last_at = reading.at
        news = self.watch.judge(site.site_key, site.name, reading)
        if news is not None:
            self._announce(news)
        self.show_mark(site)

    def new_sources(self, site: Site, found: list[tuple[str, str, int]], at: datetime) -> None:
        """What the record found after a stats reading of ``site`` taken ``at``: (dimension,
        source, visitors in the window) of the sources it had not seen in its last day."""
        self.last_at = at
        for news in self.sources.observe(site.site_key, site.name, at, found):
            self._announce(news)
        self.show_mark(site)

    def show_mark(self, site: Site) -> None:
        """The realtime pane's title and ``site``'s row of the All sites overview (kept in
        ``marks`` while that screen is shut): its alert mark, or none (a spike, drop or none
        first, else a new source while it is marked)."""
        alert = self.watch.active(site.site_key)
        if alert is None and self.last_at is not None:
            alert = self.sources.active(site.site_key, self.last_at)
        mark = None if alert is None else alert.mark
        pane = self.screen.query_one(RealtimeCounter)
        pane.show_alert(mark)
        if self.last_at is None:  # no reading yet: nothing learnt
            pane.show_learning((timedelta(0), self.watch.rules.history))
        else:
            pane.show_learning(self.watch.learning(site.site_key, self.last_at))
        if self.marks is not None:
            self.marks.set(site.id, mark)

    def stop(self) -> None:
        """Stop the alert commands still running (the dashboard is closing)."""
        if self.command is not None:
            self.command.stop()

    def _announce(self, news: AlertNews) -> None:
        alert, app = news.alert, self.screen.app
        if not news.loud:
            return
        if news.ended:
            app.notify(
                f"Back to usual: {news.visitors:,} visitors now (usually {alert.usual}).",
                title=alert.site_name,
                timeout=8,
                markup=False,
            )
            return
        app.notify(
            alert.message(),
            title=alert.headline(),
            severity="warning",
            timeout=TOAST_SECONDS,
            markup=False,
        )
        app.bell()
        if self.command is not None and self.claims.claim(alert):
            self.command.start(alert)

    def _command_failed(self, message: str) -> None:
        self.screen.app.notify(message, title="Alert command", severity="error", markup=False)
