"""Seconds in words have one home, :mod:`krafter_tui.text.durations`: the pane ages, the kiosk
countdown, the status line's rate-limit wait and the messages' waits are its functions, and no
other module turns seconds into minutes, hours or days itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from krafter_tui.api import budget
from krafter_tui.feeds import words
from krafter_tui.overview import row
from krafter_tui.text import durations
from krafter_tui.ui.screens import overview
from krafter_tui.ui.widgets import rotation

PACKAGE = Path(durations.__file__).resolve().parents[1]


def test_every_place_that_shows_a_duration_uses_the_one_home() -> None:
    assert words.age_text is durations.age_text
    assert row.age_text is durations.age_text
    assert rotation.countdown is durations.countdown
    assert budget.status_countdown is durations.status_countdown
    assert budget.wait_text is durations.wait_text
    assert overview.wait_text is durations.wait_text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.2, "1s"), (42, "42s"), (59.5, "1m 00s"), (61, "1m 01s"), (245, "4m 05s"), (300, "5m 00s")],
)
def test_the_status_line_counts_down_in_minutes_and_padded_seconds(
    seconds: float, text: str
) -> None:
    assert durations.status_countdown(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (41.2, "42 s"),
        (119.5, "120 s"),
        (120, "2 min"),
        (301, "5 min 1 s"),
        (7200, "2 h"),
        (172_800, "2 days"),
        (1e9, "11,574 days"),
        (1e15, "forever"),
    ],
)
def test_a_wait_in_a_message_reads_in_its_largest_unit(seconds: float, text: str) -> None:
    assert durations.wait_text(seconds) == text


def test_no_other_module_turns_seconds_into_minutes_hours_or_days() -> None:
    # The demo's synthetic clock counts minutes of traffic, not durations shown to anyone.
    own_sums = re.compile(r"(//|%|/) ?(60|3600|86400)\b|divmod\(.*, ?(60|3600|86400)\)")
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != Path(durations.__file__).resolve() and "demo" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if own_sums.search(line)
    ]
    assert found == []
