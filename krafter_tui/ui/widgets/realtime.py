"""The realtime pane: visitors in the last five minutes, in large digits, with the readings of
the last half hour. The readings are the core's (:class:`~krafter_tui.feeds.readings.SiteReadings`,
kept per site, so a site switched away from and back to keeps them); the pane draws the ones it
is handed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget

from krafter_tui.feeds.readings import HISTORY_SPAN, Reading
from krafter_tui.text.durations import whole_minutes
from krafter_tui.ui.widgets.figure import BigFigure
from krafter_tui.ui.widgets.fitline import FitLine
from krafter_tui.ui.widgets.pane import Pane

__all__ = ["HISTORY_SPAN", "ReadingBars", "RealtimeCounter", "bars", "history_columns"]

LEVELS = " ▁▂▃▄▅▆▇█"
TITLE = "Visitors now"
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


def history_columns(readings: Sequence[int], width: int) -> list[int]:
    """``readings`` fitted to ``width`` columns: as they are where they fit, else merged, the
    newest last, into ``width`` runs of consecutive readings (each drawn as its peak), so the
    whole history kept is drawn however narrow the chart."""
    if width <= 0 or len(readings) <= width:
        return list(readings)
    count = len(readings)
    # Column c (from the right) holds readings from count - ends[c+1] up to count - ends[c].
    ends = [round(c * count / width) for c in range(width + 1)]
    return [max(readings[count - ends[c + 1] : count - ends[c]]) for c in reversed(range(width))]


class ReadingBars(Widget):
    """Recent readings as a bar per reading on a zero-based scale (see :func:`bars`); more
    readings than columns are merged (see :func:`history_columns`)."""

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
        width, height = self.size
        return Text("\n".join(bars(history_columns(self.readings, width), width, height)))


class RealtimeCounter(Pane):
    """Current visitors, a ▲/▼ mark when the count moves, and a sparkline of the readings of
    the last :data:`HISTORY_SPAN` it is handed (one site's, oldest first)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(TITLE, id=id)
        self.shown: list[Reading] = []  # the readings drawn, oldest first

    @property
    def history(self) -> list[tuple[datetime, int]]:
        """The readings drawn as (read at, visitors), oldest first."""
        return [(reading.at, reading.visitors) for reading in self.shown]

    @property
    def readings(self) -> list[int]:
        """The visitor counts drawn, oldest first."""
        return [reading.visitors for reading in self.shown]

    @property
    def last_reading_at(self) -> datetime | None:
        """When the newest reading drawn was taken (None: none yet)."""
        return self.shown[-1].at if self.shown else None

    def show_alert(self, mark: str | None) -> None:
        """The current site's alert mark in the title (``Visitors now · ▲ spike``; at narrow
        widths the mark alone), or the plain title with None."""
        if mark is None:
            self.set_title(TITLE)
            self.remove_class("-alert")
            return
        self.set_title(Text.assemble(f"{TITLE} · ", (mark, "bold")), Text(mark, style="bold"))
        self.add_class("-alert")

    def show_learning(self, learning: tuple[timedelta, timedelta] | None) -> None:
        """While the alerts learn the site's usual visitors, how far they are in the bottom
        border (``alerts learning · 6/15 min``); nothing with None (armed, or alerts off)."""
        if learning is None:
            self.set_hint("")
            return
        done, needed = (whole_minutes(span.total_seconds()) for span in learning)
        self.set_hint(f"alerts learning · {done}/{needed} min", f"learning {done}/{needed} min")

    def compose(self) -> ComposeResult:
        with Horizontal(classes="realtime-row"):
            yield BigFigure("…", id="realtime-digits")
            with Vertical(classes="realtime-side"):
                yield FitLine(*WAITING, id="realtime-change")
                yield ReadingBars(id="realtime-spark")

    def show_readings(self, readings: Sequence[Reading], *, fresh: bool = False) -> None:
        """Draw a site's ``readings`` (oldest first): the newest in the digits with its time,
        the change from the one before, and the sparkline; none yet: waiting. ``fresh``: the
        newest has just come (the pane is up to date); else they are kept ones (another
        site shown again: its newest reading with the time it was taken, until the next)."""
        self.shown = list(readings)
        if not self.shown:
            self._show_waiting()
            return
        previous = self.shown[-2].visitors if len(self.shown) > 1 else None
        newest = self.shown[-1]
        self._draw(newest.visitors, previous, newest.at)
        if fresh:
            self.mark_ok()

    def _draw(self, visitors: int, previous: int | None, at: datetime) -> None:
        self.query_one("#realtime-digits", BigFigure).update(f"{visitors:,}")
        change = self.query_one("#realtime-change", FitLine)
        stamp = at.strftime("%H:%M:%S")
        # The change line alone carries -up / -down: a class on the pane would restyle the
        # pane and everything inside it at each reading that turns (~3 ms each).
        if previous is None or previous == visitors:
            mark = "• steady"
            change.remove_class("-up", "-down")
        else:
            up = visitors > previous
            mark = f"{'▲' if up else '▼'} {visitors - previous:+,d}"
            change.set_class(up, "-up")
            change.set_class(not up, "-down")
        style = "dim" if mark == "• steady" else ""
        change.show(
            Text(f"{mark}  {stamp}", style=style),
            Text(mark, style=style),
            Text(mark[0], style=style),
        )
        self.query_one("#realtime-spark", ReadingBars).show(self.readings)

    def _show_waiting(self) -> None:
        self.query_one("#realtime-digits", BigFigure).update("…")
        change = self.query_one("#realtime-change", FitLine)
        change.show(*WAITING)
        change.remove_class("-up", "-down")
        self.query_one("#realtime-spark", ReadingBars).show([])
