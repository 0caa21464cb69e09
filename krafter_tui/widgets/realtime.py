"""The realtime pane: visitors in the last five minutes, in large digits, with recent history."""

from __future__ import annotations

from collections import deque
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Sparkline, Static

from krafter_tui.widgets.pane import Pane

__all__ = ["RealtimeCounter"]

HISTORY = 60  # readings kept for the sparkline (10 minutes at the default 10 s interval)


class RealtimeCounter(Pane):
    """Current visitors, a ▲/▼ mark when the count moves, and a sparkline of recent readings."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Visitors now", id=id)
        self.readings: deque[int] = deque(maxlen=HISTORY)
        self.last_reading_at: datetime | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="realtime-row"):
            yield Digits("…", id="realtime-digits")
            with Vertical(classes="realtime-side"):
                yield Static(Text("waiting for the first reading"), id="realtime-change")
                yield Sparkline([], id="realtime-spark")

    def show_reading(self, visitors: int, at: datetime) -> None:
        """Add a reading: update the digits, the change mark and the sparkline."""
        previous = self.readings[-1] if self.readings else None
        self.readings.append(visitors)
        self.last_reading_at = at
        self.query_one("#realtime-digits", Digits).update(f"{visitors:,}")
        change = self.query_one("#realtime-change", Static)  # one fixed line: no relayout
        stamp = at.strftime("%H:%M:%S")
        if previous is None or previous == visitors:
            change.update(Text(f"• steady  {stamp}", style="dim"), layout=False)
            self.remove_class("-up", "-down")
        else:
            up = visitors > previous
            delta = visitors - previous
            change.update(Text(f"{'▲' if up else '▼'} {delta:+d}  {stamp}"), layout=False)
            self.set_class(up, "-up")
            self.set_class(not up, "-down")
        # One reading draws a full block; a line needs two.
        spark = list(self.readings) if len(self.readings) > 1 else []
        self.query_one("#realtime-spark", Sparkline).data = spark
        self.mark_ok()

    def clear(self) -> None:
        """Forget the readings (another site was chosen)."""
        self.readings.clear()
        self.last_reading_at = None
        self.query_one("#realtime-digits", Digits).update("…")
        self.query_one("#realtime-change", Static).update(Text("waiting for the first reading"))
        self.query_one("#realtime-spark", Sparkline).data = []
        self.remove_class("-up", "-down")
