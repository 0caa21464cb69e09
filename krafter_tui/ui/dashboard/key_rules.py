"""Which of the dashboard's keys are on now (kiosk mode, quitting, where the focus is), and
the help screen that lists them all."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from krafter_tui.ui.dashboard.breakdowns import BreakdownPanes
from krafter_tui.ui.keys import APP_COMMANDS, DASHBOARD_COMMANDS, kiosk_blocked

__all__ = ["KIOSK_BLOCKED", "KeyRules"]

# Dialogs, prompts and the palette would block a wall screen until someone comes with a
# keyboard: in kiosk mode these actions are off (the palette in the app, quit by Ctrl+Q only).
KIOSK_BLOCKED = kiosk_blocked(DASHBOARD_COMMANDS)


class KeyRules(BreakdownPanes):
    """Turns keys off where they would do nothing, or block a wall screen."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In kiosk mode, no dialog may open over the wall screen; once quitting, nothing.

        Keys that do nothing where the focus is are off (and out of the footer): Esc while
        no filter is open, Enter outside the breakdown table.
        """
        if self.quitting():
            return False
        if self.kiosk is not None and action in KIOSK_BLOCKED:
            return False
        if action == "clear_filter":
            return self.focused_breakdown().has_class("-filtering")
        if action == "show_value":
            focused = self.focused
            table = self.focused_breakdown().query_one(DataTable)
            return focused is None or focused is table
        if action == "export":
            return self.deliveries is not None
        if action in ("step_period", "present"):
            # The filter field's own arrows move its cursor.
            return not isinstance(self.focused, Input)
        return True

    def action_help(self) -> None:
        """Show every key."""
        from krafter_tui.ui.screens.help import HelpScreen  # on ?, not before the first frame

        self.app.push_screen(HelpScreen((*DASHBOARD_COMMANDS, *APP_COMMANDS)))
