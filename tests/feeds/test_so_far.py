"""The one so-far rule every screen compares by: a period that includes today (UTC) is set
against the same share of the compared period, nothing is said in its first hour, and a period
that does not include today is compared whole with whole."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from krafter_tui.api import Totals
from krafter_tui.feeds.so_far import (
    SAME_TIME,
    like_with_like,
    period_so_far,
    so_far_change,
    totals_so_far,
    vs_words,
)
from krafter_tui.ui.widgets.breakdown import row_change

TOKYO = ZoneInfo("Asia/Tokyo")
DEC_7 = date(2026, 12, 7)


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


# Tokyo's clock: 08:00 on Dec 8 there is 23:00 on Dec 7 for the API.
TOKYO_MORNING = at(DEC_7, 23).astimezone(TOKYO)
# (what, start, end, now, share gone by (None: not so far), too early)
CASES = [
    ("today at 00:05", DEC_7, DEC_7, at(DEC_7, 0, 5), 5 / 1440, True),
    ("today at 00:59", DEC_7, DEC_7, at(DEC_7, 0, 59), 59 / 1440, True),
    ("today at 01:00", DEC_7, DEC_7, at(DEC_7, 1), 1 / 24, False),
    ("today at 03:00", DEC_7, DEC_7, at(DEC_7, 3), 3 / 24, False),
    ("today at 12:00", DEC_7, DEC_7, at(DEC_7, 12), 0.5, False),
    ("today at 23:59", DEC_7, DEC_7, at(DEC_7, 23, 59), 1439 / 1440, False),
    ("month to date, the 1st", d(12, 1), d(12, 1), at(d(12, 1), 0, 30), 1 / 48, True),
    ("month to date, the 1st later", d(12, 1), d(12, 1), at(d(12, 1), 6), 0.25, False),
    ("month to date, the 15th", d(12, 1), d(12, 15), at(d(12, 15), 12), 14.5 / 15, False),
    ("year to date, Mar 1", d(1, 1), d(3, 1), at(d(3, 1), 12), 59.5 / 60, False),
    ("year to date, Jan 1", d(1, 1), d(1, 1), at(d(1, 1), 0, 10), 10 / 1440, True),
    ("custom range ending today", d(11, 20), d(11, 26), at(d(11, 26), 18), 6.75 / 7, False),
    ("7d: eight days, today's part", d(11, 30), DEC_7, at(DEC_7, 3), 7.125 / 8, False),
    ("a range that ended yesterday", d(11, 1), d(12, 6), at(DEC_7, 12), None, False),
    ("yesterday at 00:05", d(12, 6), d(12, 6), at(DEC_7, 0, 5), None, False),
    ("Tokyo morning, UTC today", DEC_7, DEC_7, TOKYO_MORNING, 23 / 24, False),
    ("Tokyo morning, Tokyo's date", d(12, 8), d(12, 8), TOKYO_MORNING, None, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("start", "end", "now", "share", "too_early"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_how_far_a_period_has_run(
    start: date, end: date, now: datetime, share: float | None, too_early: bool
) -> None:
    so_far = period_so_far(start, end, now)
    if share is None:
        assert so_far is None
        return
    assert so_far is not None
    assert so_far.share == pytest.approx(share)
    assert so_far.too_early is too_early


def test_any_zone_of_the_same_instant_gives_the_same_share() -> None:
    moment = at(DEC_7, 3)
    five_west = timezone(timedelta(hours=-5))  # 22:00 on Dec 6 there
    shares = {
        so_far.share
        for zone in (UTC, TOKYO, five_west)
        if (so_far := period_so_far(DEC_7, DEC_7, moment.astimezone(zone))) is not None
    }
    assert shares == {3 / 24}


SHARE = "so far · vs same share of previous period"
EARLY = "so far · too early to compare"
WHOLE = "vs previous period"
# (what, now, figure so far, whole compared figure, change, words)
CHANGES = [
    ("00:05: nothing to say", at(DEC_7, 0, 5), 3, 1000, ("", "flat"), EARLY),
    ("03:00: an eighth", at(DEC_7, 3), 100, 1000, ("▼ 20.0%", "down"), SHARE),
    ("12:00: ahead of half", at(DEC_7, 12), 600, 1000, ("▲ 20.0%", "up"), SHARE),
    ("23:59: almost whole", at(DEC_7, 23, 59), 1000, 1000, ("▲ 0.1%", "up"), SHARE),
    ("tomorrow: whole with whole", at(d(12, 8), 3), 100, 1000, ("▼ 90.0%", "down"), WHOLE),
]  # fmt: skip


@pytest.mark.parametrize(
    ("now", "current", "compared", "change", "words"),
    [case[1:] for case in CHANGES],
    ids=[case[0] for case in CHANGES],
)
def test_the_change_of_today_is_like_with_like(
    now: datetime, current: int, compared: int, change: tuple[str, str], words: str
) -> None:
    so_far = period_so_far(DEC_7, DEC_7, now)
    assert so_far_change(current, compared, so_far) == change
    assert vs_words("previous period", so_far) == words


def test_an_unfinished_day_is_never_a_collapse_against_a_whole_one() -> None:
    # The case: at 03:00 a steady site has an eighth of yesterday, not a ▼ 88%.
    so_far = period_so_far(DEC_7, DEC_7, at(DEC_7, 3))
    assert so_far_change(125, 1000, so_far) == ("±0%", "flat")
    assert like_with_like(1000, so_far) == 125
    assert like_with_like(None, so_far) is None
    assert like_with_like(1000, None) == 1000


def test_every_screen_s_form_takes_the_same_rule() -> None:
    # The breakdown writes its change its own way (whole percents, ``new``), by the same rule.
    noon = period_so_far(DEC_7, DEC_7, at(DEC_7, 12))
    assert so_far_change(60, 100, noon, row_change) == ("▲ 20%", "up")
    assert so_far_change(5, None, noon, row_change) == ("new", "up")  # not there before
    early = period_so_far(DEC_7, DEC_7, at(DEC_7, 0, 5))
    assert so_far_change(5, None, early, row_change) == ("", "flat")


def test_a_recorded_yesterday_is_used_only_for_today_against_yesterday() -> None:
    now = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    day = now.date()
    whole = Totals(pageviews=3000, visitors=1000, visits=1100)
    recorded = Totals(pageviews=1500, visitors=700, visits=800)
    against, so_far = totals_so_far(day, day, now, whole, yesterday=recorded)
    assert against == recorded and so_far is not None and so_far.recorded
    assert so_far.scaled(700) == 700  # exact: not cut to a share
    assert vs_words("previous period", so_far) == f"so far · vs {SAME_TIME}"
    # Compared with a year before, or a longer period: the share rule, as before.
    for start, previous in ((day, False), (day - timedelta(days=6), True)):
        against, so_far = totals_so_far(
            start, day, now, whole, yesterday=recorded, with_previous=previous
        )
        assert against == whole and so_far is not None and not so_far.recorded
        assert "same share" in vs_words("previous period", so_far)
