"""The totals pane: pageviews, visitors and visits with the change against the previous period."""

from __future__ import annotations

from datetime import date
from typing import Self

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.widgets import Digits, Static

from krafter_tui.api import Totals
from krafter_tui.format import change_text, grouped
from krafter_tui.widgets.pane import Pane

__all__ = ["METRICS", "TotalsPanel"]

METRICS: tuple[tuple[str, str], ...] = (
    ("pageviews", "Pageviews"),
    ("visitors", "Visitors"),
    ("visits", "Visits"),
)


class FigureDigits(Digits):
    """Large digits in a column of fixed width (the stylesheet gives them ``width: 100%``).

    Textual's Digits asks for a new layout of the screen whenever a value of another length
    arrives, to fit its width to the digits; here the width does not depend on the value, so a
    new figure is a repaint only, painted in the same frame as the rest of the pane.
    """

    _relayout = True  # False while update() refreshes: Digits asks for a layout there

    def update(self, value: str) -> None:
        """Show ``value``."""
        fixed = self.styles.width is not None and not self.styles.width.is_auto
        self._relayout = not fixed
        try:
            super().update(value)
        finally:
            self._relayout = True

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """Refresh; the layout part only when the width follows the value."""
        return super().refresh(
            *regions, repaint=repaint, layout=layout and self._relayout, recompose=recompose
        )


class TotalsPanel(Pane):
    """Three figures side by side; the chart's current metric is highlighted.

    On wide screens the figures are drawn in large digits (readable across a room); the
    stylesheet picks plain text or digits by the screen's width class.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Totals", id=id)
        self.totals: Totals | None = None
        self.previous: Totals | None = None
        self.site_since: date | None = None  # set when the previous period predates the site
        self.so_far = False  # the period includes today: its figures are not final

    def compose(self) -> ComposeResult:
        with Horizontal(classes="totals-row"):
            for key, label in METRICS:
                with Vertical(classes="metric", id=f"metric-{key}"):
                    yield Static(Text(label), classes="metric-label")
                    yield Static(Text("…"), classes="metric-value", id=f"value-{key}")
                    yield FigureDigits("…", classes="metric-digits", id=f"digits-{key}")
                    yield Static(Text(""), classes="metric-change", id=f"change-{key}")

    def highlight(self, metric: str) -> None:
        """Mark the metric the chart shows."""
        for key, _ in METRICS:
            self.query_one(f"#metric-{key}").set_class(key == metric, "-current")

    def show(
        self,
        totals: Totals,
        previous: Totals | None,
        *,
        site_since: date | None = None,
        so_far: bool = False,
    ) -> None:
        """Show ``totals``; ``previous`` (same length, just before) gives the change marks.

        ``site_since``: the site was added after the previous period began, so the change
        marks compare with a partly empty period; the pane says so. ``so_far``: the period
        includes today, so the figures (and the change against a whole previous period) are
        what came in so far; the pane says that too.
        """
        same_since = site_since == self.site_since and so_far == self.so_far
        if totals == self.totals and previous == self.previous and same_since:
            self.totals, self.previous = totals, previous
            self.mark_ok()
            return
        self.totals = totals
        self.previous = previous
        self.site_since = site_since
        self.so_far = so_far
        for key, _ in METRICS:
            value = getattr(totals, key)
            # One fixed line each (the stylesheet says so): no relayout of the screen.
            self.query_one(f"#value-{key}", Static).update(Text(grouped(value)), layout=False)
            self.query_one(f"#digits-{key}", FigureDigits).update(grouped(value))
            before = getattr(previous, key) if previous is not None else None
            text, direction = change_text(value, before)
            change = self.query_one(f"#change-{key}", Static)
            change.update(Text(text), layout=False)
            change.set_class(direction == "up", "-up")
            change.set_class(direction == "down", "-down")
        # The API counts whole UTC days only: today's part of the previous period's last day
        # cannot be asked for, so an unfinished period is compared as it is, and labelled.
        so_far_part = "so far · " if so_far else ""
        if previous is None:
            self.set_hint("so far" if so_far else "")
        elif site_since is not None:
            self.set_hint(f"{so_far_part}vs previous · site added {site_since:%b %Y}")
        elif so_far:
            self.set_hint("so far · vs whole previous period")
        else:
            self.set_hint("change vs previous period")
        self.mark_ok()
