"""The period keys: a named period (its key or the palette), ← / → by the period's own length,
Shift+→ back to the present, and the custom range dialog."""

from __future__ import annotations

from krafter_tui.api import Period
from krafter_tui.api.period import utc_date
from krafter_tui.feeds.timeline import present_period, step_period
from krafter_tui.ui.dashboard.selection import SelectionScreen

__all__ = ["TimeKeys"]


class TimeKeys(SelectionScreen):
    """Moves the selection in time; the period chosen last is the state's ``origin``."""

    def action_period(self, name: str) -> None:
        """Switch to a named period (7d, 30d, 12mo, today, yesterday, month, …)."""
        self._choose_period(Period.parse(name))

    def _choose_period(self, period: Period) -> None:
        self.state.origin = period
        if self.selection is not None:
            self.select(self.selection.site, period)
        else:
            self.pending_period = period

    def action_step_period(self, direction: int) -> None:
        """← / →: the period before or after this one, by its own length; → stops at today."""
        if self.selection is not None:
            stepped = step_period(self.selection.period, direction, utc_date(self.clock()))
            if isinstance(stepped, str):
                self.notify(stepped, timeout=3)
            else:
                self.select(self.selection.site, stepped)

    def action_present(self) -> None:
        """Shift+→: back to the present, in the kind of period chosen last."""
        if self.selection is not None:
            current = self.selection.period
            target = present_period(self.state.origin, current, utc_date(self.clock()))
            if target != current:
                self.select(self.selection.site, target)

    def action_custom_range(self) -> None:
        """Ask for a custom range."""
        current = self.selection.period if self.selection else None

        def chosen(period: Period | None) -> None:
            if period is not None and self.selection is not None:
                # Checked with the server, which answered with the figures: from the cache.
                self.state.origin = period
                self.select(self.selection.site, period, refetch=False)

        # The dialog is imported when it opens, not before the first frame.
        from krafter_tui.ui.screens.custom_range import CustomRangeDialog

        check = self.poller.check_period if self.selection is not None else None
        self.app.push_screen(CustomRangeDialog(self.clock, current, check), chosen)
