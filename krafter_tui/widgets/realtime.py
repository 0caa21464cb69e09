"""The realtime pane: visitors in the last five minutes, in large digits, with recent history."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget

from krafter_tui.widgets.figure import BigFigure
from krafter_tui.widgets.fitline import FitLine
from krafter_tui.widgets.pane import Pane

__all__ = ["ReadingBars", "RealtimeCounter", "bars"]

HISTORY = 60  # readings kept for the sparkline (10 minutes at the default 10 s interval)
LEVELS = " ▁▂▃▄▅▆▇█"
WAITING = (Text("waiting for the first reading"), Text("waiting…"))


def bars(readings: Sequence[int], width: int, height: int) -> list[str]:
    """The last ``width`` readings as columns of blocks, newest at the right, top to bottom.

    The scale starts at zero, so 4 → 5 visitors is a small step, not a cliff from the bottom
    of the pane to the top (a min-to-max scale draws any change as the full height). Every
    reading shows at least a sliver, so the history is visible even at zero.
    """
    if width <= 0 or height <= 0:
        return []
    shown = list(readings)[-width:]
    top = max(shown, default=0) or 1
    cells = height * 8
    levels = [max(1, round(max(0, value) / top * cells)) for value in shown]
    rows = []
    for row in range(height):
        floor = (height - 1 - row) * 8  # eighths below this row
        line = "".join(LEVELS[min(8, max(0, level - floor))] for level in levels)
        rows.append(line.rjust(width))
    return rows


class ReadingBars(Widget):
    """Recent readings as a bar per reading on a zero-based scale (see :func:`bars`)."""

    DEFAULT_CSS = "ReadingBars { height: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.readings: list[int] = []

    def show(self, readings: Sequence[int]) -> None:
        """Draw ``readings`` (oldest first)."""
        self.readings = list(readings)
        self.refresh()

    def render(self) -> Text:
        """The bars at the widget's size."""
        return Text("\n".join(bars(self.readings, self.size.width, self.size.height)))


class RealtimeCounter(Pane):
    """Current visitors, a ▲/▼ mark when the count moves, and a sparkline of recent readings."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Visitors now", id=id)
        self.readings: deque[int] = deque(maxlen=HISTORY)
        self.last_reading_at: datetime | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="realtime-row"):
            yield BigFigure("…", id="realtime-digits")
            with Vertical(classes="realtime-side"):
                yield FitLine(*WAITING, id="realtime-change")
                yield ReadingBars(id="realtime-spark")

    def show_reading(self, visitors: int, at: datetime) -> None:
        """Add a reading: update the digits, the change mark and the sparkline."""
        previous = self.readings[-1] if self.readings else None
        self.readings.append(visitors)
        self.last_reading_at = at
        self.query_one("#realtime-digits", BigFigure).update(f"{visitors:,}")
        change = self.query_one("#realtime-change", FitLine)
        stamp = at.strftime("%H:%M:%S")
        if previous is None or previous == visitors:
            mark = "• steady"
            self.remove_class("-up", "-down")
        else:
            up = visitors > previous
            mark = f"{'▲' if up else '▼'} {visitors - previous:+,d}"
            self.set_class(up, "-up")
            self.set_class(not up, "-down")
        style = "dim" if mark == "• steady" else ""
        change.show(
            Text(f"{mark}  {stamp}", style=style),
            Text(mark, style=style),
            Text(mark[0], style=style),
        )
        self.query_one("#realtime-spark", ReadingBars).show(self.readings)
        self.mark_ok()

    def clear(self) -> None:
        """Forget the readings (another site was chosen)."""
        self.readings.clear()
        self.last_reading_at = None
        self.query_one("#realtime-digits", BigFigure).update("…")
        self.query_one("#realtime-change", FitLine).show(*WAITING)
        self.query_one("#realtime-spark", ReadingBars).show([])
        self.remove_class("-up", "-down")
