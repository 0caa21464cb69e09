"""The realtime pane: visitors in the last five minutes, in large digits, with the readings of
the last half hour (kept per site, so a site switched away from and back to keeps them)."""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Sequence
from datetime import datetime, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget

from krafter_tui.ui.widgets.figure import BigFigure
from krafter_tui.ui.widgets.fitline import FitLine
from krafter_tui.ui.widgets.pane import Pane

__all__ = ["HISTORY_SPAN", "ReadingBars", "RealtimeCounter", "bars", "history_columns"]

HISTORY_SPAN = timedelta(minutes=30)  # readings kept, by the time they were read at
HISTORY = 1800  # at most this many readings per site (30 minutes of one a second)
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
    the last :data:`HISTORY_SPAN`, kept for each site it was shown for."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(TITLE, id=id)
        self.site_key: Hashable = None  # whose readings are shown (None: not named)
        # (read at, visitors) of each site, oldest first.
        self._histories: dict[Hashable, deque[tuple[datetime, int]]] = {}

    @property
    def history(self) -> list[tuple[datetime, int]]:
        """The current site's readings as (read at, visitors), oldest first."""
        return list(self._histories.get(self.site_key, ()))

    @property
    def readings(self) -> list[int]:
        """The current site's visitor counts, oldest first."""
        return [visitors for _, visitors in self._histories.get(self.site_key, ())]

    @property
    def last_reading_at(self) -> datetime | None:
        """When the current site's newest reading was taken (None: none yet)."""
        history = self._histories.get(self.site_key)
        return history[-1][0] if history else None

    def show_alert(self, mark: str | None) -> None:
        """The current site's alert mark in the title (``Visitors now · ▲ spike``; at narrow
        widths the mark alone), or the plain title with None."""
        if mark is None:
            self.set_title(TITLE)
            self.remove_class("-alert")
            return
        self.set_title(Text.assemble(f"{TITLE} · ", (mark, "bold")), Text(mark, style="bold"))
        self.add_class("-alert")

    def compose(self) -> ComposeResult:
        with Horizontal(classes="realtime-row"):
            yield BigFigure("…", id="realtime-digits")
            with Vertical(classes="realtime-side"):
                yield FitLine(*WAITING, id="realtime-change")
                yield ReadingBars(id="realtime-spark")

    def show_reading(self, visitors: int, at: datetime, *, site_key: Hashable = None) -> None:
        """Add a reading taken at ``at``: update the digits, the change mark and the sparkline.

        ``site_key``: the site it is of (another than the current one switches to it first,
        see :meth:`switch_site`; None: the current one). Readings of that site older than
        :data:`HISTORY_SPAN` before ``at`` are dropped.
        """
        if site_key is not None and site_key != self.site_key:
            self.switch_site(site_key)
        history = self._histories.setdefault(self.site_key, deque(maxlen=HISTORY))
        # Dropped first: the change mark never compares with a reading from long ago (a
        # site shown again after an hour starts its history, and its mark, afresh).
        while history and history[0][0] < at - HISTORY_SPAN:
            history.popleft()
        previous = history[-1][1] if history else None
        history.append((at, visitors))
        self._draw(visitors, previous, at)
        self.mark_ok()

    def switch_site(self, site_key: Hashable) -> None:
        """Show ``site_key``'s readings: those kept from when it was shown before (its newest
        reading with the time it was taken, until the next one comes), or none yet."""
        self.site_key = site_key
        history = self._histories.get(site_key)
        if not history:
            self._show_waiting()
            return
        previous = history[-2][1] if len(history) > 1 else None
        at, visitors = history[-1]
        self._draw(visitors, previous, at)

    def _draw(self, visitors: int, previous: int | None, at: datetime) -> None:
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

    def clear(self) -> None:
        """Forget the current site's readings (e.g. another site was chosen, with no key)."""
        self._histories.pop(self.site_key, None)
        self._show_waiting()

    def _show_waiting(self) -> None:
        self.query_one("#realtime-digits", BigFigure).update("…")
        self.query_one("#realtime-change", FitLine).show(*WAITING)
        self.query_one("#realtime-spark", ReadingBars).show([])
        self.remove_class("-up", "-down")
