"""A site's realtime readings have one owner, the core's list (``SiteReadings``): the alert
watch judges the readings in it and keeps only its judgement (which count as usual), and the
list keeps every reading for the realtime pane, those that confirm an alert too."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from krafter_tui.alerts.alert import AlertRules
from krafter_tui.alerts.watch import AlertWatch, _SiteWatch
from krafter_tui.feeds.readings import HISTORY_SPAN, SiteReadings

START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
STEP = timedelta(seconds=10)


def test_the_watch_judges_the_shared_list_and_keeps_no_readings_of_its_own() -> None:
    readings = SiteReadings()
    watch = AlertWatch(readings=readings)
    assert watch.readings is readings
    assert "readings" not in {f.name for f in dataclasses.fields(_SiteWatch)}
    at, kinds = START, []
    for visitors in [10] * 120 + [40] * 24:  # 20 usual minutes, then 4 of a spike
        news = watch.judge("sk_a", "Site A", readings.add("sk_a", at, visitors))
        if news is not None:
            kinds.append(news.alert.kind)
        at += STEP
    assert kinds == ["spike"]
    # The pane draws every reading of the half hour, the spike's too; the baseline is the
    # usual ones only (the readings that confirmed the alert are left out of it).
    drawn = [r.visitors for r in readings.recent("sk_a")]
    assert drawn[-1] == 40 and len(drawn) == 144
    assert not readings.of("sk_a")[-1].usual and readings.of("sk_a")[0].usual
    assert watch.baseline("sk_a", at) == 10


def test_a_longer_alert_window_keeps_readings_longer_but_the_pane_draws_half_an_hour() -> None:
    readings = SiteReadings()
    AlertWatch(AlertRules(window=timedelta(hours=1)), readings)
    at = START
    for _ in range(6 * 50):  # 50 minutes of readings
        readings.add("sk_a", at, 5)
        at += STEP
    assert len(readings.of("sk_a")) == 300
    drawn = readings.recent("sk_a")
    assert drawn[-1].at - drawn[0].at <= HISTORY_SPAN and len(drawn) == 181
