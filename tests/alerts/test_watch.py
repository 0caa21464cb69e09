"""The alert watch on readings at a manual clock: which changes of visitors now raise an
alert, which do not (small sites, blips, too little history), when one ends, and the quiet
period after one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from krafter_tui.alerts.alert import AlertNews, AlertRules
from krafter_tui.alerts.watch import AlertWatch
from krafter_tui.config import SPECS

START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
STEP = timedelta(seconds=10)  # the dashboard's realtime interval


class Feeder:
    """Readings of sites every 10 s on a clock of its own; keeps what each brought."""

    def __init__(self, watch: AlertWatch | None = None) -> None:
        self.watch = watch or AlertWatch()
        self.now = START
        self.news: list[AlertNews] = []

    def run(self, minutes: float, visitors: int, site: str = "sk_a") -> None:
        """``visitors`` on every reading of ``site`` for ``minutes``."""
        for _ in range(round(minutes * 6)):
            news = self.watch.observe(site, f"Site {site}", self.now, visitors)
            if news is not None:
                self.news.append(news)
            self.now += STEP

    def raised(self) -> list[str]:
        return [n.alert.kind for n in self.news if not n.ended]


# (why, usual visitors, then visitors, for minutes, alerts raised)
CASES: Sequence[tuple[str, int, int, float, list[str]]] = [
    ("spike: three times, and 30 more", 10, 40, 3, ["spike"]),
    ("small site 1 -> 3: three times, but only 2 more", 1, 3, 10, []),
    ("site with nobody gets 9: fewer than 10 more", 0, 9, 10, []),
    ("site with nobody gets 12", 0, 12, 3, ["spike"]),
    ("busy site up 2.25 times: under the ratio", 20, 45, 10, []),
    ("a blip of 30 s", 10, 60, 0.5, []),
    ("drop to a fifth", 40, 8, 3, ["drop"]),
    ("drop to a third: over the share", 30, 10, 10, []),
    ("small site 8 -> 1: fewer than 10 fewer", 8, 1, 10, []),
    ("no visitors on a site that usually has 6", 6, 0, 10, ["zero"]),
    ("no visitors for 3 minutes only", 6, 0, 3, []),
    ("no visitors on a site that usually has 2", 2, 0, 30, []),
    ("a busy site goes to zero: a drop, then none at all", 30, 0, 10, ["drop", "zero"]),
]


@pytest.mark.parametrize(
    ("why", "usual", "then", "minutes", "raised"), CASES, ids=[c[0] for c in CASES]
)
def test_rules(why: str, usual: int, then: int, minutes: float, raised: list[str]) -> None:
    feeder = Feeder()
    feeder.run(20, usual)
    assert feeder.news == []
    feeder.run(minutes, then)
    assert feeder.raised() == raised
    if raised:
        alert = feeder.watch.active("sk_a")
        assert alert is not None and alert.kind == raised[-1]
        assert alert.baseline == usual and alert.site_name == "Site sk_a"


def test_nothing_is_said_before_a_quarter_hour_of_readings() -> None:
    feeder = Feeder()
    feeder.run(8, 10)
    feeder.run(6.5, 100)
    assert feeder.raised() == []
    assert feeder.watch.active("sk_a") is None
    feeder.run(2.5, 100)  # the first reading is 15 minutes old, the spike held a minute
    assert feeder.raised() == ["spike"]


def test_an_alert_ends_when_visitors_are_back_for_a_minute() -> None:
    feeder = Feeder()
    feeder.run(20, 10)
    feeder.run(5, 50)
    alert = feeder.watch.active("sk_a")
    assert alert is not None and alert.mark == "▲ spike"
    assert alert.headline() == "Spike on Site sk_a"
    assert alert.message() == "50 visitors now (×5.0); usually about 10."
    feeder.run(0.5, 12)
    assert feeder.watch.active("sk_a") is not None  # not yet: half a minute back
    feeder.run(1, 12)
    assert feeder.watch.active("sk_a") is None
    assert [(n.alert.kind, n.ended) for n in feeder.news] == [("spike", False), ("spike", True)]
    assert feeder.news[-1].visitors == 12


def test_a_long_spike_does_not_become_the_usual() -> None:
    """Readings that meet the alert's rule stay out of the baseline: after an hour of a
    spike, visitors back to what they were is the end of it, not a drop."""
    feeder = Feeder()
    feeder.run(20, 10)
    feeder.run(60, 60)
    assert feeder.watch.active("sk_a") is not None
    feeder.run(30, 10)
    assert [(n.alert.kind, n.ended) for n in feeder.news] == [("spike", False), ("spike", True)]


def test_the_same_alert_again_within_the_quiet_period_is_marked_not_announced() -> None:
    feeder = Feeder()
    feeder.run(20, 10)
    feeder.run(3, 50)
    feeder.run(20, 10)  # ended
    feeder.run(3, 50)  # again 23 minutes after the first
    assert [(n.alert.kind, n.ended, n.loud) for n in feeder.news] == [
        ("spike", False, True),
        ("spike", True, True),
        ("spike", False, False),
    ]
    assert feeder.watch.active("sk_a") is not None  # the mark shows all the same
    feeder.run(20, 10)
    feeder.run(3, 50)  # 46 minutes after the first loud one
    assert feeder.news[-1].loud and not feeder.news[-1].ended


def test_quiet_is_per_site_and_kind() -> None:
    watch = AlertWatch()
    one, two = Feeder(watch), Feeder(watch)
    one.run(20, 10, site="sk_a")
    two.run(20, 10, site="sk_b")
    one.run(3, 50, site="sk_a")
    two.run(3, 50, site="sk_b")
    assert [n.loud for n in one.news + two.news] == [True, True]
    one.run(5, 10, site="sk_a")
    one.run(3, 1, site="sk_a")  # not a drop from 10 (9 fewer): nothing
    assert watch.active("sk_a") is None and watch.active("sk_b") is not None
    assert watch.active("sk_unknown") is None


def test_a_drop_after_a_spike_is_announced() -> None:
    feeder = Feeder(AlertWatch(AlertRules(quiet=timedelta(hours=1))))
    feeder.run(20, 40)
    feeder.run(3, 130)
    feeder.run(3, 40)
    feeder.run(3, 5)
    assert [(n.alert.kind, n.ended, n.loud) for n in feeder.news] == [
        ("spike", False, True),
        ("spike", True, True),
        ("drop", False, True),
    ]


def test_a_clock_that_goes_back_starts_the_history_afresh() -> None:
    feeder = Feeder()
    feeder.run(20, 10)
    feeder.now -= timedelta(hours=1)
    feeder.run(5, 100)
    assert feeder.raised() == []


def test_rules_follow_the_settings() -> None:
    watch = AlertWatch(AlertRules(spike=1.5, min_change=3))
    feeder = Feeder(watch)
    feeder.run(20, 4)
    feeder.run(3, 7)
    assert feeder.raised() == ["spike"]


def test_the_default_rules_are_the_settings_defaults() -> None:
    rules = AlertRules()
    assert rules.spike == SPECS["alert_spike"].default
    assert rules.drop == SPECS["alert_drop"].default
    assert rules.min_change == SPECS["alert_min_change"].default
    assert rules.quiet == timedelta(minutes=SPECS["alert_quiet"].default)


def test_learning_counts_up_to_the_history_then_stops() -> None:
    """What the realtime pane shows until the alerts are armed (``alerts learning · 6/15
    min``): how far a site's readings reach back; nothing once armed or while an alert is
    on; another site learns on its own."""
    feeder = Feeder()
    watch = feeder.watch
    history = watch.rules.history
    assert watch.learning("sk_a", START) == (timedelta(0), history)
    feeder.run(6, 10)
    assert watch.learning("sk_a", feeder.now) == (timedelta(minutes=6), history)
    assert watch.learning("sk_b", feeder.now) == (timedelta(0), history)
    feeder.run(9, 10)
    assert watch.learning("sk_a", feeder.now) is None  # 15 minutes: armed
    feeder.run(3, 40)
    assert feeder.raised() == ["spike"] and watch.learning("sk_a", feeder.now) is None
