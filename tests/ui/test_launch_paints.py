"""The first frame with data is the final one: once the dashboard has painted its panes with the
launch's figures, nothing it shows is drawn again until something changes.

The dashboard is launched as the CLI launches it (the early requests answered on loopback
before the app starts), at several sizes. Every frame Textual hands to the terminal is
recorded with the screen it shows; what is counted after the first frame with data, while
nothing changes (no poll due, no key): frames that show anything different, and widgets whose
lines are rendered again (a pane fitting itself to its size a moment after the first frame, a
table measuring its rows). Frames that only copy lines already rendered (Textual lays the
screen out again when the screen itself is told its size) cost nothing to look at and are not
counted (nor are Textual's scrollbars and the screen's blank background, drawn again with
them). Nothing is timed.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widget import Widget

from krafter_tui.app import KrafterApp
from krafter_tui.config.options import DashboardOptions
from krafter_tui.demo import DEMO_TOKEN
from krafter_tui.ui.screens import DashboardScreen
from krafter_tui.ui.widgets import TimeseriesChart
from tests.support.demo_server import RunningDemo

from .helpers import until
from .screen_text import screen_strips
from .test_head_start import every_pane_shows_data, head_start

SIZES = [(80, 24), (120, 40), (200, 60)]
IDLE = 0.5  # seconds of nothing happening after the first frame with data (no poll is due)


def picture(app: KrafterApp) -> tuple[str, ...]:
    """The screen as the terminal shows it: each line's text with its styles."""
    return tuple(
        "".join(f"{segment.text}\0{segment.style}" for segment in strip)
        for strip in screen_strips(app)
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_first_frame_with_data_is_not_drawn_again(
    fresh_budget: RunningDemo, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = DashboardOptions(api_url=fresh_budget.api_url)
    app = KrafterApp(options, token=DEMO_TOKEN, early=head_start(options))
    shown = every_pane_shows_data(app)
    frames: list[tuple[bool, tuple[str, ...]]] = []  # (every pane shows data, the screen)
    rendered: list[str] = []  # widgets whose lines were rendered anew, once data was shown
    display, render_content = KrafterApp._display, Widget._render_content

    def recorded(self: KrafterApp, screen: Screen[Any], renderable: Any) -> None:
        display(self, screen, renderable)
        written = renderable is not None and not self._batch_count  # else Textual drops it
        if written and isinstance(screen, DashboardScreen):
            frames.append((shown(), picture(app)))

    def counted(self: Widget) -> None:
        # Textual's scrollbars and the screen's blank background are drawn again whenever the
        # screen is laid out again: nothing of the dashboard's.
        ours = not isinstance(self, ScrollBar | Screen)
        if ours and any(data for data, _ in frames):
            rendered.append(f"{type(self).__name__}#{self.id}")
        render_content(self)

    replot = TimeseriesChart.replot

    def replotted(self: TimeseriesChart) -> None:  # the chart keeps its own lines
        if any(data for data, _ in frames):
            rendered.append("TimeseriesChart.replot")
        replot(self)

    monkeypatch.setattr(KrafterApp, "_display", recorded)
    monkeypatch.setattr(TimeseriesChart, "replot", replotted)
    monkeypatch.setattr(Widget, "_render_content", counted)
    async with app.run_test(size=size) as pilot:
        await until(lambda: any(data for data, _ in frames))
        await pilot.pause(IDLE)
        first = next(index for index, (data, _) in enumerate(frames) if data)
        final = picture(app)

    assert frames[first][1] == final, "the first frame with data was not the final one"
    changed = [index for index, (_, seen) in enumerate(frames[first + 1 :]) if seen != final]
    assert changed == [], f"{len(changed)} frames after the first with data showed other things"
    assert rendered == [], f"drawn again after the first frame with data: {rendered}"
