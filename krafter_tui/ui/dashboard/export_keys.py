"""Ctrl+S: the export dialog, and what the panes show now (:class:`OnScreen`), which is what
an export saves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from krafter_tui.record.hours import utc_days
from krafter_tui.ui.dashboard.breakdowns import BreakdownPanes
from krafter_tui.ui.widgets.breakdown import rows_matching
from krafter_tui.ui.widgets.status_bar import period_name

if TYPE_CHECKING:
    from krafter_tui.export.files import ExportChoice, OnScreen
    from krafter_tui.record import HourCounts

# Exports and their dialog are imported on Ctrl+S, not before the first frame
# (tests/ui/test_first_paint_imports.py).

__all__ = ["ExportKeys"]


class ExportKeys(BreakdownPanes):
    """Saves what the screen shows, where the deliveries say."""

    def action_export(self) -> None:
        """Ctrl+S: choose what to save of what the screen shows."""
        if self.deliveries is None:
            return
        from krafter_tui.export.files import offered
        from krafter_tui.ui.screens.export_dialog import ExportDialog

        shown = self.on_screen()
        about = "no site yet" if shown.site is None else shown.site.name
        about += f" · {period_name(self.pending_period)}"
        if shown.stats is not None:
            about += f" ({shown.stats.period.start} to {shown.stats.period.end})"
        dialog = ExportDialog(about, str(self.deliveries.directory), offered(shown))
        self.app.push_screen(dialog, self._save_export)

    def _save_export(self, choice: ExportChoice | None) -> None:
        deliveries = self.deliveries
        if choice is not None and deliveries is not None:
            # The dialog has gone from the screen already: a screenshot shows the dashboard.
            deliveries.save(choice, self.on_screen())

    def on_screen(self) -> OnScreen:
        """What the panes show now: the answers for the selection, and the rows drawn in
        the breakdown in focus (on a wide screen; else the main one), in the model's
        dimension, sort and filter (sorted by rising: with each row's growth over the last
        30 minutes)."""
        from krafter_tui.export.files import OnScreen

        selection = self.selection
        index = self.breakdown_index()
        choice = self.state.choice_at(index)
        pane = self.panes.breakdowns[index]
        rising = pane.rising if choice.sort == "rising" else None
        growth = None  # another order: no growth column
        if choice.sort == "rising":
            growth = {r.value: (r.added, r.new) for r in rising.rows} if rising else {}
        return OnScreen(
            site=None if selection is None else selection.site,
            period=str(self.pending_period if selection is None else selection.period),
            stats=self.state.stats,
            events=self.state.events,
            rows=rows_matching(pane.breakdown, choice, rising),
            dimension=choice.dimension,
            row_filter=choice.filter,
            growth=growth,
            hours=self._recorded_hours(),
        )

    def _recorded_hours(self) -> Sequence[HourCounts] | None:
        """While the chart draws the day by the hour: the record's hours of the answer's UTC
        days, as ``krafter-tui export --what hourly`` asks for them (else None)."""
        selection, stats, record = self.selection, self.state.stats, self.record
        if self.panes.chart.hours is None or selection is None or stats is None or not record:
            return None
        span = utc_days(stats.period.start, stats.period.end)
        return record.hourly_rows(selection.site.site_key, *span)
