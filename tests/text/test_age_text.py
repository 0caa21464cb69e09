"""How old data reads: ``age_text`` in seconds, minutes, hours and days, at each boundary, and
when the clock says the data is from the future (a clock set back, or skew with a server)."""

from __future__ import annotations

import pytest

from krafter_tui.text.durations import age_text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0s"),
        (0.4, "0s"),
        (1, "1s"),
        (42, "42s"),
        (59, "59s"),
        (59.9, "59s"),  # not yet a minute: never "60s"
        (60, "1m"),
        (61, "1m"),
        (119.9, "1m"),
        (120, "2m"),
        (3599.9, "59m"),
        (3600, "1h 0m"),
        (3661, "1h 1m"),
        (2 * 3600 + 5 * 60 + 59, "2h 5m"),
        (86399.9, "23h 59m"),
        (86400, "1d"),
        (3 * 86400 + 7200, "3d"),
        (400 * 86400, "400d"),
    ],
)
def test_age_reads_in_the_unit_that_matters(seconds: float, text: str) -> None:
    assert age_text(seconds) == text


@pytest.mark.parametrize("seconds", [-0.4, -1, -59, -3600, -86400 * 2])
def test_an_age_from_the_future_reads_as_now(seconds: float) -> None:
    # A clock set back (or a server's clock ahead) makes data "minus 5s old": it is just in.
    assert age_text(seconds) == "0s"
