"""The new-source watch: a source the record had not seen sends at least the minimum, and is
raised once a day per site and source; its alert command gets the source, cleaned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from krafter_tui.alerts.alert import AlertRules
from krafter_tui.alerts.command import alert_environment
from krafter_tui.alerts.new_source import NewSourceWatch

MOMENT = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


def test_the_watch_raises_a_source_once_a_day_and_only_from_the_minimum() -> None:
    watch = NewSourceWatch(AlertRules(new_source_min=5))
    at = MOMENT
    assert watch.observe("sk", "Site", at, [("referrer", "a.example", 4)]) == []
    [news] = watch.observe("sk", "Site", at, [("referrer", "a.example", 5)])
    assert news.alert.kind == "new_source" and news.alert.source == "a.example"
    assert (
        watch.observe("sk", "Site", at + timedelta(hours=1), [("referrer", "a.example", 9)]) == []
    )
    assert watch.active("sk", at + timedelta(minutes=5)) is not None
    assert watch.active("sk", at + timedelta(minutes=10)) is None
    next_day = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert len(watch.observe("sk", "Site", next_day, [("referrer", "a.example", 5)])) == 1


def test_the_command_gets_the_kind_and_the_source_cleaned() -> None:
    watch = NewSourceWatch(AlertRules())
    hostile = "evil.example\x1b]0;owned\x07\n[bold]"
    [news] = watch.observe("sk", "Site", MOMENT, [("utm_source", hostile, 7)])
    env = alert_environment(news.alert, {"PATH": "/bin", "KRAFTER_API_TOKEN": "secret"})
    assert env["KRAFTER_ALERT_KIND"] == "new_source"
    assert env["KRAFTER_ALERT_SOURCE_KIND"] == "utm_source"
    assert "\x1b" not in env["KRAFTER_ALERT_SOURCE"] and "\x07" not in env["KRAFTER_ALERT_SOURCE"]
    assert env["KRAFTER_ALERT_SOURCE"].startswith("evil.example")
    assert env["KRAFTER_ALERT_VISITORS"] == "7"
    assert "KRAFTER_API_TOKEN" not in env
    assert news.alert.headline() == "New source on Site"
    assert "UTM source" in news.alert.message()
